"""Reading YAML (front matter, `_config.yml`, `_data` files) into plain values every stage can trust.

PyYAML's safe loader is used with Psych's types of plain scalars (nulls, booleans,
numbers: `sitegen.jekyll.psych_scalars`; times: `sitegen.jekyll.psych_time`), Psych's
`<<`, `=` and `!!binary` (`sitegen.jekyll.psych_mapping`), and two additions. Its constructors raise
Python's own errors for values its grammar accepts (`date: 2022-02-30`), which are
reported like syntax errors. And aliases let a few hundred bytes stand for billions of
values (`b: [*a, *a]` chains) or for a cycle; every later stage may walk, print, pickle
or hash what was read, so a value must be a finite tree whose expansion stays within a
small multiple of the text. With that, every stage stays linear in the file as written.
"""

from __future__ import annotations

import re
import sys
import types
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import yaml

from sitegen.errors import Diagnostic
from sitegen.jekyll.config_lines import key_lines
from sitegen.jekyll.dates import YamlTimestampText
from sitegen.jekyll.flat_yaml import read_flat_mapping
from sitegen.jekyll.lone_surrogates import without_lone_surrogates
from sitegen.jekyll.psych_mapping import PsychMappingMixin, install_psych_mapping
from sitegen.jekyll.psych_scalars import install_psych_scalars
from sitegen.jekyll.psych_time import PSYCH_DATE, PSYCH_TIME, add_psych_time_resolver, psych_date, psych_time

_BASE_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_TIMESTAMP_LIKE = re.compile(r"^[^#\n]*:[ \t]+\d{4}-\d{1,2}-\d{1,2}\b", re.MULTILINE)

MAX_NESTING = 50
"""Deepest structure accepted; real front matter and configs nest two or three levels."""
EXPANSION_FACTOR = 8
MIN_EXPANSION_LIMIT = 100_000
"""A document may expand (through aliases) to `EXPANSION_FACTOR` times its length in
values and characters, and always to this many: ample for any real use of aliases."""


def _lenient_timestamp(loader: Any, node: yaml.ScalarNode) -> object:
    """A YAML timestamp Python's `datetime` refuses (`2022-02-30`) stays its text, as in
    Psych (psych/scalar_scanner.rb), where Jekyll's `Time.parse` then rolls it over;
    with a time, it is marked as unquoted, which makes it a UTC instant (see `sitegen.jekyll.dates`).
    A time and a date are read by Psych's rules (`sitegen.jekyll.psych_time`)."""
    try:
        text = str(node.value)
        if PSYCH_TIME.fullmatch(text):
            return psych_time(text)
        if PSYCH_DATE.fullmatch(text):
            return psych_date(text)
        value = loader.construct_yaml_timestamp(node)
    except (ValueError, OverflowError, AttributeError):  # `!!timestamp "May 27 2022"`: no match
        text = str(node.value)
        return YamlTimestampText(text) if ":" in text else text
    return value


def _untagged(loader: Any, node: yaml.Node) -> object:
    """A value under a tag the safe loader does not know (`!custom foo`,
    `!!python/object/apply:os.system [...]`) is read as if it had no tag, as Psych's
    `safe_load` reads it (Jekyll's `Utils.safe_load_yaml`, utils.rb): a scalar by its
    implicit type, quoted or not, since a tagged scalar is never "quoted implicit" to
    Psych (psych/visitors/to_ruby.rb `deserialize`: `!custom 3` and `!c "3"` are 3), a
    list or mapping as one.
    Nothing is ever built from the tag itself; the tag and its line are noted for a warning."""
    loader.unknown_tags.append((str(node.tag), node.start_mark.line + 1))
    if isinstance(node, yaml.ScalarNode):
        tag = loader.resolve(yaml.ScalarNode, node.value, (True, False))
    elif isinstance(node, yaml.SequenceNode):
        tag = "tag:yaml.org,2002:seq"
    else:
        tag = "tag:yaml.org,2002:map"
    built = loader.yaml_constructors[tag](loader, node)
    if isinstance(built, types.GeneratorType):  # a list or mapping: made, then filled
        data = next(built)
        for _ in built:
            pass
        return data
    return built


class _Loader(PsychMappingMixin, _BASE_LOADER):  # type: ignore[misc]
    """The safe loader, with scalars, times and mappings read as Jekyll's YAML reader
    (Psych) reads them."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.unknown_tags: list[tuple[str, int]] = []


class _AnchorsRedefined:
    """Psych lets a document define an anchor again (`a: &x 1`, `b: &x 2`): an alias
    names the latest definition before it. libyaml's composer, and PyYAML's, refuse the
    second ("found duplicate anchor"), which lost a post and failed a whole site over its
    `_config.yml`; on PyYAML's own composer the earlier definition is forgotten instead."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        composer: Any = self
        if not composer.check_event(yaml.AliasEvent):
            anchor = composer.peek_event().anchor
            if anchor is not None:
                composer.anchors.pop(anchor, None)
        return super().compose_node(parent, index)  # type: ignore[misc]


class _SurrogateLoader(_AnchorsRedefined, PsychMappingMixin, yaml.SafeLoader):
    """`_Loader` on PyYAML's own scanner and composer, which takes an anchor defined
    twice (`_AnchorsRedefined`) and reads a `\\ud800` escape (alone or half of
    a pair such as `"\\ud83d\\ude00"`, what `json.dumps` writes for an emoji) as that UTF-16
    code unit where libyaml refuses the whole text. Used only for such a text; the pair
    is then joined and a lone one replaced (`sitegen.jekyll.lone_surrogates`), as the
    README promises. (Psych, built on libyaml, refuses both, and Jekyll then publishes
    the file without its front matter.)"""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.unknown_tags: list[tuple[str, int]] = []


for _loader_class in (_Loader, _SurrogateLoader):
    _loader_class.add_constructor("tag:yaml.org,2002:timestamp", _lenient_timestamp)
    add_psych_time_resolver(_loader_class)
    install_psych_scalars(_loader_class)
    install_psych_mapping(_loader_class)
    _loader_class.add_constructor(None, _untagged)
_LOADER: Any = _Loader
#: libyaml's words for an escape it refuses; a surrogate's is one (`_SurrogateLoader`).
_REFUSED_ESCAPE = "invalid Unicode character escape code"
_DUPLICATE_ANCHOR = "found duplicate anchor"
"""libyaml's words for an anchor defined again, which Psych accepts (`_AnchorsRedefined`)."""
_SURROGATE_ESCAPE = re.compile(r"\\(?:u[dD][89a-fA-F]|U0000[dD][89a-fA-F])")


class YamlProblem(ValueError):
    """The text cannot be read as YAML within the limits; `line` is 1-based in the text."""

    def __init__(self, message: str, line: int | None, *, beyond_limits: bool = False) -> None:
        super().__init__(message)
        self.line = line
        self.beyond_limits = beyond_limits
        """Whether the YAML is valid but past sitegen's own bounds (`check_shape`), which
        Psych reads (aliases stay shared references there), rather than text Psych refuses."""


@dataclass(frozen=True, slots=True)
class UnknownTag:
    """A YAML tag the reader does not know, whose value was read as if untagged."""

    tag: str
    line: int
    """1-based line of the tagged value in the text."""


def unknown_tag_warnings(
    notes: tuple[UnknownTag, ...], path: Path, first_line: int = 1, where: str = ""
) -> tuple[Diagnostic, ...]:
    """One warning per unknown tag, naming `path` and the tag's line (`first_line` is the
    file's line of the text's first line; `where` names the part of the file, such as
    `front matter: `). Front matter, `_config.yml` and `_data` files are all read by
    `Utils.safe_load_yaml` in Jekyll, so the same tag is read and noted the same way."""
    return tuple(
        Diagnostic(
            f"{where}unknown YAML tag {note.tag[:80]!r}; read as if untagged, "
            + (_REFUSED if _psych_refuses(note.tag) else "as in Jekyll"),
            path,
            first_line + note.line - 1,
        )
        for note in notes
    )


_REFUSED = "where Jekyll refuses it (a class Psych's safe_load does not load) and reads no front matter"


def _psych_refuses(tag: str) -> bool:
    """Tags Psych's `safe_load` turns into a class it is not permitted to load, failing
    the whole text (`Psych::DisallowedClass`): Ruby's own (`!ruby/object:Foo`,
    `!ruby/sym`) and YAML 1.1's set (`Psych::Set`); any other it reads as untagged."""
    return tag.startswith(("!ruby/", "tag:ruby.yaml.org,2002:")) or tag == _SET_TAG


_SET_TAG = "tag:yaml.org,2002:set"


def _ordered_pairs(loader: Any, node: yaml.Node) -> list[tuple[object, object]]:
    """The (key, value) pairs of a `!!omap` or `!!pairs` sequence, in order."""
    built = loader.construct_yaml_omap(node)
    data: list[tuple[object, object]] = next(built)
    for _ in built:
        pass
    return data


def _omap(loader: Any, node: yaml.Node) -> dict[object, object]:
    """`!!omap [{a: 1}, {b: 2}]`: a mapping in that order, as Psych reads it (a Hash)."""
    return dict(_ordered_pairs(loader, node))


def _pairs(loader: Any, node: yaml.Node) -> list[dict[object, object]]:
    """`!!pairs [{a: 1}, {a: 2}]`: a list of one-key mappings, as Psych reads it."""
    return [{key: value} for key, value in _ordered_pairs(loader, node)]


for _loader_class in (_Loader, _SurrogateLoader):
    # A set is read as the mapping it is written as (members to null), in order: Python's
    # `set` printed in an order that changed from one build to the next.
    _loader_class.add_constructor(_SET_TAG, _untagged)
    _loader_class.add_constructor("tag:yaml.org,2002:omap", _omap)
    _loader_class.add_constructor("tag:yaml.org,2002:pairs", _pairs)


def load_yaml(text: str) -> object:
    """`load_yaml_noting` without the notes: the value alone."""
    return load_yaml_noting(text)[0]


def load_yaml_noting(text: str) -> tuple[object, tuple[UnknownTag, ...]]:
    """Parse `text` with PyYAML's safe loader and check the result's shape; with it,
    each tag that was read as if it were not there (see `_untagged`).

    Raises `YamlProblem` for a syntax error, a value YAML's constructors reject, an alias
    cycle, nesting deeper than `MAX_NESTING` or an expansion past the limit."""
    flat = read_flat_mapping(text, _Loader)
    if flat is not None:
        check_shape(flat, len(text), text)
        return without_lone_surrogates(flat), ()
    try:
        return _load_with(_LOADER, text)
    except yaml.YAMLError as error:
        surrogate = _REFUSED_ESCAPE in str(error) and _SURROGATE_ESCAPE.search(text)
        if not surrogate and _DUPLICATE_ANCHOR not in str(error):
            raise _syntax_problem(error, text) from None
    try:
        return _load_with(_SurrogateLoader, text)
    except yaml.YAMLError as error:
        raise _syntax_problem(error, text) from None


def _load_with(loader_class: Any, text: str) -> tuple[object, tuple[UnknownTag, ...]]:
    """`load_yaml_noting`'s full parse with `loader_class`; PyYAML's syntax errors raised."""
    loader = loader_class(text)
    try:
        # Psych's `safe_load` reads the first document and never looks past its end
        # (psych.rb `parse`): `a: 1` then `---` or a `%YAML` line ends what is read, and
        # a fault after that is never seen; PyYAML's `get_single_data` reads on.
        data: object = loader.construct_document(loader.get_node()) if loader.check_node() else None
    except (ValueError, OverflowError, TypeError, RecursionError, LookupError, AttributeError) as error:
        # PyYAML builds timestamps and numbers with Python's own constructors, which reject
        # values its grammar accepts (`date: 2022-02-30`, `2022-13-45 99:99:99`), and an
        # explicit tag hands any text to its constructor (`!!float "abc"`).
        match = _TIMESTAMP_LIKE.search(text)
        line = text.count("\n", 0, match.start()) + 1 if match else None
        raise YamlProblem(f"invalid value: {error}", line) from None
    finally:
        loader.dispose()
    check_shape(data, len(text), text)
    notes = tuple(UnknownTag(tag, line) for tag, line in loader.unknown_tags)
    return without_lone_surrogates(data), notes


_NOT_PRINTABLE = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _syntax_problem(error: yaml.YAMLError, text: str) -> YamlProblem:
    """PyYAML's error as Psych words it (psych's parser.c `make_exception`): the problem,
    then its context. Named at the context's mark where the context is a construct that
    opened and ran on (where an unclosed quote, bracket or key began, as Psych names it),
    else at the problem's: for "while parsing a block mapping" Psych names the mapping's
    first line (line 1 of any front matter), which says nothing of where the fault is. A
    mark at the very end of the text (past its last newline) names the last line, which
    is where the text ends. A character YAML refuses is libyaml's reader error, named at
    its own line."""
    lines = max(1, text.count("\n") + (0 if text.endswith("\n") else 1))
    if isinstance(error, yaml.reader.ReaderError) or getattr(error, "problem", None) is None:
        found = _NOT_PRINTABLE.search(text)
        line = text.count("\n", 0, found.start()) + 1 if found else None
        return YamlProblem("invalid YAML: control characters are not allowed", line)
    problem = str(getattr(error, "problem", ""))
    context = getattr(error, "context", None)
    opened = context is not None and not str(context).startswith("while parsing a block")
    mark = getattr(error, "context_mark", None) if opened else None
    mark = mark or getattr(error, "problem_mark", None)
    message = f"invalid YAML: {problem} {context}" if context else f"invalid YAML: {problem}"
    return YamlProblem(message, min(mark.line + 1, lines) if mark is not None else None)


def check_shape(data: object, source_length: int, text: str = "") -> None:
    """Refuse a value that refers to itself, nests deeper than `MAX_NESTING`, or expands
    to far more than was written (see the module's docstring).

    Visits each distinct value once (by identity) and adds sizes up bottom-up, so it is
    itself linear in the text. Raises `YamlProblem` naming the top-level key whose value
    holds the problem, at that key's line in `text` when given (else the document's)."""
    limit = max(MIN_EXPANSION_LIMIT, EXPANSION_FACTOR * source_length)
    if type(data) is dict and _flat_weight(data) <= limit:
        return  # nearly all front matter: one level of plain values, weighed without the walk
    weight: dict[int, int] = {}
    height: dict[int, int] = {}
    active: set[int] = set()
    # (value, its children done, the top-level key it lies below: None for the document)
    stack: list[tuple[object, bool, object]] = [(data, False, None)]
    while stack:
        node, children_done, top = stack.pop()
        key = id(node)
        if children_done:
            children = _children(node)
            weight[key] = 1 + sum(weight[id(c)] if _is_container(c) else _scalar_weight(c) for c in children)
            height[key] = 1 + max((height[id(c)] for c in children if _is_container(c)), default=0)
            active.discard(key)
            if weight[key] > limit:
                raise _shape_problem(
                    f"expands to over {limit:,} values and characters (YAML aliases)", top, text
                )
            if height[key] > MAX_NESTING:
                raise _shape_problem(f"nests deeper than {MAX_NESTING} levels", top, text)
            continue
        if not _is_container(node) or key in weight:
            continue
        if key in active:
            raise _shape_problem("refers to itself (a YAML alias cycle)", top, text)
        active.add(key)
        stack.append((node, True, top))
        if top is None and type(node) is dict:
            stack.extend((value, False, name) for name, value in node.items() if _is_container(value))
        else:
            stack.extend((child, False, top) for child in _children(node) if _is_container(child))


def _shape_problem(message: str, top: object, text: str) -> YamlProblem:
    """The problem of the value below the top-level key `top`, at its line where known."""
    if top is None:
        return YamlProblem(message, 1, beyond_limits=True)
    line = key_lines(text).get(str(top)) if text else None
    return YamlProblem(f"'{top}' {message}", line or 1, beyond_limits=True)


_PLAIN_TYPES = frozenset({str, int, float, bool, type(None), date, datetime})
"""Exact types of values that hold no other value (subclasses take the general walk)."""


def _flat_weight(data: dict[Any, Any]) -> int:
    """What `check_shape` weighs a mapping of plain keys and values at, or one past any
    limit when a key or value is not of a `_PLAIN_TYPES` type."""
    weight = 1
    for item in (*data, *data.values()):
        kind = type(item)
        if kind is str:
            weight += 1 + len(item)
        elif kind in _PLAIN_TYPES:
            weight += 1
        else:
            return sys.maxsize
    return weight


def _is_container(value: object) -> bool:
    return isinstance(value, (Mapping, list, tuple, set))


def _children(node: object) -> list[object]:
    if isinstance(node, Mapping):
        return [*node.keys(), *node.values()]
    return list(node)  # type: ignore[call-overload, no-any-return]


def _scalar_weight(value: object) -> int:
    return 1 + len(value) if isinstance(value, (str, bytes)) else 1
