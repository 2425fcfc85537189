from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from pathlib import PurePosixPath
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sitegen.errors import OutputError
from sitegen.urls import (
    PostPlaceholders,
    category_url,
    check_url_is_safe,
    expand_permalink,
    href,
    listing_name_problem,
    listing_segment,
    normalize_baseurl,
    output_path,
    output_suffix,
    page_url,
    post_url_placeholders,
    slugify,
    tag_url,
)

WHEN = datetime(2022, 5, 27, 16, 48, 36, tzinfo=ZoneInfo("Asia/Shanghai"))


def placeholders(
    slug: str = "NW202205272394703325", categories: tuple[str, ...] = ("xinjingbao",)
) -> Mapping[str, str]:
    return post_url_placeholders(date=WHEN, slug=slug, categories=categories)


def test_default_permalink_matches_jekyll() -> None:
    assert expand_permalink("date", placeholders()) == "/xinjingbao/2022/05/27/NW202205272394703325.html"


def test_categories_are_lower_cased_and_joined_as_jekyll_does() -> None:
    url = expand_permalink("date", placeholders(categories=("21shijijingjibaodao", "21caijingAPP")))
    assert url == "/21shijijingjibaodao/21caijingapp/2022/05/27/NW202205272394703325.html"


def test_post_without_category_has_no_empty_segment() -> None:
    assert expand_permalink("date", placeholders(categories=())) == "/2022/05/27/NW202205272394703325.html"


@pytest.mark.parametrize(
    ("style", "expected"),
    [
        ("pretty", "/xinjingbao/2022/05/27/NW202205272394703325/"),
        ("ordinal", "/xinjingbao/2022/147/NW202205272394703325.html"),
        ("weekdate", "/xinjingbao/2022/W21/Fri/NW202205272394703325.html"),
        ("none", "/xinjingbao/NW202205272394703325.html"),
        ("/:year/:i_month/:i_day/:slug:output_ext", "/2022/5/27/nw202205272394703325.html"),
        ("/news/:short_year/:hour:minute/:title/", "/news/22/1648/NW202205272394703325/"),
    ],
)
def test_permalink_styles_and_placeholders(style: str, expected: str) -> None:
    assert expand_permalink(style, placeholders()) == expected


def test_unknown_placeholder_is_an_error() -> None:
    with pytest.raises(OutputError, match=":nope"):
        expand_permalink("/:nope/:title", placeholders())


def test_title_slug_keeps_chinese_and_case_but_replaces_spaces() -> None:
    assert slugify("京东 618 Sale!", "pretty", cased=True) == "京东-618-Sale!"
    assert slugify("京东 618 Sale!") == "京东-618-sale"


def test_category_and_tag_urls_keep_names_as_written() -> None:
    assert (
        category_url("21shijijingjibaodao 21caijingAPP") == "/category/21shijijingjibaodao 21caijingAPP.html"
    )
    assert tag_url("新京报新闻") == "/tag/新京报新闻.html"


@pytest.mark.parametrize("name", ["../etc", "a/b", "a\\b", "nul\x00", "..", " ", "中欧/贸易", "长" * 84])
def test_a_name_that_cannot_be_a_file_name_gets_a_safe_listing_url(name: str) -> None:
    url = category_url(name)
    check_url_is_safe(url)
    assert url.count("/") == 2
    assert url != f"/category/{name}.html"


@given(st.text(min_size=1, max_size=300), st.text(min_size=1, max_size=300))
def test_listing_segments_are_safe_stable_and_distinct(first: str, second: str) -> None:
    segment = listing_segment(first)
    assert segment == listing_segment(first)
    check_url_is_safe(f"/tag/{segment}.html")
    assert "/" not in segment and segment not in (".", "..")
    if listing_name_problem(first) is None:
        assert segment == first
    if first != second:
        assert segment != listing_segment(second)


def test_href_percent_encodes_chinese_and_spaces_with_baseurl() -> None:
    assert href("/tag/新京报.html", "/news") == "/news/tag/%E6%96%B0%E4%BA%AC%E6%8A%A5.html"
    assert href("/category/a b.html") == "/category/a%20b.html"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/", "index.html"),
        ("/about/", "about/index.html"),
        ("/a/b.html", "a/b.html"),
        ("/feed", "feed.html"),
        ("/feed.xml", "feed.xml"),
        ("/a//b.html", "a/b.html"),
        ("/a//", "a/index.html"),
    ],
)
def test_output_path_follows_jekyll(url: str, expected: str) -> None:
    assert output_path(url) == expected


@pytest.mark.parametrize("url", ["/../x.html", "/a/../../x", "relative.html", "/a\\b", "/a\x00b"])
def test_output_path_rejects_escapes(url: str) -> None:
    with pytest.raises(OutputError):
        output_path(url)


def test_page_url_is_jekylls_default() -> None:
    assert page_url(PurePosixPath("category/xinjingbao.html")) == "/category/xinjingbao.html"
    assert page_url(PurePosixPath("about.md")) == "/about.html"
    assert page_url(PurePosixPath("news/index.md")) == "/news/"


@given(st.lists(st.sampled_from(["blog", "新闻", "a b", ".", "", "%E6%96%B0"]), max_size=4), st.booleans())
def test_every_spelling_of_a_baseurl_normalises_to_one(segments: list[str], trailing: bool) -> None:
    """The one baseurl rule (config, dev server and link checker all use it): a leading
    `/` or none, a trailing `/` or none, empty and `.` segments and percent-escapes all
    give the same prefix, which is `` or starts with `/` and never ends with one."""
    spelled = "/".join(segments) + ("/" if trailing else "")
    normal = normalize_baseurl(spelled)
    assert normal == normalize_baseurl("/" + spelled) == normalize_baseurl(f" {spelled} ")
    assert normal == normalize_baseurl(normal)
    assert normal == "" or (normal.startswith("/") and not normal.endswith("/"))
    assert "%" not in normal and "//" not in normal and "/./" not in normal + "/"


def test_a_baseurl_of_a_slash_is_none() -> None:
    assert normalize_baseurl("/") == normalize_baseurl("") == normalize_baseurl(" / ") == ""
    assert normalize_baseurl("blog/") == "/blog"


@given(st.lists(st.text(alphabet="ab.~", min_size=1, max_size=5), min_size=1, max_size=4))
def test_a_generated_file_s_url_gets_html_exactly_when_its_name_has_no_extension(segments: list[str]) -> None:
    """The rule is `PurePosixPath.suffix`'s, decided on the text (see `output_path`)."""
    if any(segment in (".", "..") for segment in segments):
        return
    url = "/" + "/".join(segments)
    expected = url[1:] if PurePosixPath(url).suffix else url[1:] + ".html"
    assert output_path(url) == expected


@given(st.lists(st.text(alphabet="aX.", min_size=1, max_size=5), min_size=1, max_size=4))
def test_an_output_suffix_is_what_pure_posix_path_reads(segments: list[str]) -> None:
    """Output paths decide `.html` and XML by this suffix, read without building paths."""
    path = "/".join(segment for segment in segments if segment not in (".", ".."))
    assert output_suffix(path) == PurePosixPath(path).suffix


@given(
    st.text(alphabet="ab/.", max_size=12),
    st.sampled_from([None, ".html", ".xml"]),
    st.booleans(),
)
def test_an_output_path_is_already_in_the_form_a_pure_posix_path_gives_it(
    tail: str, output_ext: str | None, document: bool
) -> None:
    """An `OutputPath` is compared and hashed as text, so there is one spelling of each
    file: relative, no empty, `.` or `..` segment (what `str(PurePosixPath(...))` makes)."""
    try:
        path = output_path("/" + tail, output_ext, document=document)
    except OutputError:
        return
    assert path == str(PurePosixPath(path)) and not path.startswith("/")


def test_a_posts_placeholders_are_jekylls_url_drop_values() -> None:
    values = post_url_placeholders(
        date=WHEN,
        slug="Hello World_2",
        categories=("Xin Jing", "xin jing", "A&B"),
        basename="2022-05-27-Hello World_2",
        path="/sub/2022-05-27-Hello World_2",
    )
    assert isinstance(values, PostPlaceholders)
    assert "categories" in values and "nope" not in values
    assert dict(values) == {
        "year": "2022",
        "month": "05",
        "i_month": "5",
        "short_month": "May",
        "long_month": "May",
        "day": "27",
        "i_day": "27",
        "short_year": "22",
        "y_day": "147",
        "hour": "16",
        "minute": "48",
        "second": "36",
        "week": "21",
        "w_year": "2022",
        "w_day": "5",
        "short_day": "Fri",
        "long_day": "Friday",
        "title": "Hello-World_2",
        "slug": "hello-world-2",
        "name": "2022-05-27-hello-world-2",
        "path": "/sub/2022-05-27-Hello World_2",
        "categories": "xin jing/a&b",
        "slugified_categories": "xin-jing/a-b",
        "output_ext": ".html",
        "collection": "posts",
    }
