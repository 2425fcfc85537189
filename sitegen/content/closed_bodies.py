"""A Markdown or HTML body closed where it leaves markup open (`sitegen.open_markup`), for
the loader (bodies without Liquid) and the Liquid stage (bodies rendered by it)."""

from __future__ import annotations

from pathlib import Path

from sitegen.config import SiteConfig
from sitegen.errors import Diagnostic
from sitegen.open_markup import closed_body
from sitegen.urls import HTML_SUFFIXES


def closed_markup(
    body_html: str, suffix: str, config: SiteConfig, source: str, first_line: int, path: Path
) -> tuple[str, tuple[Diagnostic, ...]]:
    """A Markdown or HTML body with the markup it leaves open closed at its end, and the
    warning saying so (`sitegen.open_markup`); any other body as it is."""
    if suffix not in config.markdown_suffixes and suffix not in HTML_SUFFIXES:
        return body_html, ()
    return closed_body(body_html, source, first_line, path)
