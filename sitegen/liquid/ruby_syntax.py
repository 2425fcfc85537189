"""Ruby Liquid's own grammar (liquid 5.4): its regular expressions, lexer and strict parser.

Jekyll runs Liquid with `error_mode: warn` (jekyll/configuration.rb): a tag or `{{ … }}`
is first read by the strict parser (`liquid/parser.rb` over `liquid/lexer.rb`), and
when that refuses it, by the tag's regex-based `lax_parse` (`liquid/parser_switching.rb`).
python-liquid has one parser of its own, which refuses some markup Jekyll reads and reads
some differently, so sitegen asks this module first whether Ruby's strict parser takes a
piece of markup as written (`strict_*`); `sitegen.liquid.lax_tags` reads the rest as the
lax parser does.

Ruby's `\\s`, `\\w` and `\\d` are ASCII (its `\\b` is not), so the patterns spell them
so; they are Liquid's own (`lib/liquid.rb`), written for Python.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

TOKENS = re.compile(
    r"(?P<opaque>\{%-?\s*(?P<kind>raw|comment)\s*-?%\}.*?\{%-?\s*end(?P=kind)\s*-?%\})"
    r"|(?P<tag>\{%.*?%\})|(?P<output>\{\{.*?\}\}?)|(?P<opener>\{\{|\{%)",
    re.DOTALL,
)
"""Ruby Liquid's `TemplateParser` (`liquid/tokenizer.rb`): a tag, an output (`}}` or a
lone `}` closing it) or a lone opener, with `raw` and `comment` kept whole as
python-liquid reads them (their insides are not Liquid)."""
SPACE = " \t\n\v\f\r"
"""Ruby's `\\s`."""
QUOTED_STRING = r"""(?:"[^"]*"|'[^']*')"""
QUOTED_FRAGMENT = rf"""(?:{QUOTED_STRING}|(?:[^{SPACE},|'"]|{QUOTED_STRING})+)"""
"""`QuotedFragment`: a quoted string, or a run of anything but spaces, `,`, `|` and quotes
(with quoted strings inside it): the unit every lax pattern reads."""
TAG_ATTRIBUTES = re.compile(rf"(?<![\w-])-*(\w[\w-]*+)\s*:\s*({QUOTED_FRAGMENT})", re.ASCII)
"""`TagAttributes` (`key: value`), tried only where a run of `[\\w-]` starts: a key cannot
start inside a run unless it could at its start, and trying each position in a long run
would cost its square."""
VARIABLE_SIGNATURE = r"(?:\(?[\w\-.\[\]]\)?)"
_NAME_PART = re.compile(r"[\w-]+\??", re.ASCII)
RUBY_SPACE = " \t\n\v\f\r\0"
"""What Ruby's `String#strip` removes (Python's would remove U+3000 and its kin too)."""

_LEXER = re.compile(
    r"""(?:(?P<comparison>==|!=|<>|<=?|>=?|contains(?=\s))|(?P<string>'[^']*'|"[^"]*")"""
    r"""|(?P<number>-?\d+(?:\.\d+)?)|(?P<id>[a-zA-Z_][\w-]*\??)|(?P<dotdot>\.\.)"""
    r"""|(?P<special>[|.:,\[\]()?-]))""",
    re.ASCII,
)
_SPECIALS = {
    "|": "pipe",
    ".": "dot",
    ":": "colon",
    ",": "comma",
    "[": "open_square",
    "]": "close_square",
    "(": "open_round",
    ")": "close_round",
    "?": "question",
    "-": "dash",
}


_DEEPEST = 50


def lookup_parts(markup: str) -> list[str]:
    """`markup.scan(VariableParser)` (`\\[[^\\]]+\\]|[\\w-]+\\??`, variable_lookup.rb): the
    parts of a variable lookup, found in one pass (the regex would rescan the rest of
    the markup from every `[` that no `]` closes)."""
    parts: list[str] = []
    position, closing = 0, -1
    while position < len(markup):
        if markup[position] == "[":
            if closing <= position and closing != len(markup):
                found = markup.find("]", position + 1)
                closing = len(markup) if found == -1 else found
            if closing < len(markup) and closing > position + 1:
                parts.append(markup[position : closing + 1])
                position = closing + 1
                continue
        name = _NAME_PART.match(markup, position)
        if name is not None:
            parts.append(name.group())
            position = name.end()
        else:
            position += 1
    return parts


class Refused(Exception):
    """Ruby's strict parser raises `Liquid::SyntaxError` here."""


@dataclass(frozen=True, slots=True)
class _Token:
    kind: str
    text: str


def _tokens(markup: str) -> list[_Token]:
    """`Lexer#tokenize`: the markup's tokens, ending with `end_of_string`."""
    found: list[_Token] = []
    position = 0
    while True:
        while position < len(markup) and markup[position] in SPACE:
            position += 1
        if position >= len(markup):
            break
        match = _LEXER.match(markup, position)
        if match is None:
            raise Refused(f"Unexpected character {markup[position]}")
        kind = match.lastgroup or ""
        text = match.group(kind)
        found.append(_Token(_SPECIALS[text] if kind == "special" else kind, text))
        position = match.end()
    found.append(_Token("end_of_string", ""))
    return found


class Parser:
    """`Liquid::Parser`: the strict reading of one tag's markup. Brackets and ranges
    nested deeper than any real tag nests them are refused (Ruby runs out of stack)."""

    def __init__(self, markup: str) -> None:
        self._tokens = _tokens(markup)
        self._at = 0
        self._depth = 0

    def look(self, kind: str, ahead: int = 0) -> bool:
        at = self._at + ahead
        return at < len(self._tokens) and self._tokens[at].kind == kind

    def consume(self, kind: str | None = None) -> str:
        if self._at >= len(self._tokens):
            raise Refused("past the end of the markup")
        token = self._tokens[self._at]
        if kind is not None and token.kind != kind:
            raise Refused(f"Expected {kind} but found {token.kind}")
        self._at += 1
        return token.text

    def consume_if(self, kind: str) -> str | None:
        if self.look(kind):
            return self.consume()
        return None

    def word(self, text: str) -> bool:
        """`id?`: the next token is the identifier `text` (consumed if so)."""
        if self.look("id") and self._tokens[self._at].text == text:
            self._at += 1
            return True
        return False

    def expression(self) -> str:
        self._depth += 1
        try:
            if self._depth > _DEEPEST:
                raise Refused("nested too deep")
            return self._expression()
        finally:
            self._depth -= 1

    def _expression(self) -> str:
        token = self._tokens[self._at] if self._at < len(self._tokens) else _Token("end_of_string", "")
        if token.kind == "id":
            return self.consume() + self._lookups()
        if token.kind == "open_square":
            text = self.consume() + self.expression() + self.consume("close_square")
            return text + self._lookups()
        if token.kind in ("string", "number"):
            return self.consume()
        if token.kind == "open_round":
            self.consume()
            first = self.expression()
            self.consume("dotdot")
            last = self.expression()
            self.consume("close_round")
            return f"({first}..{last})"
        raise Refused(f"{token.kind} is not a valid expression")

    def argument(self) -> str:
        text = ""
        if self.look("id") and self.look("colon", 1):
            text = self.consume() + self.consume() + " "
        return text + self.expression()

    def _lookups(self) -> str:
        text = ""
        while True:
            if self.look("open_square"):
                text += self.consume() + self.expression() + self.consume("close_square")
            elif self.look("dot"):
                text += self.consume() + self.consume("id")
            else:
                return text


def _accepts(markup: str, read: type[_Reader], plain: re.Pattern[str], shortcut: bool) -> bool:
    """Whether Ruby's strict parser reads `markup` with `read`. Markup of the usual
    shapes (`plain`, a pattern only the strict grammar's simple sentences match) is
    answered without running the parser (`shortcut`): that is almost every tag of a
    real page, and the parser would cost a page a tenth of its render."""
    if shortcut and plain.fullmatch(markup) and "contains" not in markup:
        return True
    try:
        read(markup).read()
    except Refused:
        return False
    return True


# The usual shapes, each a sentence of the strict grammar (and no `contains`, which the
# lexer reads as an operator before a space): a lookup, literal or range, with filters.
_ID = r"[a-zA-Z_][\w-]*\??"
_LOOKUP = rf"""{_ID}(?:\.{_ID}|\[(?:-?\d+|"[^"]*"|'[^']*'|{_ID}(?:\.{_ID})*)\])*"""
_SIDE = rf"(?:-?\d+|{_ID}(?:\.{_ID})*)"
_EXPRESSION = rf"""(?:{_LOOKUP}|"[^"]*"|'[^']*'|-?\d+(?:\.\d+)?|\(\s*{_SIDE}\s*\.\.\s*{_SIDE}\s*\))"""
_ARGUMENT = rf"(?:{_ID}\s*:\s*)?{_EXPRESSION}"
_FILTER = rf"\s*\|\s*{_ID}(?:\s*:\s*{_ARGUMENT}(?:\s*,\s*{_ARGUMENT})*)?"
_COMPARISON = rf"{_EXPRESSION}(?:\s*(?:==|!=|<>|<=|>=|<|>)\s*{_EXPRESSION})?"
_PLAIN_VARIABLE = re.compile(rf"\s*{_EXPRESSION}(?:{_FILTER})*\s*", re.ASCII)
_PLAIN_CONDITION = re.compile(rf"\s*{_COMPARISON}(?:\s+(?:and|or)\s+{_COMPARISON})*\s*", re.ASCII)
_PLAIN_FOR = re.compile(
    rf"\s*{_ID}\s+in\s+{_EXPRESSION}(?:\s+reversed)?(?:\s+(?:limit|offset)\s*:\s*{_EXPRESSION})*\s*", re.ASCII
)
_PLAIN_EXPRESSION = re.compile(rf"\s*{_EXPRESSION}\s*", re.ASCII)


class _Reader:
    def __init__(self, markup: str) -> None:
        self.parser = Parser(markup)

    def read(self) -> None:
        raise NotImplementedError


class _Variable(_Reader):
    """`Variable#strict_parse` (variable.rb): a value, then `| filter: args` each."""

    def read(self) -> None:
        p = self.parser
        if p.look("end_of_string"):
            return
        p.expression()
        while p.consume_if("pipe") is not None:
            p.consume("id")
            if p.consume_if("colon") is not None:
                p.argument()
                while p.consume_if("comma") is not None:
                    p.argument()
        p.consume("end_of_string")


class _Condition(_Reader):
    """`If#strict_parse` (if.rb): comparisons joined by `and`/`or`."""

    def read(self) -> None:
        p = self.parser
        self._comparison()
        while p.word("and") or p.word("or"):
            self._comparison()
        p.consume("end_of_string")

    def _comparison(self) -> None:
        self.parser.expression()
        if self.parser.consume_if("comparison") is not None:
            self.parser.expression()


class _For(_Reader):
    """`For#strict_parse` (for.rb): `item in collection`, `reversed`, then `limit:`/`offset:`."""

    def read(self) -> None:
        p = self.parser
        p.consume("id")
        if not p.word("in"):
            raise Refused("for: 'in' expected")
        p.expression()
        p.word("reversed")
        while p.look("id") and p.look("colon", 1):
            if not (p.word("limit") or p.word("offset")):
                raise Refused("for: only limit and offset")
            p.consume()
            p.expression()
        p.consume("end_of_string")


class _Expression(_Reader):
    """One expression and nothing else."""

    def read(self) -> None:
        self.parser.expression()
        self.parser.consume("end_of_string")


def strict_variable(markup: str, *, shortcut: bool = True) -> bool:
    """Whether Ruby's strict parser reads `{{ markup }}` (and `echo`, an assigned value)."""
    return _accepts(markup, _Variable, _PLAIN_VARIABLE, shortcut)


def strict_condition(markup: str, *, shortcut: bool = True) -> bool:
    """Whether Ruby's strict parser reads `markup` as an `if`/`elsif`/`unless` condition."""
    return _accepts(markup, _Condition, _PLAIN_CONDITION, shortcut)


def strict_for(markup: str, *, shortcut: bool = True) -> bool:
    """Whether Ruby's strict parser reads `markup` as a `for` loop's."""
    return _accepts(markup, _For, _PLAIN_FOR, shortcut)


def strict_expression(markup: str, *, shortcut: bool = True) -> bool:
    """Whether `markup` is exactly one expression to Ruby's strict parser."""
    return _accepts(markup, _Expression, _PLAIN_EXPRESSION, shortcut)
