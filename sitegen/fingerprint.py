"""Fingerprints of build inputs, for the cache.

A page is a pure function of its subject, the configuration, the site-wide context
(category titles and URLs) and the templates, so the hash of those names its bytes. A
post inside a subject is hashed by its source file's digest (which, with the config,
determines everything the loader made of it), so a listing of 50 posts is fingerprinted
without walking 50 bodies.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from functools import cache
from pathlib import Path, PurePath
from typing import Any

from sitegen.model import Post


def digest_bytes(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=20).hexdigest()


def post_tokens(posts: Iterable[Post], post_digests: Mapping[Path, str]) -> dict[int, bytes]:
    """What stands for each post object in a fingerprint, looked up by identity (cheap)."""
    return {id(post): f"P{post.source_path}\0{post_digests[post.source_path]}".encode() for post in posts}


def fingerprint(value: Any, tokens: Mapping[int, bytes]) -> str:
    """`tokens` maps `id(post)` to its token (see `post_tokens`); every post met must be in it."""
    hasher = hashlib.blake2b(digest_size=20)
    _feed(hasher, value, tokens)
    return hasher.hexdigest()


@cache
def _field_names(kind: type) -> tuple[str, ...]:
    return tuple(field.name for field in dataclasses.fields(kind))


def _feed(hasher: Any, value: Any, post_digests: Mapping[int, bytes]) -> None:
    if isinstance(value, Post):
        hasher.update(post_digests[id(value)])
    elif value is None or isinstance(value, (str, int, float, bool, datetime, date, PurePath)):
        hasher.update(f"{type(value).__name__}:{value!r}\0".encode())
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        hasher.update(type(value).__qualname__.encode() + b"{")
        for name in _field_names(type(value)):
            hasher.update(name.encode() + b"=")
            _feed(hasher, getattr(value, name), post_digests)
        hasher.update(b"}")
    elif isinstance(value, Mapping):
        hasher.update(b"M{")
        for key in sorted(value, key=repr):
            _feed(hasher, key, post_digests)
            _feed(hasher, value[key], post_digests)
        hasher.update(b"}")
    elif isinstance(value, (tuple, list)):
        hasher.update(b"T(")
        for item in value:
            _feed(hasher, item, post_digests)
        hasher.update(b")")
    else:  # anything else YAML can hold (sets, bytes): its repr is stable
        hasher.update(f"{type(value).__name__}:{value!r}\0".encode())
