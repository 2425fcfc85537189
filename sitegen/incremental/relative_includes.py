"""What `{% include_relative %}` read, as the no-change check must weigh it.

An included file's Liquid may read the clock (`sitegen.liquid.clock`) or a static file's
mtime (`sitegen.liquid.file_times`) like the body that includes it, and the check sees an
edit to it only where its walk goes (`sitegen.incremental.input_files`): the site folder,
but for the folders it never enters by name. The build records every file an
`include_relative` looked for (the Liquid stage's `relative_reads`); where each lies
inside what the check walks, their texts join the bodies' and includes' Liquid (which
then decides), and where any lies outside (through a link out of the site, or in a
`.git` or `.venv` folder), the build is taken to read the clock: such a site rebuilds
every time, as every site with an `include_relative` did before it was followed.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from sitegen.skipped_folders import walked_in

__all__ = ["followed_texts"]


def followed_texts(
    reads: Iterable[tuple[Path, str | None]], site_dir: Path, apart: Iterable[Path]
) -> tuple[str, ...] | None:
    """The texts `include_relative` read (`reads`: each file looked for and the text read
    there, None for none), or None when a file looked for lies where the no-change check
    does not look: its path, as looked for or with every link followed, is outside
    `site_dir`, inside a folder of `apart` (the destination and the cache, which the
    check leaves to checks of their own), or passes through a folder the check never
    enters by name. A missing file counts where it was looked for: one created there
    later is a change the check sees, as its folder's listing changes."""
    sites = (os.path.abspath(site_dir), os.path.realpath(site_dir))
    skipped = [way for folder in apart for way in (os.path.abspath(folder), os.path.realpath(folder))]
    texts: list[str] = []
    for candidate, text in reads:
        ways = (os.path.abspath(candidate), os.path.realpath(candidate))
        if not all(_walked(way, site, skipped) for way, site in zip(ways, sites, strict=True)):
            return None
        if text is not None:
            texts.append(text)
    return tuple(texts)


def _walked(path: str, site: str, apart: list[str]) -> bool:
    """Whether the check walks `path`: its folder inside `site` and entered by the walk
    (`walked_in`), and outside every folder of `apart`."""
    file = Path(path)
    return walked_in(file.parent, Path(site)) and not any(file.is_relative_to(folder) for folder in apart)
