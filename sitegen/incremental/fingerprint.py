"""Fingerprints of build inputs, for the cache.

A page is a pure function of its subject, the configuration, the site-wide context
(category titles and URLs) and the templates, so the hash of those names its bytes. A
post or page inside a subject is hashed by its source file's cache key (which, with the
config, determines everything the loader made of it), so a listing of 50 posts is
fingerprinted without walking 50 bodies, and front matter (which YAML aliases can make
far larger in memory than on disk) is never walked.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from functools import cache
from pathlib import Path, PurePath
from typing import Any

from sitegen.model import Post, SourcePage


def digest_bytes(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=20).hexdigest()


def document_tokens(
    documents: Iterable[Post | SourcePage], source_keys: Mapping[Path, str]
) -> dict[int, bytes]:
    """What stands for each post or page object in a fingerprint, looked up by identity."""
    return {
        id(document): f"D{document.source_path}\0{source_keys[document.source_path]}".encode(
            "utf-8", "surrogateescape"
        )
        for document in documents
    }


def fingerprint(value: Any, tokens: Mapping[int, bytes]) -> str:
    """`tokens` maps `id(document)` to its token (see `document_tokens`); every post and
    page met must be in it."""
    hasher = hashlib.blake2b(digest_size=20)
    _feed(hasher, value, tokens)
    return hasher.hexdigest()


@cache
def _field_names(kind: type) -> tuple[tuple[str, bytes], ...]:
    return tuple((field.name, field.name.encode() + b"=") for field in dataclasses.fields(kind))


_DOCUMENTS = (Post, SourcePage)
_SCALARS = frozenset({type(None), str, int, float, bool, datetime, date})


def _feed(hasher: Any, value: Any, tokens: Mapping[int, bytes]) -> None:
    # Dispatch on the exact type first: a build fingerprints every page's subject, and
    # most of what it meets is a post, a string or a tuple of posts.
    kind = type(value)
    if kind is Post or kind is SourcePage:
        hasher.update(tokens[id(value)])
    elif kind in _SCALARS or isinstance(value, PurePath):
        hasher.update(f"{kind.__name__}:{value!r}\0".encode())
    elif kind is tuple or kind is list:
        hasher.update(b"T(")
        for item in value:
            if type(item) in _DOCUMENTS:
                hasher.update(tokens[id(item)])
            else:
                _feed(hasher, item, tokens)
        hasher.update(b")")
    elif isinstance(value, _DOCUMENTS):
        hasher.update(tokens[id(value)])
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        hasher.update(kind.__qualname__.encode() + b"{")
        for name, label in _field_names(type(value)):
            hasher.update(label)
            _feed(hasher, getattr(value, name), tokens)
        hasher.update(b"}")
    elif isinstance(value, Mapping):
        hasher.update(b"M{")
        for key in sorted(value, key=repr):
            _feed(hasher, key, tokens)
            _feed(hasher, value[key], tokens)
        hasher.update(b"}")
    elif isinstance(value, (tuple, list)):
        hasher.update(b"T(")
        for item in value:
            _feed(hasher, item, tokens)
        hasher.update(b")")
    else:  # a scalar's subclass, or anything else YAML can hold (sets, bytes): its repr is stable
        hasher.update(f"{kind.__name__}:{value!r}\0".encode())
