"""Flat front matter read without PyYAML's parser comes out exactly as PyYAML reads it."""

from __future__ import annotations

import math
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.jekyll.flat_yaml import read_flat_mapping
from sitegen.jekyll.yaml_reader import _LOADER, load_yaml

_KEYS = st.one_of(
    st.sampled_from(
        ["layout", "title", "date", "categories", "tags", "yes", "null", "on", "No", "1", "a-b", "_x"]
    ),
    st.from_regex(r"[A-Za-z_][A-Za-z0-9_-]{0,6}", fullmatch=True),
)
_PIECES = st.sampled_from(
    [
        "a",
        "Z",
        "中文",
        "0",
        "7",
        "-",
        "+",
        ".",
        ":",
        ": ",
        " :",
        "#",
        " #",
        " ",
        "\t",
        '"',
        "'",
        "\\",
        "~",
        "yes",
        "off",
        "null",
        "0x1F",
        "0o17",
        "1_000",
        "1:20",
        ".5",
        ".inf",
        ".NaN",
        "1e3",
        "3.0",
        "2022-05-27",
        "2022-02-30",
        " 16:48:36",
        " +0800",
        "+08:00",
        "Z",
        "T",
        ",",
        "[",
        "]",
        "{",
        "}",
        "&a",
        "*a",
        "!",
        "|",
        ">",
        "%",
        "@",
        "`",
        "?",
        "=",
        "<<",
        "\x85",
        "\u2028",
        "\ufeff",
        "\x07",
        "😀",
    ]
)
_VALUES = st.lists(_PIECES, max_size=6).map("".join)
_LINES = st.tuples(
    _KEYS, st.sampled_from([":", ": ", ":  ", ":x"]), _VALUES, st.sampled_from(["", " ", "  "])
)


def _same(left: Any, right: Any) -> bool:
    """Equal, of the same type, and printed the same (a zone's name included)."""
    if isinstance(left, float) and isinstance(right, float) and math.isnan(left) and math.isnan(right):
        return True
    return type(left) is type(right) and left == right and repr(left) == repr(right)


@settings(max_examples=3000)
@given(st.lists(_LINES, min_size=1, max_size=5), st.booleans())
def test_what_is_read_here_is_what_pyyaml_reads(
    lines: list[tuple[str, str, str, str]], final_newline: bool
) -> None:
    text = "\n".join(key + colon + value + trailing for key, colon, value, trailing in lines)
    text += "\n" if final_newline else ""
    flat = read_flat_mapping(text, _LOADER)
    if flat is None:
        return
    expected = yaml.load(text, Loader=_LOADER)  # raises if PyYAML refuses what was read here
    assert isinstance(expected, dict) and list(flat) == list(expected)
    assert all(_same(flat[key], expected[key]) for key in expected), (flat, expected)


@pytest.mark.parametrize(
    "text",
    [
        'layout: post\ntitle: "开站大吉"\ndate: 2021-12-01 13:33:50\ncategories: sitenews\ntags: 站长消息\n',
        "title: x\ndate:  +0800\npublished: false\nempty:\nnull_value: ~\n",
        "date: 2022-02-30 10:00:00\norder: 3\nratio: .5\n",
    ],
)
def test_common_front_matter_is_read_here(text: str) -> None:
    flat = read_flat_mapping(text, _LOADER)
    assert flat is not None
    assert flat == yaml.load(text, Loader=_LOADER) == load_yaml(text)


@pytest.mark.parametrize(
    "text",
    [
        "tags:\n  - a\n  - b\n",  # a list
        "title: a # comment\n",
        'title: "escaped \\" quote"\n',
        "a: 1\n\nb: 2\n",  # a blank line
        "yes: 1\n",  # a key that is not text
        "a: &x 1\nb: *x\n",
        "a: [1, 2]\n",
        "a: b: c\n",
    ],
)
def test_anything_else_is_left_to_pyyaml(text: str) -> None:
    assert read_flat_mapping(text, _LOADER) is None


_DATES = st.tuples(
    st.sampled_from(["2022-05-27", "2022-5-7", "2022-02-30", "1999-12-31", "22-05-27", "2022-13-45"]),
    st.sampled_from(["", " 16:48:36", "T16:48:36", " 16:48:36.25", " 1:2:3", " 99:99:99", "  16:48:36"]),
    st.sampled_from(["", " +0800", " +08:00", "+08:00", " Z", "Z", " -0500", " UTC", " +8"]),
).map("".join)


@settings(max_examples=500)
@given(_DATES)
def test_dates_are_read_as_pyyaml_reads_them(value: str) -> None:
    text = f"date: {value}\n"
    flat = read_flat_mapping(text, _LOADER)
    try:
        expected = yaml.load(text, Loader=_LOADER)
    except Exception:
        assert flat is None
        return
    assert flat is not None and _same(flat["date"], expected["date"]), (flat, expected)
