"""Search in a real browser: Pagefind's UI over a built site served over real HTTP."""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote

import pytest

from tests.conftest import CONFIG, build, post, write_files
from tests.test_browser import launch, require_browser

pytestmark = pytest.mark.browser

#: In exactly one post body; the other posts share every other word with it.
WORD = "碳酸锂"


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def served_search_site(tmp_path: Path) -> Iterator[str]:
    body = "<p>新能源汽车产业链价格本周继续调整，市场关注{word}与电池材料的供需变化。</p>\n"
    files = {"_config.yml": CONFIG + "search: pagefind\n"}
    for number in range(6):
        files[f"content/_posts/2022-05-2{number}-p{number}.md"] = post(
            f"产业观察第{number}期",
            date=f"2022-05-2{number} 10:00:00 +0800",
            body=body.format(word=WORD if number == 3 else "钴镍"),
        )
    site = write_files(tmp_path / "site", files)
    result = build(site)
    assert result.errors == ()
    handler = functools.partial(_QuietHandler, directory=str(site / "_site"))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_a_chinese_word_in_one_post_finds_that_post_only(served_search_site: str) -> None:
    chromium = require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch(playwright, chromium)
        try:
            page = browser.new_page()
            page.goto(served_search_site + "/")
            page.fill("form.site-search input[name=q]", WORD)
            page.click("form.site-search button")
            page.wait_for_url("**/search/?q=*")
            results = page.locator(".pagefind-ui__result-link")
            results.first.wait_for(timeout=20_000)
            # The count line appears once the search is complete, so a second hit would show.
            page.locator(".pagefind-ui__message").wait_for()
            assert "1" in page.locator(".pagefind-ui__message").inner_text()
            links = results.evaluate_all("nodes => nodes.map(node => node.getAttribute('href'))")
            assert links == ["/xinjingbao/2022/05/23/p3.html"] or links == [
                quote("/xinjingbao/2022/05/23/p3.html")
            ]
            assert results.first.inner_text() == "产业观察第3期"
        finally:
            browser.close()
