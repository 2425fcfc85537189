"""Which files below a folder Jekyll reads by a glob (`_posts/`, `_drafts/`, a
collection's `_<label>/`) it keeps: the entry filter asked of each file's whole path.

Jekyll lists such a folder at once with a glob (`**/*`) and hands the paths below it to
`EntryFilter#filter` (jekyll/lib/jekyll/entry_filter.rb), which asks `special?` of the
path and of its last name only: a path whose first or last name starts with `.`, `_`,
`#` or `~`, or that ends with `~`, is left out unless `include` names the path or its
last name. So `_posts/_old/2020-01-01-a.md` and `_docs/sub/_k.md` are never read, while
`_posts/sub/_deep/2020-01-02-b.md` and `_posts/sub/#m/…` are: a folder between the
first and the last is not asked. The posts' and drafts' reader globs without
`File::FNM_DOTMATCH` (`Reader#get_entries`, reader.rb), so a name starting with `.` at
any depth is never even listed; a collection globs with it (`Collection#entries`,
collection.rb), where only the first and last names count, as for the other characters.
A site's other folders are read folder by folder, every name asked (`sitegen.content.scan`).
The rule holds below a `_posts/` or `_drafts/` met inside an ordinary folder
(`news/_posts/`) too (`in_posts_folder`, `path_below_glob`).
"""

from __future__ import annotations

from sitegen.content.entry_filter import SPECIAL_LEADING, EntryFilter, is_special_name


def lists_folder(name: str, *, dot_match: bool) -> bool:
    """Whether the glob goes into a folder of this name below the globbed folder: all but
    a hidden one when the glob does not match dot names (posts and drafts)."""
    return dot_match or not name.startswith(".")


def reads_globbed_file(
    relative: str, entries: EntryFilter, *, dot_match: bool, site_relative: str = ""
) -> bool:
    """Whether Jekyll reads the file at `relative`, its `/`-separated path below the
    globbed folder (`_old/2020-01-01-a.md`); `dot_match`: the folder is a collection's.

    `site_relative` is the same file's path below the site (`_posts/_old/…`), which
    `exclude` is matched against: the entry filter of a globbed folder is made for that
    folder (`EntryFilter.new(site, base)`) and asks `excluded?` of the path from the
    site (`relative_to_source`), so `exclude: [_posts/2019*, "*.bak"]` leaves out posts."""
    names = relative.split("/")
    if not dot_match and any(name.startswith(".") for name in names):
        return False
    first, last = names[0], names[-1]
    included = entries.is_included(relative) or entries.is_included(last)
    if site_relative and entries.is_excluded(site_relative) and not included:
        return False
    if included:
        return True
    # A backup's `~` is asked of the path's end only (`old~/a.md` is read).
    return not (first.startswith(SPECIAL_LEADING) or is_special_name(last))


_POSTS_FOLDERS = frozenset({"_posts", "_drafts"})


def path_below_glob(relative: str, top_prefix: str | None) -> str:
    """The path of a file below the folder read by a glob: below `top_prefix` (a walk of
    the globbed folder itself), else below the first `_posts/` or `_drafts/` on its way."""
    if top_prefix is not None:
        return relative[len(top_prefix) :]
    parts = relative.split("/")
    first = min(parts.index(folder) for folder in _POSTS_FOLDERS if folder in parts)
    return "/".join(parts[first + 1 :])


def in_posts_folder(prefix: str) -> bool:
    """Whether the folder at `prefix` (`news/_posts/2022/`) lies in a `_posts/` or
    `_drafts/` folder, which Jekyll reads by a glob."""
    return not _POSTS_FOLDERS.isdisjoint(prefix.split("/"))


def never_read_folder(name: str, prefix: str, entries: EntryFilter) -> bool:
    """Whether the folder `name` at `prefix` (`docs/_private/`), below the top and named
    `_…`, is one none of whose files Jekyll reads: its `EntryFilter` leaves such names
    out at every level, but in `_posts/` or `_drafts/` (read by a glob) or where
    `include` names them. Listed, it publishes nothing; one that cannot be listed is no
    loss, so the walk does not say so (an error there failed `--strict`)."""
    return (
        name.startswith("_")
        and prefix.count("/") > 1
        and not in_posts_folder(prefix)
        and not entries.is_included(name, is_dir=True)
    )
