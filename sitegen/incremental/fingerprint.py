"""Fingerprints of build inputs, for the cache.

A page is a pure function of its subject, the configuration, the site-wide context
(category titles and URLs) and the templates, so the hash of those names its bytes. A
post or page inside a subject is hashed by its source file's cache key (which, with the
config, determines everything the loader made of it), so a listing of 50 posts is
fingerprinted without walking 50 bodies, and front matter (which YAML aliases can make
far larger in memory than on disk) is never walked.

A rebuild fingerprints every planned page (tens of thousands), so a value is first
turned into one flat value of plain types (`_plain`), each node tagged by its kind, and
that is hashed once as `marshal` format version 2: written by C in one pass, and unlike
later versions it has no back-references and no "interned" string code, so equal values
always give the same bytes whatever their identity.
"""

from __future__ import annotations

import dataclasses
import hashlib
import marshal
from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime
from functools import cache
from operator import attrgetter
from pathlib import Path, PurePath
from typing import Any

from sitegen.model import Post, SourcePage
from sitegen.site.subjects import PostPage, Sitemap, SitemapEntry

_MARSHAL_VERSION = 2
"""The last format without references or interned-string codes (see the module doc)."""


def digest_bytes(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=20).hexdigest()


def document_tokens(
    documents: Iterable[Post | SourcePage], source_keys: Mapping[Path, str]
) -> dict[int, bytes]:
    """What stands for each post or page object in a fingerprint, looked up by identity:
    its source's cache key, which is a digest of the file's path and kind and of its
    content (`sitegen.incremental.load_keys`), so it names one document as loaded. Only
    the key (40 bytes, where the path beside it made about 100): a listing's
    fingerprint hashes one token per post it shows."""
    return {
        id(document): source_keys[document.source_path].encode("utf-8", "surrogateescape")
        for document in documents
    }


def fingerprint(value: Any, tokens: Mapping[int, bytes]) -> str:
    """`tokens` maps `id(document)` to its token (see `document_tokens`); every post and
    page met must be in it."""
    return digest_bytes(marshal.dumps(_plain(value, tokens), _MARSHAL_VERSION))


def labelled_fingerprint(labels: tuple[str, str, str], value: Any, tokens: Mapping[int, bytes]) -> str:
    """`fingerprint((*labels, value), tokens)`, the same digest, without walking the
    labels: a rebuild fingerprints every planned page's (site, template, URL, subject)."""
    return digest_bytes(marshal.dumps([*labels, _plain(value, tokens)], _MARSHAL_VERSION))


_AS_IS = frozenset({type(None), str, int, float, bool})
"""Kinds marshal writes with a code of their own, so they need no tag. bytes is not
among them: a bytes value in the output is always a document's token."""

_Tokens = Mapping[int, bytes]
_Plainer = Callable[[Any, _Tokens], Any]


def _plain(value: Any, tokens: _Tokens) -> Any:
    """`value` as nested plain values marshal writes, one shape per kind so that no two
    different inputs meet: a dataclass is a tuple led by its name, a sequence a list, a
    mapping a dict in sorted key order, a document its token (bytes), any other value a
    tuple led by 0 with its kind's name and repr."""
    kind = type(value)
    if kind in _AS_IS:
        return value
    return _plainer(kind)(value, tokens)


def _choose_plainer(kind: type) -> _Plainer:
    """How to make a value of this exact kind plain, chosen once per kind: a build meets
    a dozen kinds, hundreds of thousands of times."""
    if issubclass(kind, (Post, SourcePage)):
        return _document
    if kind is PostPage:
        return _post_page
    if kind is SitemapEntry:
        return _sitemap_entry
    if kind is Sitemap and _SITEMAP_FIELDS == ("url", "entries"):
        return _sitemap
    if kind is tuple or kind is list:
        return _sequence
    if kind is datetime or kind is date or issubclass(kind, PurePath):
        return _by_repr
    if dataclasses.is_dataclass(kind):
        return _dataclass_plainer(kind)
    if issubclass(kind, Mapping):
        return _mapping
    if issubclass(kind, (tuple, list)):
        return _sequence
    # A scalar's subclass, or anything else YAML can hold (sets, bytes): its repr is stable.
    return _by_repr


_plainer: Callable[[type], _Plainer] = cache(_choose_plainer)


def _document(value: Any, tokens: _Tokens) -> bytes:
    return tokens[id(value)]


def _post_page(value: PostPage, tokens: _Tokens) -> tuple[Any, ...]:
    """What `_dataclass_plainer(PostPage)` makes of one, written out: a rebuild
    fingerprints every post page (100,000s), and the general path is most of that cost."""
    older, newer = value.older, value.newer
    return (
        "PostPage",
        tokens[id(value.post)],
        None if older is None else tokens[id(older)],
        None if newer is None else tokens[id(newer)],
        [tokens[id(post)] for post in value.related],
    )


def _sitemap_entry(value: SitemapEntry, tokens: _Tokens) -> tuple[Any, ...]:
    """What `_dataclass_plainer(SitemapEntry)` makes of one, written out: a sitemap has an
    entry per page (16,500 at 10,000 posts), and it changes with every new post."""
    url, lastmod = value.url, value.lastmod
    return (
        "SitemapEntry",
        url if type(url) is str else _plain(url, tokens),
        None if lastmod is None else _lastmod(lastmod, tokens),
    )


_SITEMAP_FIELDS = tuple(field.name for field in dataclasses.fields(Sitemap))


def _sitemap(value: Sitemap, tokens: _Tokens) -> tuple[Any, ...]:
    """What `_dataclass_plainer(Sitemap)` makes of one, written out: its entries in one
    loop, and each time its entries share (a post's, its listings', its home page's)
    written once. The sitemap changes with every new post, so its fingerprint is worked
    out at every such rebuild: 16,500 entries at 10,000 posts."""
    written: dict[int, Any] = {}
    entries = []
    for entry in value.entries:
        if type(entry) is not SitemapEntry or type(entry.url) is not str:
            entries.append(_plain(entry, tokens))
            continue
        lastmod = entry.lastmod
        if lastmod is None:
            entries.append(("SitemapEntry", entry.url, None))
            continue
        moment = written.get(id(lastmod))
        if moment is None:
            moment = written[id(lastmod)] = _lastmod(lastmod, tokens)
        entries.append(("SitemapEntry", entry.url, moment))
    return ("Sitemap", _plain(value.url, tokens), entries)


def _lastmod(value: datetime, tokens: _Tokens) -> Any:
    """A sitemap entry's time as its page prints it: only `iso` of it reaches a sitemap
    (the wall-clock time and the offset; `SitemapUrlView` holds text), which its full
    `isoformat` (microseconds and the offset's seconds too) determines. Led by 2, a tag
    no other plain value has; `repr` of a zoned time costs several times more, once per
    entry of every sitemap at every rebuild."""
    if type(value) is datetime:
        return (2, value.isoformat())
    return _plain(value, tokens)


def _sequence(value: Any, tokens: _Tokens) -> list[Any]:
    """A post is looked up here, not through `_plainer`: a listing's, feed's or archive's
    subject is mostly a sequence of posts, a rebuild fingerprints millions of them at
    100,000 posts, and the inline lookup takes half the time. The same token
    `_document` gives."""
    return [
        tokens[id(item)]
        if type(item) is Post
        else item
        if type(item) in _AS_IS
        else _plainer(type(item))(item, tokens)
        for item in value
    ]


def _by_repr(value: Any, tokens: _Tokens) -> tuple[int, str, str]:
    return (0, type(value).__name__, repr(value))


def _mapping(value: Any, tokens: _Tokens) -> dict[str, tuple[Any, Any]]:
    return {repr(key): (_plain(key, tokens), _plain(value[key], tokens)) for key in sorted(value, key=repr)}


def _dataclass_plainer(kind: type) -> _Plainer:
    """A tuple of the kind's name and its fields' plain values, in field order."""
    names = [field.name for field in dataclasses.fields(kind)]
    fields: Callable[[Any], Any] = attrgetter(*names) if len(names) > 1 else lambda value: ()
    if len(names) == 1:
        only = names[0]
        fields = lambda value: (getattr(value, only),)  # noqa: E731
    name = kind.__qualname__

    def plain(value: Any, tokens: _Tokens) -> tuple[Any, ...]:
        return (
            name,
            *[item if type(item) in _AS_IS else _plainer(type(item))(item, tokens) for item in fields(value)],
        )

    return plain
