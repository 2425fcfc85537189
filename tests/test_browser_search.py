"""Search in a real browser: Pagefind's UI over a built site served over real HTTP."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

from tests.conftest import CONFIG, PROJECT_ROOT, build, post, served_folder, write_files
from tests.test_browser import launch, require_browser

pytestmark = pytest.mark.browser

#: In exactly one post body; the other posts share every other word with it.
WORD = "碳酸锂"


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
    with served_folder(site / "_site") as base:
        yield base


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


#: Searches every 2-4 character word (as the browser cuts them) of the posts' titles and
#: bodies through the search page's own query function, and compares the hits with the
#: posts whose title or body contains the word.
_RECALL_SCRIPT = """async (postUrls) => {
  const pagefind = await import('/pagefind/pagefind.js');
  const texts = {};
  for (const url of postUrls) {
    const doc = new DOMParser().parseFromString(await fetch(url).then(r => r.text()), 'text/html');
    const title = doc.querySelector('h1.post-title').textContent;
    texts[url] = title + '\\n' + doc.querySelector('.post-body').textContent;
  }
  const words = new Set();
  const segmenter = new Intl.Segmenter('zh', {granularity: 'word'});
  for (const url of postUrls) {
    for (const piece of segmenter.segment(texts[url])) {
      if (/^[\\u4e00-\\u9fff]{2,4}$/.test(piece.segment)) words.add(piece.segment);
    }
  }
  const wrong = [];
  for (const word of [...words].sort()) {
    const found = await pagefind.search(sitegenSearchTerm(word));
    const got = (await Promise.all(found.results.map(r => r.data()))).map(d => decodeURI(d.url)).sort();
    const want = postUrls.filter(url => texts[url].includes(word)).sort();
    if (JSON.stringify(got) !== JSON.stringify(want)) wrong.push([word, want.length, got.length]);
  }
  return {words: words.size, wrong: wrong};
}"""


def _post_urls(site: Path) -> list[str]:
    return sorted(
        "/" + page.relative_to(site).as_posix()
        for page in site.rglob("*.html")
        if "data-pagefind-body" in page.read_text(encoding="utf-8")
    )


def test_every_chinese_word_of_the_example_site_finds_exactly_the_posts_containing_it(
    tmp_path: Path,
) -> None:
    """Pagefind cuts Chinese with one dictionary when indexing and the browser with
    another when searching; one word per character on both sides makes them agree."""
    chromium = require_browser()
    from playwright.sync_api import sync_playwright

    site = tmp_path / "site"
    shutil.copytree(PROJECT_ROOT / "content", site / "content")
    config = (PROJECT_ROOT / "_config.yml").read_text(encoding="utf-8")
    (site / "_config.yml").write_text(config + "\nsearch: pagefind\n", encoding="utf-8")
    result = build(site)
    assert result.errors == ()
    with served_folder(site / "_site") as base, sync_playwright() as playwright:
        browser = launch(playwright, chromium)
        try:
            page = browser.new_page()
            page.goto(base + "/search/")
            outcome = page.evaluate(_RECALL_SCRIPT, _post_urls(site / "_site"))
        finally:
            browser.close()
    # Measured: 2 of 725 words miss (README, "Search"); allow 1%.
    assert outcome["words"] > 500
    assert len(outcome["wrong"]) <= outcome["words"] // 100, outcome["wrong"]


def test_a_word_only_in_another_posts_title_does_not_find_this_post(tmp_path: Path) -> None:
    """Related headlines and the source line are on the page but not in the index."""
    chromium = require_browser()
    from playwright.sync_api import sync_playwright

    files = {"_config.yml": CONFIG + "search: pagefind\n"}
    titles = ["锂电池扩产", "光伏组件降价", "储能订单增长"]
    for number, title in enumerate(titles):
        files[f"content/_posts/2022-05-2{number}-p{number}.md"] = post(
            title, date=f"2022-05-2{number} 10:00:00 +0800", body="<p>市场关注供需变化。</p>\n"
        )
    site = write_files(tmp_path / "site", files)
    assert build(site).errors == ()
    related = (site / "_site/xinjingbao/2022/05/22/p2.html").read_text(encoding="utf-8")
    assert "锂电池扩产" in related  # the other headline is on the page
    with served_folder(site / "_site") as base, sync_playwright() as playwright:
        browser = launch(playwright, chromium)
        try:
            page = browser.new_page()
            page.goto(base + "/search/")
            found = page.evaluate(
                """async (words) => {
                      const pagefind = await import('/pagefind/pagefind.js');
                      const out = {};
                      for (const word of words) {
                        const hits = await pagefind.search(sitegenSearchTerm(word));
                        out[word] = (await Promise.all(hits.results.map(r => r.data()))).map(d => d.url);
                      }
                      return out;
                    }""",
                ["锂电池", "光伏", "储能", "新京报"],
            )
        finally:
            browser.close()
    assert found == {
        "锂电池": ["/xinjingbao/2022/05/20/p0.html"],
        "光伏": ["/xinjingbao/2022/05/21/p1.html"],
        "储能": ["/xinjingbao/2022/05/22/p2.html"],
        "新京报": [],
    }
