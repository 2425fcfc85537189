"""The context of the archive index (`/archive/`): every month with posts, by year.

A reader looking for last spring's story goes by date; one line of month links per year,
each with its post count, keeps years of a busy news site on one short page.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sitegen.render.page_contexts import ArchiveIndexContext
from sitegen.render.views import ArchiveYearView, Link
from sitegen.site.subjects import ArchiveIndex

if TYPE_CHECKING:
    from sitegen.render.context import ContextBuilder

ARCHIVE_TITLE = "归档"
MONTH_LINK_TEXT = "{month}月（{count}）"
HOME_LINK_TEXT = "返回首页"


def archive_index_context(builder: ContextBuilder, archive: ArchiveIndex) -> ArchiveIndexContext:
    years: dict[int, list[Link]] = {}
    for month in archive.months:
        text = MONTH_LINK_TEXT.format(month=month.month, count=month.count)
        years.setdefault(month.year, []).append(Link(text, builder.link(month.url)))
    views = tuple(ArchiveYearView(year, tuple(links)) for year, links in years.items())
    return {
        **builder.common(archive.url, ARCHIVE_TITLE),
        "years": views,
        "back_links": (Link(HOME_LINK_TEXT, builder.site.home_href),),
    }
