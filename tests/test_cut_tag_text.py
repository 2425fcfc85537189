"""A body that ends inside what the HTML tokenizer reads as a tag (`if a <b then`) keeps
every word its author wrote: the unfinished tag is shown as text (each `<` from its start
on written `&lt;`), and the page after the body stays markup. Only bodies written as HTML
pages are closed at all: a `.txt`, `.json` or `.xml` output is not read by a browser's
HTML parser, so it is published as written, as Jekyll publishes it.

The oracle is html5lib, a WHATWG-conformant parser independent of sitegen's scanner.
"""

from __future__ import annotations

from pathlib import Path
from xml.etree.ElementTree import Element

import html5lib
from hypothesis import given
from hypothesis import strategies as st

from sitegen.open_markup import close_open_markup, closed_body
from tests.conftest import CONFIG, build, post, write_files

#: Markup before the author's text that leaves that text visible.
_PREFIX = st.sampled_from(["", "<p>", "<div class='a'>", "<b>", '<a href="/x/">', "<p><br></p>"])
#: Text with stray `<`, `<` before letters (a tag the body ends inside), quotes, `=`,
#: partial tags and Chinese. No `>`: with one, `<b then x >` is a complete tag, markup as
#: written. No `!`, `?` or `</` before a non-letter: those open a comment, which the
#: tokenizer reads (and closing keeps) as a comment, as a browser reads Jekyll's copy.
_TEXT = st.lists(
    st.sampled_from(
        [
            "if a ", "<", "<b", " then", "<a href=", '"', "'", "=", "x", "<i", "</b", "< ",
            "<1", "<<", "<script", "<plaintext", "<svg", "<template", "<textarea", " ",
            "\n", "正文", "<p", "也", "<a title='它", "\t", "好<b",
        ]
    ),
    max_size=12,
).map("".join)  # fmt: skip
_HIDING = frozenset({"template", "svg", "math", "noscript", "script", "style", "textarea", "title", "select"})
_TRAILER = '<p id="tail">x</p>'


def _body(document: Element) -> Element:
    found = document.find("body")
    assert found is not None
    return found


def _tail_shown(element: Element, hidden: bool = False) -> bool:
    """Whether the trailer's `<p id="tail">` is an element a browser shows."""
    name = element.tag.rpartition("}")[2] if isinstance(element.tag, str) else ""
    hidden = hidden or name in _HIDING
    if not hidden and element.tag == "p" and element.get("id") == "tail":
        return True
    return any(_tail_shown(child, hidden) for child in element)


@given(_PREFIX, _TEXT)
def test_closing_keeps_every_character_of_the_authors_text(prefix: str, text: str) -> None:
    closed = close_open_markup(prefix + text).html
    # (After `<body>`: before it a parser drops the white space a text starts with.)
    shown = "".join(_body(html5lib.parse("<body>" + closed, namespaceHTMLElements=False)).itertext())
    assert shown == text, (prefix + text, closed)
    page = html5lib.parse("<body>" + closed + _TRAILER, namespaceHTMLElements=False)
    assert _tail_shown(page), (prefix + text, closed)


def test_a_cut_tag_is_shown_as_text_and_what_was_open_before_it_closed() -> None:
    assert close_open_markup("if a <b then").html == "if a &lt;b then"
    closed = close_open_markup('<svg><g>x <a href="y')
    assert closed.html == '<svg><g>x &lt;a href="y</svg>'
    assert [c.name for c in closed.opened] == ["<svg>"]
    assert [c.name for c in closed.escaped] == ['<a href="y']
    # All the cut tag held is its text: a script in its quote never comes alive.
    assert close_open_markup("a <b c <i d").html == "a &lt;b c &lt;i d"
    assert close_open_markup('<a title="<script>x').html == '&lt;a title="&lt;script>x'
    # `<plaintext>` is shown as text, and what follows it read on as markup.
    assert close_open_markup("<plaintext>a<svg>b").html == "&lt;plaintext>a<svg>b</svg>"


def test_a_cut_tag_is_warned_about_once_saying_its_text_is_kept() -> None:
    html, warnings = closed_body("<p>x</p>\nif a <b then", "<p>x</p>\nif a <b then\n", 4, Path("p.html"))
    assert html == "<p>x</p>\nif a &lt;b then"
    assert [w.message for w in warnings] == [
        "<b then opened at line 5 is never closed; it is shown as text so the page's links stay visible"
    ]
    _, mixed = closed_body("<svg>x <b", "<svg>x <b", 1, Path("p.html"))
    assert [w.message for w in mixed] == [
        "<svg> and <b opened at line 1 are never closed; closed at the end of the body,"
        " 1 of them shown as text so the page's links stay visible"
    ]


def test_a_built_page_and_post_keep_the_words_after_a_stray_angle_bracket(tmp_path: Path) -> None:
    files = {
        "_config.yml": CONFIG,
        "_posts/2022-05-01-a.md": post(
            date="2022-05-01 10:00:00 +0800", body="<div>\nif a <b then we go on\n"
        ),
        "page.html": "---\ntitle: P\n---\n<p>x</p>\nif a <b then more words\n",
    }
    write_files(tmp_path / "site", files)
    result = build(tmp_path / "site", destination=tmp_path / "out")
    out = tmp_path / "out"
    page = (out / "page.html").read_text(encoding="utf-8")
    article = (out / "xinjingbao" / "2022" / "05" / "01" / "a.html").read_text(encoding="utf-8")
    assert "if a &lt;b then more words\n" in page
    assert "<div>\nif a &lt;b then we go on\n" in article
    # The Markdown post's `<b then` is text by kramdown's rule as it is converted
    # (`sitegen.content.kramdown_stray`), as Jekyll writes it: nothing is left open there.
    warned = [d for d in result.diagnostics if "never closed" in d.message]
    assert [(Path(str(d.path)).name, "shown as text" in d.message) for d in warned] == [
        ("page.html", True)
    ], warned


def test_a_body_whose_output_is_not_html_is_published_as_written(tmp_path: Path) -> None:
    files = {
        "_config.yml": CONFIG,
        "x.txt": "---\n---\nif a <b then text\n",
        "notes.md": "---\npermalink: /notes.txt\n---\n<div>\nif a <b then markdown\n",
        "raw.html": "---\npermalink: /raw.json\n---\n<p>a <b then json\n",
        "liquid.html": "---\npermalink: /liquid.xml\n---\n{{ 1 }} <!-- open\n",
        "_posts/2022-05-01-a.md": post(body="<script>var x = 1;\n", extra="permalink: /a.txt\n"),
    }
    write_files(tmp_path / "site", files)
    result = build(tmp_path / "site", destination=tmp_path / "out")
    out = tmp_path / "out"
    assert (out / "x.txt").read_text(encoding="utf-8") == "if a <b then text\n"
    # Converted as Markdown: kramdown's stray `<` is text there too (`sitegen.content.kramdown_stray`).
    assert (out / "notes.txt").read_text(encoding="utf-8") == "<div>\nif a &lt;b then markdown\n"
    assert (out / "raw.json").read_text(encoding="utf-8") == "<p>a <b then json\n"
    assert (out / "liquid.xml").read_text(encoding="utf-8") == "1 <!-- open\n"
    published = (out / "a.txt").read_text(encoding="utf-8")  # in the theme's post layout
    assert "<script>var x = 1;\n" in published and "var x = 1;\n</script>" not in published
    assert not [d for d in result.diagnostics if "never closed" in d.message], result.diagnostics
