"""Split a source file into its YAML front matter and its body.

Jekyll's rule: a file has front matter when its very first line is `---`; the block ends
at the next line that is `---` or `...`. A crawler sometimes writes a blank line first;
Jekyll then publishes the raw front matter as text. sitegen reads it anyway and says so.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from sitegen.errors import ContentError

_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_OPENING = re.compile(r"---[ \t]*\n")
_CLOSING = re.compile(r"^(?:---|\.\.\.)[ \t]*$\n?", re.MULTILINE)
_TIMESTAMP_LIKE = re.compile(r"^[^#\n]*:[ \t]+\d{4}-\d{1,2}-\d{1,2}\b", re.MULTILINE)
MAX_NESTING = 50
"""Deepest front matter accepted; real front matter nests two or three levels."""
EXPANSION_FACTOR = 8
MIN_EXPANSION_LIMIT = 100_000
"""Front matter may expand (through aliases) to `EXPANSION_FACTOR` times its length in
values and characters, and always to this many: ample for any real use of aliases."""


@dataclass(frozen=True, slots=True)
class SourceDocument:
    """A decoded source file: front matter (None when it has none) and body text."""

    front_matter: Mapping[str, Any] | None
    body: str
    body_line: int
    """1-based line number of the body's first line in the file, for error messages."""
    leading_blank_lines: int = 0
    """Blank lines before the opening `---` (Jekyll would not see the front matter)."""


def decode_source(data: bytes, path: Path) -> str:
    """Bytes to text: UTF-8 (a BOM is dropped), CRLF and CR turned into LF.

    Raises `ContentError` for a binary or non-UTF-8 file rather than publishing garbage."""
    # A NUL byte marks a binary file, unless the file opens with front matter: then it is
    # a post with a stray control character, which Jekyll publishes too.
    if b"\x00" in data[:8192] and not data.lstrip(b"\xef\xbb\xbf\r\n").startswith(b"---"):
        raise ContentError("binary file, not a text post", path=path)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ContentError(
            f"not UTF-8 text (byte 0x{data[error.start]:02x}); save the file as UTF-8",
            path=path,
            line=line,
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def check_shape(data: object, path: Path, line: int, source_length: int) -> None:
    """Refuse front matter that refers to itself, nests deeper than `MAX_NESTING`, or
    expands to far more than was written.

    YAML aliases let a few hundred bytes stand for billions of values (`b: [*a, *a]`
    chains) or for a cycle. Every later stage may walk, print or hash front matter, so
    it must be a finite tree whose expansion stays within a small multiple of the file:
    then every stage stays linear in the file as written. This check visits each
    distinct value once (by identity) and adds the sizes up bottom-up, so it is itself
    linear in the file. Raises `ContentError`."""
    limit = max(MIN_EXPANSION_LIMIT, EXPANSION_FACTOR * source_length)
    weight: dict[int, int] = {}
    height: dict[int, int] = {}
    active: set[int] = set()
    stack: list[tuple[object, bool]] = [(data, False)]
    while stack:
        node, children_done = stack.pop()
        key = id(node)
        if children_done:
            children = _children(node)
            weight[key] = 1 + sum(weight[id(c)] if _is_container(c) else _scalar_weight(c) for c in children)
            height[key] = 1 + max((height[id(c)] for c in children if _is_container(c)), default=0)
            active.discard(key)
            if weight[key] > limit:
                message = f"front matter expands to over {limit:,} values and characters (YAML aliases)"
                raise ContentError(message, path=path, line=line)
            if height[key] > MAX_NESTING:
                message = f"front matter nests deeper than {MAX_NESTING} levels"
                raise ContentError(message, path=path, line=line)
            continue
        if not _is_container(node) or key in weight:
            continue
        if key in active:
            raise ContentError("front matter refers to itself (a YAML alias cycle)", path=path, line=line)
        active.add(key)
        stack.append((node, True))
        stack.extend((child, False) for child in _children(node) if _is_container(child))


def _is_container(value: object) -> bool:
    return isinstance(value, (Mapping, list, tuple, set))


def _children(node: object) -> list[object]:
    if isinstance(node, Mapping):
        return [*node.keys(), *node.values()]
    return list(node)  # type: ignore[call-overload, no-any-return]


def _scalar_weight(value: object) -> int:
    return 1 + len(value) if isinstance(value, (str, bytes)) else 1


def _line_of_value_error(yaml_text: str, first_yaml_line: int) -> int:
    """The line of the first timestamp-like value YAML's constructors may reject, else
    the front matter's first line."""
    match = _TIMESTAMP_LIKE.search(yaml_text)
    return first_yaml_line + yaml_text.count("\n", 0, match.start()) if match else first_yaml_line


def has_front_matter(text: str) -> bool:
    """True when the text opens with `---` (after blank lines, which sitegen tolerates)."""
    return _OPENING.match(text.lstrip("\n")) is not None


def parse_source(text: str, path: Path) -> SourceDocument:
    """Split and parse the front matter; invalid YAML raises naming file and line."""
    stripped = text.lstrip("\n")
    leading = len(text) - len(stripped)
    opening = _OPENING.match(stripped)
    if opening is None:
        return SourceDocument(None, text, 1)
    closing = _CLOSING.search(stripped, opening.end())
    if closing is None:
        raise ContentError("front matter is not closed by a '---' line", path=path, line=leading + 1)
    yaml_text = stripped[opening.end() : closing.start()]
    first_yaml_line = leading + 2
    try:
        data = yaml.load(yaml_text, Loader=_LOADER) if yaml_text.strip() else {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = first_yaml_line + mark.line if mark is not None else first_yaml_line
        problem = getattr(error, "problem", None) or "cannot be parsed"
        raise ContentError(f"invalid YAML front matter: {problem}", path=path, line=line) from None
    except (ValueError, OverflowError, TypeError, RecursionError) as error:
        # PyYAML builds timestamps and numbers with Python's own constructors, which reject
        # values its grammar accepts (`date: 2022-02-30`, `2022-13-45 99:99:99`).
        line = _line_of_value_error(yaml_text, first_yaml_line)
        raise ContentError(f"invalid value in front matter: {error}", path=path, line=line) from None
    if data is None:
        data = {}
    if not isinstance(data, Mapping):
        raise ContentError("front matter must be a mapping of keys", path=path, line=first_yaml_line)
    check_shape(data, path, first_yaml_line, len(yaml_text))
    body_line = leading + 1 + stripped.count("\n", 0, closing.end()) + 1
    return SourceDocument(
        {str(key): value for key, value in data.items()},
        stripped[closing.end() :],
        body_line,
        leading,
    )
