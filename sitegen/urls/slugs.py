"""Jekyll's `slugify` (`Jekyll::Utils.slugify`, jekyll/lib/jekyll/utils.rb), for
permalinks, post placeholders and the Liquid `slugify` filter alike.

Jekyll keeps letters (`\\p{L}`), marks (`\\p{M}`) and decimal digits (`\\p{Nd}`) of any
script, so `café` keeps its accent whether it is written as one character or as an `e`
and a combining accent (Jekyll never normalises Unicode, and neither does this), while
other numbers (`²`, `Ⅻ`, `①`), `_` and everything else become hyphens. Ruby's
`String#downcase` lower-cases it: a full Unicode mapping like Python's, but without the
final-sigma rule (`ΣΑΣ` is `σασ`, not `σας`).

Which characters are letters is the Unicode version's: Ruby 3.1's is 13.0, the `regex`
module's newer, so only a character assigned since reads differently.
"""

from __future__ import annotations

from typing import Final

import regex

from sitegen.urls.latin import transliterate

MODES: Final = ("raw", "default", "pretty", "ascii", "latin")
"""`Utils::SLUGIFY_MODES`; any other mode leaves the text as it is, lower-cased unless
`cased`."""

_REPLACED: Final = {
    # Runs of what each mode replaces by one hyphen (`Utils#replace_character_sequence_with_hyphen`).
    "raw": regex.compile(r"[ \t\n\v\f\r]+"),  # Ruby's `\s`: ASCII whitespace only
    "default": regex.compile(r"[^\p{M}\p{L}\p{Nd}]+"),
    "pretty": regex.compile(r"[^\p{M}\p{L}\p{Nd}._~!$&'()+,;=@]+"),
    "ascii": regex.compile(r"[^A-Za-z0-9]+"),
}


def slugify(text: str, mode: str = "default", *, cased: bool = False) -> str:
    """Jekyll's `slugify` in `mode` (`default`, as `:slug` and `:name` use it; `pretty`
    and `cased`, as `:title` does). `latin` transliterates as I18n does (`latin.py`),
    then applies the `default` rules, as Jekyll does.

    Runs of what the mode does not keep become one hyphen; then one hyphen at each end
    goes (Ruby's `gsub(/^-|-$/)`, which matters only in `raw` mode, where hyphens of the
    text itself stay: `--a--` is `-a-`)."""
    if mode not in MODES:
        return text if cased else ruby_downcase(text)
    if mode == "latin":
        text, mode = transliterate(text), "default"
    slug = _REPLACED[mode].sub("-", text)
    if slug.startswith("-"):
        slug = slug[1:]
    if slug.endswith("-"):
        slug = slug[:-1]
    return slug if cased else ruby_downcase(slug)


def ruby_downcase(text: str) -> str:
    """Ruby's `String#downcase`: Python's `str.lower` less its final-sigma rule (a `Σ`
    ending a word is `σ` in Ruby, `ς` in Python)."""
    return text.replace("Σ", "σ").lower() if "Σ" in text else text.lower()
