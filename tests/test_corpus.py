"""The user's real Jekyll sample builds at Jekyll's URLs, with every link resolving.

Reads `../shared/corpus/finews` (verbatim Jekyll source and the list of URLs Jekyll 4.3
published from it). Skipped only where that folder is absent; CI always has it.

Where sitegen differs from Jekyll, on purpose:
- `2021-12-08-202112082206703990.md` has a blank line before its front matter. Jekyll
  then ignores the front matter and publishes raw text at
  `/2021/12/08/202112082206703990.html`; sitegen warns and publishes the post where its
  front matter puts it, `/emnews/2021/12/08/202112082206703990.html`, and keeps
  Jekyll's URL as a redirect page to it.
- `emnews.md` is a Liquid page; sitegen does not run Liquid, warns, and serves its URL
  `/emnews/` with its own listing of category emnews.
- sitegen adds pages Jekyll's sample had no template for: the home page, tag pages and a
  listing for each category without a stub page (`/category/sitenews.html`). It never
  publishes a post Jekyll would not.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from sitegen.build import BuildResult
from sitegen.check.links import check_site
from tests.conftest import SHARED_CORPUS, attr, build, select_first

pytestmark = [
    pytest.mark.corpus,
    pytest.mark.skipif(
        not SHARED_CORPUS.is_dir(), reason="the shared finews corpus is not beside the project"
    ),
]

MISREAD_BY_JEKYLL = "/2021/12/08/202112082206703990.html"
CORRECTED = "/emnews/2021/12/08/202112082206703990.html"
PAGED = re.compile(r"/page/\d+(?:/index)?\.html$")


def jekyll_html_urls() -> set[str]:
    urls = (SHARED_CORPUS / "jekyll-urls.txt").read_text(encoding="utf-8").splitlines()
    return {url + "index.html" if url.endswith("/") else url for url in urls if url.endswith((".html", "/"))}


def published_html(site: Path) -> set[str]:
    return {"/" + p.relative_to(site).as_posix() for p in site.rglob("*.html")}


@pytest.fixture(scope="module")
def corpus_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, BuildResult]:
    scratch = tmp_path_factory.mktemp("finews")
    destination = scratch / "_site"
    # The corpus is read-only test data: the build's cache goes to scratch, never into it.
    result = build(SHARED_CORPUS, destination=destination, cache_dir=scratch / "cache")
    assert not (SHARED_CORPUS / ".sitegen-cache").exists()
    return destination, result


def test_every_jekyll_page_is_published_at_the_same_url(corpus_build: tuple[Path, BuildResult]) -> None:
    site, _ = corpus_build
    expected = jekyll_html_urls() | {CORRECTED}
    missing = expected - published_html(site)
    assert not missing


def test_nothing_jekyll_did_not_publish_except_sitegens_own_listings(
    corpus_build: tuple[Path, BuildResult],
) -> None:
    site, _ = corpus_build
    extra = published_html(site) - jekyll_html_urls() - {CORRECTED}
    redirect = (site / MISREAD_BY_JEKYLL.lstrip("/")).read_text(encoding="utf-8")
    assert f'http-equiv="refresh" content="0; url={CORRECTED}"' in redirect
    # Also sitegen's own: the 404 page, the date archive and later pages of listings.
    own = {url for url in extra if url.startswith("/archive/") or PAGED.search(url)} | {"/404.html"}
    unexpected = {
        url for url in extra - own if not url.startswith(("/tag/", "/category/")) and url != "/index.html"
    }
    assert unexpected == set()
    assert {url for url in extra - own if url.startswith("/category/")} == {
        "/category/sitenews.html",
        "/category/index.html",  # the category directory
    }


def test_post_pages_are_exactly_jekylls_posts(corpus_build: tuple[Path, BuildResult]) -> None:
    site, result = corpus_build
    jekyll_posts = {url for url in jekyll_html_urls() if url.count("/") == 5} - {MISREAD_BY_JEKYLL} | {
        CORRECTED
    }
    ours = {url for url in published_html(site) if url.count("/") == 5} - {MISREAD_BY_JEKYLL}
    assert ours == jekyll_posts
    assert result.posts == len(jekyll_posts) == 68


def test_sitegen_check_finds_no_broken_internal_link(corpus_build: tuple[Path, BuildResult]) -> None:
    site, _ = corpus_build
    report = check_site(site, site_url="https://finews.withounder.com")
    assert report.ok, report.broken
    assert report.links_checked > 110


def test_relative_back_links_are_replaced_by_resolving_ones(corpus_build: tuple[Path, BuildResult]) -> None:
    site, _ = corpus_build
    page = BeautifulSoup(
        (site / "emnews/2021/12/08/202112082206672930.html").read_text(encoding="utf-8"), "html.parser"
    )
    assert [(a.get_text(), a["href"]) for a in page.select(".back-links a")] == [
        ("返回东财滚动新闻", "/category/emnews.html"),
        ("返回首页", "/"),
    ]
    assert not [a for a in page.select(".post-body a") if attr(a, "href").startswith("..")]


def test_warnings_name_each_odd_file(corpus_build: tuple[Path, BuildResult]) -> None:
    _, result = corpus_build
    messages = [str(d) for d in result.warnings]
    assert any("-202205262391921712.md" in m and "not a post" in m for m in messages)
    assert any("2021-12-08-202112082206703990.md:1:" in m and "blank line" in m for m in messages)
    liquid = [m for m in messages if "emnews.md" in m and "Liquid" in m]
    assert len(liquid) == 1 and "/emnews/" in liquid[0]
    assert result.errors == ()


def test_liquid_page_url_serves_the_category_listing(corpus_build: tuple[Path, BuildResult]) -> None:
    site, _ = corpus_build
    page = BeautifulSoup((site / "emnews/index.html").read_text(encoding="utf-8"), "html.parser")
    assert "{%" not in page.get_text()
    # 66 posts, 50 a page (`paginate`): fewer than two full pages stay on the listing's URL.
    assert len(page.select(".post-list li")) == 66
    assert not (site / "emnews/page").exists()


def test_stub_pages_give_titles_and_keep_their_urls(corpus_build: tuple[Path, BuildResult]) -> None:
    site, _ = corpus_build
    emnews = BeautifulSoup((site / "category/emnews.html").read_text(encoding="utf-8"), "html.parser")
    assert select_first(emnews, "h1").get_text() == "东财滚动新闻"  # its stub's title is only "Emnews"
    stub = BeautifulSoup((site / "category/xinjingbao.html").read_text(encoding="utf-8"), "html.parser")
    assert select_first(stub, "h1").get_text() == "新京报新闻"
    assert len(stub.select(".post-list li")) == 1
    spaced = site / "category/21shijijingjibaodao 21caijingAPP.html"
    assert (
        select_first(BeautifulSoup(spaced.read_text(encoding="utf-8"), "html.parser"), "h1").get_text()
        == "世界金属导报新闻"
    )
    assert (site / "category/anxinguojizhengquan(xianggang).html").is_file()


def test_the_corpus_with_category_dirs_builds_strictly_with_every_link_resolving(tmp_path: Path) -> None:
    """`category_dirs: true` (old `/emnews/` links kept) on the user's tree: the Liquid
    listing page `emnews.md`, served by the category's listing at `/emnews/`, was refused
    as replacing that category's folder redirect, and `--strict` published nothing."""
    source = tmp_path / "finews"
    shutil.copytree(SHARED_CORPUS, source)
    config = source / "_config.yml"
    config.write_text(config.read_text(encoding="utf-8") + "\ncategory_dirs: true\n", encoding="utf-8")
    result = build(source, destination=tmp_path / "out", strict=True)
    assert result.published and result.errors == ()
    assert "http-equiv" not in (tmp_path / "out/emnews/index.html").read_text(encoding="utf-8")
    assert (tmp_path / "out/xinjingbao/index.html").is_file()  # a folder redirect
    assert check_site(tmp_path / "out", site_url="https://finews.withounder.com", jobs=1).ok


def test_broken_yaml_post_is_reported_and_never_published(tmp_path: Path) -> None:
    source = tmp_path / "finews"
    shutil.copytree(SHARED_CORPUS, source)
    bad = source / "_posts/2022-05-28-bad.md"
    bad.write_text(
        '---\nlayout: post\ntitle: "他说"好"就好"\ndate: 2022-05-28 10:00:00 +0800\n'
        "categories: xinjingbao\n---\n<p>x</p>\n",
        encoding="utf-8",
    )
    result = build(source, destination=tmp_path / "out")
    assert [str(e) for e in result.errors] == [
        str(e) for e in result.errors if "2022-05-28-bad.md:3:" in str(e)
    ]
    assert len(result.errors) == 1
    assert result.posts == 68
    assert not list((tmp_path / "out").rglob("bad.html"))


@pytest.mark.parametrize(
    "source",
    sorted(SHARED_CORPUS.glob("_posts/2*.md")) if SHARED_CORPUS.is_dir() else [],
    ids=lambda p: p.name,
)
def test_fast_markdown_engine_reads_real_posts_as_python_markdown_does(source: Path) -> None:
    """markdown-it-py is the default for speed; on the user's posts it must show the same
    text, links and images as Python-Markdown, the engine the user named."""
    import re

    from sitegen.content.front_matter import decode_source, parse_source
    from sitegen.content.markup import render_body

    body = parse_source(decode_source(source.read_bytes(), source), source).body
    fast, reference = (
        BeautifulSoup(render_body(body, ".md", engine), "html.parser")
        for engine in ("markdown-it", "python-markdown")
    )
    assert re.sub(r"\s+", "", fast.get_text()) == re.sub(r"\s+", "", reference.get_text())
    assert [a.get("href") for a in fast.find_all("a")] == [a.get("href") for a in reference.find_all("a")]
    assert [i.get("src") for i in fast.find_all("img")] == [i.get("src") for i in reference.find_all("img")]
