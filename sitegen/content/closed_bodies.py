"""A Markdown or HTML body closed where it leaves markup open (`sitegen.open_markup`), for
the loader (bodies without Liquid) and the Liquid stage (bodies rendered by it)."""

from __future__ import annotations

from pathlib import Path

from sitegen.config import SiteConfig
from sitegen.content.markup import is_html_output
from sitegen.errors import Diagnostic
from sitegen.open_markup import closed_body
from sitegen.urls import HTML_SUFFIXES


def closed_markup(
    body_html: str,
    suffix: str,
    output_ext: str,
    config: SiteConfig,
    source: str,
    first_line: int,
    path: Path,
) -> tuple[str, tuple[Diagnostic, ...]]:
    """A Markdown or HTML body written as an HTML page (`output_ext`) with the markup it
    leaves open closed at its end, and the warning saying so (`sitegen.open_markup`); any
    other body as it is. A body written as `.txt`, `.json` or `.xml` (by its own
    extension or its `permalink`'s) is not read by a browser's HTML parser, so nothing
    after it is hidden: it is published as written, as Jekyll publishes it."""
    if suffix not in config.markdown_suffixes and suffix not in HTML_SUFFIXES:
        return body_html, ()
    if not is_html_output(output_ext):
        return body_html, ()
    return closed_body(body_html, source, first_line, path)
