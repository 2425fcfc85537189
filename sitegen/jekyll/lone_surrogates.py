"""Lone surrogates (U+D800–U+DFFF on their own) out of every value a reader hands on.

A high surrogate followed by a low one is one character in UTF-16 (YAML's escapes spell
an emoji `\\ud83d\\ude00`, as `json.dumps` writes it): a reader joins such a pair into it.

JSON spells any UTF-16 code unit as an escape (`"x\\ud800y"`), and Python's `json`
keeps a lone one as it is: a code point UTF-8 cannot encode, which fails wherever the
text is measured or written (python-liquid counts each write's UTF-8 bytes), taking a
page's whole Liquid output with it. Jekyll reads `.json` data with Psych
(`Utils.safe_load_yaml_file`, data_reader.rb), which refuses the escape and stops the
whole build; here, as the README promises, each lone surrogate becomes U+FFFD and the
text around it is kept. Every reader applies it (data files of each format, front
matter, the configuration), so no value carries one into rendering.
"""

from __future__ import annotations

import re

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
REPLACEMENT = "\ufffd"


def replace_in_text(text: str) -> str:
    """`text` with each lone surrogate replaced by U+FFFD (the same text when none)."""
    if text.isascii():
        return text
    return _LONE_SURROGATE.sub(REPLACEMENT, text)


def _read_text(text: str) -> str:
    """A text as a reader hands it on: each pair of surrogates (a high one, then a low
    one: the UTF-16 of one character, as YAML's escape pair `\\ud83d\\ude00` reads) joined
    into that character, and each one left alone replaced by U+FFFD."""
    if text.isascii() or _LONE_SURROGATE.search(text) is None:
        return text
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")


def without_lone_surrogates(value: object) -> object:
    """`value` with every text in it, keys included, free of lone surrogates (a pair
    joined: `_read_text`): mappings and lists are rebuilt only where something changed.
    Shared values (YAML anchors) are visited once each."""
    seen: dict[int, object] = {}
    return _clean(value, seen)


def _clean(value: object, seen: dict[int, object]) -> object:
    if isinstance(value, str):
        return _read_text(value)
    if not isinstance(value, (dict, list)):
        return value
    key = id(value)
    if key in seen:
        return seen[key]
    seen[key] = value  # a value inside itself (refused later by the shape check) stays as is
    if isinstance(value, dict):
        items = [(_clean(k, seen), _clean(v, seen)) for k, v in value.items()]
        if any(
            k is not old_k or v is not old_v
            for (k, v), (old_k, old_v) in zip(items, value.items(), strict=True)
        ):
            value = dict(items)
    else:
        cleaned = [_clean(item, seen) for item in value]
        if any(new is not old for new, old in zip(cleaned, value, strict=True)):
            value = cleaned
    seen[key] = value
    return value
