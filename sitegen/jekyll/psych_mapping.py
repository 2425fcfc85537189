"""YAML's `<<`, `=` and `!!binary` read as Psych reads them (psych/visitors/to_ruby.rb).

PyYAML follows YAML 1.1's type repository: a plain `=` is a "value" and a plain `<<` a
"merge" key, and its safe loader has no constructor for either, so `permalink: =` or
`tags: [<<]` lost the whole file. Psych's scalar scanner has neither type: both are the
strings `"="` and `"<<"` wherever they are values, quoted or not.

A `<<` key is Psych's own rule (`revive_hash`), not PyYAML's: any key whose value is
the string `<<` merges unless it is tagged `!!str` (so `'<<':` merges too), at its place
among the keys (a key written after it wins, and so does the merge over a key written
before it), and only a value that is

- a mapping, or an alias of one: its keys and values are merged in;
- a list (written there, not an alias) of mappings: merged with the first one's value
  winning for a key several hold;

merges; any other value (a text, a list holding a non-mapping, an alias of a list) is
kept as the value of the key `"<<"`, never refused.

`!!binary` (and `!binary`) is Ruby's `unpack("m")` of the text: a String of the bytes,
here read as UTF-8 with U+FFFD for what is not, as every page writes it. A field that
must be text (a permalink, a title) then sees text, as Jekyll's does.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

import yaml

from sitegen.jekyll.psych_scalars import STR_TAG, as_plain
from sitegen.jekyll.ruby_text import ruby_inspect

__all__ = ["PsychMappingMixin", "install_psych_mapping", "ruby_key_identity", "ruby_unpack_base64"]

MERGE_TAG = "tag:yaml.org,2002:merge"
VALUE_TAG = "tag:yaml.org,2002:value"
BINARY_TAGS = ("tag:yaml.org,2002:binary", "!binary")
MERGE_KEY = "<<"

_BASE64 = {c: i for i, c in enumerate("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")}


def ruby_unpack_base64(text: str) -> bytes:
    """Ruby's `String#unpack("m")` (pack.c, not strict): characters outside the base64
    alphabet are skipped, a `=` ends the data once two characters of a group are read,
    and a last group of two or three characters gives one or two bytes (one character
    alone gives none). Never raises: `!!binary '!!!'` is the empty string in Psych."""
    out = bytearray()
    group: list[int] = []
    for char in text:
        if char == "=" and len(group) >= 2:
            break
        digit = _BASE64.get(char)
        if digit is None:
            continue
        group.append(digit)
        if len(group) == 4:
            a, b, c, d = group
            out += bytes(((a << 2 | b >> 4) & 0xFF, (b << 4 | c >> 2) & 0xFF, (c << 6 | d) & 0xFF))
            group = []
    if len(group) >= 2:
        a, b = group[0], group[1]
        out.append((a << 2 | b >> 4) & 0xFF)
        if len(group) == 3:
            out.append((b << 4 | group[2] >> 2) & 0xFF)
    return bytes(out)


def install_psych_mapping(loader: Any) -> None:
    """Give the `loader` class (built with `PsychMappingMixin`) Psych's `=`, `<<` and
    `!!binary`: the two YAML 1.1 implicit types taken out of its tables, a `<<` the
    mixin marks built as Psych builds any plain scalar, and a binary built as text."""
    loader.yaml_implicit_resolvers = {
        first: kept
        for first, entries in loader.yaml_implicit_resolvers.items()
        if (kept := [(tag, pattern) for tag, pattern in entries if tag not in (MERGE_TAG, VALUE_TAG)])
    }

    def merge_scalar(constructor: Any, node: yaml.Node) -> object:
        if not isinstance(node, yaml.ScalarNode):  # `!!merge [a]`: a list, as if untagged
            return loader.yaml_constructors[None](constructor, node)
        return as_plain(loader, constructor, node)

    def binary(constructor: Any, node: yaml.Node) -> object:
        if not isinstance(node, yaml.ScalarNode):  # `!!binary [a]`: a list, as if untagged
            return loader.yaml_constructors[None](constructor, node)
        return ruby_unpack_base64(str(node.value)).decode("utf-8", "replace")

    loader.add_constructor(MERGE_TAG, merge_scalar)
    for tag in BINARY_TAGS:
        loader.add_constructor(tag, binary)


def ruby_key_identity(value: Any) -> Hashable:
    """What tells two hash keys apart in Ruby (`hash` and `eql?`): `1`, `1.0` and `true`
    differ, arrays item by item, and a Hash by its pairs in any order (`{a: 1, b: 2}`
    and `{b: 2, a: 1}` are one key)."""
    if isinstance(value, list | tuple):
        return ("Array", tuple(ruby_key_identity(item) for item in value))
    if isinstance(value, dict):
        return ("Hash", frozenset((ruby_key_identity(k), ruby_key_identity(v)) for k, v in value.items()))
    if isinstance(value, Hashable):
        return (type(value).__name__, value)
    return (type(value).__name__, ruby_inspect(value))


class PsychMappingMixin:
    """Mapping construction by Psych's rules for a PyYAML loader class: put it before the
    loader's base class, and call `install_psych_mapping` on the class."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)  # type: ignore[call-arg]
        self.merge_sources: dict[int, dict[Any, Any]] = {}
        """Each mapping node a `<<` merges, by identity, as built (see `_mapping_of`)."""

    def resolve(self, kind: Any, value: Any, implicit: tuple[bool, bool]) -> Any:
        """An untagged scalar `<<`, plain or quoted, is marked as a possible merge key;
        one tagged `!!str` keeps its tag (resolution is asked only for untagged nodes)."""
        if kind is yaml.ScalarNode and value == MERGE_KEY:
            return MERGE_TAG
        return super().resolve(kind, value, implicit)  # type: ignore[misc]

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        """Psych's `revive_hash` (see the module's docstring). A mapping whose key is a
        list or mapping (`? [a, b]`) is read, as Psych reads it (an Array or Hash key),
        with the key as Ruby writes it (`["a", "b"]`, its `inspect`): what Jekyll's
        `jsonify` prints for it; PyYAML refuses such a key ("found unhashable key")."""
        loader: Any = self
        if not isinstance(node, yaml.MappingNode):
            raise yaml.constructor.ConstructorError(None, None, "expected a mapping", node.start_mark)
        mapping: dict[Any, Any] = {}
        written: dict[Hashable, str] = {}  # each list or mapping key: its first text
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            if not isinstance(key, Hashable):
                # One Ruby key for every key `eql?` to it (a Hash's pairs in any order):
                # the value replaces that key's, which keeps its first text and place.
                key = written.setdefault(ruby_key_identity(key), ruby_inspect(key))
            if key == MERGE_KEY and isinstance(key, str) and key_node.tag != STR_TAG:
                merged = self._merged(key_node, value_node)
                if merged is not None:
                    mapping.update(merged)
                    continue
            mapping[key] = loader.construct_object(value_node, deep=deep)
        return mapping

    def _merged(self, key_node: yaml.Node, value_node: yaml.Node) -> dict[Any, Any] | None:
        """What a `<<` key merges in, or None when its value is kept under the key."""
        if isinstance(value_node, yaml.MappingNode):
            return self._mapping_of(value_node)
        # An alias is the node it names, which stands before the key; Psych merges a
        # list only where it is written.
        if (
            not isinstance(value_node, yaml.SequenceNode)
            or value_node.start_mark.index < key_node.start_mark.index
        ):
            return None
        if not all(isinstance(item, yaml.MappingNode) for item in value_node.value):
            return None
        merged: dict[Any, Any] = {}
        for item in reversed(value_node.value):
            merged.update(self._mapping_of(item))
        return merged

    def _mapping_of(self, node: yaml.MappingNode) -> dict[Any, Any]:
        """The mapping `node` holds, built once per node: merged again from another `<<`
        it is not built again (a chain of merges of merges stays linear), and it is
        complete when merged even where the node's own value is still being filled."""
        built = self.merge_sources.get(id(node))
        if built is None:
            built = self.merge_sources[id(node)] = self.construct_mapping(node, deep=True)
        return built
