"""Text printed from front matter and settings: a text that shows nothing counts as empty
wherever sitegen falls back from an empty one, and no page carries a C0 control.

The properties draw names and settings made of what a reader sees nothing of (spaces of
any width, U+3000, zero-width and format characters, C0 and C1 controls), each built as
a site; one build per example, so the example budget is kept small.
"""

from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.display_text import FORBIDDEN_CHARACTERS, is_blank, language_tag, shown
from sitegen.render.templates import _shown
from sitegen.urls import href, normalize_baseurl
from tests.conftest import build, write_files

#: Characters a reader sees nothing of.
INVISIBLE = (
    *(" ", "\t", "\u3000", "\u00a0", "\u2003", "\u200b", "\u200d", "\u2060", "\ufeff"),
    *("\x00", "\x01", "\x08", "\x1f", "\x7f", "\x85", "\x9f", "\u2028", "\u3164", "\u00ad"),
)
BLANK = st.text(alphabet=st.sampled_from(INVISIBLE), max_size=4)
NONEMPTY_BLANK = st.text(alphabet=st.sampled_from(INVISIBLE), min_size=1, max_size=4)
CONTROLS = st.text(
    alphabet=st.sampled_from("\x00\x01\x02\x08\x0b\x0c\x0e\x1f\ufffe\uffff"), min_size=1, max_size=3
)
BUILD_EXAMPLES = settings(max_examples=8)
URL = "https://ex.com"


def _yaml(text: str) -> str:
    """`text` as a YAML double-quoted scalar (JSON's escapes are YAML's)."""
    return json.dumps(text)


def _built(files: dict[str, str]) -> tuple[dict[str, str], list[str]]:
    """Every output of the site as text, and the build's warnings as lines."""
    with tempfile.TemporaryDirectory() as folder:
        site = write_files(Path(folder) / "site", files)
        result = build(site, destination=Path(folder) / "out", cache=False)
        outputs = {
            str(path.relative_to(result.destination)): path.read_text("utf-8", "replace")
            for path in result.destination.rglob("*")
            if path.is_file() and path.suffix in (".html", ".xml")
        }
        return outputs, [str(diagnostic) for diagnostic in result.diagnostics]


def _post(title: str, categories: list[str], tags: list[str]) -> str:
    listed = ", ".join(_yaml(name) for name in categories)
    tagged = ", ".join(_yaml(name) for name in tags)
    return f"---\ntitle: {_yaml(title)}\ncategories: [{listed}]\ntags: [{tagged}]\n---\nb\n"


@given(BLANK, st.text(alphabet=st.sampled_from("a新1.-é!"), min_size=1, max_size=3), BLANK)
def test_blank_is_what_shows_nothing(blank: str, visible: str, more: str) -> None:
    assert is_blank(blank + more)
    assert not is_blank(blank + visible + more)


@given(st.from_regex(r"[a-z]{2,3}(_[A-Za-z0-9]{2,4}){0,2}", fullmatch=True))
def test_language_tag_is_bcp47(lang: str) -> None:
    assert language_tag(lang) == lang.replace("_", "-")
    assert "_" not in language_tag(lang)


@BUILD_EXAMPLES
@given(NONEMPTY_BLANK)
def test_a_blank_first_tag_never_titles_a_category(blank: str) -> None:
    outputs, _ = _built(
        {
            "_config.yml": f"title: T\nurl: {URL}\n",
            "_posts/2024-01-01-a.md": _post("a", ["news"], [blank, "real-tag"]),
        }
    )
    assert re.search(r"<h1[^>]*>real-tag</h1>", outputs["category/news.html"])
    assert 'category term="news" label="real-tag"' in outputs["feed.xml"]
    links = re.findall(r'<a [^>]*href="/category/news.html"[^>]*>([^<]*)</a>', outputs["index.html"])
    assert links and all(text == "real-tag" for text in links)


@BUILD_EXAMPLES
@given(st.lists(NONEMPTY_BLANK, min_size=1, max_size=3, unique=True), st.lists(NONEMPTY_BLANK, max_size=3))
def test_feeds_carry_no_blank_category(categories: list[str], tags: list[str]) -> None:
    outputs, _ = _built(
        {
            "_config.yml": f"title: T\nurl: {URL}\n",
            "_posts/2024-01-01-a.md": _post("a", [*categories, "news"], [*tags, "real"]),
        }
    )
    feeds = [text for name, text in outputs.items() if name.endswith(".xml") and "<feed" in text]
    assert feeds
    for feed in feeds:
        for term, label in re.findall(r'<category term="([^"]*)" label="([^"]*)"', feed):
            assert not is_blank(term) and not is_blank(label)
        assert 'term="news"' in feed and 'term="real"' in feed


@BUILD_EXAMPLES
@given(BLANK, BLANK, NONEMPTY_BLANK)
def test_blank_title_author_and_news_name_fall_back(title: str, author: str, news_name: str) -> None:
    config = (
        f"title: {_yaml(title)}\nauthor: {_yaml(author)}\nurl: {URL}\nnews: {{name: {_yaml(news_name)}}}\n"
    )
    outputs, warnings = _built({"_config.yml": config, "_posts/2024-01-01-p.md": _post("p", [], [])})
    feed, news = outputs["feed.xml"], outputs["sitemap-news.xml"]
    for element in re.findall(r"<(?:title|name|news:name)>([^<]*)<", feed + news):
        assert not is_blank(element)
    assert re.search(r"<feed[^>]*>\s*<id>[^<]*</id>\s*<title[^>]*>My news site</title>", feed)
    assert "<news:name>My news site</news:name>" in news
    assert len([line for line in warnings if "setting 'title'" in line and ":1: " in line]) == 1
    assert len([line for line in warnings if "'news: name'" in line and ":4: " in line]) == 1


def test_the_title_falls_back_to_name_as_jekyll_feed_does() -> None:
    outputs, warnings = _built(
        {"_config.yml": f'title: ""\nname: Daily\nurl: {URL}\n', "_posts/2024-01-01-p.md": _post("p", [], [])}
    )
    assert '<title type="html">Daily</title>' in outputs["feed.xml"]
    assert any("setting 'title'" in line and "'Daily'" in line for line in warnings)


@BUILD_EXAMPLES
@given(CONTROLS, CONTROLS, CONTROLS)
def test_no_page_carries_a_c0_control_or_noncharacter(site_title: str, post_title: str, tag: str) -> None:
    outputs, _ = _built(
        {
            "_config.yml": f"title: {_yaml('Site' + site_title)}\nurl: {URL}\n",
            "_posts/2024-01-01-p.md": _post(f"T{post_title}ctl", ["x"], [f"t{tag}", "u"]),
        }
    )
    for name, text in outputs.items():
        assert not FORBIDDEN_CHARACTERS.search(text), name
    assert "<title>Tctl - Site</title>" in outputs["x/2024/01/01/p.html"]


@BUILD_EXAMPLES
@given(st.text(alphabet=st.sampled_from("/a?#%&\x01 \u3000新"), min_size=1, max_size=6))
def test_theme_asset_links_are_encoded_like_every_link(baseurl: str) -> None:
    outputs, _ = _built(
        {
            "_config.yml": f"title: T\nurl: {URL}\nbaseurl: {_yaml(baseurl)}\n",
            "_posts/2024-01-01-p.md": _post("p", [], []),
        }
    )
    prefix = normalize_baseurl(baseurl)
    page = outputs["index.html"]
    assert f'href="{href("/assets/sitegen.css", prefix).replace("&", "&amp;")}"' in page
    assert f'src="{href("/assets/sitegen.js", prefix).replace("&", "&amp;")}"' in page
    assert not re.search(r'(?:href|src)="//', page)


@BUILD_EXAMPLES
@given(st.from_regex(r"[a-z]{2}_[A-Z]{2}", fullmatch=True))
def test_lang_is_written_as_a_bcp47_tag(lang: str) -> None:
    outputs, _ = _built(
        {"_config.yml": f"title: T\nurl: {URL}\nlang: {lang}\n", "_posts/2024-01-01-p.md": _post("p", [], [])}
    )
    tag = lang.replace("_", "-")
    assert f'xml:lang="{tag}"' in outputs["feed.xml"]
    assert f'<html lang="{tag}">' in outputs["index.html"]
    assert f'<html lang="{tag}">' in outputs["2024/01/01/p.html"]


def test_a_path_in_url_is_one_warning_at_its_line() -> None:
    _, warnings = _built(
        {"_config.yml": "title: T\nurl: https://ex.com/news\n", "_posts/2024-01-01-p.md": _post("p", [], [])}
    )
    said = [line for line in warnings if "'url' has a path" in line]
    assert len(said) == 1 and ":2: " in said[0] and "baseurl" in said[0]
    _, warnings = _built(
        {"_config.yml": "title: T\nurl: https://ex.com/\n", "_posts/2024-01-01-p.md": _post("p", [], [])}
    )
    assert not [line for line in warnings if "'url'" in line]


ANY_TEXT = st.text(st.characters(exclude_categories=()))
"""Every code point, surrogates and noncharacters too."""


@given(ANY_TEXT | st.sampled_from(("\ufffe", "a\uffffb", "\x0b", "x\ny")))
def test_the_theme_prints_any_text_as_shown_reads_it(text: str) -> None:
    """The templates' printer skips the pass over printable text: never a different text."""
    assert _shown(text) == shown(text)
