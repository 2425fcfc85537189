"""Liquid's `strip_html`, the one rule for the filter and for a feed entry's title.

Ruby Liquid 5.4 (liquid/standardfilters.rb `STRIP_HTML_BLOCKS`, `STRIP_HTML_TAGS`)
removes, first, every script, comment and style with its text (`%r{<script.*?</script>}m`,
`/<!--.*?-->/m`, `%r{<style.*?</style>}m`, alternatives tried in that order at each
place), then every `<.*?>` left. Ruby's `m` is Python's `DOTALL`, both regexes are
case-sensitive, and neither knows what a tag is: `a < b > c` loses ` b ` because `< b >`
is a match, and a stray `</script>` before a script is left for the second pass. A
copy of the rule that read HTML as a browser does kept what Jekyll removes (the text of
`<script>alert(1)</script>` after a stray `</script>`); so every stripping of HTML that
Jekyll does with this filter calls this function.
"""

from __future__ import annotations

import re

__all__ = ["strip_html"]

_HTML_BLOCKS = re.compile(r"<script.*?</script>|<!--.*?-->|<style.*?</style>", re.DOTALL)
_HTML_TAGS = re.compile(r"<.*?>", re.DOTALL)


def strip_html(text: str) -> str:
    """`text` without its scripts, comments and styles, then without any `<…>`."""
    return _HTML_TAGS.sub("", _HTML_BLOCKS.sub("", text))
