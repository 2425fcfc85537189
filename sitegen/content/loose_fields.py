"""Front-matter fields of a type their key does not expect, read as Jekyll reads them.

Jekyll publishes a post whose `title` is a list or whose `tags` is a mapping: it keeps
the value as YAML gave it, and its layouts print it as Liquid does. sitegen needs text
for a title and names for tags, so it takes what Jekyll would show or use, and says so
in one warning naming the file and the key's line: the post is never lost for it.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from sitegen.content.fields import key_line
from sitegen.display_text import is_blank
from sitegen.errors import Diagnostic
from sitegen.jekyll.post_names import titleized_slug
from sitegen.jekyll.ruby_scalars import ruby_scalar_text
from sitegen.jekyll.ruby_split import ruby_split
from sitegen.jekyll.ruby_text import liquid_printed


def post_title(
    front: Mapping[str, Any], slug: str, name_slug: str, path: Path, text: str
) -> tuple[str, list[Diagnostic]]:
    """A post's headline: its front matter's `title` as printed (`title_text`), else its
    file name's slug titled as Jekyll titles it (Ruby's `||=`: a null or `false` title
    too, `Utils.titleize_slug`); one that shows nothing (`sitegen.display_text`) gives
    way to `slug`, then `name_slug`: the page still needs a headline."""
    own_title = front.get("title")
    warnings: list[Diagnostic] = []
    if own_title is None or own_title is False:
        title = titleized_slug(name_slug)
    else:
        title, warnings = title_text(own_title, path, text)
    return next((shown for shown in (title, slug) if not is_blank(shown)), name_slug), warnings


def title_text(value: Any, path: Path, text: str) -> tuple[str, list[Diagnostic]]:
    """A title as Jekyll's layouts print `{{ page.title }}`: a list's items joined, a
    mapping as Ruby's `inspect` (`sitegen.jekyll.ruby_text.liquid_printed`)."""
    if not isinstance(value, (list, dict)):
        return ruby_scalar_text(value).strip(), []
    printed = liquid_printed(value).strip()
    kind = "list" if isinstance(value, list) else "mapping"
    message = f"'title' is a {kind}, not text; shown as Jekyll prints it: {printed[:80]!r}"
    return printed, [Diagnostic(message, path, key_line(text, "title"))]


def tag_names(front: Mapping[str, Any], path: Path, text: str) -> tuple[tuple[str, ...], list[Diagnostic]]:
    """A post's tags by Jekyll's `Utils.pluralized_array_from_hash(data, "tag", "tags")`
    and `Document#populate_tags` (utils.rb, document.rb): `tag` is one value (a list's
    items flattened); `tags` is text split on whitespace or a list (flattened, nils
    dropped), and anything else (a mapping, a number, a date) gives no tags at all.
    An item that is a mapping is left out (Jekyll would make a tag named by its
    `inspect`); each such reading is one warning naming the key's line."""
    if front.get("tag") is not None:
        key, value = "tag", front["tag"]
        items = _flattened(value)
    elif front.get("tags") is not None:
        key, value = "tags", front["tags"]
        if isinstance(value, str):
            items = ruby_split(value)
        elif isinstance(value, list):
            items = _flattened(value)
        else:
            kind = "mapping" if isinstance(value, dict) else type(value).__name__
            message = f"'tags' is a {kind}, not a list or text; Jekyll reads no tags from it"
            return (), [Diagnostic(message, path, key_line(text, "tags"))]
    else:
        return (), []
    names: list[str] = []
    left_out = 0
    for item in items:
        if item is None:
            continue
        if isinstance(item, dict):
            left_out += 1
            continue
        name = ruby_scalar_text(item)
        if name:
            names.append(name)
    warnings = []
    if left_out:
        message = f"'{key}' holds {left_out} mapping(s), which are not tag names; left out"
        warnings.append(Diagnostic(message, path, key_line(text, key)))
    return tuple(dict.fromkeys(names)), warnings


def _flattened(value: Any) -> list[Any]:
    """`[value].flatten`: nested lists opened, in order."""
    if not isinstance(value, list):
        return [value]
    out: list[Any] = []
    for item in value:
        out.extend(_flattened(item))
    return out
