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
def _field_names(kind: type) -> tuple[str, ...]:
    return tuple(field.name for field in dataclasses.fields(kind))


def _feed(hasher: Any, value: Any, tokens: Mapping[int, bytes]) -> None:
    if isinstance(value, (Post, SourcePage)):
        hasher.update(tokens[id(value)])
    elif value is None or isinstance(value, (str, int, float, bool, datetime, date, PurePath)):
        hasher.update(f"{type(value).__name__}:{value!r}\0".encode())
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        hasher.update(type(value).__qualname__.encode() + b"{")
        for name in _field_names(type(value)):
            hasher.update(name.encode() + b"=")
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
    else:  # anything else YAML can hold (sets, bytes): its repr is stable
        hasher.update(f"{type(value).__name__}:{value!r}\0".encode())
