"""Page fingerprints: equal inputs give equal fingerprints whatever their identity (a
string read from the cache is not the interned literal), and different inputs, even of
different kinds with the same text, give different ones."""

from __future__ import annotations

import marshal
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path, PurePosixPath
from typing import Any
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from sitegen.incremental import fingerprint as fingerprint_module
from sitegen.incremental.fingerprint import fingerprint
from sitegen.jekyll.xmlschema import xmlschema
from sitegen.model import Post
from sitegen.site.pagination import Pager
from sitegen.site.subjects import Listing, PostPage, SitemapEntry


@dataclass(frozen=True, slots=True)
class _One:
    value: Any


@dataclass(frozen=True, slots=True)
class _Two:
    first: Any
    second: Any


_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False)
    | st.text(max_size=6)
    | st.datetimes(timezones=st.just(UTC))
)
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.lists(inner, max_size=3).map(tuple)
        | st.dictionaries(st.text(max_size=3), inner, max_size=3)
        | inner.map(_One)
        | st.tuples(inner, inner).map(lambda pair: _Two(*pair))
    ),
    max_leaves=8,
)


def _copied(value: Any) -> Any:
    """An equal value built anew: new string objects, never interned ones."""
    if isinstance(value, str):
        return "".join(list(value)) + ""
    if isinstance(value, (list, tuple)):
        return type(value)(_copied(item) for item in value)
    if isinstance(value, dict):
        return {_copied(key): _copied(item) for key, item in reversed(value.items())}
    if isinstance(value, _One):
        return _One(_copied(value.value))
    if isinstance(value, _Two):
        return _Two(_copied(value.first), _copied(value.second))
    return value


def _kinds(value: Any) -> Any:
    """What the fingerprint tells apart: the value with each node's kind (a list and a
    tuple count as one kind, a sequence)."""
    if isinstance(value, (list, tuple)):
        return ("seq", tuple(_kinds(item) for item in value))
    if isinstance(value, dict):
        return ("map", tuple(sorted((repr(key), _kinds(item)) for key, item in value.items())))
    if isinstance(value, (_One, _Two)):
        return (type(value).__name__, tuple(_kinds(getattr(value, name)) for name in value.__slots__))
    return (type(value).__name__, repr(value))


@given(_VALUES)
def test_equal_values_have_equal_fingerprints(value: Any) -> None:
    assert fingerprint(value, {}) == fingerprint(_copied(value), {})


@given(_VALUES, _VALUES)
def test_different_values_have_different_fingerprints(first: Any, second: Any) -> None:
    if _kinds(first) != _kinds(second):
        assert fingerprint(first, {}) != fingerprint(second, {})


def test_kinds_with_the_same_text_differ() -> None:
    values = [
        "1",
        1,
        1.0,
        True,
        None,
        "None",
        ["1"],
        _One("1"),
        ("_One", "1"),
        PurePosixPath("1"),
        datetime(2024, 1, 1, tzinfo=UTC),
        datetime(2024, 1, 1, 8, tzinfo=timezone(timedelta(hours=8))),
        datetime(2024, 1, 1, 8, tzinfo=timezone(timedelta(hours=8), "CST")),
        {"1": 1},
        {1: 1},
        SitemapEntry("/a/", None),
        Listing("tag", "a", "a", "/tag/a/", ()),
        Listing("tag", "a", "a", "/tag/a/", (), pager=Pager(1, "/tag/a/", None, "/tag/a/page2/", ())),
    ]
    assert len({fingerprint(value, {}) for value in values}) == len(values)


def _posts(count: int) -> list[Post]:
    return [
        Post(
            Path(f"/site/_posts/2022-01-01-p{n}.md"),
            PurePosixPath(f"_posts/2022-01-01-p{n}.md"),
            f"t{n}",
            datetime(2022, 1, 1, tzinfo=UTC),
            f"p{n}",
            ("c",),
            (),
            "post",
            f"/c/p{n}.html",
            "",
            {},
        )
        for n in range(count)
    ]


@given(st.data())
def test_a_post_page_is_fingerprinted_as_any_dataclass_is(data: st.DataObject) -> None:
    """Post pages take a path of their own (`_post_page`); it must give what the general
    one gives, so the two can never disagree about a page."""
    posts = _posts(9)
    tokens = {id(post): f"token {n}".encode() for n, post in enumerate(posts)}
    pick = st.sampled_from(posts)
    page = PostPage(
        data.draw(pick),
        data.draw(st.none() | pick),
        data.draw(st.none() | pick),
        tuple(data.draw(st.lists(pick, max_size=6))),
    )
    general = fingerprint_module._dataclass_plainer(PostPage)(page, tokens)
    assert fingerprint_module._plain(page, tokens) == general
    assert fingerprint(page, tokens) == fingerprint_module.digest_bytes(marshal.dumps(general, 2))


_LASTMODS = (
    st.none()
    | st.datetimes(timezones=st.just(UTC))
    | st.datetimes(
        timezones=st.timedeltas(min_value=timedelta(hours=-12), max_value=timedelta(hours=14)).map(timezone)
    )
    | st.datetimes(timezones=st.timezones())
)


def _printed(entry: SitemapEntry) -> tuple[str, str | None]:
    """What a sitemap prints of an entry: its URL, and its time as `iso` writes it."""
    return entry.url, None if entry.lastmod is None else xmlschema(entry.lastmod)


@given(st.text(max_size=8), _LASTMODS, st.text(max_size=8), _LASTMODS)
def test_sitemap_entries_fingerprint_apart_when_they_print_apart(
    url: str, lastmod: datetime | None, other_url: str, other_lastmod: datetime | None
) -> None:
    """Sitemap entries take a path of their own (`_sitemap_entry`), which reads a time by
    its `isoformat`, not its repr: entries that print differently must never share a
    fingerprint (a rebuild would keep a stale sitemap), and the same entry made again
    (another time object, same zone) must keep its fingerprint."""
    entry, other = SitemapEntry(url, lastmod), SitemapEntry(other_url, other_lastmod)
    if _printed(entry) != _printed(other):
        assert fingerprint(entry, {}) != fingerprint(other, {})
    again = SitemapEntry(url, None if lastmod is None else lastmod.replace())
    assert fingerprint(entry, {}) == fingerprint(again, {})
    assert fingerprint_module._plain(entry, {})[0] == "SitemapEntry"


def test_a_sitemap_entry_in_another_zone_at_the_same_offset_prints_and_fingerprints_alike() -> None:
    """Only the wall-clock time and offset reach a sitemap, so a zone's name does not
    count, while a moment printed with another offset does."""
    named = datetime(2024, 1, 1, 8, tzinfo=ZoneInfo("Asia/Shanghai"))
    fixed = datetime(2024, 1, 1, 8, tzinfo=timezone(timedelta(hours=8)))
    elsewhere = fixed.astimezone(UTC)
    entries = [SitemapEntry("/a/", moment) for moment in (named, fixed, elsewhere)]
    assert fingerprint(entries[0], {}) == fingerprint(entries[1], {})
    assert fingerprint(entries[1], {}) != fingerprint(entries[2], {})


@given(st.tuples(st.text(max_size=6), st.text(max_size=6), st.text(max_size=6)), _VALUES)
def test_a_labelled_fingerprint_is_the_fingerprint_of_the_whole_tuple(
    labels: tuple[str, str, str], value: Any
) -> None:
    """A page's subject fingerprint takes a shortcut past its labels (site, template,
    URL); the digest must stay the general one, so records kept by earlier builds match."""
    assert fingerprint_module.labelled_fingerprint(labels, value, {}) == fingerprint((*labels, value), {})
