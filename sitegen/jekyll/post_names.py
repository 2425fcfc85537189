"""What a post's or draft's file name says: its slug, and its date when it carries one.

Jekyll reads drafts into the posts collection and gives them the same treatment as
posts (`Document#populate_title`, jekyll/lib/jekyll/document.rb, Jekyll 4.3): a name
matching `DATE_FILENAME_MATCHER` (`YYYY-MM-DD-slug.ext`) gives the slug after the date
and the date itself, which front matter's `date:` beats (`Document#modify_date`); any
other name (a draft's, `DATELESS_FILENAME_MATCHER`) gives the whole stem as the slug
and no date, so the draft is dated by its front matter or its file's modification time
(`Document#date`). Trailing periods leave the slug either way ("slugs shouldn't end
with a period"): `2020-02-02-v1..md` is `v1`. `_posts/` reads only dated names
(`PostReader#read_posts`); `_drafts/` reads both (`PostReader#read_drafts`).
Checked against `jekyll build --drafts` 4.3.1.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePath

from sitegen.jekyll.ruby_case import ruby_capitalize

#: Jekyll's post file name: `YYYY-MM-DD-slug.ext`, the slug perhaps empty (`2022-05-27-.md`).
#: The slug is Ruby's `[^/]*`, which takes a newline too (`2024-02-15-new\nline.md` is a
#: post, published at `/2024/02/15/new-line.html`): so any character, to the very end.
DATED_FILE_NAME = re.compile(r"^(\d{2,4})-(\d{1,2})-(\d{1,2})-(.*)(\.[^.]+)\Z", re.DOTALL)


@dataclass(frozen=True, slots=True)
class FileNameParts:
    """A post's or draft's file name, read as Jekyll reads it."""

    slug: str
    """The name after its date (the whole stem when it has none), trailing periods cut."""
    date: tuple[str, str, str] | None
    """Year, month and day as written in the name (`2020`, `2`, `03`), or None."""


def dated_name_parts(file_name: str) -> FileNameParts | None:
    """The parts of a `YYYY-MM-DD-slug.ext` name, or None for any other name."""
    match = DATED_FILE_NAME.match(file_name)
    if match is None:
        return None
    year, month, day, slug, _ = match.groups()
    return FileNameParts(slug.rstrip("."), (year, month, day))


def draft_name_parts(file_name: str) -> FileNameParts:
    """A draft's name: dated like a post's when it can be, else its stem and no date."""
    return dated_name_parts(file_name) or FileNameParts(PurePath(file_name).stem.rstrip("."), None)


_NO_EXTENSION = re.compile(r"(?:(?!\.[^.]+\Z).)*", re.DOTALL)
"""A name Jekyll's draft pattern (`DATELESS_FILENAME_MATCHER`) does not take: no `.x` at its end."""
_YAML_SUFFIXES = (".yml", ".yaml")
"""Jekyll's `Document::YAML_FILE_EXTS`, matched as written (`.YML` is no YAML file)."""


def unread_post_name(name: str, draft: bool) -> str | None:
    """Why Jekyll's post reader leaves out the post (or draft) file `name`, or None: a
    post without a date in its name, a draft without an extension, a `.yml` or `.yaml`
    file (read as data, `Document#yaml_file?`, so with no content to publish)."""
    if not draft and dated_name_parts(name) is None:
        return "not a post: the file name does not start with a YYYY-MM-DD- date, so it is not published"
    if draft and _NO_EXTENSION.fullmatch(name):
        return "not a draft: the file name has no extension, so it is not published"
    suffix = name[name.rfind(".") :] if "." in name else ""
    if suffix in _YAML_SUFFIXES:
        return f"not a post: Jekyll reads a {suffix} file as data, with no content, so it is not published"
    return None


def titleized_slug(slug: str) -> str:
    """The title Jekyll gives a post whose front matter has none, or a null one
    (`data["title"] ||= Utils.titleize_slug(slug)` in `Document#populate_title`): each
    `-`-separated word capitalised as Ruby's `String#capitalize` does it (`ΣΑΣ` → `Σασ`,
    `sitegen.jekyll.ruby_case`), joined by spaces (`hello-world` → `Hello World`). An
    empty title (`title: ""`) is a title to Jekyll and is kept as it is."""
    words = slug.split("-")
    while words and not words[-1]:  # Ruby's `split` drops trailing empty fields: `trail-`
        words.pop()
    return " ".join(ruby_capitalize(word) for word in words)
