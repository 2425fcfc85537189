"""Numeric character references come out as a browser and Jekyll's kramdown read them:
`&#147;hello&#148; &#150; &#128;5 &#153;` is “hello” – €5 ™ (the WHATWG table of
Windows-1252 codes, kramdown's `ENTITY_TABLE`), in the page body, in link titles and
destinations, and in the text taken from the body (description, feed summary).
markdown-it wrote U+FFFD for each in text and kept the reference as text (`&amp;#147;`)
in a link title. A reference to
0, a surrogate, a code above U+10FFFF, a control other than whitespace or a
noncharacter is U+FFFD (`sitegen.content.char_refs`). Checked against kramdown, as
Jekyll configures it, in one Ruby process."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sitegen.content.char_refs import reference_text
from sitegen.content.excerpt import plain_text
from sitegen.content.markup import render_body
from sitegen.liquid.smartify import smartify
from tests.conftest import SiteFactory, build
from tests.ruby_process import RubyProcess, ruby_process
from tests.test_typography_kramdown import KRAMDOWN


def _forbidden(code: int) -> bool:
    """What sitegen writes as U+FFFD where a browser keeps the character: a control other
    than ASCII whitespace (C1 codes outside the Windows-1252 table included), a noncharacter."""
    control = (code < 0x20 and code not in (9, 10, 12, 13)) or 0x7F <= code <= 0x9F
    return (control and html.unescape(f"&#{code};") in ("", chr(code))) or (
        0xFDD0 <= code <= 0xFDEF or code & 0xFFFE == 0xFFFE
    )


#: Codes of every kind: Windows-1252's, controls, plain ones, surrogates, noncharacters,
#: the largest and beyond.
CODES = st.one_of(
    st.integers(0x80, 0x9F),
    st.integers(0, 0x7F),
    st.integers(0xA0, 0x10FFFF),
    st.integers(0xD800, 0xDFFF),
    st.sampled_from((0xFDD0, 0xFDEF, 0xFFFE, 0xFFFF, 0x10FFFF, 0x110000, 0xFFFFFF, 9999999)),
)


@st.composite
def references(
    draw: st.DrawFn, codes: st.SearchStrategy[int] = CODES, hex_marks: str = "xX"
) -> tuple[int, str]:
    """A code and a reference to it as CommonMark reads one (7 decimal or 6 hex digits;
    kramdown reads only a lowercase `x`)."""
    code = draw(codes)
    if code > 9_999_999 or draw(st.booleans()):
        digits = f"{code:x}"
        digits = "0" * draw(st.integers(0, 6 - len(digits))) + digits
        return code, f"&#{draw(st.sampled_from(hex_marks))}{digits};"
    return code, f"&#{code};"


def _browser_text(code: int) -> str:
    """WHATWG's reading, as `html.unescape` does it, with sitegen's U+FFFD (module docstring)."""
    return "\ufffd" if _forbidden(code) else html.unescape(f"&#{code};")


@given(reference=references())
def test_reference_text_is_the_browsers(reference: tuple[int, str]) -> None:
    code, written = reference
    assert reference_text(code) == _browser_text(code)
    shown = " ".join(f"a {_browser_text(code)} b".split())  # whitespace runs as one space
    assert plain_text(render_body(f"a {written} b", ".md", "markdown-it")) == shown
    link = render_body(f'[l](/u "a {written} b")\n\n[r]\n\n[r]: /v "{written}"', ".md", "markdown-it")
    titles = [html.unescape(title) for title in re.findall(r'title="([^"]*)"', link)]
    assert titles == [f"a {_browser_text(code)} b", _browser_text(code)]


@pytest.fixture(scope="module")
def kramdown() -> Iterator[RubyProcess]:
    with ruby_process(KRAMDOWN, gem="kramdown") as process:
        yield process


#: Codes kramdown writes as a character (not 0, a surrogate or above U+10FFFF, whose bytes
#: are not UTF-8) and sitegen keeps.
#: Drawn from where such codes are, not filtered out of `CODES`: most of its first (least)
#: examples are controls, and a filter that drops most examples fails Hypothesis's health check.
KRAMDOWN_CODES = st.one_of(
    st.sampled_from(
        [code for code in range(0x21, 0xA0) if code not in (38, 60, 62) and not _forbidden(code)]
    ),
    st.integers(0xA0, 0xD7FF).filter(lambda code: not _forbidden(code)),
    st.integers(0xE000, 0x10FFFF).filter(lambda code: not _forbidden(code)),
)


@given(batch=st.lists(references(KRAMDOWN_CODES, "x"), min_size=1, max_size=30))
def test_references_are_kramdowns(kramdown: RubyProcess, batch: list[tuple[int, str]]) -> None:
    paragraphs = [f'x {written} y [l](/u "t {written}")' for _, written in batch]
    expected = [html.unescape(answer).strip() for answer in kramdown.answers(paragraphs)]
    assert [html.unescape(render_body(text, ".md", "markdown-it")).strip() for text in paragraphs] == expected


def test_smartify_reads_windows_1252_references() -> None:
    assert smartify("&#147;x&#148; &#150; &#128;5 &#153;") == "“x” – €5 ™"


def test_windows_1252_references_in_pages_and_feed(make_site: SiteFactory) -> None:
    refs = "He said &#147;hello&#148; &#150; ok &#128;5 &#153;"
    shown = "He said “hello” – ok €5 ™"
    site = make_site(
        {
            "_config.yml": 'title: T\nurl: "https://ex.com"\n',
            "_posts/2024-01-03-g.md": f"---\ntitle: g\n---\n{refs}\n",
            "_posts/2024-01-02-h.html": f"---\ntitle: h\n---\n<p>{refs}</p>\n",
        }
    )
    out = build(site).destination
    page = (out / "2024/01/03/g.html").read_text(encoding="utf-8")
    assert f"<p>{shown}</p>" in page
    assert f'name="description" content="{shown}"' in page or f'content="{shown}"' in page
    feed = (out / "feed.xml").read_text(encoding="utf-8")
    assert feed.count(f'<summary type="html">{shown}</summary>') == 2
    assert "\ufffd" not in page + feed
