"""Small things a reader of the news theme sees: where a tag's posts come from, one way
home on an empty category, and a search box on the 404 page."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup

from tests.conftest import CONFIG, build, post, write_files


def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_a_tag_listing_names_each_posts_category(tmp_path: Path) -> None:
    files = {
        "_config.yml": CONFIG + "category_titles:\n  caixin: 财新\n",
        "content/_posts/2022-05-20-a.md": post("甲", categories="caixin", tags="锂电"),
        "content/_posts/2022-05-21-b.md": post("乙", date="2022-05-21 10:00:00 +0800", tags="锂电"),
    }
    site = write_files(tmp_path / "site", files)
    assert build(site).errors == ()
    tag = _soup(next((site / "_site/tag").glob("*.html")))
    names = [link.get_text() for link in tag.select(".post-list .post-category")]
    assert len(names) == 2 and "财新" in names, names


def test_an_empty_category_offers_home_once(tmp_path: Path) -> None:
    files = {
        "_config.yml": CONFIG,
        "content/category/kong.md": "---\nlayout: category\ntitle: 空栏目\ncategory: kong\n---\n",
        "content/_posts/2022-05-20-a.md": post("甲"),
    }
    site = write_files(tmp_path / "site", files)
    build(site)
    for page in (site / "_site/category").glob("*.html"):
        soup = _soup(page)
        if soup.select(".empty-listing"):
            assert [a.get_text() for a in soup.select("main a")].count("返回首页") == 1
            break
    else:
        raise AssertionError("no empty category page was built")


def test_the_404_page_offers_the_search_box_when_search_is_on(tmp_path: Path) -> None:
    files = {"_config.yml": CONFIG + "search: pagefind\n", "content/_posts/2022-05-20-a.md": post("甲")}
    site = write_files(tmp_path / "site", files)
    assert build(site).errors == ()
    soup = _soup(site / "_site/404.html")
    assert len(soup.select("form.site-search")) == 1
    assert soup.select("main form.site-search")
