"""A damaged build cache is never trusted: whatever bytes of it are lost or overwritten,
the next build publishes what a clean build publishes, and never stops with a traceback.

The cache is not checked as a whole when it is opened (that reads the whole file); damage
is found where a query meets it, and each stored value carries its digest.
"""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.build import BuildOptions, BuildResult, build_site
from sitegen.errors import Level
from sitegen.incremental.cache import CACHE_FILE_NAME
from tests.conftest import NOW, tree_bytes, write_files
from tests.test_incremental import site_files


@dataclass(frozen=True)
class _Before:
    """A site built once, then edited: the cache and output of the build before the edit,
    and the bytes a clean build of the edited site publishes."""

    site: Path
    cache_file: bytes = field(repr=False)
    output: Path
    clean: dict[str, bytes] = field(repr=False)


def _run(site: Path, destination: Path, cache_dir: Path | None, **options: object) -> BuildResult:
    return build_site(
        BuildOptions(source=site, destination=destination, now=NOW, cache_dir=cache_dir, jobs=1, **options)  # type: ignore[arg-type]
    )


@pytest.fixture(scope="module")
def before(tmp_path_factory: pytest.TempPathFactory) -> _Before:
    scratch = tmp_path_factory.mktemp("damage")
    site = write_files(scratch / "site", site_files(60))
    cache_dir = scratch / "cache"
    _run(site, scratch / "output", cache_dir)
    cache_file = (cache_dir / CACHE_FILE_NAME).read_bytes()
    assert not [p for p in cache_dir.glob(CACHE_FILE_NAME + "-*") if p.stat().st_size]  # all in one file
    # The edit makes the next build read bodies, records and derived values, not only metadata.
    post = site / "content/_posts/2022-04-03-p2.md"
    post.write_text(post.read_text(encoding="utf-8").replace("第2篇", "改了标题"), encoding="utf-8")
    (site / "content/_posts/2022-04-29-new.md").write_text(
        '---\ntitle: "新的一篇"\ndate: 2022-04-29 10:00:00 +0800\ncategories: cat3\n---\n<p>新</p>\n',
        encoding="utf-8",
    )
    _run(site, scratch / "clean", None, cache=False)
    return _Before(site, cache_file, scratch / "output", tree_bytes(scratch / "clean"))


@st.composite
def damaged(draw: st.DrawFn, original: bytes) -> bytes:
    """`original` cut short, or with a run of its bytes zeroed or overwritten."""
    size = len(original)
    start = draw(st.integers(0, size - 1))
    kind = draw(st.sampled_from(["truncate", "zero", "garbage"]))
    if kind == "truncate":
        return original[:start]
    length = draw(st.integers(1, 8192))
    fill = bytes(length) if kind == "zero" else draw(st.binary(min_size=length, max_size=length))
    return (original[:start] + fill + original[start + length :])[: max(size, start + length)]


@settings(max_examples=25)
@given(data=st.data())
def test_a_damaged_cache_gives_the_clean_build(
    before: _Before, tmp_path_factory: pytest.TempPathFactory, data: st.DataObject
) -> None:
    scratch = tmp_path_factory.mktemp("example")
    cache_dir = scratch / "cache"
    cache_dir.mkdir()
    (cache_dir / CACHE_FILE_NAME).write_bytes(data.draw(damaged(before.cache_file)))
    destination = scratch / "output"
    shutil.copytree(before.output, destination)

    result = _run(before.site, destination, cache_dir)

    assert [d for d in result.diagnostics if d.level is Level.ERROR] == []
    assert tree_bytes(destination) == before.clean


def test_a_value_overwritten_inside_the_file_is_a_miss_not_a_wrong_page(
    before: _Before, tmp_path: Path
) -> None:
    """SQLite returns the bytes of a value whatever they are: a title changed inside the
    cached metadata must not reach a page (post 27 is the newest of cat3, listed on the
    pages the new cat3 post changes)."""
    original = "第27篇".encode()
    forged = "伪造!!".encode()
    assert len(original) == len(forged) and before.cache_file.count(original) >= 1
    cache_dir = tmp_path / "cache"
    cache_dir.mkdir()
    (cache_dir / CACHE_FILE_NAME).write_bytes(before.cache_file.replace(original, forged))
    destination = tmp_path / "output"
    shutil.copytree(before.output, destination)

    _run(before.site, destination, cache_dir)

    assert tree_bytes(destination) == before.clean


def _rows(cache_file: Path, table: str) -> list[tuple[str, bytes]]:
    with contextlib.closing(sqlite3.connect(cache_file)) as connection:
        column = {"loaded": "value", "bodies": "body"}[table]
        return connection.execute(f"SELECT key, {column} FROM {table} ORDER BY key").fetchall()


@settings(max_examples=15)
@given(table=st.sampled_from(["loaded", "bodies"]), data=st.data())
def test_values_swapped_between_rows_are_misses_not_another_post_s_page(
    before: _Before, tmp_path_factory: pytest.TempPathFactory, table: str, data: st.DataObject
) -> None:
    scratch = tmp_path_factory.mktemp("swap")
    cache_file = scratch / "cache" / CACHE_FILE_NAME
    cache_file.parent.mkdir()
    cache_file.write_bytes(before.cache_file)
    rows = _rows(cache_file, table)
    first, second = data.draw(st.lists(st.integers(0, len(rows) - 1), min_size=2, max_size=2, unique=True))
    column = {"loaded": "value", "bodies": "body"}[table]
    with contextlib.closing(sqlite3.connect(cache_file)) as connection, connection:
        for (key, _), (_, value) in ((rows[first], rows[second]), (rows[second], rows[first])):
            connection.execute(f"UPDATE {table} SET {column} = ? WHERE key = ?", (value, key))
    destination = scratch / "output"
    shutil.copytree(before.output, destination)

    _run(before.site, destination, cache_file.parent)

    assert tree_bytes(destination) == before.clean


def test_a_folder_where_the_cache_file_should_be_builds_without_a_cache(
    before: _Before, tmp_path: Path
) -> None:
    cache_dir = tmp_path / "cache"
    (cache_dir / CACHE_FILE_NAME).mkdir(parents=True)
    destination = tmp_path / "output"
    shutil.copytree(before.output, destination)

    result = _run(before.site, destination, cache_dir)

    assert tree_bytes(destination) == before.clean
    assert [str(d) for d in result.diagnostics if "cache" in d.message] == [
        f"warning: {cache_dir / CACHE_FILE_NAME}: the build cache could not be read nor replaced "
        "(Is a directory); built without it"
    ]


class _Undecodable:
    """A connection whose first query of `sql` meets text that is not UTF-8."""

    def __init__(self, connection: sqlite3.Connection, sql: str, failures: list[str]) -> None:
        self._connection, self._sql, self._failures = connection, sql, failures

    def execute(self, sql: str, parameters: tuple[object, ...] = ()) -> sqlite3.Cursor:
        if sql.startswith(self._sql) and self._failures:
            self._failures.pop()
            raise UnicodeDecodeError("utf-8", b"\x80", 0, 1, "invalid start byte")
        return self._connection.execute(sql, parameters)

    def __getattr__(self, name: str) -> object:
        return getattr(self._connection, name)

    def __enter__(self) -> sqlite3.Connection:
        return self._connection.__enter__()

    def __exit__(self, *exc: Any) -> None:
        self._connection.__exit__(*exc)


@pytest.mark.parametrize("sql", ["PRAGMA journal_mode", "SELECT key, value FROM loaded"])
def test_text_that_is_not_utf8_in_a_damaged_file_is_damage(before: _Before, tmp_path: Path, sql: str) -> None:
    """SQLite hands back a damaged text value (even its own report of the file, as
    `PRAGMA journal_mode` with a damaged header) as bytes Python cannot decode: that is
    damage like any other, the cache starts over and the build gives the clean build."""
    failures = [sql]
    real_connect = sqlite3.connect

    def connect(*arguments: Any, **options: Any) -> object:
        return _Undecodable(real_connect(*arguments, **options), sql, failures)

    cache_dir = tmp_path / "cache"
    cache_dir.mkdir()
    (cache_dir / CACHE_FILE_NAME).write_bytes(before.cache_file)
    destination = tmp_path / "output"
    shutil.copytree(before.output, destination)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sqlite3, "connect", connect)
        result = _run(before.site, destination, cache_dir)

    assert failures == []  # the damage was met
    assert [d for d in result.diagnostics if d.level is Level.ERROR] == []
    assert tree_bytes(destination) == before.clean


@pytest.mark.parametrize("kept", [0, 100, 4096])
def test_a_cache_file_cut_short_is_rebuilt_with_one_line_naming_it(
    before: _Before, tmp_path: Path, kept: int
) -> None:
    """A file cut to nothing is damage like a file cut anywhere else (SQLite would take
    it for a new, empty database and say nothing): each is rebuilt, with the same one
    line, naming the file as every other note on the cache does."""
    cache_dir = tmp_path / "cache"
    cache_dir.mkdir()
    (cache_dir / CACHE_FILE_NAME).write_bytes(before.cache_file[:kept])
    destination = tmp_path / "output"
    shutil.copytree(before.output, destination)

    result = _run(before.site, destination, cache_dir)

    assert tree_bytes(destination) == before.clean
    assert [str(d) for d in result.diagnostics if "cache" in d.message] == [
        f"warning: {cache_dir / CACHE_FILE_NAME}: the build cache could not be read; it was rebuilt"
    ]
    again = _run(before.site, destination, cache_dir)
    assert [d for d in again.diagnostics if "cache" in d.message] == []
    assert again.sources_from_cache == len(list((before.site / "content/_posts").iterdir()))
    assert tree_bytes(destination) == before.clean
