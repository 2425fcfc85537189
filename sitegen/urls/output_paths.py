"""From a URL to the file written for it, and the limits every output path is held to.

A URL that cannot be a file on the common file systems (a segment over 255 bytes, a path
over 3,072 bytes or 100 folders, control characters) is refused here, before anything is
written.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable
from typing import TypeAlias

from sitegen.display_text import is_blank
from sitegen.errors import OutputError
from sitegen.path_limits import MAX_PATH_BYTES as MAX_PATH_BYTES
from sitegen.path_limits import MAX_SEGMENT_BYTES as MAX_SEGMENT_BYTES

OutputPath: TypeAlias = str
"""A file's path relative to the destination folder: `/`-separated, no leading slash,
no `.`/`..` or empty segment (`2024/01/02/a.html`, `feed.xml`), as `output_path` makes
and checks it. A plain string, not a `PurePosixPath`: a site plans, compares and
publishes 100,000s of them, and the published tree is listed in the same shape.
Strings sort by character (`a-b` before `a/b`), unlike `PurePosixPath` (by part)."""

_SLASHES = re.compile(r"/{2,}")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_UNSAFE_IN_SEGMENT = re.compile(r"[/\\\x00-\x1f\x7f\ufffd]+")

MAX_DEPTH = 100
"""The most folders an output path may nest: deeper trees defeat recursive tools (a
recursive delete, a link checker, a file watcher) long before the path is too long."""
MAX_LISTING_NAME_BYTES = MAX_SEGMENT_BYTES - len(".html")


def output_path(url: str, output_ext: str | None = None, *, document: bool = False) -> OutputPath:
    """Where a page with this URL is written, relative to the destination folder (an
    `OutputPath`: `/a/` → `a/index.html`).

    For a post (a `document`) or page, `output_ext` is its output extension and Jekyll's
    rule applies: any URL not ending in `/` gets the extension unless it already ends with
    it (`/cocos2dx-3.x` is written `cocos2dx-3.x.html`); a folder URL gets `index.html`
    for a document (`Document#destination`) and `index` plus the extension for a page
    (`Page#destination`). A generated file's URL (`output_ext` None) names its own file
    (`/feed.xml`); only a URL with no extension gets `.html`. Raises `OutputError` for
    any URL that could escape the destination."""
    _check_url_text(url)
    relative = url.lstrip("/")
    if url.endswith("/"):
        relative += "index.html" if document or output_ext is None else "index" + output_ext
    elif output_ext is not None:
        if not relative.endswith(output_ext):
            relative += output_ext
    elif not output_suffix(relative):
        relative += ".html"
    _check_segment_lengths(relative)
    # Empty segments go, as `PurePosixPath` dropped them (`/a//b` is `a/b.html`).
    return _SLASHES.sub("/", relative) if "//" in relative else relative


def output_suffix(path: str) -> str:
    """`PurePosixPath(path).suffix` without building the path (a site plans tens of
    thousands): from the last dot of the last name, when that dot is neither first nor
    last (`a/.xml` and `a.` have none), else ""."""
    name = path.rpartition("/")[2]
    dot = name.rfind(".")
    return name[dot:] if 0 < dot < len(name) - 1 else ""


def output_folders(paths: Iterable[str]) -> tuple[str, ...]:
    """Every folder the files at `paths` need (`a/b/c.html` → `a`, `a/b`), sorted: each
    folder once, its ancestors added only when it is new (a site writes 100,000s)."""
    folders: set[str] = set()
    for path in paths:
        folder = path.rpartition("/")[0]
        while folder and folder not in folders:
            folders.add(folder)
            folder = folder.rpartition("/")[0]
    return tuple(sorted(folders))


def check_url_is_safe(url: str) -> None:
    """Reject URLs whose output path would leave the destination or that no file system
    (or no deploy tool) can hold: `..`/`.` segments, backslashes, control characters,
    text that is not valid Unicode, and segments longer than `MAX_SEGMENT_BYTES`."""
    _check_url_text(url)
    _check_segment_lengths(url)


def _check_url_text(url: str) -> None:
    """`check_url_is_safe` but for the lengths, which `output_path` checks on the file's
    path (the URL's segments and the name it adds): a site plans tens of thousands."""
    if not url.startswith("/"):
        raise OutputError(f"URL '{url[:80]}' must start with '/'")
    if "\\" in url or _CONTROL.search(url):
        raise OutputError(f"URL {url[:80]!r} contains a backslash or a control character")
    if "/." in url and any(part in ("..", ".") for part in url.split("/")):
        raise OutputError(f"URL '{url}' contains a '..' or '.' segment")


def _check_segment_lengths(path: str) -> None:
    if path.isascii() and len(path) <= MAX_SEGMENT_BYTES and path.count("/") < MAX_DEPTH:
        return  # no segment can be too long: most paths are decided here, with no split
    try:
        lengths = [len(part.encode("utf-8")) for part in path.split("/")]
    except UnicodeEncodeError:
        raise OutputError(f"URL {path[:80]!r} is not valid Unicode text") from None
    if max(lengths) > MAX_SEGMENT_BYTES:
        raise OutputError(
            f"'{path[:80]}…' has a file or folder name of {max(lengths)} bytes; "
            f"file systems hold at most {MAX_SEGMENT_BYTES}"
        )
    if len(lengths) > MAX_DEPTH:
        raise OutputError(f"'{path[:80]}…' is nested {len(lengths)} folders deep (at most {MAX_DEPTH})")
    if sum(lengths) > MAX_PATH_BYTES:
        raise OutputError(f"'{path[:80]}…' is longer than {MAX_PATH_BYTES} bytes")


def listing_name_problem(name: str) -> str | None:
    """Why a category or tag name cannot be its listing's file name as written, or None.

    It must be one path segment (no `/`, `\\`, control character, `.` or `..`), valid
    Unicode, and short enough to carry `.html` within `MAX_SEGMENT_BYTES`."""
    if is_blank(name) or name in (".", ".."):
        return "is empty, '.' or '..'"
    if any(ch in name for ch in "/\\") or _CONTROL.search(name):
        return "holds '/', '\\' or a control character"
    try:
        size = len(name.encode("utf-8"))
    except UnicodeEncodeError:
        return "is not valid Unicode text"
    if size > MAX_LISTING_NAME_BYTES:
        return f"is {size} bytes long (at most {MAX_LISTING_NAME_BYTES} fit in a file name)"
    return None


CATEGORY_DIRECTORY_NAME = "index"
"""The file name of the category directory among the category listings
(`/category/` is `category/index.html`), which no category's listing may take."""


def category_name_problem(name: str) -> str | None:
    """Why a category's name cannot be its listing's file name as written, or None: a
    tag's reasons (`listing_name_problem`), or that it names the category directory."""
    if name == CATEGORY_DIRECTORY_NAME:
        return "is the file name of the category directory (/category/index.html)"
    return listing_name_problem(name)


def listing_segment(name: str, problem: Callable[[str], str | None] = listing_name_problem) -> str:
    """The path segment of a category's or tag's listing: the name as written when it can
    be a file name (every real name), else a safe slug of it plus a short hash of the
    name, so distinct names never share a page and the URL never changes between builds.

    Jekyll would publish such a post too; only its listing needs a different name."""
    if problem(name) is None:
        return name
    readable = _UNSAFE_IN_SEGMENT.sub("-", name.encode("utf-8", "replace").decode("utf-8"))
    readable = readable.strip(" .-")
    while len(readable.encode("utf-8")) > MAX_LISTING_NAME_BYTES - 32:
        readable = readable[:-1]
    return _slugged(readable, name, 4)


def listing_segments(
    names: Iterable[str], problem: Callable[[str], str | None] = listing_name_problem
) -> dict[str, str]:
    """`listing_segment` of each of `names`, no two alike: a slug that is the segment
    of another name (a category written `a-b-82badf67` beside one written `a/b`) takes
    a longer hash, so the two listings never share a page and a 返回 link never opens
    another category's. Names as written keep their segment; slugs are given in name
    order, so each segment depends on the set of names alone. In the order of `names`."""
    every = tuple(names)
    chosen = {name: name for name in every if problem(name) is None}
    taken = set(chosen.values())
    for name in sorted(set(every) - chosen.keys()):
        segment = listing_segment(name, problem)
        readable = segment.rpartition("-")[0]
        size = 4
        while segment in taken:
            size *= 2
            segment = _slugged(readable, name, size)
        chosen[name] = segment
        taken.add(segment)
    return {name: chosen[name] for name in every}


def _slugged(readable: str, name: str, digest_size: int) -> str:
    """The readable part of an unusable name and `digest_size` bytes of its hash."""
    digest = hashlib.blake2b(name.encode("utf-8", "surrogatepass"), digest_size=digest_size).hexdigest()
    return f"{readable}-{digest}" if readable else digest
