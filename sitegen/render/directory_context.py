"""The context of the category directory (`/category/`).

Thousands of entries stay usable when grouped: by the first letter of the category's
name (its slug, which is what the user's crawler writes: `xinjingbao`), with a row of
letters at the top to jump to a group, and the largest categories first in each group.
Each entry is one short line (title, post count, newest date, feed), so a directory of
2,000 categories stays a small page.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sitegen.render.page_contexts import DirectoryContext
from sitegen.render.views import DirectoryEntryView, DirectoryGroupView, Link
from sitegen.site.subjects import CategoryDirectory, DirectoryEntry

if TYPE_CHECKING:
    from sitegen.render.context import ContextBuilder

DIRECTORY_TITLE = "全部栏目"
DIRECTORY_DESCRIPTION = (
    "{title}的全部 {count} 个栏目，按名称首字母分组，每个栏目附文章数、最近更新日期与订阅链接。"
)
#: The group of names that start with a digit, and of names that start with anything else.
DIGITS_GROUP = "0-9"
OTHER_GROUP = "#"


def group_key(name: str) -> str:
    """`A`–`Z` for a name starting with a Latin letter, `0-9` for a digit, else `#`."""
    first = name[:1].upper()
    if "A" <= first <= "Z":
        return first
    return DIGITS_GROUP if first.isascii() and first.isdigit() else OTHER_GROUP


def _group_order(key: str) -> tuple[int, str]:
    return (0 if len(key) == 1 and key.isalpha() else 1 if key == DIGITS_GROUP else 2, key)


def directory_context(builder: ContextBuilder, directory: CategoryDirectory) -> DirectoryContext:
    groups: dict[str, list[DirectoryEntry]] = {}
    for entry in directory.entries:
        groups.setdefault(group_key(entry.name), []).append(entry)
    views = tuple(
        DirectoryGroupView(
            key,
            tuple(
                DirectoryEntryView(
                    entry.title,
                    builder.link(entry.url),
                    entry.count,
                    entry.newest.strftime("%Y-%m-%d"),
                    builder.link(entry.feed_url) if entry.feed_url else "",
                )
                for entry in sorted(groups[key], key=lambda entry: (-entry.count, entry.name))
            ),
        )
        for key in sorted(groups, key=_group_order)
    )
    description = DIRECTORY_DESCRIPTION.format(title=builder.config.title, count=len(directory.entries))
    return {
        **builder.common(
            directory.url, DIRECTORY_TITLE, description, section=builder.current(directory.url, directory.url)
        ),
        "groups": views,
        "category_count": len(directory.entries),
        "back_links": (Link("返回首页", builder.site.home_href),),
    }
