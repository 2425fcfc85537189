"""One minimal post, for tests that build a site index from posts made in memory
(`dataclasses.replace(BARE_POST, title=…, categories=…)`)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path, PurePosixPath

from sitegen.model import Post

BARE_POST = Post(
    source_path=Path("p.md"),
    relative_path=PurePosixPath("_posts/p.md"),
    title="t",
    date=datetime(2022, 1, 1, tzinfo=UTC),
    slug="p",
    categories=("c",),
    tags=(),
    layout="post",
    url="/p.html",
    body_html="",
    front_matter={},
)
