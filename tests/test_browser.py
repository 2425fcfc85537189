"""End to end in a real browser: Debian's Chromium, headless, driven by Playwright.

`sitegen serve --watch` runs as a user would start it; the test clicks the back links
and then edits the post on disk and waits for the open page to reload by itself.
In CI these tests must run: a missing browser there is a failure, not a skip.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.conftest import CONFIG, post, sitegen_serve, write_files

if TYPE_CHECKING:  # Playwright is optional: without it these tests skip
    from playwright.sync_api import Browser, Playwright

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def require_browser() -> str:
    if CHROMIUM is None or not _has_playwright():
        if os.environ.get("CI"):
            pytest.fail("Chromium and Playwright must be installed in CI (.ci/run installs them)")
        pytest.skip("Chromium or Playwright is not installed")
    return CHROMIUM


#: Chromium's flags on a machine with no network beyond the package registries.
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def launch(playwright: Playwright, chromium: str) -> Browser:
    """Debian's headless Chromium, through Playwright."""
    return playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_FLAGS)


def _has_playwright() -> bool:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return False
    return True


@pytest.fixture
def served_site(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    site = write_files(
        tmp_path / "site",
        {
            "_config.yml": CONFIG,
            "content/_posts/2022-05-27-NW1.md": post(
                "京东618图个啥？",
                body="<p>正文。</p>\n\n[返回新京报新闻](//finews.example.com/category/xinjingbao.html)｜"
                "[返回首页](//finews.example.com/)\n",
            ),
            "content/_posts/2022-05-26-NW0.md": post("另一篇", date="2022-05-26 10:00:00 +0800"),
        },
    )
    with sitegen_serve(site) as base:
        yield base, site


def test_click_back_links_then_see_an_edit_reload_the_page(served_site: tuple[str, Path]) -> None:
    chromium = require_browser()
    from playwright.sync_api import expect, sync_playwright

    base, site = served_site
    with sync_playwright() as playwright:
        browser = launch(playwright, chromium)
        try:
            page = browser.new_page()
            page.goto(base + "/xinjingbao/2022/05/27/NW1.html")
            expect(page.locator("h1")).to_have_text("京东618图个啥？")

            page.get_by_role("link", name="返回新京报新闻").click()
            page.wait_for_url(base + "/category/xinjingbao.html")
            expect(page.locator("h1")).to_have_text("新京报新闻")

            page.get_by_role("link", name="返回首页").click()
            page.wait_for_url(base + "/")
            expect(page.locator(".latest a").first).to_have_text("京东618图个啥？")

            page.goto(base + "/xinjingbao/2022/05/27/NW1.html")
            expect(page.locator("h1")).to_have_text("京东618图个啥？")
            page.wait_for_timeout(300)  # let the page's event stream connect
            source = site / "content/_posts/2022-05-27-NW1.md"
            source.write_text(
                source.read_text(encoding="utf-8").replace("京东618图个啥？", "标题改了"), encoding="utf-8"
            )
            expect(page.locator("h1")).to_have_text("标题改了", timeout=15_000)
        finally:
            browser.close()


def test_broken_yaml_shows_an_overlay_and_fixing_it_clears_it(served_site: tuple[str, Path]) -> None:
    chromium = require_browser()
    from playwright.sync_api import expect, sync_playwright

    base, site = served_site
    with sync_playwright() as playwright:
        browser = launch(playwright, chromium)
        try:
            page = browser.new_page()
            page.goto(base + "/xinjingbao/2022/05/27/NW1.html")
            page.wait_for_timeout(300)
            source = site / "content/_posts/2022-05-27-NW1.md"
            good = source.read_text(encoding="utf-8")
            source.write_text(
                good.replace('title: "京东618图个啥？"', 'title: "坏的"引号"'), encoding="utf-8"
            )
            overlay = page.get_by_text("2022-05-27-NW1.md:3")
            expect(overlay).to_be_visible(timeout=15_000)
            expect(page.locator("h1")).to_have_text("京东618图个啥？")  # last good page still shown
            source.write_text(good.replace("京东618图个啥？", "修好了"), encoding="utf-8")
            expect(page.locator("h1")).to_have_text("修好了", timeout=15_000)
            expect(overlay).to_have_count(0)
        finally:
            browser.close()


def test_a_template_or_partial_edit_reloads_every_open_page_that_uses_it(tmp_path: Path) -> None:
    """A site's own base.html and partial, edited while pages are open: each open page
    that uses the edited template reloads by itself and shows the change."""
    chromium = require_browser()
    from playwright.sync_api import expect, sync_playwright

    from sitegen.theme import default_theme_dir

    theme = default_theme_dir()
    site = write_files(
        tmp_path / "site",
        {
            "_config.yml": CONFIG,
            "content/_posts/2022-05-27-NW1.md": post("京东618图个啥？"),
            "templates/base.html": (theme / "base.html")
            .read_text(encoding="utf-8")
            .replace("</footer>", '<p id="mark">页脚一</p></footer>'),
            "templates/_back_links.html": (theme / "_back_links.html").read_text(encoding="utf-8")
            + '<p id="partial">部件一</p>\n',
        },
    )
    with sitegen_serve(site) as base, sync_playwright() as playwright:
        browser = launch(playwright, chromium)
        try:
            post_page = browser.new_page()
            post_page.goto(base + "/xinjingbao/2022/05/27/NW1.html")
            listing = browser.new_page()
            listing.goto(base + "/category/xinjingbao.html")
            for page in (post_page, listing):
                expect(page.locator("#mark")).to_have_text("页脚一")
            post_page.wait_for_timeout(300)  # let the pages' event streams connect

            base_template = site / "templates/base.html"
            base_template.write_text(
                base_template.read_text(encoding="utf-8").replace("页脚一", "页脚二"), encoding="utf-8"
            )
            for page in (post_page, listing):
                expect(page.locator("#mark")).to_have_text("页脚二", timeout=15_000)

            partial = site / "templates/_back_links.html"
            partial.write_text(
                partial.read_text(encoding="utf-8").replace("部件一", "部件二"), encoding="utf-8"
            )
            expect(post_page.locator("#partial")).to_have_text("部件二", timeout=15_000)
        finally:
            browser.close()
