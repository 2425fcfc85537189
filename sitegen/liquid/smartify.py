"""Jekyll's `smartify` filter (jekyll/filters.rb): the value's `to_s`, read by
kramdown's SmartyPants parser (`sitegen.content.smartypants`)."""

from __future__ import annotations

from sitegen.content.smartypants import smartypants
from sitegen.liquid.ruby_values import ruby_string

__all__ = ["smartify"]


def smartify(value: object) -> str:
    """`value.to_s` read by kramdown's SmartyPants parser and written as HTML."""
    return smartypants("" if value is None else ruby_string(value))
