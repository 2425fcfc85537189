"""Minimal posts, for tests that build a site index from posts made in memory."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path, PurePosixPath
from typing import Any

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


def numbered_post(number: int, **fields: Any) -> Post:
    """`BARE_POST` as post `number` of a site: its own file, slug and URL, an hour newer
    than post `number - 1`; `fields` replace the rest (`categories=`, `tags=`)."""
    return replace(
        BARE_POST,
        source_path=Path(f"p{number}.md"),
        relative_path=PurePosixPath(f"_posts/p{number}.md"),
        date=BARE_POST.date + timedelta(hours=number),
        slug=f"p{number}",
        url=f"/p{number}.html",
        **fields,
    )
