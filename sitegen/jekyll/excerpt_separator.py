"""The `excerpt_separator` a post's excerpt is cut at, read as Jekyll reads it.

Jekyll takes `(data["excerpt_separator"] || site.config["excerpt_separator"]).to_s`
(`Document#excerpt_separator`, jekyll/lib/jekyll/document.rb): the front matter's value
unless it is null or false, else the site's (`"\n\n"` when `_config.yml` sets none, or
sets null), and whatever that is becomes its Ruby text: `12` cuts at "12", a list
`[a, b]` at `["a", "b"]` (`Array#to_s` is `inspect`), a mapping at `{"a"=>1}`, and
`false` in `_config.yml` at "false". sitegen cuts where Jekyll cuts; a value that is not
text is one warning saying what the excerpt is cut at.
"""

from __future__ import annotations

from collections.abc import Mapping

from sitegen.jekyll.ruby_scalars import ruby_scalar_text, yaml_inspect

KEY = "excerpt_separator"
DEFAULT_EXCERPT_SEPARATOR = "\n\n"
"""Jekyll's default (`Configuration::DEFAULTS`): the excerpt is the first paragraph."""


def excerpt_separator(own: object, site: object) -> str:
    """The separator for a post whose front matter gives `own` and whose `_config.yml`
    gives `site` (None where either gives none)."""
    value = own if own is not None and own is not False else site
    return DEFAULT_EXCERPT_SEPARATOR if value is None else ruby_text(value)


def ruby_text(value: object) -> str:
    """`value.to_s` for a value YAML gives: a list or mapping as Ruby's `inspect`."""
    if isinstance(value, (list, Mapping)):
        return yaml_inspect(value)
    return ruby_scalar_text(value)


def separator_note(own: object, site: object, *, in_front_matter: bool) -> str | None:
    """The warning for a separator that is not text (the front matter's when
    `in_front_matter`, else the site's), or None for text or none."""
    value = own if in_front_matter else site
    if value is None or isinstance(value, str):
        return None
    if in_front_matter and value is False:
        used = excerpt_separator(None, site)
        return f"'{KEY}' must be text, not false; sitegen uses the site's ({used!r}), as Jekyll does"
    used = ruby_text(value)
    what = "a list" if isinstance(value, list) else "a mapping" if isinstance(value, Mapping) else used
    where = f"'{KEY}'" if in_front_matter else f"setting '{KEY}'"
    return (
        f"{where} must be text, not {what}; sitegen cuts excerpts at {used!r}, its Ruby text, as Jekyll does"
    )
