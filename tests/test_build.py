"""Whole builds of small inline sites: output paths, pages and links."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from sitegen.check.links import check_site
from sitegen.errors import ConfigError, OutputError, TemplateError
from tests.conftest import CONFIG, SiteFactory, attr, build, post, select_first


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


BASIC = {
    "_config.yml": CONFIG,
    "content/_posts/2022-05-27-NW1.md": post(
        "京东618图个啥？",
        body="<p>正文一</p>\n\n<http://src.example/1>\n\n"
        "[返回新京报新闻](//finews.example.com/category/xinjingbao.html)｜[返回首页](//finews.example.com/)\n",
    ),
    "content/_posts/2022-05-26-NW0.md": post("较早的一篇", date="2022-05-26 09:00:00 +0800"),
    "content/_posts/2021-12-08-em1.md": post(
        "东财消息",
        date="2021-12-08 10:46:18",
        categories="emnews",
        tags="东财滚动新闻",
        body="x\n\n[返回东财滚动新闻](../emnews/)\n[返回首页](../)\n",
    ),
    "content/about.md": "---\nlayout: page\ntitle: 关于\npermalink: /about/\n---\n关于本站\n",
    "content/assets/logo.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>",
}


def test_post_category_tag_and_home_pages_are_written(make_site: SiteFactory) -> None:
    site = make_site(BASIC)
    result = build(site)
    out = site / "_site"
    for relative in [
        "xinjingbao/2022/05/27/NW1.html",
        "emnews/2021/12/08/em1.html",
        "category/xinjingbao.html",
        "category/emnews.html",
        "tag/新京报新闻.html",
        "index.html",
        "about/index.html",
        "assets/logo.svg",
        "assets/sitegen.css",
    ]:
        assert (out / relative).is_file(), relative
    assert result.posts == 3
    assert result.errors == ()


def test_post_page_has_back_links_to_category_and_home_exactly_once(make_site: SiteFactory) -> None:
    site = make_site(BASIC)
    build(site)
    page = soup(site / "_site/xinjingbao/2022/05/27/NW1.html")
    back = [(a.get_text(), a["href"]) for a in page.select("a") if a.get_text().startswith("返回")]
    assert back == [("返回新京报新闻", "/category/xinjingbao.html"), ("返回首页", "/")]
    assert select_first(page, "h1").get_text() == "京东618图个啥？"
    assert select_first(page, "time").get_text() == "2022-05-27 16:48"


def test_relative_body_back_links_are_replaced_by_resolving_ones(make_site: SiteFactory) -> None:
    site = make_site(BASIC)
    build(site)
    page = soup(site / "_site/emnews/2021/12/08/em1.html")
    hrefs = [a["href"] for a in page.select("a") if a.get_text().startswith("返回")]
    assert hrefs == ["/category/emnews.html", "/"]
    assert check_site(site / "_site", site_url="https://finews.example.com").ok


def test_category_page_lists_posts_newest_first_with_title_from_first_tag(make_site: SiteFactory) -> None:
    site = make_site(BASIC)
    build(site)
    page = soup(site / "_site/category/xinjingbao.html")
    assert select_first(page, "h1").get_text() == "新京报新闻"
    assert [a.get_text() for a in page.select(".post-list a")] == ["京东618图个啥？", "较早的一篇"]


def test_category_titles_config_wins(make_site: SiteFactory) -> None:
    site = make_site({**BASIC, "_config.yml": CONFIG + "category_titles:\n  xinjingbao: 新京报\n"})
    build(site)
    assert select_first(soup(site / "_site/category/xinjingbao.html"), "h1").get_text() == "新京报"


def test_home_lists_newest_posts_then_five_more_per_section(make_site: SiteFactory) -> None:
    posts = {
        f"content/_posts/2022-01-{day:02d}-p{day}.md": post(
            f"第{day}篇", date=f"2022-01-{day:02d} 08:00:00 +0800"
        )
        for day in range(1, 9)
    }
    site = make_site({"_config.yml": CONFIG + "home_posts: 2\n", **posts})
    build(site)
    home = soup(site / "_site/index.html")
    assert [a.get_text() for a in home.select(".latest .headlines li > a")] == ["第8篇", "第7篇"]
    section = select_first(home, ".home-section")
    # The section goes on below the latest headlines instead of repeating them.
    assert [a.get_text() for a in section.select(".headlines li > a")] == [
        "第6篇",
        "第5篇",
        "第4篇",
        "第3篇",
        "第2篇",
    ]


def test_titles_are_escaped_but_bodies_are_html(make_site: SiteFactory) -> None:
    site = make_site(
        {
            "_config.yml": CONFIG,
            "content/_posts/2022-01-01-x.md": post("<script>alert(1)</script>", body="<p><b>粗</b></p>\n"),
        }
    )
    build(site)
    html = (site / "_site/xinjingbao/2022/05/27/x.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html
    assert "<p><b>粗</b></p>" in html


def test_back_links_false_renders_no_generated_links(make_site: SiteFactory) -> None:
    site = make_site({**BASIC, "_config.yml": CONFIG + "back_links: false\n"})
    build(site)
    page = soup(site / "_site/xinjingbao/2022/05/27/NW1.html")
    assert page.select(".back-links") == []
    assert any(a.get_text() == "返回首页" for a in page.select(".post-body a"))


def test_baseurl_prefixes_every_link(make_site: SiteFactory) -> None:
    site = make_site({**BASIC, "_config.yml": CONFIG + "baseurl: /news\n"})
    build(site)
    page = soup(site / "_site/xinjingbao/2022/05/27/NW1.html")
    assert all(attr(a, "href").startswith(("/news/", "http")) for a in page.select("a"))


def test_broken_post_is_reported_and_rest_builds(make_site: SiteFactory) -> None:
    site = make_site({**BASIC, "content/_posts/2022-01-01-bad.md": '---\ntitle: "a "b" c"\n---\nx\n'})
    result = build(site)
    assert result.posts == 3
    assert len(result.errors) == 1
    assert "2022-01-01-bad.md:2" in str(result.errors[0])
    assert (site / "_site/xinjingbao/2022/05/27/NW1.html").is_file()


def test_strict_build_publishes_nothing_when_a_post_is_broken(make_site: SiteFactory) -> None:
    site = make_site({**BASIC, "content/_posts/2022-01-01-bad.md": "---\ntitle: [\n---\nx\n"})
    result = build(site, strict=True)
    assert not result.published
    assert not (site / "_site").exists()
    assert not [name for name in os.listdir(site) if "sitegen-staging" in name]  # nothing left beside it


def test_two_posts_with_one_url_is_an_error_naming_both(make_site: SiteFactory) -> None:
    site = make_site(
        {
            "_config.yml": CONFIG,
            "content/_posts/2022-01-01-a.md": post(extra="permalink: /same.html\n"),
            "content/_posts/2022-01-02-b.md": post(extra="permalink: /same.html\n"),
        }
    )
    result = build(site)
    assert len(result.errors) == 1
    message = str(result.errors[0])
    assert "2022-01-01-a.md" in message and "2022-01-02-b.md" in message


@pytest.mark.parametrize("layout", ["fancy", "default", "page", "category", "home"])
def test_any_layout_a_post_names_renders_with_the_nearest_template(
    make_site: SiteFactory, layout: str
) -> None:
    """Jekyll publishes a post whose layout is missing; sitegen renders it with post.html
    (and a layout meant for another kind of page never fails the build)."""
    page_layout = layout if layout != "page" else "post"
    site = make_site(
        {
            **BASIC,
            "content/_posts/2022-01-01-l.md": post(extra=f"layout: {layout}\n").replace("layout: post\n", ""),
            "content/about.md": f"---\ntitle: 关于\nlayout: {page_layout}\n---\n关于本站\n",
        }
    )
    result = build(site)
    assert not result.errors
    assert "<article" in (site / "_site/xinjingbao/2022/05/27/l.html").read_text(encoding="utf-8")
    assert "关于本站" in (site / "_site/about.html").read_text(encoding="utf-8")
    if layout == "fancy":
        assert any("fancy" in str(w) and "2022-01-01-l.md" in str(w) for w in result.warnings)


def test_site_template_overrides_theme_template(make_site: SiteFactory) -> None:
    # A tag of its own (not one category's posts, which is listed at the category).
    own_tag = post("热点", date="2022-05-25 09:00:00 +0800", tags="热点")
    site = make_site(
        {
            **BASIC,
            "content/_posts/2022-05-25-hot.md": own_tag,
            "templates/tag.html": "TAG {{ listing.title }}\n",
        }
    )
    build(site)
    assert (site / "_site/tag/热点.html").read_text(encoding="utf-8") == "TAG 热点\n"
    assert "<article" in (site / "_site/xinjingbao/2022/05/27/NW1.html").read_text(encoding="utf-8")


def test_template_syntax_error_fails_the_build_naming_template_and_line(make_site: SiteFactory) -> None:
    site = make_site({**BASIC, "templates/post.html": "line one\n{% if %}\n"})
    with pytest.raises(TemplateError) as caught:
        build(site)
    assert caught.value.line == 2 and "post.html" in str(caught.value)


def test_unknown_config_key_is_an_error(make_site: SiteFactory) -> None:
    site = make_site({**BASIC, "_config.yml": CONFIG + "titel: typo\n"})
    with pytest.raises(ConfigError, match="titel"):
        build(site)


def test_jekyll_tree_layout_is_accepted(make_site: SiteFactory) -> None:
    site = make_site({"_config.yml": CONFIG, "_posts/2022-01-01-a.md": post(), "Gemfile": "source 'x'\n"})
    build(site)
    assert (site / "_site/xinjingbao/2022/05/27/a.html").is_file()
    assert not (site / "_site/Gemfile").exists()


def test_two_builds_are_byte_identical_and_second_writes_nothing(
    make_site: SiteFactory, tmp_path: Path
) -> None:
    site = make_site(BASIC)
    build(site, destination=tmp_path / "one")
    second = build(site, destination=tmp_path / "one")
    build(site, destination=tmp_path / "two")
    assert second.files_written == 0
    files_one = sorted(p.relative_to(tmp_path / "one") for p in (tmp_path / "one").rglob("*") if p.is_file())
    files_two = sorted(p.relative_to(tmp_path / "two") for p in (tmp_path / "two").rglob("*") if p.is_file())
    assert files_one == files_two
    for relative in files_one:
        assert (tmp_path / "one" / relative).read_bytes() == (tmp_path / "two" / relative).read_bytes()


def test_deleted_post_disappears_from_tree_and_lists(make_site: SiteFactory) -> None:
    site = make_site(BASIC)
    build(site)
    (site / "content/_posts/2022-05-26-NW0.md").unlink()
    build(site)
    assert not (site / "_site/xinjingbao/2022/05/26/NW0.html").exists()
    assert "较早的一篇" not in (site / "_site/category/xinjingbao.html").read_text(encoding="utf-8")


def test_destination_with_foreign_files_is_refused_without_force(
    make_site: SiteFactory, tmp_path: Path
) -> None:
    site = make_site(BASIC)
    foreign = tmp_path / "precious"
    foreign.mkdir()
    (foreign / "thesis.txt").write_text("do not delete", encoding="utf-8")
    with pytest.raises(OutputError, match="--force"):
        build(site, destination=foreign)
    assert (foreign / "thesis.txt").read_text(encoding="utf-8") == "do not delete"
    build(site, destination=foreign, force=True)
    assert not (foreign / "thesis.txt").exists()


@pytest.mark.parametrize("relative", [".", ".."])
def test_destination_that_is_or_contains_the_source_is_refused(make_site: SiteFactory, relative: str) -> None:
    site = make_site(BASIC)
    with pytest.raises(OutputError, match="is, or contains, the source"):
        build(site, destination=site / relative, force=True)


def test_multi_word_stub_lists_posts_with_exactly_those_categories(make_site: SiteFactory) -> None:
    site = make_site(
        {
            "_config.yml": CONFIG,
            "_posts/2022-01-01-both.md": post(
                "两者", date="2022-01-01 10:00:00 +0800", categories="21sj 21caijingAPP"
            ),
            "_posts/2022-01-02-one.md": post("仅一", date="2022-01-02 10:00:00 +0800", categories="21sj"),
            "category/21sj 21caijingAPP.html": (
                "---\nlayout: category\ntitle: 世界金属导报新闻\ncategory: 21sj 21caijingAPP\n---\n"
            ),
        }
    )
    build(site)
    both = site / "_site/21sj/21caijingapp/2022/01/01/both.html"
    assert both.is_file()
    stub = soup(site / "_site/category/21sj 21caijingAPP.html")
    assert select_first(stub, "h1").get_text() == "世界金属导报新闻"
    assert [a.get_text() for a in stub.select(".post-list a")] == ["两者"]


def test_category_dirs_keeps_directory_urls_alive(make_site: SiteFactory) -> None:
    site = make_site({**BASIC, "_config.yml": CONFIG + "category_dirs: true\n"})
    build(site)
    redirect = (site / "_site/emnews/index.html").read_text(encoding="utf-8")
    assert 'http-equiv="refresh" content="0; url=/category/emnews.html"' in redirect
    assert check_site(site / "_site").ok


@pytest.mark.parametrize("layout", ["null", "none", "~"])
def test_layout_null_or_none_publishes_the_content_alone(make_site: SiteFactory, layout: str) -> None:
    """Jekyll's `layout: null` (and a missing `none` layout): no layout around the content."""
    site = make_site(
        {
            **BASIC,
            "content/_posts/2022-01-01-raw.md": post(
                body="<p>只有正文</p>\n", extra=f"layout: {layout}\n"
            ).replace("layout: post\n", ""),
            "content/plain.html": f"---\nlayout: {layout}\n---\n<svg>图</svg>\n",
        }
    )
    result = build(site)
    assert not result.errors
    assert not any("layout" in str(warning) for warning in result.warnings)
    assert (site / "_site/xinjingbao/2022/05/27/raw.html").read_text(encoding="utf-8") == "<p>只有正文</p>\n"
    assert (site / "_site/plain.html").read_text(encoding="utf-8") == "<svg>图</svg>\n"
