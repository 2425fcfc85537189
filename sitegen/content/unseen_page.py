"""A page or collection document whose front matter Jekyll does not see, and the warning.

Jekyll reads front matter only when a file's very first line is `---`
(`Utils#has_yaml_header?`). A page or an `output: true` collection's document with blank
lines before its front matter is then no page to Jekyll: `Reader#read_directories` and
`Collection#read` copy it as a static file, front matter and all, at its own path
(`/about.md`) or below the collection's URL (`/docs/a.md`, `StaticFile#url`:
`sitegen.jekyll.collections.static_file_output`). sitegen reads the front matter, so it
publishes the page, or leaves it out where its `published: false` says so; either way
one warning says where Jekyll puts the file instead, as posts get
(`sitegen.content.unseen_front_matter`).
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from sitegen.errors import Diagnostic
from sitegen.jekyll.collections import Collection, static_file_output


def jekyll_static_url(relative_path: PurePosixPath, collection: Collection | None) -> str:
    """Where Jekyll copies the file when it sees no front matter in it."""
    if collection is None:
        return f"/{relative_path}"
    return f"/{static_file_output(collection, relative_path)}"


def unseen_page_warnings(
    lines: int, path: Path, relative_path: PurePosixPath, collection: Collection | None, *, left_out: bool
) -> tuple[Diagnostic, ...]:
    """The warning for a page (or a `collection`'s document) with `lines` blank lines
    before its front matter (none when `lines` is 0): published by sitegen, or
    `left_out` by its `published: false`, where Jekyll copies the file as it is."""
    if not lines:
        return ()
    where = f"the file as it is to {jekyll_static_url(relative_path, collection)}"
    kind = "page" if collection is None else "document"
    if left_out:
        said = (
            f"sitegen reads it, and its 'published' keeps the {kind} out, "
            f"where Jekyll, seeing no front matter, copies {where}"
        )
    else:
        said = f"Jekyll would copy {where}, sitegen reads it as a {kind} (remove the blank lines to agree)"
    return (Diagnostic(f"{lines} blank line(s) before the front matter; {said}", path, 1),)
