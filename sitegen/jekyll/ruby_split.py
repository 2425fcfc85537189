"""Ruby's `String#split` without an argument, as Jekyll splits a text list of names
(`categories: "news world"`: document.rb `merge_categories!`, utils.rb
`pluralized_array_from_hash` for `tags`).

Ruby splits on runs of ASCII whitespace only (space, tab, newline, vertical tab, form
feed, carriage return; `"a\u3000b"` and `"a\u00a0b"` are one name) and, splitting on
whitespace, leaves out leading and trailing whitespace: `"  spaced  out  "` is
`["spaced", "out"]`, with no empty first name as Python's `re.split` gives.
"""

from __future__ import annotations

import re

RUBY_WHITESPACE = " \t\n\v\f\r"
r"""Ruby's `\s` and what its `split` and `strip` take for white space: ASCII's only."""
RUBY_WHITESPACE_RUN = re.compile(f"[{re.escape(RUBY_WHITESPACE)}]+")


def ruby_split(text: str) -> list[str]:
    """`text.split` as Ruby computes it: never an empty item."""
    return [part for part in RUBY_WHITESPACE_RUN.split(text) if part]
