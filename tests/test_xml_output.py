"""Every XML file sitegen writes is well-formed, whatever text the site holds.

Posts and `_config.yml` can carry characters XML 1.0 forbids (C0 controls, U+FFFE,
U+FFFF, lone surrogates); one of them in a feed makes the whole feed unreadable. These
tests feed such text through every field that reaches a feed or a sitemap and parse
every `.xml` file of the built tree strictly.
"""

from __future__ import annotations

import tempfile
from collections.abc import Mapping
from pathlib import Path
from xml.sax.saxutils import escape

import feedparser
from hypothesis import example, given
from hypothesis import strategies as st
from lxml import etree

from sitegen.render.xml_output import encode_output, is_xml_output
from tests.conftest import CONFIG, build, write_files

#: Every kind of character XML 1.0 forbids: C0 controls but tab, LF and CR; the
#: non-characters U+FFFE and U+FFFF; lone surrogates from both halves.
SURROGATES = ("\ud800", "\udbff", "\udc00", "\udfff")
FORBIDDEN = tuple(chr(code) for code in (*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20)))
FORBIDDEN += ("\ufffe", "\uffff", *SURROGATES)
_ALLOWED_RANGES = ((0x9, 0x9), (0xA, 0xA), (0xD, 0xD), (0x20, 0xD7FF), (0xE000, 0xFFFD), (0x10000, 0x10FFFF))

hostile_text = st.lists(
    st.one_of(st.characters(), st.sampled_from(FORBIDDEN), st.sampled_from("<>&\"' 中")), max_size=12
).map("".join)
"""Text mixing ordinary characters, XML's own specials and forbidden characters."""


def yaml_quoted(text: str) -> str:
    """`text` as a double-quoted YAML scalar: every character a `\\U` escape, so any
    character at all (controls, surrogates) reaches the YAML parser intact."""
    return '"' + "".join(f"\\U{ord(character):08x}" for character in text) + '"'


def body_text(text: str) -> str:
    """`text` as a post body: controls as they are, and what a UTF-8 file cannot hold
    (surrogates) or a text file must not (NUL) as character references."""
    return "".join(f"&#x{ord(ch):x};" if ch == "\x00" or "\ud800" <= ch <= "\udfff" else ch for ch in text)


@st.composite
def hostile_post(draw: st.DrawFn, number: int) -> str:
    # Names are often plain too: a name that cannot be a file name skips its post,
    # which would leave the title, excerpt and body of that post untested.
    name = st.one_of(st.sampled_from(["xinjingbao", "财经 要闻", ""]), hostile_text)
    fields = {"title": draw(hostile_text), "categories": draw(name), "tags": draw(name)}
    for optional in ("excerpt", "description"):
        if draw(st.booleans()):
            fields[optional] = draw(hostile_text)
    front = "".join(f"{key}: {yaml_quoted(value)}\n" for key, value in fields.items())
    date = f"2022-01-{number + 1:02d} 08:00:00 +0800"
    return f"---\nlayout: post\ndate: {date}\n{front}---\n<p>{body_text(draw(hostile_text))}</p>\n"


@st.composite
def hostile_site(draw: st.DrawFn) -> dict[str, str]:
    # `_config.yml` cannot hold a lone surrogate at all (the YAML reader rejects it,
    # which is a config error), so the site's own texts get every other kind.
    config_text = hostile_text.map(lambda text: "".join(ch for ch in text if not "\ud800" <= ch <= "\udfff"))
    config = CONFIG.replace("title: 测试站\n", f"title: {yaml_quoted(draw(config_text))}\n")
    config += f"description: {yaml_quoted(draw(config_text))}\n"
    # A tiny part size splits the sitemap into an index and parts.
    config += f"sitemap_max_urls: {draw(st.sampled_from([2, 50_000]))}\n"
    files = {"_config.yml": config}
    for number in range(draw(st.integers(min_value=1, max_value=3))):
        files[f"content/_posts/2022-01-{number + 1:02d}-p{number}.md"] = draw(hostile_post(number))
    return files


KNOWN_BAD_SITE = {
    "_config.yml": CONFIG + 'description: "站点\\x1b说明\\uffff"\nsitemap_max_urls: 2\n',
    "content/_posts/2022-01-01-a.md": (
        '---\nlayout: post\ndate: 2022-01-01 08:00:00 +0800\ntitle: "标题\\x08\\ufffe"\n'
        "categories: xinjingbao\n---\n<p>正文\x1b[31m红\x08字</p>\n"
    ),
    "content/_posts/2022-01-02-b.md": (
        '---\nlayout: post\ndate: 2022-01-02 08:00:00 +0800\ntitle: "二"\n'
        'excerpt: "摘要\\x0c"\n---\n<p>&#x1b;&#xd800;&#xffff;</p>\n'
    ),
    # Names that may be refused as file names (the post is then skipped, reported).
    "content/_posts/2022-01-03-c.md": (
        '---\nlayout: post\ndate: 2022-01-03 08:00:00 +0800\ntitle: "三\\x1b"\n'
        'categories: "xin\\x1bjing"\ntags: "要\\x01闻 \\uffff"\n---\n<p>三</p>\n'
    ),
}


@given(files=hostile_site())
@example(files=KNOWN_BAD_SITE)
def test_every_xml_file_of_a_built_site_is_well_formed(files: Mapping[str, str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        site = write_files(Path(folder) / "site", files)
        build(site)
        published = site / "_site"
        for path in sorted(published.rglob("*.xml")):
            etree.parse(str(path), etree.XMLParser(recover=False, resolve_entities=False))
            if path.name == "feed.xml" or path.parent.name == "feed":
                parsed = feedparser.parse(path.read_bytes())
                assert not parsed.bozo, (path, parsed.get("bozo_exception"))


def test_known_bad_site_publishes_its_feeds_and_sitemap_index() -> None:
    """The fixed example really reaches every kind of XML file, so the property above
    checks feeds, category feeds, the sitemap index and its parts."""
    with tempfile.TemporaryDirectory() as folder:
        site = write_files(Path(folder) / "site", KNOWN_BAD_SITE)
        build(site)
        names = {path.relative_to(site / "_site").as_posix() for path in (site / "_site").rglob("*.xml")}
        assert {"feed.xml", "feed/xinjingbao.xml", "sitemap.xml", "sitemap-1.xml"} <= names
        feed = feedparser.parse((site / "_site/feed.xml").read_bytes())
        entries = {entry.title: entry for entry in feed.entries}
        assert feed.feed.subtitle == "站点说明"
        assert entries["标题"].summary == "正文[31m红字"
        assert entries["二"].summary == "摘要"


any_text = st.lists(
    st.one_of(st.characters(exclude_categories=()), st.sampled_from(FORBIDDEN), st.sampled_from(SURROGATES))
).map("".join)
"""Any code point, with the forbidden ones, and lone surrogates above all, drawn often.
(A list joined, not `st.text`, which quietly leaves surrogates out of its alphabet.)"""
MIXED = "标题\ud800\x1b\ufffe<&>\udfff"


@given(text=any_text)
@example(text=MIXED)
def test_encoded_output_is_always_utf8(text: str) -> None:
    encode_output(text, xml=False).decode("utf-8")


@given(text=any_text)
@example(text=MIXED)
def test_encoded_xml_text_always_parses(text: str) -> None:
    document = b"<a>" + encode_output(escape(text), xml=True) + b"</a>"
    etree.fromstring(document, etree.XMLParser(recover=False))


@given(text=st.text(st.characters()))  # no lone surrogates: those are replaced
def test_allowed_text_is_encoded_unchanged(text: str) -> None:
    allowed = "".join(ch for ch in text if any(low <= ord(ch) <= high for low, high in _ALLOWED_RANGES))
    assert encode_output(allowed, xml=True) == allowed.encode("utf-8")


#: Names whose media type is XML (Python's table and the formats a site publishes), each
#: published from a Liquid page; `export` has no XML name but opens with a declaration.
XML_NAMES = (
    "feed.rss", "atom.atom", "FEED.RSS", "map.svg", "list.opml", "page.xhtml", "style.xsl",
    "places.kml", "track.gpx", "data.rdf", "sitemap2.xml", "export",
)  # fmt: skip
LIQUID_FEED = (
    '---\nlayout: null\n---\n<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>'
    "{% for post in site.posts %}<item><title>{{ post.title | xml_escape }}</title></item>{% endfor %}"
    "</channel></rss>\n"
)

XML_SUFFIXES = (".rss", ".atom", ".svg", ".opml", ".xhtml", ".xsl", ".kml", ".gpx", ".rdf", ".xml")


@given(
    stem=st.sampled_from(["feed", "a/b", "新闻"]),
    suffix=st.sampled_from(XML_SUFFIXES).flatmap(lambda s: st.sampled_from([s, s.upper()])),
    declared=st.booleans(),
    text=any_text,
)
def test_every_output_of_an_xml_kind_drops_what_xml_forbids(
    stem: str, suffix: str, declared: bool, text: str
) -> None:
    """An output named with any XML media type, or any output opening with an XML
    declaration, parses strictly whatever its text holds."""
    declaration = '<?xml version="1.0" encoding="UTF-8"?>\n' if declared else ""
    document = f"{declaration}<a>{escape(text)}</a>"
    names = (f"{stem}{suffix}",) if not declared else ("export",)
    encoded = encode_output(document, xml=is_xml_output(names, document))
    etree.fromstring(encoded, etree.XMLParser(recover=False))


def test_liquid_pages_of_every_xml_kind_are_well_formed() -> None:
    """Before, only names ending in `.xml` dropped what XML forbids: a Liquid `feed.rss`
    with U+001B in a post title was unreadable to every feed reader."""
    forbidden = "".join(ch for ch in FORBIDDEN if ch not in SURROGATES)
    title = yaml_quoted(f"Pasted {forbidden}[0m title")
    files = {"_config.yml": CONFIG, "content/_posts/2022-01-01-p.md": f"---\ntitle: {title}\n---\nbody\n"}
    files.update({f"content/{name}": LIQUID_FEED for name in XML_NAMES})
    with tempfile.TemporaryDirectory() as folder:
        site = write_files(Path(folder) / "site", files)
        build(site)
        for name in XML_NAMES:
            tree = etree.parse(str(site / "_site" / name), etree.XMLParser(recover=False))
            assert tree.findtext("channel/item/title") == "Pasted [0m title", name
