"""The markup of Jekyll's `{% include %}` and `{% include_relative %}`, read as Jekyll reads it.

Jekyll's `IncludeTag#initialize` (jekyll/tags/include.rb) has no strict or lax parser:
the markup, stripped, is a file name with `{{ … }}` in it followed by parameters
(`VARIABLE_SYNTAX`), or else a file name and parameters split at the first run of
spaces (tabs and line breaks too). The parameters must be `key=value` pairs, each
followed by a space or the end (`FULL_VALID_SYNTAX`), or the tag is an error; a value
is a quoted string (`\\"` inside it is `"`) or a variable, read as Liquid's
`Context#[]` reads one (`Expression.parse`). An include written without parameters
leaves the `include` variable as it was (an outer include's); with parameters, even
none (`{% include {{ f }} %}`), it is the new set.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sitegen.liquid.ruby_expression import expression
from sitegen.liquid.ruby_syntax import RUBY_SPACE, SPACE

_VARIABLE = re.compile(r"([^{]*(?:\{\{\s*[\w\-.]+\s*(?:\|.*)?\}\}[^\s{}]*)+)(.*)", re.ASCII | re.DOTALL)
_PARAM = re.compile(
    r"""([\w-]+)\s*=\s*(?:"([^"\\]*(?:\\.[^"\\]*)*)"|'([^'\\]*(?:\\.[^'\\]*)*)'|([\w.-]+))(?=\s|\Z)\s*""",
    re.ASCII,
)
_SPACES = re.compile(r"[ \t\n\v\f\r]+")
_LONGEST_VARIABLE = 1000
"""Markup searched for `{{ … }}` at most: Jekyll's pattern costs the square of the
markup's length (and more) where it does not match; no real include tag comes near."""


@dataclass(frozen=True, slots=True)
class IncludeMarkup:
    file: str
    """The file name as written; `{{ … }}` in it is rendered before it is looked up."""
    has_variable: bool
    """`file` holds `{{ … }}`."""
    params: str | None
    """The parameters as written; None when the tag has none (not even an empty set)."""


@dataclass(frozen=True, slots=True)
class Param:
    key: str
    text: str | None
    """A quoted value, unescaped; None for a variable."""
    variable: str | None
    """A variable's value written for python-liquid (`Expression.parse`); None for text."""


def include_markup(markup: str) -> IncludeMarkup:
    """`IncludeTag#initialize`: the file name and the parameters."""
    markup = markup.strip(RUBY_SPACE)
    found = _VARIABLE.search(markup) if len(markup) <= _LONGEST_VARIABLE else None
    if found is not None:
        return IncludeMarkup(found.group(1).strip(RUBY_SPACE), True, found.group(2).strip(RUBY_SPACE))
    parts = _SPACES.split(markup, maxsplit=1)
    return IncludeMarkup(parts[0], False, parts[1] if len(parts) > 1 else None)


def include_params(params: str) -> list[Param] | None:
    """`parse_params` (after `validate_params`): each `key=value`; None when the
    parameters are not a run of such pairs, each followed by a space or the end, which
    Jekyll refuses (`FULL_VALID_SYNTAX`). Each pair can be read only one way, so they
    are read one after another, never backtracking."""
    found: list[Param] = []
    position = len(params) - len(params.lstrip(SPACE))
    while position < len(params):
        pair = _PARAM.match(params, position)
        if pair is None:
            return None
        position = pair.end()
        key, double, single, variable = pair.groups()
        if variable is not None:
            found.append(Param(key, None, expression(variable) or "nil"))
        elif double is not None:
            found.append(Param(key, double.replace('\\"', '"'), None))
        else:
            found.append(Param(key, (single or "").replace("\\'", "'"), None))
    return found
