"""The URLs of a `srcset` attribute, read by the HTML standard's rules.

WHATWG HTML, "parse a srcset attribute" (section 4.8.4.3.10): a candidate's URL is a run
of characters that are not ASCII whitespace, so it may hold commas (`a,b.png`,
`data:image/png;base64,AAAA`); only commas that end the run are cut off. Its descriptors
follow, up to a comma outside parentheses. A candidate whose descriptors are not valid
(`2y`, `1x 2x`, `0w`, `50h` without a width) is dropped, and no browser ever fetches its
URL, so it is not read here either. Every remaining candidate is one a browser may fetch
(which one depends on the screen), so each is a link to check.
"""

from __future__ import annotations

import re

__all__ = ["srcset_urls"]

# "ASCII whitespace": tab, line feed, form feed, carriage return, space.
_WHITESPACE = "\t\n\f\r "
_NON_NEGATIVE_INTEGER = re.compile(r"[0-9]+")
# "Valid floating-point number": an optional `-`, digits and/or `.digits`, an optional exponent.
_FLOAT = re.compile(r"-?(?:[0-9]+(?:\.[0-9]+)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?")


def srcset_urls(value: str) -> tuple[str, ...]:
    """The URL of every valid image candidate in `value`, in order (never raises)."""
    urls: list[str] = []
    position, end = 0, len(value)
    while True:
        # Splitting loop: skip whitespace and commas between candidates.
        while position < end and (value[position] in _WHITESPACE or value[position] == ","):
            position += 1
        if position >= end:
            return tuple(urls)
        start = position
        while position < end and value[position] not in _WHITESPACE:
            position += 1
        url = value[start:position]
        descriptors: list[str] = []
        if url.endswith(","):
            url = url.rstrip(",")
        else:
            position, descriptors = _descriptors(value, position)
        if _valid(descriptors):
            urls.append(url)


def _descriptors(value: str, position: int) -> tuple[int, list[str]]:
    """The descriptor tokenizer: the descriptors from `position` up to a comma outside
    parentheses (or the end), and the position after them."""
    end = len(value)
    while position < end and value[position] in _WHITESPACE:
        position += 1
    descriptors: list[str] = []
    current = ""
    state = "in descriptor"
    while True:
        char = value[position] if position < end else ""
        if state == "in descriptor":
            if char and char in _WHITESPACE:
                if current:
                    descriptors.append(current)
                current, state = "", "after descriptor"
            elif char == ",":
                if current:
                    descriptors.append(current)
                return position + 1, descriptors
            elif char == "(":
                current += char
                state = "in parens"
            elif not char:
                if current:
                    descriptors.append(current)
                return position, descriptors
            else:
                current += char
        elif state == "in parens":
            if char == ")":
                current += char
                state = "in descriptor"
            elif not char:
                descriptors.append(current)
                return position, descriptors
            else:
                current += char
        elif not char:  # after descriptor, at the end
            return position, descriptors
        elif char not in _WHITESPACE:
            state = "in descriptor"
            continue  # reconsume this character in the new state
        position += 1


def _valid(descriptors: list[str]) -> bool:
    """The standard's descriptor parser: at most one width (`480w`) or one density
    (`1.5x`), a height (`50h`) only beside a width; anything else drops the candidate."""
    width = density = height = False
    for descriptor in descriptors:
        kind, number = descriptor[-1:], descriptor[:-1]
        if kind == "w" and _NON_NEGATIVE_INTEGER.fullmatch(number):
            if width or density or int(number) == 0:
                return False
            width = True
        elif kind == "x" and _FLOAT.fullmatch(number):
            if width or density or height or float(number) < 0:
                return False
            density = True
        elif kind == "h" and _NON_NEGATIVE_INTEGER.fullmatch(number):
            if height or density or int(number) == 0:
                return False
            height = True
        else:
            return False
    return not height or width
