"""A diagnostic is never cut at a character Python's `str.splitlines` breaks lines at
(`\\x0b`, `\\x0c`, `\\x1c`-`\\x1e`, `\\x85`, U+2028, U+2029) but a file or include name may
hold: messages are split into lines at `\\n` only, and such characters are written as
escapes, so the name and the reason after it are both printed.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from liquid.exceptions import TemplateNotFoundError

from sitegen.errors import ContentError, message_lines, one_line, shorten
from sitegen.liquid.recovery import _message
from tests.conftest import SiteFactory, sitegen_main

#: Every character `str.splitlines` ends a line at, but `\n` and `\r`.
SEPARATORS = "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
#: Those that are not ASCII whitespace, so may be part of a name (to Ruby as well).
IN_NAMES = SEPARATORS[2:]
_TEXT = st.text(st.sampled_from([*SEPARATORS, "a", "é", " ", "'", "."]), min_size=1, max_size=30)


@given(_TEXT, _TEXT)
def test_an_error_holding_a_separator_is_one_whole_line(name: str, reason: str) -> None:
    message = f"included file '{name}' {reason}"
    shown = str(ContentError(message, path=Path("pg.html"), line=3))
    assert shown == f"pg.html:3: {one_line(message)}"
    assert "\n" not in shown and all(separator not in shown for separator in SEPARATORS)
    assert message_lines(f"{message}\nsecond") == [message, "second"]


@given(_TEXT)
def test_a_liquid_message_and_its_short_form_keep_every_separator(name: str) -> None:
    message = f"included file '{name}' not found in _includes/"
    assert _message(TemplateNotFoundError(message, token=None)) == message
    kept = shorten(message)
    for separator in IN_NAMES:
        assert kept.count(separator) == message.count(separator)


def test_includes_named_with_separators_are_reported_whole(make_site: SiteFactory) -> None:
    tags = "".join(f"{{% include a{separator}b.html %}}|" for separator in IN_NAMES)
    site = make_site({"_config.yml": "title: T\n", "pg.html": f"---\n---\n{tags}\n"})
    code, _, err = sitegen_main("build", "-s", str(site))
    assert code == 0, err
    named = [line for line in err.split("\n") if "included file" in line]
    assert len(named) == len(IN_NAMES), err
    for line, separator in zip(named, IN_NAMES, strict=True):
        assert f"included file 'a{one_line(separator)}b.html' not found in _includes/" in line, err
        assert line.endswith("published without the broken tag"), err


def test_no_message_is_split_with_splitlines() -> None:
    """The kind, wherever it is: sitegen splits no text with `str.splitlines`."""
    sources = Path(__file__).parent.parent / "sitegen"
    found = [
        f"{path.relative_to(sources)}:{number}"
        for path in sorted(sources.rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1)
        if re.search(r"\.splitlines\(", line)
    ]
    assert found == []


_NAME_PARTS = st.binary(min_size=1, max_size=6).filter(lambda part: b"/" not in part and b"\0" not in part)


@given(st.lists(_NAME_PARTS, min_size=1, max_size=3))
def test_a_name_that_is_not_utf8_is_shown_by_its_bytes(parts: list[bytes]) -> None:
    """A file name's bytes that are not UTF-8 reach Python as lone surrogates (PEP 383);
    a diagnostic shows each as the byte it stands for (`\\xff`, as `ls -b` does), and
    the line is printable UTF-8 whatever the name."""
    name = os.fsdecode(b"/".join(parts))
    shown = str(ContentError("skipped", path=Path(name)))
    shown.encode("utf-8")  # no lone surrogate left to print
    assert "\n" not in shown
    for char in name:
        if 0xDC80 <= ord(char) <= 0xDCFF:
            assert f"\\x{ord(char) - 0xDC00:02x}" in shown, (name, shown)


def test_a_post_whose_name_is_not_utf8_is_named_by_its_bytes(make_site: SiteFactory) -> None:
    site = make_site({"_config.yml": "title: T\n", "_posts/2023-03-04-a.md": "---\ntitle: 甲\n---\n甲\n"})
    odd = site / os.fsdecode(b"_posts/2023-03-04-\xff\xfe.md")
    odd.write_text("---\ntitle: 乙\n---\n乙\n", encoding="utf-8")
    _, _, err = sitegen_main("build", "-s", str(site), "-d", str(site.parent / "out"))
    assert "2023-03-04-\\xff\\xfe.md: has a name that is not UTF-8 text" in err, err
    assert "\\udc" not in err
