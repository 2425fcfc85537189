"""A source file's entry in the no-change manifest (`sitegen.incremental.manifest`):
its content digest and the mark of its permission bits. Standard library only, as the
manifest is read before anything heavy is imported."""

from __future__ import annotations

import hashlib
import stat
from pathlib import Path

from sitegen.regular_files import feed_regular

__all__ = ["DIGEST_BYTES", "DIGEST_LENGTH", "digest_path", "mode_mark"]


def mode_mark(mode: int) -> str:
    """What a regular file's entry adds to its content digest for its permission bits:
    nothing for the usual `rw-r--r--`, else `:<octal>`. A static file is published with
    its mode (`publish.tree_io.copy_new`), so `chmod +x` is a change though no byte and
    no mtime moved. A marked digest is not handed to the load (`manifest.Snapshot.content_digests`), which
    hashes such a rare file itself."""
    permissions = stat.S_IMODE(mode)
    return "" if permissions == 0o644 else f":{permissions:o}"


def digest_path(path: str | Path) -> str:
    """The file's content digest, as the load stage computes it
    (`sitegen.incremental.fingerprint.digest_bytes`, which this module must not import
    before it knows a build is needed)."""
    digest = hashlib.blake2b(digest_size=DIGEST_BYTES)
    feed_regular(path, digest.update)
    return digest.hexdigest()


DIGEST_BYTES = 20
DIGEST_LENGTH = 2 * DIGEST_BYTES
"""A content digest's length in hex digits. With no ":" in it, this tells it from the
stand-in of what is not a regular file (`input_files.Listed`: "link:…", "special:…")."""
