"""The text of a post's Liquid excerpt: its body cut at the separator Jekyll cuts at."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from sitegen.config import SiteConfig
from sitegen.content.excerpt import excerpt_source
from sitegen.content.fields import key_line
from sitegen.errors import Diagnostic
from sitegen.jekyll.excerpt_separator import KEY as SEPARATOR_KEY
from sitegen.jekyll.excerpt_separator import excerpt_separator, separator_note


def post_excerpt_source(
    body: str, front: Mapping[str, Any], config: SiteConfig, path: Path, text: str
) -> tuple[str | None, list[Diagnostic]]:
    """The text of the post's Liquid excerpt (None: the whole body), cut at the separator
    Jekyll cuts at (`sitegen.jekyll.excerpt_separator`: a time in it read in the site's
    zone), and the warning for a front-matter separator that is not text, at its line
    in `text`."""
    own, site = front.get(SEPARATOR_KEY), config.custom.get(SEPARATOR_KEY)
    zone, offsetless = config.zone, config.offsetless_dates
    note = separator_note(own, site, in_front_matter=True, zone=zone, offsetless=offsetless)
    cut = excerpt_source(body, excerpt_separator(own, site, zone, offsetless))
    warnings = [] if note is None else [Diagnostic(note, path, key_line(text, SEPARATOR_KEY))]
    return None if cut == body else cut, warnings
