"""The loader follows Jekyll's rules for posts."""

from __future__ import annotations

import json
import os
import tempfile
from datetime import UTC, date, datetime
from pathlib import Path, PurePosixPath
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sitegen.config import SiteConfig
from sitegen.content.documents import Loaded, LoadOptions, load_page, load_post
from sitegen.content.scan import SourceFile
from sitegen.errors import ContentError
from sitegen.jekyll.collections import Collection
from sitegen.jekyll.defaults import parse_defaults
from sitegen.model import Post, SourcePage
from tests.conftest import post

CONFIG = SiteConfig(url="https://finews.withounder.com", timezone="Asia/Shanghai")
OPTIONS = LoadOptions(now=datetime(2026, 11, 25, tzinfo=UTC))


def load(
    name: str,
    text: str | bytes,
    *,
    config: SiteConfig = CONFIG,
    options: LoadOptions = OPTIONS,
    draft: bool = False,
) -> Loaded:
    data = text.encode("utf-8") if isinstance(text, str) else text
    return load_post(
        SourceFile(Path("_posts") / name, PurePosixPath("_posts") / name), data, config, options, draft=draft
    )


def loaded_post(name: str, text: str | bytes, **kwargs: object) -> Post:
    document = load(name, text, **kwargs).document  # type: ignore[arg-type]
    assert isinstance(document, Post)
    return document


def test_user_post_gets_jekyll_url_title_tags() -> None:
    result = loaded_post("2022-05-27-NW202205272394703325.md", post("京东618图个啥？"))
    assert result.url == "/xinjingbao/2022/05/27/NW202205272394703325.html"
    assert (result.title, result.categories, result.tags) == (
        "京东618图个啥？",
        ("xinjingbao",),
        ("新京报新闻",),
    )


def test_file_name_gives_date_and_slug_when_front_matter_has_none() -> None:
    result = loaded_post("2021-12-08-abc.md", "---\ntitle: t\n---\nbody\n")
    assert result.date.isoformat() == "2021-12-08T00:00:00+08:00"
    assert result.url == "/2021/12/08/abc.html"


def test_front_matter_date_overrides_file_date_in_site_zone() -> None:
    result = loaded_post("2021-12-08-a.md", post(date="2021-12-07 23:30:00 -0500"))
    assert result.url.startswith("/xinjingbao/2021/12/08/")
    assert result.date.hour == 12


def test_date_without_offset_uses_site_timezone() -> None:
    result = loaded_post("2021-12-08-a.md", post(date="2021-12-08 00:30:00"))
    assert result.url == "/xinjingbao/2021/12/08/a.html"
    offset = result.date.utcoffset()
    assert offset is not None and offset.total_seconds() == 8 * 3600


def test_file_without_date_in_name_is_not_a_post_and_is_reported() -> None:
    result = load("-202205262391921712.md", post())
    assert result.document is None
    assert "YYYY-MM-DD" in result.warnings[0].message


@pytest.mark.parametrize(
    ("front", "categories"),
    [
        ("categories: a b\n", ("a", "b")),
        ("categories: [A, b]\n", ("A", "b")),
        ("category: two words\n", ("two words",)),
        ("category: one\ncategories: x y\n", ("x", "y", "one")),  # as Jekyll 4.3 publishes it
        ("categories: 2022\n", ("2022",)),
    ],
)
def test_categories_as_list_or_space_separated_string(front: str, categories: tuple[str, ...]) -> None:
    result = loaded_post("2022-01-01-a.md", f"---\ntitle: t\n{front}---\nx\n")
    assert result.categories == categories


def test_tags_from_tag_or_tags() -> None:
    assert loaded_post("2022-01-01-a.md", "---\ntag: 新京报新闻\n---\nx").tags == ("新京报新闻",)
    assert loaded_post("2022-01-01-a.md", "---\ntags: [甲, 乙]\n---\nx").tags == ("甲", "乙")


def test_unpublished_post_is_skipped() -> None:
    assert load("2022-01-01-a.md", post(extra="published: false\n")).document is None


def test_future_post_is_skipped_unless_future() -> None:
    text = post(date="2030-01-01 00:00:00 +0800")
    assert load("2030-01-01-a.md", text).document is None
    future = LoadOptions(now=OPTIONS.now, future=True)
    assert isinstance(load("2030-01-01-a.md", text, options=future).document, Post)


def test_per_post_permalink() -> None:
    result = loaded_post("2022-01-01-a.md", post(extra="permalink: /special/:title/\n"))
    assert result.url == "/special/a/"


def test_site_permalink_style() -> None:
    config = SiteConfig(timezone="Asia/Shanghai", permalink="pretty")
    assert loaded_post("2022-05-27-a.md", post(), config=config).url == "/xinjingbao/2022/05/27/a/"


def test_markdown_body_keeps_raw_html_and_renders_autolink_and_links() -> None:
    body = "<p>第一段</p>\n <p>第二段</p>\n\n<http://finews.zning.xyz/x?a=1>\n\n正文 [链接](https://example.org/)\n"
    html = loaded_post("2022-01-01-a.md", post(body=body)).body_html
    assert "<p>第一段</p>" in html
    assert '<a href="http://finews.zning.xyz/x?a=1">' in html
    assert '<a href="https://example.org/">链接</a>' in html


def test_html_post_is_not_run_through_markdown() -> None:
    html = loaded_post("2022-01-01-a.html", post(body="<p>*not emphasis*</p>\n\n# not a heading\n")).body_html
    assert "*not emphasis*" in html and "# not a heading" in html


def test_body_back_links_are_replaced_and_own_host_links_relativised() -> None:
    body = (
        '<p>见 <a href="https://finews.withounder.com/x.html">旧文</a></p>\n\n'
        "[返回新京报新闻](//finews.withounder.com/category/xinjingbao.html)｜[返回首页](//finews.withounder.com/)\n"
    )
    html = loaded_post("2022-01-01-a.md", post(body=body)).body_html
    assert "返回" not in html
    assert 'href="/x.html"' in html


def test_back_links_false_leaves_body_links() -> None:
    config = SiteConfig(timezone="Asia/Shanghai", back_links=False)
    html = loaded_post("2022-01-01-a.md", post(body="x\n\n[返回首页](/)\n"), config=config).body_html
    assert "返回首页" in html


def test_blank_line_before_front_matter_is_read_with_a_warning() -> None:
    result = load(
        "2021-12-08-202112082206703990.md", "\n" + post(date="2021-12-08 10:46:18", categories="emnews")
    )
    assert isinstance(result.document, Post)
    assert result.document.url == "/emnews/2021/12/08/202112082206703990.html"
    assert result.warnings and result.warnings[0].line == 1


def test_draft_without_date_in_name_loads() -> None:
    result = load("idea.md", post(), draft=True)
    assert isinstance(result.document, Post)
    assert result.document.slug == "idea"


#: Slugs as a file name can carry them: always a space, sometimes trailing periods.
SLUGS = st.builds(
    lambda left, right, periods: f"{left} {right}{periods}",
    st.text(alphabet="ab中-", min_size=1, max_size=4),
    st.text(alphabet="ab中.-", min_size=1, max_size=4).filter(lambda text: text[0] != "."),
    st.sampled_from(["", ".", ".."]),
)
SHANGHAI = ZoneInfo("Asia/Shanghai")


@given(
    day=st.dates(min_value=date(2000, 1, 1), max_value=date(2025, 12, 31)),
    padded=st.booleans(),
    dated_name=st.booleans(),
    slug=SLUGS,
    front_date=st.none() | st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2025, 12, 31)),
)
def test_a_draft_name_gives_slug_and_date_as_a_post_name_does(
    day: date, padded: bool, dated_name: bool, slug: str, front_date: datetime | None
) -> None:
    """Jekyll reads a draft's name by the posts' rule (`Document#populate_title`): a
    `YYYY-MM-DD-` name gives the slug after the date and the date, `date:` beating it;
    any other name gives its stem; trailing periods leave the slug either way. An
    undated draft with an undated name is dated by its file's modification time."""
    prefix = f"{day:%Y-%m-%d}-" if padded else f"{day.year}-{day.month}-{day.day}-"
    name = f"{prefix if dated_name else ''}{slug}.md"
    front = f"date: {front_date:%Y-%m-%d %H:%M:%S} +0800\n" if front_date else ""
    text = f"---\nlayout: post\n{front}---\nbody\n"
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "_drafts" / name
        path.parent.mkdir()
        path.write_text(text, encoding="utf-8")
        modified = datetime(2019, 6, 7, 8, 9, 10, tzinfo=UTC)
        os.utime(path, (modified.timestamp(), modified.timestamp()))
        source = SourceFile(path, PurePosixPath("_drafts") / name)
        draft = load_post(source, text.encode(), CONFIG, OPTIONS, draft=True).document
    assert isinstance(draft, Post)
    assert draft.slug == slug.rstrip(".")
    if front_date is not None:
        assert draft.date == front_date.replace(microsecond=0, tzinfo=SHANGHAI)
    elif dated_name:
        assert draft.date == datetime(day.year, day.month, day.day, tzinfo=SHANGHAI)
    else:
        assert draft.date == modified
    if dated_name:
        as_post = loaded_post(name, text)
        assert (draft.slug, draft.date, draft.url, draft.title) == (
            as_post.slug,
            as_post.date,
            as_post.url,
            as_post.title,
        )


#: `published:` values as written, and whether Ruby reads them as `nil` or `false`.
RUBY_FALSY = ["", " ~", " null", " Null", " NULL", " false", " False", " FALSE", " no", " No", " off"]
RUBY_TRUTHY = [
    " true",
    " yes",
    " on",
    " 0",
    " 0.0",
    ' ""',
    " ''",
    ' "false"',
    " 'no'",
    " []",
    " {}",
    " n",
    " nil",
]
GENERATED_VALUE = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(st.characters(max_codepoint=0xFFFF, exclude_categories=["Cs"]), max_size=6).map(
        lambda t: f" {t} "
    ),
    st.lists(st.sampled_from([0, False, None, ""]), max_size=2),
)


@given(
    written=st.sampled_from(RUBY_FALSY + RUBY_TRUTHY).map(lambda raw: (raw, raw in RUBY_FALSY))
    | GENERATED_VALUE.map(lambda value: (" " + json.dumps(value), value is None or value is False)),
    trailing=st.text(" ", min_size=1, max_size=3),
)
def test_published_nil_or_false_unpublishes_every_other_value_publishes(
    written: tuple[str, bool], trailing: str
) -> None:
    """Jekyll's `data.fetch("published", true)`: a key there with a value Ruby counts as
    false (`nil`, `false`) unpublishes a post, a page or a collection document; any other
    value (`"false"`, `0`, `""`, `[]`) publishes, as a missing key does; `unpublished:
    true` publishes them all."""
    raw, unpublished = written
    text = f"---\ntitle: t\npublished:{raw}{trailing}\n---\nbody\n"
    docs = Collection("docs", output=True)
    for config in (CONFIG, SiteConfig(timezone="Asia/Shanghai", unpublished=True, collections=(docs,))):
        hidden = unpublished and not config.unpublished
        assert (load("2022-01-01-a b.md", text, config=config).document is None) == hidden, raw
        page = SourceFile(Path("a b.md"), PurePosixPath("a b.md"))
        assert (load_page(page, text.encode(), config).document is None) == hidden, raw
        doc = SourceFile(Path("_docs/a b.md"), PurePosixPath("_docs/a b.md"))
        assert (load_page(doc, text.encode(), config, collection=docs).document is None) == hidden, raw


def test_published_false_in_defaults_unpublishes_posts_and_documents_but_not_pages() -> None:
    """A page's defaults come through `Hash#default_proc`, which Jekyll's
    `data.fetch("published", true)` does not consult; a document's are merged in."""
    raw: Any = [{"scope": {"path": ""}, "values": {"published": False}}]
    docs = Collection("docs", output=True)
    config = SiteConfig(timezone="Asia/Shanghai", defaults=parse_defaults(raw)[0], collections=(docs,))
    text = "---\ntitle: t\n---\nbody\n"
    assert load("2022-01-01-a.md", text, config=config).document is None
    page = SourceFile(Path("a b.md"), PurePosixPath("a b.md"))
    assert isinstance(load_page(page, text.encode(), config).document, SourcePage)
    doc = SourceFile(Path("_docs/a.md"), PurePosixPath("_docs/a.md"))
    assert load_page(doc, text.encode(), config, collection=docs).document is None
    assert load("2022-01-01-a.md", "---\npublished:\n---\nbody\n", config=config).document is None


@pytest.mark.parametrize(
    ("text", "message", "line"),
    [
        ('---\ntitle: "a "quoted" title"\n---\nx', "invalid YAML", 2),
        ("---\ntitle: a\ndate: someday\n---\nx", "date", 3),
        ("---\ntitle: a\ncategories: {a: 1}\n---\nx", "categories", 3),
    ],
)
def test_bad_posts_raise_content_error_with_line(text: str, message: str, line: int | None) -> None:
    with pytest.raises(ContentError, match=message) as caught:
        load("2022-01-01-a.md", text)
    assert caught.value.line == line
    assert caught.value.path is not None and caught.value.path.name == "2022-01-01-a.md"


@pytest.mark.parametrize(
    ("text", "url", "warning", "line"),
    [
        # Jekyll 4.3 publishes each of these (checked with `jekyll build`).
        ("---\ntitle: a\nbody without end", "/2022/01/01/a.html", "not closed", 1),
        ("---\n", "/2022/01/01/a.html", "not closed", 1),
        ("", "/2022/01/01/a.html", None, None),
        ("---\ntitle: a\ntags: [[1]]\n---\nx", "/2022/01/01/a.html", None, None),
        ("---\ntitle: a\ntags: {a: b}\n---\nx", "/2022/01/01/a.html", "'tags' is a mapping", 3),
        ("---\ntitle: [1, {a: 2}]\n---\nx", "/2022/01/01/a.html", "'title' is a list", 2),
        ("---\ntitle: T\nx: !custom foo\n---\nx", "/2022/01/01/a.html", "unknown YAML tag", 3),
    ],
)
def test_posts_jekyll_publishes_are_published_with_one_warning(
    text: str, url: str, warning: str | None, line: int | None
) -> None:
    loaded = load("2022-01-01-a.md", text)
    assert isinstance(loaded.document, Post) and loaded.document.url == url
    if warning is None:
        assert loaded.warnings == ()
    else:
        assert len(loaded.warnings) == 1 and warning in loaded.warnings[0].message
        assert loaded.warnings[0].line == line


def test_non_utf8_and_binary_files_raise() -> None:
    with pytest.raises(ContentError, match="UTF-8"):
        load("2022-01-01-a.md", "---\ntitle: 中文\n---\n".encode("gbk"))
    with pytest.raises(ContentError, match="binary"):
        load("2022-01-01-a.md", b"\x89PNG\r\n\x1a\n\x00\x00")


def test_bom_and_crlf_are_accepted() -> None:
    text = "\ufeff" + post(title="带BOM").replace("\n", "\r\n")
    result = loaded_post("2022-01-01-a.md", text.encode("utf-8"))
    assert result.title == "带BOM"


def test_page_with_liquid_keeps_its_body_for_the_liquid_stage() -> None:
    text = "---\nlayout: default\npermalink: /emnews/\n---\n{% for tag in site.tags %}{{ tag }}{% endfor %}\n"
    result = load_page(SourceFile(Path("emnews.md"), PurePosixPath("emnews.md")), text.encode(), CONFIG)
    assert isinstance(result.document, SourcePage)
    assert result.document.uses_liquid and result.document.body_html == ""
    assert result.document.liquid is not None and result.document.liquid.line == 5
    assert result.document.liquid.text.startswith("{% for tag in site.tags %}")


def test_page_url_from_path_or_permalink() -> None:
    source = SourceFile(Path("about.md"), PurePosixPath("about.md"))
    page = load_page(source, b"---\ntitle: About\n---\nHi *there*\n", CONFIG).document
    assert isinstance(page, SourcePage)
    assert (page.url, page.title) == ("/about.html", "About")
    assert "<em>there</em>" in page.body_html
