"""A permalink setting tried once before any post: an unknown placeholder is one line
at the setting, not the same error for every post (and none on a site without posts)."""

from __future__ import annotations

from datetime import UTC, datetime

from sitegen.errors import OutputError
from sitegen.urls import expand_permalink, post_url_placeholders


def permalink_problem(permalink: str, key: str) -> str:
    """What is wrong with the permalink setting `key` (its value `permalink`), or "":
    it is expanded once with sample values."""
    sample = post_url_placeholders(date=datetime(2000, 1, 1, tzinfo=UTC), slug="a", categories=("a",))
    try:
        expand_permalink(permalink, sample)
    except OutputError as error:
        return f"setting '{key}': {error.message}"
    return ""
