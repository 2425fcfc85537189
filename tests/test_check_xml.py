"""`sitegen check` names every published XML file that does not parse: a site's own
`feed.xml` is its Liquid's output, published as Jekyll publishes it, and a body holding
`]]>` inside the template's `<![CDATA[…]]>` broke it without a word."""

from __future__ import annotations

import tempfile
from pathlib import Path
from xml.etree import ElementTree

from hypothesis import given
from hypothesis import strategies as st

from sitegen.check.xml_files import ill_formed_xml
from tests.conftest import build, sitegen_main, write_files

_PIECES = st.sampled_from(
    ["<a>", "</a>", "<b/>", "]]>", "<![CDATA[", "&amp;", "&x;", "<", "text", "中", "\x01"]
)


@given(
    st.lists(_PIECES, max_size=8), st.sampled_from(["feed.xml", "a/b.rss", "x.atom", "page.html", "s.svg"])
)
def test_a_file_is_named_exactly_when_an_xml_parser_refuses_it(pieces: list[str], name: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("<r>" + "".join(pieces) + "</r>", encoding="utf-8")
        try:
            ElementTree.parse(path)
            parses = True
        except ElementTree.ParseError:
            parses = False
        named = [found for found, _ in ill_formed_xml(root, [name])]
        assert named == ([] if parses or name.endswith(".html") else [name])


def test_a_sites_own_feed_broken_by_a_body_is_reported_with_its_line(tmp_path: Path) -> None:
    feed = (
        '---\nlayout: null\n---\n<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>'
        "{% for post in site.posts %}<item><description><![CDATA[{{ post.content }}]]></description></item>"
        "{% endfor %}</channel></rss>\n"
    )
    site = write_files(
        tmp_path / "site",
        {
            "_config.yml": "title: T\nurl: https://news.example.com\n",
            "feed.xml": feed,
            "_posts/2022-12-01-a.html": "---\ntitle: a\n---\n<p>a[b[0]]>c</p>\n",
        },
    )
    result = build(site, destination=tmp_path / "out", cache=False)
    # The build names it too (`sitegen.liquid.own_xml_pages`), and publishes it as written.
    assert not result.errors
    named = [note for note in result.warnings if "not well-formed XML" in note.message]
    assert [(note.path.name, note.message.split(":")[0]) for note in named if note.path] == [
        ("feed.xml", "not well-formed XML (line 2, column 71")
    ]
    code, out, err = sitegen_main("check", "-s", str(site), str(tmp_path / "out"))
    assert code == 1, (out, err)
    assert "feed.xml: not well-formed XML (line 2, column" in out
    assert out.splitlines()[-1].endswith("1 XML file not well-formed")


@given(
    st.sampled_from(["GB2312", "GBK", "gb18030", "Big5", "Shift_JIS", "EUC-JP", "UTF-8", "ISO-8859-1"]),
    st.booleans(),
)
def test_a_legacy_encoding_is_read_never_a_traceback(encoding: str, broken: bool) -> None:
    """Expat reads no multi-byte legacy encoding, and `sitegen check` ended on its
    ValueError; such a file is read with Python's codec of its declared name."""
    text = "中文" if encoding.lower() not in ("iso-8859-1",) else "abc"
    body = f"<x><y>{text}</x>" if broken else f"<x><y>{text}</y></x>"
    data = f'<?xml version="1.0" encoding="{encoding}"?>'.encode("ascii") + body.encode(encoding)
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "feed.xml").write_bytes(data)
        named = ill_formed_xml(Path(folder), ["feed.xml"])
    assert [path for path, _ in named] == (["feed.xml"] if broken else [])


def test_a_gzipped_svg_is_not_read_as_xml(tmp_path: Path) -> None:
    import gzip

    (tmp_path / "a.svgz").write_bytes(gzip.compress(b"<svg/>"))
    assert ill_formed_xml(tmp_path, ["a.svgz"]) == ()
