"""No lone surrogate reaches rendering: a reader replaces each with U+FFFD (a JSON
escape such as `\\ud800` makes one), and a value that still carries one costs a page
nothing but that character (python-liquid measured each write in UTF-8 and lost the
page's whole output)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from sitegen.content.site_data import read_site_data
from sitegen.liquid.engine import LiquidEngine, SiteLinks
from sitegen.liquid.filters import FilterSettings
from tests.conftest import build, write_files

_TEXT = st.text(
    st.one_of(
        st.characters(min_codepoint=0, max_codepoint=0x10FFFF, exclude_categories=()),
        st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF, exclude_categories=()),
    ),
    max_size=12,
)
"""Any code point, lone surrogates often."""


def _fixed(text: str) -> str:
    return "".join("\ufffd" if 0xD800 <= ord(c) <= 0xDFFF else c for c in text)


def _texts(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [t for k, v in value.items() for t in (*_texts(k), *_texts(v))]
    if isinstance(value, list):
        return [t for item in value for t in _texts(item)]
    return []


def test_a_lone_surrogate_in_json_data_is_replaced_and_the_page_kept(tmp_path: Path) -> None:
    site = write_files(
        tmp_path / "site",
        {
            "_config.yml": "title: S\nurl: https://s.example.com\n",
            "_data/d.json": '{"ok": "fine", "bad": "x\\ud800y"}',
            "pg.md": "---\ntitle: Pg\n---\nok={{ site.data.d.ok }} bad={{ site.data.d.bad }} end\n",
        },
    )
    result = build(site, destination=tmp_path / "out")
    assert "ok=fine bad=x\ufffdy end" in (tmp_path / "out/pg.html").read_text(encoding="utf-8")
    assert not [d for d in result.diagnostics if "Unicode" in d.message]


@given(
    entries=st.dictionaries(_TEXT, _TEXT, max_size=4),
    kind=st.sampled_from(["json", "yml", "csv", "tsv"]),
)
def test_no_data_file_carries_a_lone_surrogate(
    tmp_path_factory: pytest.TempPathFactory, entries: dict[str, str], kind: str
) -> None:
    folder = tmp_path_factory.mktemp("data") / "_data"
    folder.mkdir()
    if kind in ("json", "yml"):  # JSON is YAML too: both escape every code point
        text = json.dumps({"k": entries, "l": list(entries.values())})
    else:
        out = io.StringIO()
        writer = csv.writer(out, delimiter="," if kind == "csv" else "\t")
        writer.writerow(["h", *entries])
        writer.writerow(["r", *entries.values()])
        text = out.getvalue()
    (folder / f"d.{kind}").write_bytes(text.encode("utf-8", "surrogatepass"))
    data, diagnostics = read_site_data((folder,), folder.parent)
    for found in _texts(data):
        found.encode("utf-8")  # never raises: no lone surrogate
    if kind == "json":
        assert data["d"] == {
            "k": {_fixed(k): _fixed(v) for k, v in entries.items()},
            "l": [_fixed(v) for v in entries.values()],
        }
    assert "d" in data or diagnostics


@example(values=["x\ud800y"])
@given(values=st.lists(_TEXT.map(lambda text: text.replace("\r", "")), min_size=1, max_size=4))
def test_a_value_with_a_lone_surrogate_costs_only_that_character(values: list[str]) -> None:
    engine = LiquidEngine(
        FilterSettings("https://x.example", "", ZoneInfo("UTC"), "kramdown"), (), SiteLinks({}, {})
    )
    template = (
        "[{% for v in values %}{{ v }}|"
        "{% capture c %}{{ v | append: 'x' }}{% endcapture %}{{ c }}|{% endfor %}]"
    )
    outcome = engine.render(template, {"values": values})
    assert outcome.text == "[" + "".join(f"{_fixed(v)}|{_fixed(v)}x|" for v in values) + "]"
    assert not outcome.problems
