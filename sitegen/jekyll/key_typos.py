"""Whether an unknown `_config.yml` key is a misspelling of one of sitegen's settings.

A migrated site carries keys of its own (`cloudinary_url`) that its Liquid reads as
`site.<key>`: those are kept. A key close to one sitegen reads (`paginat`) is taken for
a typo instead, which must never silently change the site, and named with the setting
it resembles.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

TYPO_CUTOFF = 0.75
"""How alike (difflib's ratio) an unknown key must be to one of sitegen's to be taken for
a misspelling of it rather than for a setting of the site's own."""


def looks_like_a_typo(key: str, known: Iterable[str]) -> bool:
    return bool(difflib.get_close_matches(key, sorted(known), n=1, cutoff=TYPO_CUTOFF))


def unknown_key_message(key: str, known: Iterable[str]) -> str:
    """Name the key and the key of sitegen's it looks like a misspelling of."""
    nearest = difflib.get_close_matches(key, sorted(known), n=1, cutoff=TYPO_CUTOFF)
    return f"unknown setting '{key}' (did you mean '{nearest[0]}'?)"
