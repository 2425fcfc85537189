"""Whether a site's Liquid can read the clock, which makes every build's output differ.

`site.time` is the build's moment (Jekyll's `Drops::SiteDrop#time`), and the `date`
filter reads `"now"` and `"today"` as the moment it runs (Liquid's `StandardFilters#date`),
so a page using either is different at every build, and the no-change check must not
skip one. `site.time` is found in the Liquid markup (`{{ … }}` and `{% … %}`) of the
bodies, of every include and of what an `{% include_relative %}` read (the build adds
those texts: `sitegen.incremental.relative_includes`), erring towards yes: `site.time`,
or `site` used whole (`{{ site | jsonify }}`, `site["time"]`, `assign s = site`). The
date filters' `now` is found as the Liquid runs, however it was spelled or put
together (`ClockReads`): the words of the markup cannot tell (`"NOW"`, `"no" | append:
"w"`), and took `page.time` or `" today"` for the clock.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from datetime import datetime, tzinfo
from pathlib import Path

from sitegen.model import Post, SourcePage
from sitegen.regular_files import read_regular_text

_MARKUP = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.DOTALL)
_UNKNOWN = "{{ site.time }}"
"""Stands for Liquid that could not be read: markup that reads the clock."""
_CLOCK = re.compile(r"\bsite\s*\.\s*time\b|\bsite\b(?!\s*\.\s*\w)")


class ClockReads:
    """Whether the Liquid stage read the clock as it ran: a date filter given `now` or
    `today` in any spelling (`"NOW"`, `"no" | append: "w"`), which no scan of the markup
    can tell. One per stage; the build joins it to `reads_the_clock`."""

    def __init__(self) -> None:
        self.read = False

    def now(self, zone: tzinfo) -> datetime:
        """The wall clock in `zone` (Ruby's `Time.now`), noted as read."""
        self.read = True
        return datetime.now(zone)


def reads_the_clock(texts: Iterable[str]) -> bool:
    """True when any of these Liquid sources may print the build's moment."""
    return any(_CLOCK.search(markup.group()) for text in texts for markup in _MARKUP.finditer(text))


def liquid_texts(
    posts: Iterable[Post], pages: Iterable[SourcePage], include_folders: Iterable[Path]
) -> Iterator[str]:
    """The Liquid of every post and page, and when there is any, every file under the
    include folders (what `{% include %}` may read)."""
    documents: list[Post | SourcePage] = [*posts, *pages]
    texts = [document.liquid.text for document in documents if document.liquid is not None]
    if not texts:
        return
    yield from texts
    for folder in include_folders:
        # `os.walk` passes over what it cannot list; a file it cannot stat (a folder that
        # can be listed but not entered) is taken to read the clock, as an unreadable one.
        for root, folders, files in os.walk(folder, followlinks=True):  # as `rglob` did
            folders.sort()
            for name in sorted(files):
                path = Path(root) / name
                try:
                    is_file = path.is_file()
                except OSError:
                    yield _UNKNOWN
                    continue
                if is_file:
                    yield _include_text(path)


def _include_text(path: Path) -> str:
    """An include's text as far as it decodes. One that cannot be read is taken to read the
    clock (erring towards yes): what it will say once readable is unknown, and the include
    loader reports it, naming it, where it is included."""
    try:
        return read_regular_text(path, "utf-8", "replace")
    except OSError:
        return _UNKNOWN
