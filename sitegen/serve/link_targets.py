"""Where a watched path leads, asked of a tree that may change under the question."""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["leads_to"]


def leads_to(path: Path) -> Path:
    """Where `path` leads, links resolved as far as they go; `path` itself when the tree
    changed under the look (`os.path.realpath` raises when a link on the way is removed
    between its `lstat` and its `readlink`, as a watched tree does at any moment)."""
    try:
        return Path(os.path.realpath(path))
    except (OSError, RuntimeError):
        return path
