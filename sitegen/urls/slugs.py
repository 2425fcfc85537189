"""Jekyll's `slugify` (`Jekyll::Utils.slugify`), for permalinks and post placeholders."""

from __future__ import annotations

import re

_DEFAULT_SLUG = re.compile(r"(?:[^\w]|_)+")
_PRETTY_SLUG = re.compile(r"[^\w._~!$&'()+,;=@]+")


def slugify(text: str, *, pretty: bool = False, cased: bool = False) -> str:
    """Jekyll's `slugify` in its `default` and `pretty` modes.

    Letters and digits of any script are kept (Chinese stays Chinese); runs of anything
    else become one hyphen; leading and trailing hyphens go."""
    pattern = _PRETTY_SLUG if pretty else _DEFAULT_SLUG
    slug = pattern.sub("-", text).strip("-")
    return slug if cased else slug.lower()
