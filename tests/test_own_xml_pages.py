"""A site's own XML page that is not well-formed is one warning line at build time.

Drawn pages: XML by several extensions, with and without Liquid, each built of pieces
that are well-formed or not (a bare `&`, a `<` in text, an unclosed tag, a control
character, an unescaped `{{ site.title }}` holding `&`). Exactly the ill-formed pages are
named, once each, and published as written (as Jekyll does: nothing is lost, so
`--strict` still publishes); a rebuild, which keeps the pages, names them again.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.liquid.own_xml_pages import xml_problem
from tests.conftest import sitegen_main, write_files

#: (text, well-formed once rendered); the site's title is "Tom & Jerry".
_PIECES = (
    ("<t>ok</t>", True),
    ("<t>a &amp; b</t>", True),
    ("<t><![CDATA[a & b <c>]]></t>", True),
    ("<t>{{ site.title | xml_escape }}</t>", True),
    ("<t>a & b</t>", False),
    ("<t>a < b</t>", False),
    ("<t>open", False),
    ("<t>\x01</t>", False),
    ("<t>{{ site.title }}</t>", False),
)
_NAMES = (
    "feed.xml",
    "atom.xml",
    "rss.xml",
    "feed/index.xml",
    "style.xsl",
    "logo.svg",
    "map.kml",
    "list.opml",
)

_page = st.tuples(
    st.lists(st.sampled_from(_PIECES), max_size=3),
    st.booleans(),  # an XML declaration
)


def _text(pieces: list[tuple[str, bool]], declared: bool) -> str:
    body = "".join(text for text, _ in pieces)
    declaration = '<?xml version="1.0"?>' if declared else ""
    return f"---\nlayout: null\n---\n{declaration}<root>{body}</root>\n"


@settings(max_examples=12)
@given(st.dictionaries(st.sampled_from(_NAMES), _page, min_size=1, max_size=3))
def test_exactly_the_ill_formed_xml_pages_are_named_each_build(
    pages: dict[str, tuple[list[tuple[str, bool]], bool]],
) -> None:
    files = {"_config.yml": 'title: "Tom & Jerry"\nurl: https://ex.com\n'}
    files |= {name: _text(*page) for name, page in pages.items()}
    ill_formed = {name for name, (pieces, _) in pages.items() if not all(good for _, good in pieces)}
    with tempfile.TemporaryDirectory() as folder:
        site = write_files(Path(folder) / "site", files)
        for _ in range(2):  # the rebuild keeps every page and says it again
            code, _, stderr = sitegen_main("build", "-s", str(site), "-d", str(Path(folder) / "out"))
            assert code == 0
            named = [line for line in stderr.splitlines() if "not well-formed XML" in line]
            assert sorted(named) == sorted(_line_for(site, name, named) for name in ill_formed)
            assert all(line.startswith("warning:") and "feed readers refuse" in line for line in named)
        strict_out = Path(folder) / "strict"
        code, _, _ = sitegen_main("build", "--strict", "-s", str(site), "-d", str(strict_out))
        assert code == 0
        for name in pages:  # published whole, as written
            assert (strict_out / name).is_file()


def _line_for(site: Path, name: str, lines: list[str]) -> str:
    """The one line naming `name` (failing when there is not exactly one)."""
    matching = [line for line in lines if f"{site / name}:" in line]
    assert len(matching) == 1, (name, lines)
    return matching[0]


@given(st.text(alphabet="<>&ab/t;\x01 ", max_size=20))
def test_a_problem_names_its_line_and_column(text: str) -> None:
    problem = xml_problem(f"<r>{text}</r>")
    assert problem is None or problem.startswith("not well-formed XML (line 1, column ")
