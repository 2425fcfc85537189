"""The load cache's rows: a post or page read back equals the one stored, and a row that
is damaged or of another shape is a miss (the file is loaded again), never a wrong post."""

from __future__ import annotations

import pickle
import sqlite3
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path, PurePosixPath
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from sitegen.content.documents import Loaded
from sitegen.content.scan import SourceFile
from sitegen.errors import Diagnostic, Level
from sitegen.incremental.cache import CACHE_FILE_NAME, BuildCache
from sitegen.incremental.load_rows import decode_row, encode_row
from sitegen.incremental.sealed import sealed
from sitegen.model import Post, SourcePage
from tests.conftest import NOW, tree_bytes, write_files
from tests.test_incremental import clean_build_of, run, site_files

SOURCE = SourceFile(Path("/site/_posts/2022-04-03-p2.md"), PurePosixPath("_posts/2022-04-03-p2.md"))


def _post(source: SourceFile = SOURCE) -> Post:
    return Post(
        source.path,
        source.relative_path,
        "标题",
        NOW,
        "p2",
        ("cat",),
        ("标签",),
        "post",
        "/cat/2022/04/03/p2.html",
        "",
        {"title": "标题", "nested": {"a": [1, 2.5, None]}},
        excerpt="摘要",
    )


def test_a_post_row_reads_back_equal_with_the_files_paths() -> None:
    loaded = Loaded(_post(), (Diagnostic("a warning", SOURCE.path, 3),))
    assert decode_row(encode_row(loaded, SOURCE), SOURCE) == loaded


_ZONES = st.sampled_from(("Asia/Shanghai", "America/New_York", "Europe/Dublin", "Australia/Lord_Howe", "UTC"))
_DATES = st.one_of(
    st.datetimes(timezones=_ZONES.map(ZoneInfo)),
    st.datetimes(timezones=_ZONES.map(ZoneInfo.no_cache)),
    st.datetimes(
        timezones=st.timedeltas(min_value=timedelta(hours=-23), max_value=timedelta(hours=23)).map(timezone)
    ),
    st.datetimes(),
).flatmap(lambda moment: st.sampled_from((moment, moment.replace(fold=1))))


@given(date=_DATES)
@example(date=datetime(2022, 11, 6, 1, 30, fold=1, tzinfo=ZoneInfo("America/New_York")))
@example(date=datetime(1900, 1, 1, 0, 5, 43, tzinfo=ZoneInfo("Asia/Shanghai")))
def test_a_date_in_any_zone_reads_back_as_the_same_time_in_the_same_zone(date: datetime) -> None:
    """A date in a named zone is kept as its fields and the zone's key (`_with_date_kept`):
    read back, it is the same wall time, fold and offset, in the very zone object the
    loader used where that came from `ZoneInfo`'s cache; any other date as pickle keeps it."""
    post = replace(_post(), date=date)
    page = SourcePage(SOURCE.path, SOURCE.relative_path, "页", "page", "/页.html", "", {}, date=date)
    for document in (post, page):
        read = decode_row(encode_row(Loaded(document), SOURCE), SOURCE)
        assert isinstance(read, Loaded) and read.document is not None and read.document.date is not None
        if not isinstance(date.tzinfo, ZoneInfo) or date.tzinfo is ZoneInfo(str(date.tzinfo)):
            # (Two `ZoneInfo.no_cache` objects are two zones to `==`, which then calls a
            # time in a gap or a fold unequal to itself: so pickle has always read them.)
            assert read == Loaded(document)
        again = read.document.date
        assert (again.replace(tzinfo=None), again.fold, again.utcoffset()) == (
            date.replace(tzinfo=None),
            date.fold,
            date.utcoffset(),
        )
        assert type(again.tzinfo) is type(date.tzinfo)
        if isinstance(date.tzinfo, ZoneInfo):
            assert str(again.tzinfo) == str(date.tzinfo)
            assert (again.tzinfo is date.tzinfo) == (date.tzinfo is ZoneInfo(str(date.tzinfo)))


@pytest.mark.parametrize(
    "result",
    [
        Loaded(None),
        Diagnostic("cannot be loaded", SOURCE.path, None, Level.ERROR),
        # A document whose paths are not its file's is kept whole, never given the file's.
        Loaded(_post(SourceFile(Path("/elsewhere.md"), PurePosixPath("elsewhere.md")))),
    ],
)
def test_other_results_read_back_as_stored(result: Loaded | Diagnostic) -> None:
    assert decode_row(encode_row(result, SOURCE), SOURCE) == result


@pytest.mark.parametrize(
    "row",
    [
        b"",
        b"not a pickle",
        pickle.dumps((1, ("too", "few", "fields"), ())),
        pickle.dumps((1, tuple(range(30)), ())),
        pickle.dumps((2, (), "not warnings")),
        pickle.dumps((3, "not a load result")),
        pickle.dumps(("shape", 1)),
        pickle.dumps(_post()),
    ],
)
def test_a_row_of_another_shape_does_not_read_back(row: bytes) -> None:
    with pytest.raises(Exception):  # noqa: B017 - whatever it raises, the loader takes it as a miss
        decode_row(row, SOURCE)


@pytest.mark.parametrize(
    "row", [b"garbage", pickle.dumps((1, ("x",), ())), pickle.dumps((1, tuple(range(14)), ()))]
)
def test_damaged_rows_are_misses_and_the_site_is_still_right(tmp_path: Path, row: bytes) -> None:
    site = write_files(tmp_path / "site", site_files(30))
    destination = tmp_path / "out"
    run(site, destination)
    with sqlite3.connect(site / ".sitegen-cache" / CACHE_FILE_NAME) as connection:
        connection.execute("UPDATE loaded SET value = ?", (row,))
    (site / "content/_posts/2022-04-03-p2.md").write_text(
        (site / "content/_posts/2022-04-03-p2.md").read_text(encoding="utf-8").replace("第2篇", "改了"),
        encoding="utf-8",
    )
    result = run(site, destination)
    assert result.sources_from_cache == 0
    assert tree_bytes(destination) == clean_build_of(site, tmp_path)


def test_a_row_damaged_anywhere_in_the_cache_does_not_read_back(tmp_path: Path) -> None:
    """Rows carry no check of their own: the cache's seal (key and bytes) is the check."""
    row = encode_row(Loaded(_post()), SOURCE)
    cache = BuildCache.open(tmp_path)
    cache.store_loaded([("key", sealed("key", row), None)])
    assert cache.loaded(["key"]) == {"key": row}
    with sqlite3.connect(tmp_path / CACHE_FILE_NAME) as connection:
        (stored,) = connection.execute("SELECT value FROM loaded").fetchone()
    for position in range(0, len(stored), 7):
        damaged = stored[:position] + bytes([stored[position] ^ 0x10]) + stored[position + 1 :]
        with sqlite3.connect(tmp_path / CACHE_FILE_NAME) as connection:
            connection.execute("UPDATE loaded SET value = ?", (damaged,))
        assert cache.loaded(["key"]) == {}
    cache.close()


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_load_result_that_cannot_be_pickled_is_its_file_s_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: int
) -> None:
    """Encoding a result for the parent and the cache is the last step of the file's
    error boundary: one file's unpicklable value is one error, the rest is published."""
    import dataclasses

    from sitegen.content import documents

    real_load_post = documents.load_post

    def load_post(source: SourceFile, *args: Any, **kwargs: Any) -> Loaded:
        loaded = real_load_post(source, *args, **kwargs)
        if source.path.name == "2022-04-03-p2.md" and isinstance(loaded.document, Post):
            post = dataclasses.replace(loaded.document, front_matter={"bad": lambda: None})
            return dataclasses.replace(loaded, document=post)
        return loaded

    monkeypatch.setattr("sitegen.incremental.loading.load_post", load_post)
    site = write_files(tmp_path / "site", site_files(80))
    result = run(site, tmp_path / "out", jobs=jobs)

    errors = [d for d in result.diagnostics if d.level is Level.ERROR]
    assert len(errors) == 1 and errors[0].path is not None and errors[0].path.name == "2022-04-03-p2.md"
    assert "cannot be loaded (" in errors[0].message
    assert result.posts == 79


def test_fresh_rows_and_bodies_come_sealed_from_the_workers(tmp_path: Path) -> None:
    """The build's own process hashes none of what a first build loads (140 MB of bodies
    at 10,000 posts): the worker that loads a file seals its row and body under the
    file's key, made there from the digest of what it read; the cache reads them back."""
    from sitegen.config import load_config
    from sitegen.content.documents import LoadOptions
    from sitegen.incremental import loading
    from sitegen.incremental.load_keys import LoadKeys
    from sitegen.incremental.sealed import unsealed

    site = write_files(tmp_path / "site", site_files(3))
    source = SourceFile(
        site / "content" / "_posts" / "2022-04-01-p0.md", PurePosixPath("_posts/2022-04-01-p0.md")
    )
    config = load_config(site)
    keyed = LoadKeys("version", config)
    state = loading._LoadState(config, LoadOptions(now=NOW, future=True), True, keyed)
    job = loading._Job(source, "post")
    key, row, body, digest, _ = loading._load_fresh(state, loading._Fresh(job, None, ""))
    assert digest is not None and key == keyed("post", source, digest, "")
    data = unsealed(key, row)
    assert data is not None and body is not None and unsealed(key, body) is not None
    document = decode_row(data, source)
    assert isinstance(document, Loaded) and isinstance(document.document, Post)
    assert document.document.body_html == ""  # the body travels apart

    destination = tmp_path / "out"
    assert run(site, destination, jobs=2).sources_from_cache == 0
    assert run(site, tmp_path / "again", jobs=2).sources_from_cache == 3  # every row reads back
    assert tree_bytes(destination) == clean_build_of(site, tmp_path)


_OFFSET_ZONES = st.one_of(
    st.just(UTC),
    st.just(timezone(timedelta(0), "UTC")),
    st.timedeltas(min_value=timedelta(hours=-23), max_value=timedelta(hours=23)).map(timezone),
    st.builds(
        timezone,
        st.timedeltas(min_value=timedelta(hours=-23), max_value=timedelta(hours=23)),
        st.sampled_from(["CST", "+08:00", "时区"]),
    ),
)
_MATTER_VALUES = st.one_of(
    st.datetimes(timezones=_OFFSET_ZONES),
    st.datetimes(timezones=_ZONES.map(ZoneInfo)),
    st.datetimes(),
    st.dates(),
    st.text(max_size=5),
    st.none(),
    st.lists(st.datetimes(timezones=_OFFSET_ZONES), max_size=2),
    st.dictionaries(st.text(max_size=3), st.datetimes(timezones=_OFFSET_ZONES), max_size=2),
).flatmap(
    lambda value: (
        st.sampled_from((value, value.replace(fold=1))) if isinstance(value, datetime) else st.just(value)
    )
)


@given(matter=st.dictionaries(st.one_of(st.text(max_size=6), st.integers()), _MATTER_VALUES, max_size=6))
@example(matter={"date": datetime(2023, 7, 2, 10, 10, 31, tzinfo=timezone(timedelta(hours=8))), "title": "t"})
def test_front_matter_times_read_back_equal_in_order(matter: dict[Any, Any]) -> None:
    """A top-level time at a fixed offset is kept beside the front matter (`_with_times_kept`):
    read back, the front matter has the same keys in the same order and the same values,
    each time with the same fields, fold, offset and zone name (its `repr`)."""
    post = replace(_post(), front_matter=matter)
    page = SourcePage(SOURCE.path, SOURCE.relative_path, "页", "page", "/页.html", "", matter)
    for document in (post, page):
        read = decode_row(encode_row(Loaded(document), SOURCE), SOURCE)
        assert isinstance(read, Loaded) and read.document is not None
        again = read.document.front_matter
        assert list(again) == list(matter)
        assert [repr(value) for value in again.values()] == [repr(value) for value in matter.values()]
        assert [getattr(value, "fold", None) for value in again.values()] == [
            getattr(value, "fold", None) for value in matter.values()
        ]
        assert read == Loaded(document)
    assert post.front_matter is matter and list(matter.values()) == list(dict(matter).values())  # not changed


@pytest.mark.parametrize(
    "times",
    ["not times", (("gone", 2023, 7, 2, 10, 10, 31, 0, 0, 0, 28800, 0, None),), (("date", 2023),)],
)
def test_a_row_whose_kept_times_do_not_fit_does_not_read_back(times: object) -> None:
    post = replace(_post(), front_matter={"date": datetime(2023, 7, 2, tzinfo=timezone(timedelta(hours=8)))})
    shape, values, warnings, _ = pickle.loads(encode_row(Loaded(post), SOURCE))
    with pytest.raises(Exception):  # noqa: B017 - whatever it raises, the loader takes it as a miss
        decode_row(pickle.dumps((shape, values, warnings, times)), SOURCE)
