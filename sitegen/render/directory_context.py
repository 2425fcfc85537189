"""The context of the category directory (`/category/`).

Thousands of entries stay usable when grouped: by the pinyin initial of each category's
displayed title (`sitegen.render.directory_keys`), with a row of letters at the top to
jump to a group, the largest categories first in each group, and a filter box that
narrows the list as the reader types (财, or its initials cj). Each entry is one short
line (title, post count, newest date, feed), so a directory of 2,000 categories stays a
small page.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sitegen.render.directory_keys import filter_keys, group_key, group_order, pinyin_initials
from sitegen.render.page_contexts import DirectoryContext
from sitegen.render.views import DirectoryEntryView, DirectoryGroupView, Link
from sitegen.site.subjects import CategoryDirectory, DirectoryEntry

if TYPE_CHECKING:
    from sitegen.render.context import ContextBuilder

DIRECTORY_TITLE = "全部栏目"
DIRECTORY_DESCRIPTION = (
    "{title}的全部 {count} 个栏目，按名称拼音首字母分组，每个栏目附文章数、最近更新日期与订阅链接。"
)


def directory_context(builder: ContextBuilder, directory: CategoryDirectory) -> DirectoryContext:
    groups: dict[str, list[tuple[DirectoryEntry, str]]] = {}
    for entry in directory.entries:
        known = directory.initials.get(entry.title)
        initials = known if known is not None else pinyin_initials(entry.title)
        groups.setdefault(group_key(initials), []).append((entry, filter_keys(entry.name, initials)))
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
                    keys,
                )
                for entry, keys in sorted(groups[key], key=lambda pair: (-pair[0].count, pair[0].name))
            ),
        )
        for key in sorted(groups, key=group_order)
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
