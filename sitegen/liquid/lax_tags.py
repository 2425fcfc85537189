"""Tags and `{{ … }}` that Jekyll reads leniently, written as python-liquid reads the same.

Jekyll's Liquid (`error_mode: warn`) reads markup its strict parser refuses with each
tag's `lax_parse` regexes, and several tags are never read any other way: `assign`,
`capture`, `case`/`when`, `cycle`, `tablerow`, `increment`. So `{% for i in (1..3) junk %}`
loops over 1..3, `{% assign x = "a" junk %}` assigns "a", `{% if a == b junk %}` tests
`a == b`, and `{% endif junk %}` closes the `if`, where python-liquid's parser stops.
Each function here takes the markup as written and returns the markup python-liquid
must read to do what Jekyll does, or None when Ruby's strict parser reads it as written
(python-liquid reads that the same) or Ruby refuses it too (it stays an error).

The rules are Liquid 5.4's: `tags/for.rb`, `if.rb` (and `unless.rb`), `case.rb`,
`assign.rb`, `capture.rb`, `cycle.rb`, `table_row.rb`, `increment.rb`, `decrement.rb`,
`variable.rb` (`{{ }}` and `echo`), `block.rb` (an end tag's markup is not read).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from sitegen.liquid.ruby_expression import expression, filter_name, names_a_keyword, variable_name
from sitegen.liquid.ruby_syntax import (
    QUOTED_FRAGMENT,
    RUBY_SPACE,
    SPACE,
    TAG_ATTRIBUTES,
    VARIABLE_SIGNATURE,
    Parser,
    Refused,
    strict_condition,
    strict_expression,
    strict_for,
    strict_variable,
)

QF = QUOTED_FRAGMENT
# variable.rb
_MARKUP_WITH_FRAGMENT = re.compile(rf"({QF})(.*)", re.DOTALL)
_FILTER_MARKUP = re.compile(r"\|\s*(.*)", re.ASCII | re.DOTALL)
_FILTER_PARSER = re.compile(rf"(?:\s+|{QF}|,)+", re.ASCII)
_FILTER_ARGS = re.compile(rf"(?::|,)\s*((?:\w+\s*:\s*)?{QF})", re.ASCII)
_JUST_TAG_ATTRIBUTES = re.compile(rf"(\w[\w-]*)\s*:\s*({QF})", re.ASCII)
_WORD = re.compile(r"\w+", re.ASCII)
# for.rb, table_row.rb
_FOR = re.compile(rf"([\w-]+)\s+in\s+({QF}+)\s*(reversed)?", re.ASCII)
_TABLEROW = re.compile(rf"(?<!\w)(\w++)\s+in\s+({QF}+)", re.ASCII)
# if.rb: Ruby's `\b` is Unicode's where its `\s` is ASCII.
_S = f"[{SPACE}]"
_AND_OR = rf"\b(?:{_S}?and{_S}?|{_S}?or{_S}?)\b"
_EXPRESSIONS_AND_OPERATORS = re.compile(rf"(?:{_AND_OR}|(?:{_S}*(?!{_AND_OR})(?:{QF}|[^{SPACE}]+){_S}*)+)")
_CONDITION = re.compile(rf"({QF}){_S}*([=!<>a-z_]+)?{_S}*({QF})?")
_OPERATORS = frozenset(("==", "!=", "<>", "<", ">", ">=", "<=", "contains"))
# case.rb, cycle.rb, assign.rb, capture.rb
_FRAGMENT = re.compile(QF)
_WHEN = re.compile(rf"({QF})(?:(?:\s+or\s+|\s*,\s*)(?={QF}))?", re.ASCII)
_WHEN_AS_WRITTEN = re.compile(rf"{QF}(?:(?:\s+or\s+|\s*,\s*){QF})*", re.ASCII)
_CYCLE_NAMED = re.compile(rf"({QF})\s*:\s*(.*)", re.ASCII | re.DOTALL)
_CYCLE_SIMPLE = re.compile(rf"{QF}+")
_CYCLE_VALUE = re.compile(rf"\s*({QF})\s*", re.ASCII)
#: expression.rb `LITERALS` that parse to nil (a fragment is never empty).
_NIL_LITERALS = frozenset(("nil", "null"))
_SIGNATURE_RUN = re.compile(rf"{VARIABLE_SIGNATURE}++", re.ASCII)
_EQUALS = re.compile(r"\s*=\s*", re.ASCII)
_CAPTURE = re.compile(rf"({VARIABLE_SIGNATURE}+)", re.ASCII)
#: Blocks whose `else` takes no markup: Ruby ignores what is written there.
_ELSE_IGNORED = frozenset(("if", "unless", "for"))
_MARKUP_IGNORED = frozenset(("break", "continue", "ifchanged"))


def lax_output(markup: str) -> str | None:
    """`{{ markup }}` (variable.rb): the strict reading, else the lax one. An empty one
    prints nothing (python-liquid refuses it: it becomes `nil`)."""
    if strict_variable(markup) and markup.strip(RUBY_SPACE):
        return None
    return _lax_variable(markup)


def lax_tag(name: str, markup: str, block: str | None) -> str | None:
    """The markup python-liquid must read for `{% name markup %}`, inside the innermost
    open `block`; None when it reads the markup as written (or Ruby refuses it too)."""
    if name.startswith("end") or (name == "else" and block in _ELSE_IGNORED) or name in _MARKUP_IGNORED:
        return "" if markup.strip(RUBY_SPACE) else None
    reader = _READERS.get(name)
    return reader(markup) if reader is not None else None


def _lax_variable(markup: str) -> str | None:
    """`Variable#lax_parse`: the first fragment is the value; after the first `|`, each
    run between `|`s is a filter named by its first word, with the `:`/`,` arguments in it."""
    found = _MARKUP_WITH_FRAGMENT.search(markup)
    if found is None:
        return "nil"
    value = expression(found.group(1))
    if value is None:
        return None
    filters = _FILTER_MARKUP.search(found.group(2))
    for segment in _FILTER_PARSER.findall(filters.group(1)) if filters else ():
        word = _WORD.search(segment)
        name = filter_name(word.group()) if word is not None else None
        if name is None:
            continue
        arguments = [_argument(argument) for argument in _FILTER_ARGS.findall(segment)]
        if None in arguments:
            return None
        value += f" | {name}" + (": " + ", ".join(map(str, arguments)) if arguments else "")
    return value


def _argument(markup: str) -> str | None:
    keyword = _JUST_TAG_ATTRIBUTES.fullmatch(markup)
    if keyword is not None:
        value = expression(keyword.group(2))
        return None if value is None else f"{keyword.group(1)}: {value}"
    return expression(markup)


def _variable(markup: str) -> str | None:
    """A value with filters as Ruby reads it (strict, else lax), written as is if strict."""
    if strict_variable(markup) and markup.strip(RUBY_SPACE):
        return markup.strip(RUBY_SPACE)
    return _lax_variable(markup)


def _assign(markup: str) -> str | None:
    """assign.rb: the first name followed by `=` (anywhere), then a value (variable.rb)."""
    for run in _SIGNATURE_RUN.finditer(markup):
        # Ruby's `(VariableSignature+)\s*=` searched from each position: it matches where
        # a whole run of name characters is followed by `=`, first at the run's start.
        equals = _EQUALS.match(markup, run.end())
        if equals is None:
            continue
        target, written_value = run.group(), markup[equals.end() :]
        value = _variable(written_value)
        if value is None:
            return None
        as_written = markup.strip(RUBY_SPACE).startswith(target) and variable_name(target) == target
        if as_written and strict_variable(written_value) and written_value.strip(RUBY_SPACE):
            return None
        return f"{variable_name(target)} = {value}"
    return None


def _capture(markup: str) -> str | None:
    found = _CAPTURE.search(markup)
    if found is None:
        return None
    target = found.group(1)
    return None if markup.strip(RUBY_SPACE) == target == variable_name(target) else variable_name(target)


def _counter(markup: str) -> str | None:
    """increment.rb, decrement.rb: the whole markup, stripped, names the counter."""
    name = markup.strip(RUBY_SPACE)
    return None if variable_name(name) == name else variable_name(name)


def _for(markup: str) -> str | None:
    """for.rb `lax_parse`: `item in collection` and `reversed` right after it; `limit:`
    and `offset:` wherever they stand (the last of each counts)."""
    if strict_for(markup):
        return None
    found = _FOR.match(markup)
    if found is None:
        return None
    collection = expression(found.group(2))
    if collection is None:
        return None
    written = f"{variable_name(found.group(1))} in {collection}" + (" reversed" if found.group(3) else "")
    attributes = {key: value for key, value in TAG_ATTRIBUTES.findall(markup) if key in ("limit", "offset")}
    for key, value in attributes.items():
        text = "continue" if key == "offset" and value == "continue" else expression(value)
        if text is None:
            return None
        written += f" {key}: {text}"
    return written


def _tablerow(markup: str) -> str | None:
    """table_row.rb: `item in collection` anywhere; `cols:`, `limit:`, `offset:` anywhere."""
    found = _TABLEROW.search(markup)
    if found is None or _tablerow_as_written(markup):
        return None
    collection = expression(found.group(2))
    if collection is None:
        return None
    written = f"{variable_name(found.group(1))} in {collection}"
    attributes = {key: value for key, value in TAG_ATTRIBUTES.findall(markup)}
    for key in ("cols", "limit", "offset"):
        if key in attributes:
            text = expression(attributes[key])
            if text is None:
                return None
            written += f" {key}: {text}"
    return written


def _tablerow_as_written(markup: str) -> bool:
    try:
        parser = Parser(markup)
        name = parser.consume("id")
        if variable_name(name) != name or not parser.word("in"):
            return False
        values = [parser.expression()]
        while parser.look("id") and parser.look("colon", 1):
            if not (parser.word("cols") or parser.word("limit") or parser.word("offset")):
                return False
            parser.consume()
            values.append(parser.expression())
        parser.consume("end_of_string")
    except Refused:
        return False
    return not any(names_a_keyword(value) for value in values)


def _condition(markup: str) -> str | None:
    """if.rb `lax_parse`: the markup split into conditions and `and`/`or`; each condition
    is the first `value operator value` found in its piece (the rest is not read)."""
    if strict_condition(markup):
        return None
    pieces = _EXPRESSIONS_AND_OPERATORS.findall(markup)
    if not pieces:
        return None
    written = _comparison(pieces.pop())
    while pieces and written is not None:
        operator = pieces.pop().strip(RUBY_SPACE)
        left = _comparison(pieces.pop() if pieces else "")
        if left is None or operator not in ("and", "or"):
            return None
        written = f"{left} {operator} {written}"
    return written


def _comparison(piece: str) -> str | None:
    found = _CONDITION.search(piece)
    if found is None:
        return None
    left = expression(found.group(1), condition=True)
    operator = found.group(2)
    if operator is None:
        return left
    if operator not in _OPERATORS:
        return None  # Ruby fails when it renders ("Unknown operator")
    right = "nil" if found.group(3) is None else expression(found.group(3), condition=True)
    if left is None or right is None:
        return None
    return f"{left} {operator} {right}"


def _case(markup: str) -> str | None:
    """case.rb: the first fragment is the value."""
    found = _FRAGMENT.search(markup)
    if found is None:
        return None
    if markup.strip(RUBY_SPACE) == found.group() and _as_written(found.group()):
        return None
    return expression(found.group())


def _as_written(value: str) -> bool:
    """Whether python-liquid reads a value as Ruby does: one strict expression, no name
    python-liquid takes for a keyword (Ruby reads `offset` as a variable), no name in
    brackets (`[0]`, a variable named 0, which python-liquid refuses)."""
    return (
        strict_expression(value)
        and not names_a_keyword(value)
        and not value.lstrip(RUBY_SPACE).startswith("[")
    )


def _when(markup: str) -> str | None:
    """case.rb `record_when_condition`: fragments joined by `or` or `,`, each the first
    fragment of what is left (`when 1 2` is `when 1`)."""
    values: list[str] = []
    position: int | None = 0
    while position is not None:
        found = _WHEN.search(markup, position)
        if found is None:
            return None
        values.append(found.group(1))
        position = found.end() if found.end() > found.end(1) else None
    as_written = _WHEN_AS_WRITTEN.fullmatch(markup.strip(RUBY_SPACE))
    if as_written and all(_as_written(value) for value in values):
        return None
    written = [expression(value, condition=True) for value in values]
    return None if None in written else ", ".join(map(str, written))


def _cycle(markup: str) -> str | None:
    """cycle.rb: `group: values` or just values; the values are the first fragment of
    each piece between commas (commas in quotes split too), a `nil` among them dropped
    (`compact`: `{% cycle "a", b, nil %}` cycles through two). No value at all prints
    nothing, as one nil does."""
    named = _CYCLE_NAMED.match(markup)
    if named is None and not _CYCLE_SIMPLE.match(markup):
        return None
    listed = named.group(2) if named else markup
    values = [
        found.group(1)
        for piece in listed.split(",")
        if (found := _CYCLE_VALUE.search(piece)) and found.group(1) not in _NIL_LITERALS
    ]
    group = named.group(1) if named else None
    pieces = [piece.strip(RUBY_SPACE) for piece in listed.split(",")]
    if values and pieces == values and all(_as_written(value) for value in (*values, *filter(None, [group]))):
        return None
    written = [expression(value) for value in values] or ["nil"]
    prefix = "" if group is None else expression(group)
    if None in written or prefix is None:
        return None
    return (f"{prefix}: " if group is not None else "") + ", ".join(map(str, written))


def _echo(markup: str) -> str | None:
    """echo.rb: a value with filters, as `{{ }}` (python-liquid reads an empty one too)."""
    return lax_output(markup) if markup.strip(RUBY_SPACE) else None


_READERS: dict[str, Callable[[str], str | None]] = {
    "for": _for,
    "if": _condition,
    "elsif": _condition,
    "unless": _condition,
    "case": _case,
    "when": _when,
    "assign": _assign,
    "capture": _capture,
    "cycle": _cycle,
    "tablerow": _tablerow,
    "increment": _counter,
    "decrement": _counter,
    "echo": _echo,
}
