"""Category titles the settings give twice: `category_titles: {gg: 财经, hh: 财经}`.

Two categories a reader sees under one title (`sitegen.display_text.visible_form`) are two
tabs, two home blocks and two directory entries no one can tell apart. The owner named
both, so neither title is a guess to overrule quietly: each later one (by name) is one
note at its own line, and the site shows it told apart, `财经（hh）`
(`sitegen.site.title_clashes`).
"""

from __future__ import annotations

from collections.abc import Mapping

from sitegen.display_text import is_blank, visible_form
from sitegen.jekyll.setting_values import SettingNote


def duplicate_titles(titles: Mapping[str, str]) -> list[SettingNote]:
    """One note per category whose configured title looks like an earlier one's."""
    first: dict[str, str] = {}
    notes = []
    for name in sorted(titles):
        title = titles[name]
        if is_blank(title):
            continue  # no title: the category's posts name it
        seen = visible_form(title)
        if seen not in first:
            first[seen] = name
            continue
        message = (
            f"setting 'category_titles': '{name}' and '{first[seen]}' are both titled {seen!r} "
            f"as a reader sees it; '{name}' is shown as '{title}（{name}）' (give it its own title)"
        )
        notes.append(SettingNote("category_titles", message, within=(name,)))
    return notes
