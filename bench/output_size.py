"""How big each tool's published site is: what a deploy uploads and a host stores.

GitHub Pages refuses a published site over 1 GB, so the size per post page decides how
many posts a site can hold there. A post page is found at the URL every tool gives it
(`/<category>/YYYY/MM/DD/<id>.html`, see `gen_corpus.Post.url`), so the median compares
like with like even where the tools publish different sets of listing pages.
"""

from __future__ import annotations

import os
import statistics
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class OutputSize:
    """One output tree after a cold build."""

    files: int
    pages: int
    """HTML and XML files: a check that the tools publish alike."""
    total_bytes: int
    post_page_bytes: float | None
    """The median size of the post pages found; None if none were found."""


def measure_output(out_dir: Path, post_urls: Iterable[str]) -> OutputSize:
    """Count and size every file under `out_dir`, and the post pages at `post_urls`."""
    files = pages = total = 0
    for folder, _, names in os.walk(out_dir):
        for name in names:
            path = Path(folder, name)
            try:
                size = path.lstat().st_size
            except OSError:
                continue
            files += 1
            total += size
            if path.suffix in (".html", ".xml"):
                pages += 1
    post_sizes: list[int] = []
    for url in post_urls:
        try:
            post_sizes.append((out_dir / url.lstrip("/")).stat().st_size)
        except OSError:
            continue
    return OutputSize(
        files=files,
        pages=pages,
        total_bytes=total,
        post_page_bytes=statistics.median(post_sizes) if post_sizes else None,
    )
