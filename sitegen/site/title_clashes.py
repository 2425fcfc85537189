"""Categories that would show the same title get titles a reader can tell apart.

A crawler category written with a space (`categories: huaerjie jianwen`) is two
categories in Jekyll (jekyll/document.rb `categories_from_path`, `Utils.pluralized_array`
splits the value on white space), and both take their title from the posts' first tag:
two tabs, two home blocks and two directory entries labelled 华尔街见闻 that lead to
different pages. The category first by name keeps the title; every other one shows its
own name after it in full-width brackets, `华尔街见闻（jianwen）`, as Chinese text marks
an aside. A title the site names in `category_titles` is the owner's word, and a derived
title that meets it is the one that gives way; only where the owner named two categories
alike (`gg: 财经, hh: 财经`) does a configured title change, the first by name keeping it
(the settings' note names the line, `sitegen.jekyll.title_settings`). The choice reads
only names, so it is the same whatever order the posts were read in.

Titles meet when a reader would see them alike, not only when their text is equal:
`Tech  News` and `Tech News`, or a title with a zero-width space in it, look the same on
a page (`sitegen.display_text.visible_form`).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from sitegen.display_text import is_blank, visible_form

__all__ = ["TitleClash", "distinct_titles", "lookalike_tags", "still_shown"]


@dataclass(frozen=True, slots=True)
class TitleClash:
    """Categories that shared `title` (as a reader sees it), first by name, and the titles
    they now show."""

    title: str
    names: tuple[str, ...]
    shown: tuple[str, ...]
    configured: bool = False
    """Every one of them was titled in `category_titles`: the settings' note says so."""
    tags: bool = False
    """Tags, not categories: a tag's text is its name, kept as Jekyll keeps it (each its
    own listing), so the warning says only that readers see them alike."""
    where: Path | None = None
    """For tags, a post carrying the last of them (the warning names its file)."""

    @property
    def message(self) -> str:
        spelled = ", ".join(_spelled(name) for name in self.names)
        if self.tags:
            return (
                f"tags {spelled} all look like '{self.title}' to a reader but are different tags, "
                "kept apart as Jekyll keeps them; write them alike to make them one"
            )
        shown = "、".join(_spelled(title, quoted=False) for title in self.shown)
        return (
            f"categories {spelled} would all be titled '{self.title}'; they are shown as {shown} "
            "(name them in `category_titles` to choose)"
        )


def distinct_titles(
    titles: Mapping[str, str], configured_titles: Mapping[str, str]
) -> tuple[dict[str, str], tuple[TitleClash, ...]]:
    """`titles` (category → title) with no two titles a reader sees alike, and the clashes."""
    configured = {name for name in titles if not is_blank(configured_titles.get(name, ""))}
    groups: dict[str, list[str]] = {}
    for name in sorted(titles):
        groups.setdefault(visible_form(titles[name]), []).append(name)
    distinct = dict(titles)
    clashes = []
    for title, names in sorted(groups.items()):
        if len(names) < 2:
            continue
        derived = [name for name in names if name not in configured]
        owned = [name for name in names if name in configured]
        # The first configured title keeps its place, else the first derived one.
        keeper = owned[0] if owned else derived[0]
        for name in names:
            if name != keeper:
                distinct[name] = f"{titles[name]}（{_spelled(name, quoted=False)}）"
        clashes.append(
            TitleClash(title, tuple(names), tuple(distinct[name] for name in names), configured=not derived)
        )
    return distinct, tuple(clashes)


def still_shown(name: str, title: str, shown: str) -> bool:
    """Whether a category whose title is worked out as `title` still shows `shown`: itself,
    or itself told apart from another category's (an added post changes no other category's
    title, so a clash it did not make stays as it was)."""
    return shown in (title, f"{title}（{name}）")


def lookalike_tags(tags: Mapping[str, Path]) -> tuple[TitleClash, ...]:
    """Tags (each with the file of a post carrying it) that differ only in what a reader
    cannot see (`新闻` and `新闻` + U+200B, two spaces or one), each group as a clash of
    `tags=True`, in name order."""
    groups: dict[str, list[str]] = {}
    for tag in sorted(tags):
        groups.setdefault(visible_form(tag), []).append(tag)
    return tuple(
        TitleClash(title, tuple(names), tuple(names), tags=True, where=tags[names[-1]])
        for title, names in sorted(groups.items())
        if len(names) > 1
    )


def _spelled(name: str, *, quoted: bool = True) -> str:
    """`name` (quoted), with what a terminal or a page shows as nothing or cannot tell
    apart written as `\\uXXXX`: format characters, controls, spaces other than U+0020,
    and a U+0020 that is not one space between two other characters (a page collapses a
    run of spaces and drops them at the edges). A warning, and a title told apart by its
    category's name, so tell names that look alike apart."""
    characters = []
    for index, character in enumerate(name):
        single_space = (
            character == " " and 0 < index < len(name) - 1 and " " not in name[index - 1 : index + 2 : 2]
        )
        shown = single_space or (character != " " and unicodedata.category(character)[0] not in "CZ")
        characters.append(character if shown else f"\\u{ord(character):04x}")
    text = "".join(characters)
    return f"'{text}'" if quoted else text
