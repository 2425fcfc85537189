"""The line each top-level key of a settings file is written on, for notes about its value.

The values are read once by `sitegen.jekyll.yaml_reader`; only when a value earns a note
is the text composed again, into YAML nodes whose marks give the lines (or, for TOML,
searched for `key =`), so a good file costs nothing more.
"""

from __future__ import annotations

import re

import yaml

_TOML_TABLE = re.compile(r"^[ \t]*\[", re.MULTILINE)
_TOML_KEY = re.compile(r"""^[ \t]*["']?([^"'=\s]+)["']?[ \t]*=""", re.MULTILINE)


def key_lines(text: str, toml: bool = False) -> dict[str, int]:
    """1-based line of each top-level key, by its text; {} when the text gives none."""
    if toml:
        table = _TOML_TABLE.search(text)
        top = text[: table.start()] if table else text  # keys before the first table
        return {found.group(1): top.count("\n", 0, found.start()) + 1 for found in _TOML_KEY.finditer(top)}
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return {}
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {
        str(key.value): key.start_mark.line + 1
        for key, _ in node.value  # of a key written twice, the last (whose value is read)
        if isinstance(key, yaml.ScalarNode)
    }


def value_line(text: str, keys: tuple[str | int, ...]) -> int | None:
    """1-based line of the key (or list item) at `keys` below the top level of a YAML
    settings file (`("defaults", 0, "values", "slug")`), or None where the text has none."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return None
    line = None
    for key in keys:
        if isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            node = node.value[key]
            line = node.start_mark.line + 1
        elif isinstance(node, yaml.MappingNode):
            found = [
                pair for pair in node.value if isinstance(pair[0], yaml.ScalarNode) and pair[0].value == key
            ]
            if not found:
                return None
            line, node = found[-1][0].start_mark.line + 1, found[-1][1]
        else:
            return None
    return line
