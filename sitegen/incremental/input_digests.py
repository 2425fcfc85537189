"""A source file's entry in the no-change manifest (`sitegen.incremental.manifest`):
its content digest and the mark of its permission bits. Standard library only, as the
manifest is read before anything heavy is imported."""

from __future__ import annotations

import hashlib
import stat
from collections.abc import Sequence
from pathlib import Path

from sitegen.aside import aside
from sitegen.regular_files import feed_regular

__all__ = ["DIGEST_BYTES", "DIGEST_LENGTH", "content_digest", "digest_path", "digests_of", "mode_mark"]


def mode_mark(mode: int) -> str:
    """What a regular file's entry adds to its content digest for its permission bits:
    nothing for the usual `rw-r--r--`, else `:<octal>`. A static file is published with
    its mode (`publish.tree_io.copy_new`), so `chmod +x` is a change though no byte and
    no mtime moved. A marked digest is not handed to the load (`manifest.Snapshot.content_digests`), which
    hashes such a rare file itself."""
    permissions = stat.S_IMODE(mode)
    return "" if permissions == 0o644 else f":{permissions:o}"


def content_digest(data: bytes) -> str:
    """The content digest of a source's bytes: hex, `DIGEST_LENGTH` digits, part of the
    file's load-cache key and of its no-change manifest entry.

    SHA-256 (the first 20 of its 32 bytes), not BLAKE2b as the fingerprints of pages are:
    the digests of whole files are the one hashing whose cost grows with the site's bytes,
    and on processors with SHA extensions (x86-64 since about 2017, ARMv8) OpenSSL hashes
    the 67 MB of a 10,000-post site's posts in 0.045 s against BLAKE2b's 0.11 s. A
    checkout in CI moves every file's mtime, so the no-change check hashes them all."""
    return hashlib.sha256(data).hexdigest()[:DIGEST_LENGTH]


def digest_path(path: str | Path) -> str:
    """The content digest of the regular file at `path` (`content_digest` of its bytes,
    read in chunks on the descriptor: `sitegen.regular_files.feed_regular`, whose errors
    it raises)."""
    digest = hashlib.sha256()
    feed_regular(path, digest.update)
    return digest.hexdigest()[:DIGEST_LENGTH]


def digests_of(paths: Sequence[str], *, forked: bool = True) -> list[str]:
    """`digest_path` of each of `paths`, in order, all read before it returns. With
    `forked`, from `HASHED_APART` files on, the second half are hashed in a forked
    process while this one hashes the first (`sitegen.aside`, which forks only where a
    second core can take it): reading and hashing a fresh checkout's 12,000 sources took
    0.16 s on one core. Raises the first `OSError` a file's read raised (the half hashed
    apart raises it here, read again)."""
    if not forked or len(paths) < HASHED_APART:
        return _digests(paths)
    half = len(paths) // 2
    with aside(_digests, paths[half:]) as second:
        first = _digests(paths[:half])
        return first + second.result()


def _digests(paths: Sequence[str]) -> list[str]:
    return [digest_path(path) for path in paths]


HASHED_APART = 2_000
"""Below this many files to hash, forking a process (about 10 ms with the check's
modules loaded) costs more than the other core saves (12 us a 6 KB file)."""

DIGEST_BYTES = 20
DIGEST_LENGTH = 2 * DIGEST_BYTES
"""A content digest's length in hex digits. With no ":" in it, this tells it from the
stand-in of what is not a regular file (`input_files.Listed`: "link:…", "special:…")."""
