"""Whether a body is Liquid: what Jekyll's Liquid has to do in it, and where it starts."""

from __future__ import annotations

_LIQUID_DELIMITERS = (("{%", "%}"), ("{{", "}}"))


def uses_liquid(body: str) -> bool:
    """Whether Jekyll's Liquid has anything to do in `body`: any `{{` or `{%`, closed or
    not, since an unterminated one is an error there (`liquid/block_body.rb`) that
    sitegen reports and cuts out rather than publishing it raw."""
    return "{{" in body or "{%" in body


def first_liquid_tag(body: str) -> int | None:
    """Where the first closed `{% … %}` or `{{ … }}` starts, or None.

    Two `str.find` calls per kind of tag, so linear whatever the text: once an opening
    delimiter has no closing one after it, no later opening can have one either."""
    found = []
    for opening, closing in _LIQUID_DELIMITERS:
        start = body.find(opening)
        if start != -1 and body.find(closing, start + len(opening)) != -1:
            found.append(start)
    return min(found, default=None)
