"""Structural tests of the bundled example site (`_config.yml` + `content/`)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote

import pytest
from bs4 import BeautifulSoup

from sitegen.check.links import check_site
from tests.conftest import PROJECT_ROOT, attr, build, select_first


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    destination = tmp_path_factory.mktemp("example") / "_site"
    result = build(PROJECT_ROOT, destination=destination)
    assert result.errors == (), result.errors
    return destination


def post_sources() -> list[Path]:
    return sorted((PROJECT_ROOT / "content/_posts").iterdir())


def post_pages(site: Path) -> list[Path]:
    return sorted(
        p
        for p in site.rglob("*.html")
        if p.parts[len(site.parts)] not in ("category", "tag", "about")
        and p.name not in ("index.html", "404.html")
    )


def test_example_site_is_the_size_the_readme_promises() -> None:
    sources = post_sources()
    assert len(sources) >= 30
    text = "".join(p.read_text(encoding="utf-8") for p in sources)
    assert "categories: xinjingbao" in text and "新京报新闻" in text


def test_every_published_post_has_a_page(built: Path) -> None:
    published = [p for p in post_sources() if "published: false" not in p.read_text(encoding="utf-8")]
    assert len(post_pages(built)) == len(published)


def test_every_post_page_has_both_back_links_and_they_resolve(built: Path) -> None:
    for page in post_pages(built):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        nav = soup.select(".back-links a")
        texts = [a.get_text() for a in nav]
        assert len(texts) == 2 and texts[0].startswith("返回") and texts[1] == "返回首页", page
        for link in nav:
            target = built / unquote(attr(link, "href")).lstrip("/")
            assert target.is_file() or (target / "index.html").is_file(), (page, link["href"])
        assert not [a for a in soup.select(".post-body a") if a.get_text().startswith("返回")], page


def test_every_internal_link_resolves(built: Path) -> None:
    report = check_site(built, site_url="https://news.example.com")
    assert report.ok, report.broken
    assert report.links_checked > 200


def test_category_tag_home_and_page_exist(built: Path) -> None:
    for relative in [
        "index.html",
        "category/xinjingbao.html",
        "category/zhanwu.html",
        "tag/新京报新闻.html",
        "about/index.html",
        "assets/logo.svg",
        "assets/sitegen.css",
    ]:
        assert (built / relative).is_file(), relative
    zhanwu = BeautifulSoup((built / "category/zhanwu.html").read_text(encoding="utf-8"), "html.parser")
    assert select_first(zhanwu, "h1").get_text() == "站务公告"
