"""The site's sections: the categories the top bar and the home page put first.

A news portal shows a handful of sections in its top bar and a block per section on its
front page. A site names them with `nav:` in `_config.yml`; without it the categories
with the most posts are the sections (ties by name, so the choice never depends on
file-system order), shown in name order. Not largest first: every page carries the bar,
so on a site whose crawler adds posts all day, two sections trading places by one post
would re-render every page of the site (and move the reader's tabs about); in name
order the bar changes only when a category joins or leaves the largest.
"""

from __future__ import annotations

from collections.abc import Mapping, Sized
from pathlib import Path

from sitegen.config import SiteConfig
from sitegen.errors import Diagnostic

UNKNOWN_SECTION = "setting 'nav' names '{name}', which no post has as a category; left out of the sections"


def section_names(
    config: SiteConfig, by_category: Mapping[str, Sized], config_file: Path
) -> tuple[tuple[str, ...], tuple[Diagnostic, ...]]:
    """The sections' category names, in the order shown, and a warning per `nav` entry
    that names no category with posts (a section must lead somewhere with headlines);
    the warnings name `config_file`, where `nav` is set.

    `by_category` holds each category's posts (`SiteIndex.by_category`): the dev server's
    fast lane asks again with a new post added, since chosen by size, the sections can
    change with one post (`sitegen.site.additions`)."""
    if config.nav:
        chosen: list[str] = []
        warnings: list[Diagnostic] = []
        for name in config.nav:
            if name in by_category:
                if name not in chosen:
                    chosen.append(name)
            else:
                warnings.append(Diagnostic(UNKNOWN_SECTION.format(name=name), config_file))
        return tuple(chosen), tuple(warnings)
    largest = sorted(by_category, key=lambda name: (-len(by_category[name]), name))
    return tuple(sorted(largest[: config.nav_size])), ()
