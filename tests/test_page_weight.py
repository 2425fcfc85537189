"""What a post page carries: every byte serves a reader or a crawler, and nothing repeats.

A post page is copied once per post, so a block repeated on each (an inline script, a
description said three times, template indentation) costs its size times the number of
posts in the published site; at 100,000 posts that decides whether it fits GitHub Pages.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.check.links import check_site, format_report
from tests.conftest import CONFIG, PROJECT_ROOT, SiteFactory, build, generated_posts, post, write_files
from tests.test_example_site import post_pages


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    destination = tmp_path_factory.mktemp("weight") / "_site"
    result = build(PROJECT_ROOT, destination=destination)
    assert result.errors == (), result.errors
    return destination


def pages(built: Path) -> list[Path]:
    return sorted(built.rglob("*.html"))


def test_no_page_carries_an_inline_script_or_style_the_theme_could_share(built: Path) -> None:
    for path in pages(built):
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        if path.name == "search.html" or path.parent.name == "search":
            continue  # the search page's own script runs on that page only
        for script in page.find_all("script"):
            assert script.get("src") or script.get("type") == "application/ld+json", (path, script)
        assert page.find("style") is None, path


def test_the_shared_script_is_published_and_deferred(built: Path) -> None:
    page = BeautifulSoup(post_pages(built)[0].read_text(encoding="utf-8"), "html.parser")
    scripts = [script for script in page.find_all("script") if script.get("src")]
    assert [script["src"] for script in scripts] == ["/assets/sitegen.js"]
    assert scripts[0].has_attr("defer")
    assert "error" in (built / "assets/sitegen.js").read_text(encoding="utf-8")


def test_a_post_says_its_excerpt_and_url_no_more_often_than_crawlers_need(built: Path) -> None:
    for path in post_pages(built):
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        description = page.select_one('meta[name="description"]')
        canonical = page.select_one('link[rel="canonical"]')
        assert description is not None and canonical is not None
        head = path.read_text(encoding="utf-8").split("</head>")[0]
        # Its opening words, which no escaping (HTML attribute, JSON) changes in the example.
        opening = str(description["content"])[:8]
        # One element is both the description and og:description; canonical + og:url.
        assert head.count(opening) == 1, path
        assert description.get("property") == "og:description", path
        assert head.count(str(canonical["href"])) == 2, path
        script = page.select_one('script[type="application/ld+json"]')
        assert script is not None and script.string is not None
        data = json.loads(script.string)
        assert data["@type"] == "NewsArticle" and data["headline"]
        assert not {"url", "description", "mainEntityOfPage"} & data.keys(), path


def test_modified_time_is_said_only_when_the_post_was_modified(built: Path) -> None:
    for path in post_pages(built):
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        published = page.select_one('meta[property="article:published_time"]')
        modified = page.select_one('meta[property="article:modified_time"]')
        assert published is not None
        assert modified is None or modified["content"] != published["content"], path


def test_related_posts_do_not_repeat_the_source_their_heading_names(built: Path) -> None:
    seen = 0
    for path in post_pages(built):
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        related = page.select_one("section.related")
        if related is None:
            continue
        seen += 1
        heading = related.find("h2")
        assert heading is not None and "相关文章" in heading.get_text()
        assert related.select(".source") == [], path
        assert related.select("li a[href]") and related.select("li time[datetime]")
    assert seen


def test_template_lines_of_a_post_page_are_not_indented(built: Path) -> None:
    for path in post_pages(built):
        text = path.read_text(encoding="utf-8")
        outside_body = re.sub(r'<div class="post-body">.*?\n</div>', "", text, flags=re.S)
        indented = [line for line in outside_body.splitlines() if line[:1] in (" ", "\t")]
        assert indented == [], (path, indented[:3])
        assert not re.search(r"[ \t]+\n|>[ \t]{2,}<", outside_body), path


def test_listing_rows_carry_no_wrapper_elements(built: Path) -> None:
    """A headline row or listing entry is repeated up to a hundred times a page: its
    title, source, time and excerpt are siblings, with nothing wrapped around them."""
    allowed = {"a", "span", "time", "p"}
    rows = 0
    for path in pages(built):
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for row in page.select(".post-list > li"):
            rows += 1
            children = [child.name for child in row.find_all(recursive=False)]
            assert set(children) <= allowed and children[0] == "a", (path, children)
            assert row.find("time", recursive=False) is not None, (path, row)
            assert all(span.get("class") == ["source"] for span in row.find_all("span")), (path, row)
    assert rows


def test_home_section_blocks_do_not_name_the_source_their_heading_names(built: Path) -> None:
    page = BeautifulSoup((built / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert page.select(".home-section .headlines li")
    assert page.select(".home-section .source") == []
    assert page.select(".latest .headlines .source")  # the mixed list still says it


def test_every_page_links_the_one_shared_stylesheet_and_it_resolves_under_baseurl(
    make_site: SiteFactory,
) -> None:
    files: dict[str, str] = {
        "_config.yml": CONFIG + "baseurl: /news\ncategory_dirs: true\npaginate: 2\n",
        **generated_posts(5, month=5, categories=2, tags=2, body="<p>正文{number}。</p>\n"),
        "content/about.md": "---\ntitle: 关于\n---\n关于本站\n",
    }
    site = make_site(files)
    assert build(site).errors == ()
    out = site / "_site"
    assert sorted(path.relative_to(out).as_posix() for path in out.rglob("*.css")) == ["assets/sitegen.css"]
    checked = 0
    for path in sorted(out.rglob("*.html")):
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        if page.select_one('meta[http-equiv="refresh"]') is not None:
            continue  # a redirect page is shown to nobody
        links = [link["href"] for link in page.select('link[rel="stylesheet"]')]
        assert links == ["/news/assets/sitegen.css"], path
        assert page.find("style") is None and page.select("[style]") == [], path
        checked += 1
    assert checked > 10
    report = check_site(out, site_url="https://finews.example.com", baseurl="/news", jobs=1)
    assert report.ok, format_report(report)


#: Text whose lines start and end with spaces and tabs, which a minifier would eat.
_BODY_TEXT = st.text(alphabet=st.sampled_from(list("正文 \t\nab<>&;1")), min_size=1, max_size=60)


@given(pre=_BODY_TEXT, paragraph=_BODY_TEXT)
@settings(max_examples=12)
def test_a_post_body_reaches_the_page_byte_for_byte(
    tmp_path_factory: pytest.TempPathFactory, pre: str, paragraph: str
) -> None:
    """Template whitespace control must never touch the body: a `<pre>` keeps every space."""
    body = f"<pre>\n{pre}\n</pre>\n  <p>\t{paragraph}  </p>\n"
    site = write_files(
        tmp_path_factory.mktemp("body"),
        {
            "_config.yml": CONFIG + "back_links: false\n",
            "content/_posts/2022-05-27-a.html": post(body=body),
        },
    )
    assert build(site).errors == ()
    page = (site / "_site/xinjingbao/2022/05/27/a.html").read_text(encoding="utf-8")
    assert f'<div class="post-body">\n{body}\n</div>' in page
