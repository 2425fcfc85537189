"""`_data/` follows the site's one symlink rule: a link inside the site is read as its
target (Jekyll's `DataReader`, data_reader.rb), whether `_data` itself or a file or
folder in it is the link; a link out of the site, a dangling link or a loop is one
warning naming it. An edit to a target reached through such a link rebuilds."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sitegen.content.site_data import read_site_data
from tests.conftest import build, jekyll_build, sitegen_main, write_files

_PAGE = "---\ntitle: P\n---\nboss={{ site.data.people.boss }};{{ site.data.team.lead.name }};\n"


def _site(root: Path) -> Path:
    return write_files(
        root,
        {
            "_config.yml": "title: T\nurl: https://t.example.com\nexclude: [shared]\n",
            "shared/data/people.yml": "boss: Alice\n",
            "shared/data/team/lead.json": '{"name": "Bo"}',
            "p.md": _PAGE,
        },
    )


def _said(destination: Path) -> str:
    text = (destination / "p.html").read_text(encoding="utf-8")
    found = re.search(r"<p>(boss=[^<]*)</p>", text)
    return found.group(1) if found else text


@pytest.mark.parametrize("linked", ["folder", "files"])
def test_linked_data_is_read_as_jekyll_reads_it(tmp_path: Path, linked: str) -> None:
    site = _site(tmp_path / "site")
    if linked == "folder":
        (site / "_data").symlink_to("shared/data")
    else:
        (site / "_data").mkdir()
        (site / "_data/people.yml").symlink_to("../shared/data/people.yml")
        (site / "_data/team").symlink_to("../shared/data/team")
    build(site, destination=tmp_path / "sg")
    jekyll_build(site, tmp_path / "jk")
    assert _said(tmp_path / "sg") == _said(tmp_path / "jk") == "boss=Alice;Bo;"


_KINDS = ("file", "folder", "outside", "dangling", "loop")


@given(links=st.lists(st.sampled_from(_KINDS), min_size=1, max_size=5), top=st.booleans(), safe=st.booleans())
def test_every_link_in_data_follows_the_rule(
    tmp_path_factory: pytest.TempPathFactory, links: list[str], top: bool, safe: bool
) -> None:
    """A link out of the site is read as its target, as Jekyll's `DataReader` reads it,
    but in safe mode (`safe: true`), where it is one warning (data_reader.rb)."""
    base = tmp_path_factory.mktemp("data")
    site, outside = base / "site", base / "outside"
    write_files(outside, {"x.yml": "v: out\n"})
    real = site / ("shared" if top else "_data")
    real.mkdir(parents=True)
    if top:
        (site / "_data").symlink_to("shared")
    expected: dict[str, object] = {}
    warned: set[str] = set()
    for number, kind in enumerate(links):
        name = f"n{number}"
        write_files(
            site, {f"targets/{name}.yml": f"v: {number}\n", f"targets/d{number}/a.yml": f"v: {number}\n"}
        )
        link = real / (f"{name}.yml" if kind in ("file", "outside", "dangling") else name)
        if kind == "file":
            link.symlink_to(site / f"targets/{name}.yml")
            expected[name] = {"v": number}
        elif kind == "folder":
            link.symlink_to(site / f"targets/d{number}")
            expected[name] = {"a": {"v": number}}
        elif kind == "outside":
            link.symlink_to(outside / "x.yml")
            if safe:
                warned.add(link.name)
            else:
                expected[name] = {"v": "out"}
        elif kind == "dangling":
            link.symlink_to(site / "nothing.yml")
            warned.add(link.name)
        else:
            link.symlink_to("." if not top else os.path.relpath(real, real))
            warned.add(link.name)
    data, diagnostics = read_site_data((site / "_data",), site, safe=safe)
    assert data == expected
    assert {Path(str(diagnostic.path)).name for diagnostic in diagnostics} == warned


def test_edit_to_a_linked_data_target_rebuilds(tmp_path: Path) -> None:
    site = _site(tmp_path / "site")
    (site / "_data").symlink_to("shared/data")
    arguments = ("build", "-s", str(site), "-d", str(tmp_path / "out"))
    assert sitegen_main(*arguments)[0] == 0
    assert sitegen_main(*arguments)[0] == 0
    (site / "shared/data/people.yml").write_text("boss: Carol\n", encoding="utf-8")
    assert sitegen_main(*arguments)[0] == 0
    assert _said(tmp_path / "out") == "boss=Carol;Bo;"
