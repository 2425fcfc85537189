"""The category directory's filter box in a real browser, at a phone's width: typing a
title's characters or its pinyin initials narrows 2,000 entries to the few that match."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.conftest import CONFIG, build, post, served_folder, write_files
from tests.test_browser import launch, require_browser

pytestmark = pytest.mark.browser

TITLES = {
    "caijing": "财经快讯",
    "emnews": "东财滚动新闻",
    "caixin": "财新",
    "xinjingbao": "新京报新闻",
    "sj21": "21世纪经济报道",
    "chongqing": "重庆晨报",
}


@pytest.fixture(scope="module")
def directory_page(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    files = {"_config.yml": CONFIG}
    for day, (name, title) in enumerate(TITLES.items(), start=1):
        files[f"content/_posts/2022-05-{day:02d}-{name}.md"] = post(categories=name, tags=title)
    site = write_files(tmp_path_factory.mktemp("directory-filter") / "site", files)
    assert build(site).errors == ()
    chromium = require_browser()
    with served_folder(site / "_site") as base, sync_playwright() as playwright:
        browser = launch(playwright, chromium)
        page = browser.new_page(viewport={"width": 390, "height": 844})
        page.goto(f"{base}/category/")
        yield page
        browser.close()


def _shown(page: Any) -> list[str]:
    return sorted(page.locator(".directory-list li:visible > a:first-child").all_inner_texts())


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("财", ["东财滚动新闻", "财新", "财经快讯"]),
        ("cj", ["财经快讯"]),
        ("CQ", ["重庆晨报"]),
        ("xinjing", ["新京报新闻"]),
        ("21", ["21世纪经济报道"]),
        ("", sorted(TITLES.values())),
    ],
)
def test_the_filter_narrows_the_directory_on_a_phone(
    directory_page: Any, typed: str, shown: list[str]
) -> None:
    box = directory_page.locator("#directory-filter")
    assert box.is_visible()
    box.fill(typed)
    assert _shown(directory_page) == sorted(shown)
    # A group with nothing left shows no empty heading, and nothing scrolls sideways.
    headings = directory_page.locator(".directory-group:visible h2").count()
    assert headings == directory_page.evaluate(
        "[...document.querySelectorAll('.directory-group')]"
        ".filter(g => g.querySelector('li:not([hidden])')).length"
    )
    assert directory_page.evaluate("document.documentElement.scrollWidth") <= 390


def test_the_current_section_is_scrolled_into_the_phone_top_bar(directory_page: Any) -> None:
    """The directory's entry is the bar's last, past a phone's width: it is brought into view."""
    current = directory_page.locator("nav.sections [aria-current]")
    box, bar = current.bounding_box(), directory_page.locator("nav.sections").bounding_box()
    assert box is not None and bar is not None
    assert box["x"] >= bar["x"] and box["x"] + box["width"] <= bar["x"] + bar["width"]
