"""The `excerpt_separator` a post's excerpt is cut at, read as Jekyll reads it.

Jekyll takes `(data["excerpt_separator"] || site.config["excerpt_separator"]).to_s`
(`Document#excerpt_separator`, jekyll/lib/jekyll/document.rb): the front matter's value
unless it is null or false, else the site's (`"\n\n"` when `_config.yml` sets none, or
sets null), and whatever that is becomes its Ruby text: `12` cuts at "12", a list
`[a, b]` at `["a", "b"]` (`Array#to_s` is `inspect`), a mapping at `{"a"=>1}`,
`false` in `_config.yml` at "false", a time at `Time#to_s` (`2024-01-01 10:00:00 +0800`;
one written without an offset as Jekyll holds it, a local time in the site's zone), a
date at `2024-01-01`, and a list of times at their `inspect`
(`sitegen.jekyll.ruby_text`). sitegen cuts where Jekyll cuts; a value that is not text
is one warning saying what the excerpt is cut at.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, tzinfo

from sitegen.jekyll.ruby_text import psych_times, ruby_to_s

KEY = "excerpt_separator"
DEFAULT_EXCERPT_SEPARATOR = "\n\n"
"""Jekyll's default (`Configuration::DEFAULTS`): the excerpt is the first paragraph."""


def excerpt_separator(own: object, site: object, zone: tzinfo = UTC, offsetless: str = "") -> str:
    """The separator for a post whose front matter gives `own` and whose `_config.yml`
    gives `site` (None where either gives none); a time is read in the site's `zone`
    and by its `offsetless_dates` (`sitegen.jekyll.ruby_text.psych_times`)."""
    value = own if own is not None and own is not False else site
    return DEFAULT_EXCERPT_SEPARATOR if value is None else ruby_to_s(psych_times(value, zone, offsetless))


def separator_note(
    own: object, site: object, *, in_front_matter: bool, zone: tzinfo = UTC, offsetless: str = ""
) -> str | None:
    """The warning for a separator that is not text (the front matter's when
    `in_front_matter`, else the site's), or None for text or none."""
    value = own if in_front_matter else site
    if value is None or isinstance(value, str):
        return None
    if in_front_matter and value is False:
        used = excerpt_separator(None, site, zone, offsetless)
        return f"'{KEY}' must be text, not false; sitegen uses the site's ({used!r}), as Jekyll does"
    used = excerpt_separator(value, None, zone, offsetless)
    what = "a list" if isinstance(value, list) else "a mapping" if isinstance(value, Mapping) else used
    where = f"'{KEY}'" if in_front_matter else f"setting '{KEY}'"
    return (
        f"{where} must be text, not {what}; sitegen cuts excerpts at {used!r}, its Ruby text, as Jekyll does"
    )
