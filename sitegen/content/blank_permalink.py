"""A `permalink` that is empty or only white space: what Jekyll does with it, said once.

sitegen reads such a permalink as none: a post gets the site's permalink, a collection
document its collection's, a page its own path. Jekyll 4.3 takes the text as the URL
template (Ruby's `""` is true: jekyll/document.rb `url_template`, page.rb `template`):

- an empty one publishes a post or document at `/index.html`, over the home page, and
  stops the build for a page (`validate_permalink!`, convertible.rb: "Invalid
  permalink"); from `defaults:`, which that check does not see, every post and page the
  set applies to is published at `/index.html`, one over another;
- one of white space publishes the file at `/<the spaces>.html`.

Neither is what anyone meant, so sitegen keeps its reading and says, in one warning at
the file's line (or once at the `defaults:` value's line in `_config.yml`), what Jekyll
would do and what sitegen does. So too for white space around a permalink's text
(`permalink: "/q "`), in front matter (`spaced_permalink`) or in `defaults:`, which
Jekyll keeps in the URL and the file's name (`q .html`) and sitegen leaves out.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

from sitegen.errors import Diagnostic
from sitegen.jekyll.config_file import TOML_SUFFIX
from sitegen.jekyll.config_lines import key_lines, value_line
from sitegen.jekyll.defaults import DefaultSet

__all__ = ["blank_default_permalinks", "blank_permalink", "spaced_permalink"]

Kind = Literal["post", "page", "document"]
_KEY_LINE = re.compile(r"^permalink\s*:", re.MULTILINE)
_SITEGEN_USES = {
    "post": "the site's permalink",
    "document": "its collection's permalink",
    "page": "its own path",
}


def blank_permalink(own_front: Mapping[str, Any], path: Path, text: str, kind: Kind) -> list[Diagnostic]:
    """One warning when the file's own front matter (`text`) sets an empty or white-space
    `permalink`, else none."""
    value = own_front.get("permalink")
    if not isinstance(value, str) or value.strip():
        return []
    if value:
        jekyll = f"Jekyll publishes the {kind} at {'/' + value + '.html'!r}"
    elif kind == "page":
        jekyll = "Jekyll stops the build on it (Invalid permalink)"
    else:
        jekyll = f"Jekyll publishes the {kind} at /index.html, over the home page"
    found = _KEY_LINE.search(text)
    line = text.count("\n", 0, found.start()) + 1 if found else None
    message = f"'permalink' is {_described(value)}: {jekyll}; sitegen publishes it at {_SITEGEN_USES[kind]}"
    return [Diagnostic(message, path, line)]


def spaced_permalink(own_front: Mapping[str, Any], path: Path, text: str) -> list[Diagnostic]:
    """One warning when the file's own front matter (`text`) sets a `permalink` with
    white space before or after its text, else none."""
    value = own_front.get("permalink")
    if not isinstance(value, str) or not value.strip() or value == value.strip():
        return []
    found = _KEY_LINE.search(text)
    line = text.count("\n", 0, found.start()) + 1 if found else None
    message = (
        f"'permalink' has white space around it ({value!r}): Jekyll keeps it in the URL and the "
        f"file's name; sitegen leaves it out ({value.strip()!r})"
    )
    return [Diagnostic(message, path, line)]


def blank_default_permalinks(sets: tuple[DefaultSet, ...], config_file: Path) -> list[Diagnostic]:
    """One warning for each set of `defaults:` whose `permalink` is empty or white space,
    or has white space around its text, at the value's line in `config_file`."""
    odd = [each for each in sets if _odd_default(each.values.get("permalink"))]
    if not odd:
        return []
    try:
        text = config_file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        text = ""
    notes = []
    for each in odd:
        value = str(each.values["permalink"])
        if config_file.suffix == TOML_SUFFIX:
            line = key_lines(text, toml=True).get("defaults")
        else:
            line = value_line(text, ("defaults", each.entry, "values", "permalink"))
        setting = f"setting 'defaults' (entry {each.entry + 1}): 'permalink'"
        if value.strip():
            message = (
                f"{setting} has white space around it ({value!r}): Jekyll keeps it in the URL and "
                f"the file's name of every post, page and document it applies to; sitegen leaves "
                f"it out ({value.strip()!r})"
            )
        else:
            where = "/index.html, one over another" if not value else repr("/" + value + ".html")
            message = (
                f"{setting} is {_described(value)}: Jekyll publishes every post, page and document "
                f"it applies to at {where}; sitegen gives them the site's permalink (a page its "
                "own path, a document its collection's)"
            )
        notes.append(Diagnostic(message, config_file, line))
    return notes


def _odd_default(value: object) -> bool:
    """A default permalink sitegen reads otherwise than Jekyll: blank, or spaced around."""
    return isinstance(value, str) and (not value.strip() or value != value.strip())


def _described(value: str) -> str:
    return "empty" if not value else f"only white space ({value!r})"
