"""Full-text search with Pagefind: the index of post titles and bodies, built before publishing.

With `search: pagefind`, every post page (its `<article data-pagefind-body>`: the title
and the body; the date line, tags, neighbours and back links are marked
`data-pagefind-ignore`) is handed to Pagefind's extended binary, with Chinese cut into
single characters first (segmenting.py explains why), and the bundle it writes becomes
part of the build's output under `/pagefind/`. It is published with the pages, in the
same staging tree and the same atomic swap, so the live site never has an index older
or newer than its pages; files of the bundle that did not change keep their bytes and
mtime like any other output.

Pagefind runs as its command-line program over a private temporary folder holding only
the post pages, rather than through its Python API: that API waits a tenth of a second
per message, so feeding it 10,000 pages one by one takes minutes, while the program
indexes them in seconds. Its output depends only on the pages it reads (checked by
building twice), so a rebuild gives the same bundle as a clean build.

Nothing here runs, nor is Pagefind needed, when `search` is off.
"""

from __future__ import annotations

import importlib
import os
import subprocess
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

from sitegen.config import CONFIG_FILE_NAME
from sitegen.errors import ConfigError, OutputError, shorten
from sitegen.publish.tree_io import FolderCursor, open_folder, split_parts
from sitegen.search.segmenting import segment_han
from sitegen.site.search_page import INDEX_FOLDER
from sitegen.site.subjects import PostPage
from sitegen.urls import OutputPath

_PAGEFIND_PACKAGE = "pagefind_bin_extended"
MISSING_MESSAGE = (
    "search: pagefind needs Pagefind with Chinese word segmentation, which is not installed; "
    "install it with pip install 'sitegen[search]' (or 'pagefind[extended]'), or remove the setting"
)


def pagefind_executable(site_dir: Path) -> Path:
    """The Pagefind program shipped by `pagefind[extended]`; a `ConfigError` naming the
    setting when it is missing, so the build stops before anything is done."""
    try:
        package = importlib.import_module(_PAGEFIND_PACKAGE)
        executable = Path(package.get_executable())
    except (ImportError, AttributeError, OSError):
        raise ConfigError(MISSING_MESSAGE, path=site_dir / CONFIG_FILE_NAME) from None
    if not os.access(executable, os.X_OK):
        raise ConfigError(MISSING_MESSAGE, path=site_dir / CONFIG_FILE_NAME)
    return executable


def post_outputs(
    pages: Iterable[tuple[OutputPath, object]],
    outputs: Iterable[tuple[OutputPath, bytes | None]],
    destination: Path,
) -> list[tuple[OutputPath, bytes]]:
    """The bytes of every published post page, sorted by path: rendered this build, or,
    for a page the render stage kept, read from the live tree (which the render stage
    has just checked holds exactly what sitegen wrote there)."""
    post_paths = {path for path, subject in pages if isinstance(subject, PostPage)}
    chosen = sorted(((path, data) for path, data in outputs if path in post_paths), key=lambda item: item[0])
    kept = [path for path, data in chosen if data is None]
    live = _read_live(destination, kept) if kept else {}
    return [(path, data if data is not None else live[path]) for path, data in chosen]


def _read_live(destination: Path, paths: Sequence[OutputPath]) -> dict[OutputPath, bytes]:
    """Files of the live tree, opened without following any symlink."""
    found: dict[OutputPath, bytes] = {}
    try:
        root_fd = open_folder(destination)
    except OSError as error:
        raise OutputError(
            f"cannot read the published site to index it: {error.strerror}", path=destination
        ) from None
    try:
        with FolderCursor(root_fd) as cursor:
            for path in paths:
                parts, name = split_parts(path)
                try:
                    folder_fd = cursor.find(parts)
                    if folder_fd is None:
                        raise FileNotFoundError(2, "No such file or directory")
                    fd = os.open(name, os.O_RDONLY | os.O_NOFOLLOW, dir_fd=folder_fd)
                    with os.fdopen(fd, "rb") as file:
                        found[path] = file.read()
                except OSError as error:
                    message = (
                        f"cannot read the published page to index it: {error.strerror}; build with --force"
                    )
                    raise OutputError(message, path=destination / path) from None
    finally:
        os.close(root_fd)
    return found


def with_search_index(
    outputs: Sequence[tuple[OutputPath, bytes | None]],
    pages: Iterable[tuple[OutputPath, object]],
    destination: Path,
    executable: Path | None,
) -> Sequence[tuple[OutputPath, bytes | None]]:
    """The rendered `outputs`, and with search on (`executable`, Pagefind's), the index
    of the post pages among the planned `pages` (output path, subject): indexed before
    publishing, so the index goes live in the same publish as its pages."""
    if executable is None:
        return outputs
    posts_html = post_outputs(pages, outputs, destination)
    return (*outputs, *build_search_index(posts_html, executable))


def build_search_index(
    pages: Sequence[tuple[OutputPath, bytes]], executable: Path
) -> tuple[tuple[OutputPath, bytes], ...]:
    """Run Pagefind over `pages` (output path, HTML) and return its bundle as outputs
    below `INDEX_FOLDER`, sorted by path. No pages, no bundle (Pagefind refuses to make
    an empty index)."""
    if not pages:
        return ()
    with tempfile.TemporaryDirectory(prefix="sitegen-search-") as work:
        site = Path(work, "site")
        bundle = Path(work, "bundle")
        for path, html in pages:
            target = site.joinpath(*path.split("/"))
            target.parent.mkdir(parents=True, exist_ok=True)
            # One word per Han character, so the browser's query matches (segmenting.py).
            target.write_bytes(segment_han(html))
        command = [str(executable), "--site", str(site), "--output-path", str(bundle), "--silent"]
        try:
            finished = subprocess.run(
                command, cwd=work, stdin=subprocess.DEVNULL, capture_output=True, check=False
            )
        except OSError as error:
            raise OutputError(f"cannot run Pagefind: {error.strerror}", path=executable) from None
        if finished.returncode != 0:
            said = (finished.stderr or finished.stdout).decode("utf-8", "replace").strip()
            raise OutputError(f"Pagefind could not index the posts: {shorten(said)}", path=executable)
        return tuple(
            (f"{INDEX_FOLDER}/{file.relative_to(bundle).as_posix()}", file.read_bytes())
            for file in sorted(bundle.rglob("*"), key=lambda found: found.relative_to(bundle).as_posix())
            if file.is_file()
        )
