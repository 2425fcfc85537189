"""One top-level setting read from the settings file's text without a YAML parser.

The no-change check (`sitegen.cli`) must know where the build cache and the destination
are before anything heavy is imported; it reads `cache_dir:` and `destination:` here.
Being wrong costs speed, never correctness: a value this cannot read for certain is
None, and the caller then builds in full, which reads the file properly.
"""

from __future__ import annotations

import re

_PLAIN_VALUE = re.compile(
    r"""^(?:"(?P<double>[^"\\]*)"|'(?P<single>[^']*)'|(?P<bare>[^\s#'"&*!|>{}\[\],%@`][^#]*?))$"""
)

_NULLS = frozenset({"~", "null", "Null", "NULL"})


def plain_setting_hint(config_text: str, key: str) -> str | None:
    """`key:`'s value when its line is a plain one-line scalar; "" when the key is
    absent, None when its line is anything else (or written twice, or the key's name
    appears where this cannot tell whether it is the key)."""
    line = re.compile(rf"^{re.escape(key)}[ \t]*:[ \t]*(?P<value>[^\n]*?)[ \t]*$", re.MULTILINE)
    matches = list(line.finditer(config_text))
    if not matches:
        return "" if key not in config_text else None
    if len(matches) > 1:
        return None
    value = _PLAIN_VALUE.match(matches[0].group("value"))
    if value is None:
        return None
    bare = (value.group("bare") or "").strip()
    if bare in _NULLS:
        return ""  # YAML's null: the setting is unset
    return value.group("double") or value.group("single") or bare
