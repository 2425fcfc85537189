"""What a dev-server request path maps to: a file strictly inside the served tree, a
redirect or an error status, and the content type to send it with.

Kept apart from the server so the one security-relevant decision (no request reads
outside the output folder) can be read, and tested, on its own.
"""

from __future__ import annotations

import errno
import os
from dataclasses import dataclass
from http import HTTPStatus
from pathlib import Path
from urllib.parse import quote, unquote_to_bytes

# Explicit rather than `mimetypes`, whose answers depend on the machine's registry.
_CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8", ".htm": "text/html; charset=utf-8",
    ".xhtml": "application/xhtml+xml",
    ".xml": "application/xml", ".atom": "application/atom+xml",
    ".css": "text/css; charset=utf-8", ".txt": "text/plain; charset=utf-8",
    ".js": "text/javascript; charset=utf-8", ".mjs": "text/javascript; charset=utf-8",
    ".json": "application/json", ".map": "application/json", ".pdf": "application/pdf",
    ".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg",
    ".gif": "image/gif", ".webp": "image/webp", ".avif": "image/avif", ".ico": "image/x-icon",
    ".woff": "font/woff", ".woff2": "font/woff2",
}  # fmt: skip
PLAIN_TEXT = _CONTENT_TYPES[".txt"]


def content_type_for(name: str) -> str:
    """The Content-Type for a served file name; Atom feeds are told apart from plain XML."""
    suffix = os.path.splitext(name)[1].lower()
    if name == "feed.xml":
        return "application/atom+xml"
    return _CONTENT_TYPES.get(suffix, "application/octet-stream")


@dataclass(frozen=True, slots=True)
class Resolution:
    """How to answer a request path: a file to send, a redirect, or an error status."""

    status: HTTPStatus
    file_path: Path | None = None
    """The resolved file, always inside the served root."""
    name: str = ""
    """The file name as requested (before symlinks), which decides the content type."""
    location: str | None = None


def resolve_request_path(root: Path, baseurl: str, raw_path: str) -> Resolution:
    """Map a raw request path (no query) to a file strictly inside `root`.

    Segments are decoded before they are checked, so `%2e%2e`, `%5c` and `%00` are
    caught, and the resolved target must lie inside the resolved root, which also
    stops symlinks in the output that point elsewhere.
    """
    try:
        # http.server decodes the request line as Latin-1; undoing that recovers the
        # bytes, whether the client percent-encoded its UTF-8 or sent it raw.
        url_path = unquote_to_bytes(raw_path.encode("latin-1")).decode("utf-8")
    except UnicodeError:
        return Resolution(HTTPStatus.BAD_REQUEST)
    if "\x00" in url_path or "\\" in url_path or not url_path.startswith("/"):
        return Resolution(HTTPStatus.BAD_REQUEST)
    if baseurl:
        if url_path == "/":
            # 302, not 301: browsers cache a 301 forever, and baseurl may change.
            return Resolution(HTTPStatus.FOUND, location=quote(baseurl) + "/")
        if url_path == baseurl:
            return Resolution(HTTPStatus.MOVED_PERMANENTLY, location=raw_path + "/")
        if not url_path.startswith(baseurl + "/"):
            return Resolution(HTTPStatus.NOT_FOUND)
        url_path = url_path[len(baseurl) :]
    segments = url_path.split("/")
    if any(segment in {".", ".."} for segment in segments):
        return Resolution(HTTPStatus.FORBIDDEN)
    try:
        return _resolve_in_tree(root, segments, url_path, raw_path)
    except OSError as error:
        return Resolution(_status_for(error))
    except ValueError:  # a character the file system cannot take in a name
        return Resolution(HTTPStatus.BAD_REQUEST)


def _resolve_in_tree(root: Path, segments: list[str], url_path: str, raw_path: str) -> Resolution:
    """The file-system half of `resolve_request_path`; may raise whatever `stat` raises."""
    root_real = real_path(root)
    if root_real is None:
        return Resolution(HTTPStatus.NOT_FOUND)
    requested = root.joinpath(*(segment for segment in segments if segment))
    target = inside_root(requested, root_real)
    if target is not None and target.is_dir():
        if not url_path.endswith("/"):
            return Resolution(HTTPStatus.MOVED_PERMANENTLY, location=raw_path + "/")
        requested = requested / "index.html"
        target = inside_root(requested, root_real)
    elif target is not None and not target.exists():
        # Jekyll's server answers `/about` with `about.html`, else `about.xhtml`, and so
        # `/v1.2` with `v1.2.html` (`Servlet#search_file`, jekyll/lib/jekyll/commands/serve/
        # servlet.rb): a page's URL has no extension under a site permalink such as
        # `weekdate` or `/:year/:title.html` (`sitegen.urls.permalinks.permalink_suffix`).
        for extension in (".html", ".xhtml"):
            candidate = requested.with_name(requested.name + extension)
            found = inside_root(candidate, root_real)
            if found is not None and found.is_file():
                requested, target = candidate, found
                break
    if target is None or not target.is_file():
        return Resolution(HTTPStatus.NOT_FOUND)
    return Resolution(HTTPStatus.OK, file_path=target, name=requested.name)


def _status_for(error: OSError) -> HTTPStatus:
    """A file-system error for a request path is the client's problem (a segment or a
    path too long, a file used as a folder, a symlink loop), never a server crash."""
    if error.errno in {errno.EACCES, errno.EPERM}:
        return HTTPStatus.FORBIDDEN
    return HTTPStatus.NOT_FOUND


def real_path(path: Path) -> Path | None:
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # RuntimeError: a symlink loop, before Python 3.13
        return None


def inside_root(path: Path, root_real: Path) -> Path | None:
    """`path` with symlinks resolved, or None when that leaves `root_real`."""
    resolved = real_path(path)
    if resolved is None or not resolved.is_relative_to(root_real):
        return None
    return resolved
