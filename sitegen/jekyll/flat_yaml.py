"""Front matter of one level of `key: value` lines, read without PyYAML's parser.

Nearly every post's front matter is a handful of such lines (`layout: post`,
`title: "…"`, `date: …`, `categories: emnews`), and parsing them cost more than
converting the post's body. A text in the narrow form below is read here; anything else
(a list, a nested mapping, a comment, a blank line, an escape in a quoted string, a
character YAML treats specially) is left to PyYAML, so the result is always PyYAML's.

What is read here goes through PyYAML's own pieces: each plain scalar's type is decided
by the loader's resolver (its tables of implicit types: Psych's nulls, booleans,
numbers and times, PyYAML's dates), and its value is built by the loader's constructor
for that type, so `yes`, `~`, `8:00`, `2021-12-01 13:33:50` or `2022-02-30` come out
exactly as the loader makes them.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping
from typing import Any

import yaml

# One line: a key made of letters, digits, `_` and `-`, a colon, and either nothing or
# spaces and a value: a double-quoted string without escapes, a single-quoted string
# without quotes inside, or a plain scalar that cannot start anything but a scalar and
# holds neither `: ` nor ` #` nor a tab (trailing spaces are not part of it).
_LINE = re.compile(
    r"""(?P<key>[A-Za-z_][A-Za-z0-9_-]*+):
        (?:[ ]++
           (?:"(?P<double>[^"\\]*+)"
             |'(?P<single>[^']*+)'
             |(?P<plain>[^-?:,\[\]{}\#&*!|>'"%@`\s](?:[^:\t\#]|:(?![ ]|$)|(?<![ ])\#)*?)
           )
        )?[ ]*+""",
    re.VERBOSE,
)
# Characters YAML reads as printable text and never as a line break or a byte-order mark;
# a text with any other goes to PyYAML, which decides what they mean.
_PLAIN_TEXT = re.compile("[\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd]*+")
_STR = "tag:yaml.org,2002:str"
#: The scalar types built here; a plain scalar PyYAML resolves to another goes to it.
_SCALAR_TAGS = frozenset(
    {
        _STR,
        "tag:yaml.org,2002:null",
        "tag:yaml.org,2002:bool",
        "tag:yaml.org,2002:int",
        "tag:yaml.org,2002:float",
        "tag:yaml.org,2002:timestamp",
    }
)
_PLAIN: tuple[bool, bool] = (True, False)
"""PyYAML's `implicit` flags of a plain scalar: its type is resolved from its text."""

_CONSTRUCTOR = yaml.constructor.SafeConstructor()

Constructor = Callable[[Any, yaml.ScalarNode], object]


def read_flat_mapping(text: str, loader: Any) -> dict[str, object] | None:
    """The mapping `text` holds when it is one level of simple `key: value` lines, typed
    by the `loader` class's implicit resolvers and built with its constructors (by tag);
    None when it is anything else, or when a constructor raises: PyYAML then reads it
    and reports what it finds."""
    constructors: Mapping[str, Constructor] = loader.yaml_constructors
    if _PLAIN_TEXT.fullmatch(text) is None:
        return None
    resolver = _resolver(loader)
    data: dict[str, object] = {}
    for line in text.removesuffix("\n").split("\n"):
        match = _LINE.fullmatch(line)
        if match is None:
            return None
        key = match["key"]
        if _plain_tag(key, resolver) != _STR:
            return None  # `yes:`, `null:`, `1:` are keys of other types
        double, single, plain = match.group("double", "single", "plain")
        if double is not None or single is not None:
            data[key] = double if double is not None else single
            continue
        value = plain or ""
        tag = _plain_tag(value, resolver)
        if tag not in _SCALAR_TAGS:
            return None
        try:
            data[key] = constructors[tag](_CONSTRUCTOR, yaml.ScalarNode(tag, value))
        except Exception:  # whatever PyYAML's constructor raises, PyYAML reports it
            return None
    return data


@functools.cache
def _resolver(loader: Any) -> yaml.resolver.BaseResolver:
    """A resolver with the `loader` class's tables of implicit types."""
    resolver = yaml.resolver.Resolver()
    resolver.yaml_implicit_resolvers = loader.yaml_implicit_resolvers
    return resolver


def _plain_tag(text: str, resolver: yaml.resolver.BaseResolver) -> str:
    """The type the resolver gives a plain (unquoted) scalar of this text."""
    tag: str = resolver.resolve(yaml.ScalarNode, text, _PLAIN)  # type: ignore[no-untyped-call]
    return tag
