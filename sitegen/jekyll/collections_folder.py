"""Where `collections_dir` points, and where it lets posts be read, as Jekyll 4.3 decides.

Two rules read the same setting differently, and a value that leaves the site folder
(`../..`, `/srv/other`) must do neither what it says nor anything outside the site:

- The collections' folder is `Site#collections_path`, `in_source_dir(collections_dir)`
  (`sitegen.jekyll.sanitized_path`): `../..` is the site folder itself; `/srv/other`
  is `<site>/srv/other`.
- Posts and drafts are read from a folder's `_posts/` and `_drafts/` only when the
  folder's path below the site, written `/news`, starts with `/` and the raw setting
  (`Reader#outside_configured_directory?`, reader.rb). A value that cannot start such a
  path (`../..`, `./cols`, `/srv/other`) reads no posts at all, and `cols/` reads
  those of `cols/news/_posts/` but not of `cols/_posts/`.
"""

from __future__ import annotations

from pathlib import PurePosixPath

from sitegen.jekyll.sanitized_path import sanitized_below


def collections_folder(value: str, source: str) -> PurePosixPath:
    """The collections' folder for the setting `value`, relative to the site folder
    `source` (`sanitized_below`); `PurePosixPath()` for the site folder itself."""
    return sanitized_below(value, source)


def reads_posts_in(folder: PurePosixPath, value: str) -> bool:
    """Whether Jekyll reads the posts and drafts of `folder` (relative to the site folder,
    the one holding `_posts/`) under the setting `value`; any folder when it is empty."""
    if not value:
        return True
    below = "" if not folder.parts else "/" + folder.as_posix()
    return below.startswith("/" + value)


def no_posts_note(value: str, source: str) -> str | None:
    """One line for a setting under which not even the collections' folder's own posts
    are read (so, in the usual tree, none at all), else None."""
    folder = collections_folder(value, source)
    if reads_posts_in(folder, value):
        return None
    where = f"'{folder.as_posix()}'" if folder.parts else "the site folder"
    return (
        f"setting 'collections_dir' is {value!r}, which names no folder below the site as "
        f"Jekyll reads it: posts and drafts are read only in folders whose path starts with "
        f"'/{value}', so none in {where} (its collections are read there); write the "
        "folder's path below the site, such as 'my_collections'"
    )


def unread_folder_note(value: str, folder: PurePosixPath) -> str:
    """One line for a setting whose collections' folder `folder` is not there: no posts,
    drafts or collections are read then (a typo, `postz`, would unpublish every post).
    Jekyll says nothing, and reads the posts of any folder whose path merely starts
    with the value (`cols2/_posts` for `col`), at URLs holding the site's absolute path;
    sitegen reads none of those."""
    return (
        f"collections_dir {value!r} names no folder of the site ('{folder.as_posix()}' is not there): "
        "no posts, drafts or collections are read; make the folder, or fix the setting"
    )


def unread_top_posts_note(folder: PurePosixPath) -> str:
    """One line for the site's top-level `_posts/` where the collections' folder is
    `folder` (not the site folder): Jekyll reads posts only below it, so none there."""
    return (
        f"not read: with collections_dir set, Jekyll reads posts only from '{folder.as_posix()}/_posts/' "
        f"(and the folders below '{folder.as_posix()}'); move these posts there"
    )
