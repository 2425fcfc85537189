"""The news site's shape: sections, category directory, front page, post source line,
related posts and empty categories."""

from __future__ import annotations

import html
import tempfile
from dataclasses import replace
from pathlib import Path

from bs4 import BeautifulSoup
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from sitegen.config import SiteConfig
from sitegen.content.source_link import split_source_line
from sitegen.site.sections import section_names
from tests.conftest import CONFIG, SiteFactory, build, post, write_files


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def posts_in(counts: dict[str, int]) -> dict[str, str]:
    """`counts[name]` posts in category `name`, on distinct days of May 2022."""
    files = {}
    day = 1
    for name, count in counts.items():
        for number in range(count):
            files[f"content/_posts/2022-05-{day:02d}-{name}{number}.md"] = post(
                f"{name}第{number}篇", date=f"2022-05-{day:02d} 08:00:00 +0800", categories=name, tags=name
            )
            day += 1
    return files


def section_texts(page: Path) -> list[str]:
    return [a.get_text() for a in soup(page).select(".sections li a")]


def test_sections_default_to_the_largest_categories(make_site: SiteFactory) -> None:
    site = make_site({"_config.yml": CONFIG + "nav_size: 2\n", **posts_in({"a": 1, "b": 3, "c": 2})})
    build(site)
    for page in ("index.html", "category/a.html", "404.html"):
        assert section_texts(site / "_site" / page) == ["首页", "b", "c", "全部栏目 »"]


def test_nav_names_the_sections_in_order_and_warns_of_unknown_ones(make_site: SiteFactory) -> None:
    config = CONFIG + "nav: [a, nosuch, c]\n"
    site = make_site({"_config.yml": config, **posts_in({"a": 1, "b": 3, "c": 2})})
    result = build(site)
    assert section_texts(site / "_site/index.html") == ["首页", "a", "c", "全部栏目 »"]
    assert any("'nosuch'" in warning.message for warning in result.warnings)


def test_directory_lists_every_category_with_count_date_and_feed(make_site: SiteFactory) -> None:
    site = make_site({"_config.yml": CONFIG, **posts_in({"beta": 2, "alpha": 1, "9x": 1, "新闻": 1})})
    build(site)
    directory = soup(site / "_site/category/index.html")
    assert [h2.get_text() for h2 in directory.select(".directory h2")] == ["A", "B", "X", "0-9"]
    entry = directory.select_one("#g-B + ul li")
    assert entry is not None
    assert entry.a is not None and entry.a["href"] == "/category/beta.html"
    assert "2 篇 · 2022-05-02" in entry.get_text()
    assert entry.select_one("a.feed")["href"] == "/feed/beta.xml"  # type: ignore[index]
    assert soup(site / "_site/index.html").select_one('footer a[href="/category/"]') is not None
    assert "/category/</loc>" in (site / "_site/sitemap.xml").read_text(encoding="utf-8")


@settings(max_examples=8, deadline=None)
@given(
    counts=st.lists(st.integers(0, 6), min_size=1, max_size=4),
    home_posts=st.integers(1, 6),
    per_section=st.integers(1, 4),
)
def test_no_headline_is_shown_twice_on_the_home_page(
    counts: list[int], home_posts: int, per_section: int
) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        files = posts_in({f"c{index}": count for index, count in enumerate(counts)})
        # A post in two categories must not show up in both sections either.
        files["content/_posts/2022-06-01-both.md"] = post(
            "两栏", date="2022-06-01 08:00:00 +0800", categories="[c0, c1]"
        )
        config = CONFIG + f"home_posts: {home_posts}\nhome_per_category: {per_section}\n"
        site = write_files(Path(scratch) / "site", {"_config.yml": config, **files})
        build(site)
        home = soup(site / "_site/index.html")
        hrefs = [a["href"] for a in home.select(".front .headlines li > a")]
        assert hrefs and len(hrefs) == len(set(hrefs))
        # The pager, when there is one, comes after every headline.
        pager = home.select_one(".pager")
        if pager is not None:
            assert pager.find_previous_sibling(class_="front") is not None


def test_home_headlines_carry_their_source_and_time(make_site: SiteFactory) -> None:
    site = make_site({"_config.yml": CONFIG, **posts_in({"a": 2})})
    build(site)
    item = soup(site / "_site/index.html").select_one(".latest .headlines li")
    assert item is not None
    assert item.select_one(".source").get_text() == "a"  # type: ignore[union-attr]
    assert item.select_one("time")["datetime"] == "2022-05-02T08:00:00+08:00"  # type: ignore[index]


SOURCE = "http://finews.zning.xyz/html_News/NewsShare.html?infoCode=NW1&x=1"


def test_post_shows_source_line_instead_of_a_bare_url(make_site: SiteFactory) -> None:
    # The back link leads to the site's own host (CONFIG's url): one to another host stays.
    body = f"<p>正文。</p>\n\n<{SOURCE}>\n\n[返回新京报新闻](//finews.example.com/category/xinjingbao.html)\n"
    site = make_site({"_config.yml": CONFIG, "content/_posts/2022-05-27-a.md": post(body=body)})
    build(site)
    page = soup(site / "_site/xinjingbao/2022/05/27/a.html")
    source = page.select_one(".post-source")
    assert source is not None and source.get_text().startswith("来源：新京报新闻")
    assert source.select_one("a.original")["href"] == SOURCE  # type: ignore[index]
    assert SOURCE.replace("&", "&amp;") not in str(page.select_one(".post-body"))


@given(
    address=st.one_of(
        st.just(""),
        st.from_regex(r"https?://[a-z]{1,8}\.com/[A-Za-z0-9_?=&%-]{0,20}", fullmatch=True),
    ),
    before=st.sampled_from(["<p>正文。</p>\n", "正文\n", "<center><img src=x></center>\n"]),
)
def test_a_trailing_source_line_is_taken_out_whatever_its_address(address: str, before: str) -> None:
    rendered = f'{before}<p><a href="{html.escape(address)}">{html.escape(address)}</a></p>\n'
    if not address:
        rendered = f"{before}<p>&lt;&gt;</p>\n"
    body, found = split_source_line(rendered)
    assert found == address
    assert body.strip() == before.strip()
    # Anything else at the end is left alone.
    assert split_source_line(before) == (before, "")


def test_related_posts_are_the_categorys_newest_but_itself(make_site: SiteFactory) -> None:
    site = make_site({"_config.yml": CONFIG, **posts_in({"a": 9, "b": 2})})
    build(site)
    page = soup(site / "_site/a/2022/05/09/a8.html")
    related = [a.get_text() for a in page.select(".related .headlines li > a")]
    # After the older neighbour (a第7篇), which 上一篇 links already.
    assert related == [f"a第{number}篇" for number in (6, 5, 4, 3, 2, 1)]
    back = page.select_one(".back-links")
    assert back is not None and back.find_next(class_="related") is not None


def test_an_empty_category_keeps_its_url_says_so_and_stays_out_of_the_sitemap(make_site: SiteFactory) -> None:
    stub = "---\nlayout: category\ntitle: 空栏目\ncategory: empty\n---\n"
    site = make_site({"_config.yml": CONFIG, "content/category/empty.md": stub, **posts_in({"a": 1})})
    build(site)
    page = soup(site / "_site/category/empty.html")
    assert page.select_one('meta[name="robots"]')["content"] == "noindex"  # type: ignore[index]
    links = {a["href"] for a in page.select(".empty-listing a")}
    assert links == {"/category/"}  # home is offered once, in the back links
    assert [a["href"] for a in page.select(".back-links a")] == ["/"]
    assert "共 0 篇" not in page.get_text()
    sitemap = (site / "_site/sitemap.xml").read_text(encoding="utf-8")
    assert "empty" not in sitemap and "/category/a.html" in sitemap
    assert soup(site / "_site/category/a.html").select_one('meta[name="robots"]') is None
    assert "空栏目" not in (site / "_site/category/index.html").read_text(encoding="utf-8")


def test_the_largest_categories_are_shown_in_name_order(make_site: SiteFactory) -> None:
    site = make_site({"_config.yml": CONFIG + "nav_size: 2\n", **posts_in({"a": 2, "b": 1, "c": 3})})
    build(site)
    assert section_texts(site / "_site/index.html") == ["首页", "a", "c", "全部栏目 »"]


@given(
    st.dictionaries(st.sampled_from("abcdefgh"), st.integers(1, 9), min_size=1),
    st.integers(1, 5),
    st.data(),
)
def test_sections_change_only_when_a_category_joins_or_leaves_the_largest(
    counts: dict[str, int], nav_size: int, data: st.DataObject
) -> None:
    """Posts added all day must not reorder the bar on every page: recounting the
    chosen categories among themselves leaves the sections as they were."""
    config = replace(SiteConfig(), nav_size=nav_size)
    before, _ = section_names(config, {name: [None] * n for name, n in counts.items()}, Path("_config.yml"))
    others = [n for name, n in counts.items() if name not in before]
    assume(min(counts[name] for name in before) > max(others, default=0))  # still the largest
    shuffled = data.draw(st.permutations([counts[name] for name in before]))
    recounted = {**counts, **dict(zip(before, shuffled, strict=True))}
    after, _ = section_names(config, {name: [None] * n for name, n in recounted.items()}, Path("_config.yml"))
    assert after == before == tuple(sorted(before))
