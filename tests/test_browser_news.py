"""The news theme in a real browser: no page kind scrolls sideways on a phone, the
section bar is there to reach, and the home page uses the width of a desktop screen.

The example site is built into a temporary folder and served by a small static server
in this process (not `sitegen serve`), so the test reads exactly what a build writes.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import CONFIG, PROJECT_ROOT, build, post, served_folder, write_files
from tests.test_browser import launch, require_browser

pytestmark = pytest.mark.browser

#: One page of each kind in the example site.
PAGE_KINDS = {
    "home": "/",
    "post": "/keji/2026/03/10/guangfu-zujian.html",
    "category": "/category/keji.html",
    "directory": "/category/",
    "tag": "/tag/%E6%96%B0%E8%83%BD%E6%BA%90.html",
    "archive": "/archive/",
    "month": "/archive/2026/03/",
    "page": "/about/",
    "404": "/404.html",
}


@pytest.fixture(scope="module")
def example_base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    destination = tmp_path_factory.mktemp("news-browser") / "_site"
    result = build(PROJECT_ROOT, destination=destination)
    assert result.errors == (), result.errors
    with served_folder(destination) as base:
        yield base


@pytest.fixture(scope="module")
def browser(example_base: str) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    chromium = require_browser()
    with sync_playwright() as playwright:
        instance = launch(playwright, chromium)
        try:
            yield instance
        finally:
            instance.close()


@pytest.mark.parametrize("kind", sorted(PAGE_KINDS))
def test_no_page_kind_scrolls_sideways_on_a_phone(browser: Any, example_base: str, kind: str) -> None:
    page = browser.new_page(viewport={"width": 390, "height": 844})
    try:
        response = page.goto(example_base + PAGE_KINDS[kind])
        assert response is not None and response.ok
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        bar = page.locator("nav.sections")
        assert bar.is_visible()
        # The bar itself scrolls: its last entry, the directory, can be reached.
        last = bar.locator("li").last
        last.scroll_into_view_if_needed()
        assert last.is_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
    finally:
        page.close()


def _columns(page: Any) -> int:
    """How many distinct left edges the home page's blocks start at."""
    lefts = page.evaluate(
        "[...document.querySelectorAll('.latest, .home-section')]"
        ".map(e => Math.round(e.getBoundingClientRect().left))"
    )
    return len(set(lefts))


def test_home_uses_several_columns_on_a_desktop_and_one_on_a_phone(browser: Any, example_base: str) -> None:
    desktop = browser.new_page(viewport={"width": 1280, "height": 900})
    phone = browser.new_page(viewport={"width": 390, "height": 844})
    try:
        desktop.goto(example_base + "/")
        phone.goto(example_base + "/")
        assert _columns(desktop) > 1
        assert _columns(phone) == 1
    finally:
        desktop.close()
        phone.close()


def test_an_image_that_fails_to_load_is_hidden(browser: Any, tmp_path: Path, example_base: str) -> None:
    page = browser.new_page()
    try:
        page.goto(example_base + PAGE_KINDS["post"])
        page.evaluate(
            "() => new Promise(done => { const img = document.createElement('img');"
            " img.onerror = () => setTimeout(done, 0); img.src = '/no-such-image.png';"
            " document.querySelector('.post-body').append(img); })"
        )
        assert (
            page.evaluate("getComputedStyle(document.querySelector('.post-body img:last-child')).display")
            == "none"
        )
    finally:
        page.close()


#: A category name as long as the crawler's longest, with no break opportunity in it.
LONG_TITLE = "东方财富网全球宏观经济与大宗商品期货市场滚动快讯精选频道"


@pytest.fixture(scope="module")
def long_title_base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    files = {"_config.yml": CONFIG + f"search: pagefind\ncategory_titles:\n  changchang: {LONG_TITLE}\n"}
    for number in range(8):
        files[f"content/_posts/2022-05-2{number}-p{number}.md"] = post(
            f"第{number}条：央行开展逆回购操作维护流动性合理充裕",
            date=f"2022-05-2{number} 10:00:00 +0800",
            categories="changchang" if number % 2 else "xinjingbao",
            tags=f"tag{number % 3}",
        )
    site = write_files(tmp_path_factory.mktemp("long-titles") / "site", files)
    assert build(site).errors == ()
    with served_folder(site / "_site") as base:
        yield base


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("path", ["/", "/tag/tag1.html"])
def test_a_long_category_name_never_squeezes_headlines(
    browser: Any, long_title_base: str, width: int, path: str
) -> None:
    page = browser.new_page(viewport={"width": width, "height": 900})
    try:
        page.goto(long_title_base + path)
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        # A 24-character headline takes one line on a desktop and at most three on a phone,
        # where a squeezed one took a line per character.
        lines = page.evaluate(
            "[...document.querySelectorAll('.post-list li > a, .post-item > a')].map(a =>"
            " a.getBoundingClientRect().height / parseFloat(getComputedStyle(a).lineHeight))"
        )
        assert lines and max(lines) <= (1.5 if width > 600 else 3.5), lines
        assert LONG_TITLE in page.content()
    finally:
        page.close()


def test_the_search_box_is_finger_sized_and_does_not_zoom_a_phone(browser: Any, long_title_base: str) -> None:
    page = browser.new_page(viewport={"width": 390, "height": 844})
    try:
        page.goto(long_title_base + "/")
        box = page.locator("header form.site-search")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        assert box.locator("input").evaluate("e => parseFloat(getComputedStyle(e).fontSize)") >= 16
        sizes = [box.locator(part).bounding_box() for part in ("input", "button")]
        assert all(size is not None and size["height"] >= 44 for size in sizes), sizes
        assert sizes[0] is not None and sizes[0]["width"] >= 200
    finally:
        page.close()


@pytest.mark.parametrize("width", [390, 1280])
def test_no_headline_time_spills_out_of_its_row(browser: Any, example_base: str, width: int) -> None:
    page = browser.new_page(viewport={"width": width, "height": 900})
    try:
        page.goto(example_base + "/")
        spilled = page.evaluate(
            "[...document.querySelectorAll('.headlines li')].filter(li =>"
            " li.querySelector('time').getBoundingClientRect().right"
            " > li.getBoundingClientRect().right + 1).length"
        )
        assert spilled == 0
    finally:
        page.close()
