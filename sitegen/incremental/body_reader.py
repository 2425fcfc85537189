"""Post bodies read from the cache file by the process that renders their pages.

The parent keeps posts without their bodies (`LoadedSite.stored_bodies`); a render
worker reads each body it needs itself, through a connection of its own opened on first
use in that process (an SQLite connection must not cross a fork), so bodies go from the
cache file to the worker that renders them, never through the parent.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Any

from sitegen.incremental.sealed import stored_value


class BodyReader:
    """Reads the parts `BuildCache.store_loaded` keeps apart, read-only; every failure
    (no file, a damaged row) is a miss, which the caller makes good from the source."""

    def __init__(self, cache_file: Path | None) -> None:
        # Absolute: a file URI cannot name a relative path (`sitegen build` run in the site
        # folder keeps its cache at `.sitegen-cache/`), and `as_uri` raised for one, which
        # read as a miss: every page rendered loaded its post again from the file.
        self._cache_file = cache_file.absolute() if cache_file is not None else None
        self._connection: sqlite3.Connection | None = None
        self._pid = 0

    def body(self, key: str) -> Any | None:
        """The part stored apart for `key`, or None when there is none to read."""
        try:
            connection = self._connected()
            if connection is None:
                return None
            row = connection.execute("SELECT body FROM bodies WHERE key = ?", (key,)).fetchone()
            if row is None:
                return None
            readable, value = stored_value(key, row[0])
            return value if readable else None
        except Exception:  # a damaged cache is a miss, never a failed page
            return None

    def close(self) -> None:
        """Close this process's connection, if it opened one."""
        if self._connection is not None and self._pid == os.getpid():
            self._connection.close()
        self._connection = None

    def _connected(self) -> sqlite3.Connection | None:
        if self._cache_file is None:
            return None
        if self._connection is None or self._pid != os.getpid():
            uri = f"{self._cache_file.as_uri()}?mode=ro"
            self._connection = sqlite3.connect(uri, uri=True, check_same_thread=False)
            self._pid = os.getpid()
        return self._connection
