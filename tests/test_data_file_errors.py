"""A `_data` file that cannot be read as its kind (YAML, JSON, CSV, TSV, not UTF-8) is
an error naming it, as Jekyll stops on it: every page reading it is published without
what it held, so `--strict` publishes nothing. It was a warning, and a strict CI run
deployed pages with their data missing."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitegen.errors import Level
from tests.conftest import build, write_files

BROKEN = st.sampled_from(
    [
        ("info.yml", b"owner: [Dave\n"),
        ("info.yaml", b"a: 1\n b: 2\n  - c\n"),
        ("info.json", b'{"owner": "Dave",}'),
        ("info.json", b"\xff\xfe{}"),
        ("info.csv", b'name,owner\n"a,b\n'),
        ("info.tsv", b'name\towner\n"x"y\tz\n'),
        ("info.yml", b"owner: \xc3\x28\n"),
    ]
)
FILES = {
    "_config.yml": "title: T\n",
    "about.md": "---\ntitle: About\n---\nOwner: {{ site.data.info }}\n",
    "_posts/2024-01-02-a.md": "---\ntitle: A\n---\nhi\n",
}
NO_LIQUID = {**FILES, "about.md": "---\ntitle: About\n---\nOwner\n"}


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(broken=BROKEN, liquid=st.booleans())
def test_a_data_file_that_cannot_be_read_is_one_error_and_strict_publishes_nothing(
    tmp_path_factory: pytest.TempPathFactory, broken: tuple[str, bytes], liquid: bool
) -> None:
    """Whether or not a page reads `site.data`: Jekyll reads every data file."""
    name, data = broken
    files = FILES if liquid else NO_LIQUID
    site = write_files(tmp_path_factory.mktemp("site"), {**files, f"_data/{name}": data})
    result = build(site, destination=site / "_site")
    errors = [note for note in result.diagnostics if note.level is Level.ERROR]
    assert [note.path for note in errors] == [site / "_data" / name], [str(note) for note in errors]
    assert (site / "_site" / "about.html").is_file()  # the rest is published
    strict = build(site, destination=site / "_strict", strict=True)
    assert not strict.published
    assert not (site / "_strict").exists()


def test_a_good_data_file_is_no_error(tmp_path: Path) -> None:
    site = write_files(tmp_path / "site", {**FILES, "_data/info.yml": "owner: Dave\n"})
    result = build(site, destination=tmp_path / "out", strict=True)
    assert result.published and not result.errors
    assert "Dave" in (tmp_path / "out" / "about.html").read_text(encoding="utf-8")
