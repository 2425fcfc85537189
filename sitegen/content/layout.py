"""Which of the two layouts a site folder is: sitegen's own or a plain Jekyll tree.

sitegen's layout keeps the sources in `content/` (`content/_posts/`, `content/about.md`)
beside `_config.yml` and `templates/`. Jekyll reads every folder of the site, so in a
Jekyll tree a `content/` folder is an ordinary folder whose files are published below
`/content/`. Reading a Jekyll tree as sitegen's layout loses everything outside
`content/`, so sitegen's layout is chosen only when the top level holds no Jekyll
sources, which are (Jekyll's `Reader#read`, reader.rb, Jekyll 4.3):

- a `_posts/` or `_drafts/` folder, or any other `_`-folder but those sitegen's layout
  reads at the top too (`_data/`, `_includes/`, `_sass/`, `_plugins/`) and the default
  destination `_site/` (a collection's folder such as `_docs/`, `_layouts/`);
- a `<folder>/_posts/` or `<folder>/_drafts/` one level down (`news/_posts/`);
- a file with front matter (a page: `about.md`, `index.html`), which Jekyll renders.

Files without front matter at the top (`README.md`, a `Makefile`) decide nothing: Jekyll
copies them, sitegen's layout leaves them unpublished. When the choice rests on little
(a `content/` without posts and a top level without Jekyll sources), or both layouts'
signs are there, the build says in one warning which reading it chose and why.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from sitegen.content.source_walk import is_ignored_name
from sitegen.regular_files import open_regular

CONTENT_DIR_NAME = "content"
POSTS_DIR_NAME = "_posts"
DRAFTS_DIR_NAME = "_drafts"
TEMPLATES_DIR_NAME = "templates"

#: `_`-folders sitegen's own layout may keep at the top beside `content/`, so they are
#: no sign of a Jekyll tree.
SHARED_TOP_FOLDERS = frozenset({"_data", "_includes", "_sass", "_plugins", "_site"})

_POST_FOLDERS = (POSTS_DIR_NAME, DRAFTS_DIR_NAME)
_HEADER_BYTES = 64
"""Enough of a file's start to see Jekyll's front-matter opening."""
_FRONT_MATTER_OPENING = re.compile(rb"\A(?:\xef\xbb\xbf)?\n*---[ \t\f\v]*\r?\n")
"""`---` and a newline (`Utils#has_yaml_header?`, utils.rb), after the blank lines sitegen
tolerates. Matched on bytes here, without the front-matter reader: the command line's
no-change check imports this module and must not import a YAML parser."""


@dataclass(frozen=True, slots=True)
class SiteLayout:
    """The folder a site's sources are read from, and why when it was not plain."""

    content_dir: Path
    note: str | None = None
    """One line saying which reading was chosen and why, when the tree was ambiguous."""


def site_layout(site_dir: Path, default_exclude: frozenset[str] = frozenset()) -> SiteLayout:
    """sitegen's layout (`site/content`) only when `content/` is a folder and the top
    level holds no Jekyll sources; otherwise the site folder itself, as Jekyll reads it.
    `default_exclude` names top-level entries Jekyll never reads (`node_modules`)."""
    content = site_dir / CONTENT_DIR_NAME
    if not content.is_dir():
        return SiteLayout(site_dir)
    own_posts = any((content / name).is_dir() for name in _POST_FOLDERS)
    sign = _jekyll_sign(site_dir, default_exclude)
    if sign is not None:
        if not own_posts:
            return SiteLayout(site_dir)
        return SiteLayout(
            site_dir,
            f"read as a Jekyll tree ({sign} at the top), so {CONTENT_DIR_NAME}/ is an ordinary "
            f"folder published below /{CONTENT_DIR_NAME}/ and {CONTENT_DIR_NAME}/{POSTS_DIR_NAME}/ "
            f"holds posts of category '{CONTENT_DIR_NAME}'",
        )
    if own_posts:
        return SiteLayout(content)
    return SiteLayout(
        content,
        f"read as sitegen's layout ({CONTENT_DIR_NAME}/ holds the sources, published from /), "
        f"since the top level has no Jekyll sources; {CONTENT_DIR_NAME}/ has no "
        f"{POSTS_DIR_NAME}/ either, so if this is a Jekyll tree add a page or {POSTS_DIR_NAME}/ "
        "at the top",
    )


def _jekyll_sign(site_dir: Path, default_exclude: frozenset[str]) -> str | None:
    """The first Jekyll source at the top of `site_dir` (`_posts/`, `news/_posts/`,
    `about.md` with front matter), named for the warning; None when there is none."""
    try:
        entries = sorted(os.scandir(site_dir), key=lambda entry: entry.name)
    except OSError:
        return None
    for entry in entries:
        name = entry.name
        if name in default_exclude or name in (CONTENT_DIR_NAME, TEMPLATES_DIR_NAME):
            continue
        try:
            is_dir = entry.is_dir()
        except OSError:
            continue
        if is_dir and name.startswith("_"):
            if name not in SHARED_TOP_FOLDERS:
                return f"{name}/"
        elif is_dir and not is_ignored_name(name):
            nested = next((f for f in _POST_FOLDERS if (Path(entry.path) / f).is_dir()), None)
            if nested is not None:
                return f"{name}/{nested}/"
        elif not is_dir and not is_ignored_name(name) and not name.startswith("_") and _is_page(entry.path):
            return f"{name}, a page"
    return None


def _is_page(path: str) -> bool:
    try:
        with open_regular(path) as file:
            head = file.read(_HEADER_BYTES)
    except OSError:
        return False
    return _FRONT_MATTER_OPENING.match(head) is not None
