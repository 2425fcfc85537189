"""The views every page of a build shares: the site (its top bar) and each category's link.

Made once per build by `ContextBuilder`, not once per page: percent-encoding the top
bar's links and a category's link anew for every page was a third of the contexts' cost.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from sitegen.config import SiteConfig
from sitegen.display_text import language_tag
from sitegen.render.views import Link, SiteView
from sitegen.site.search_page import SEARCH_URL, search_enabled
from sitegen.urls import href


def category_links(
    category_urls: Mapping[str, str], category_titles: Mapping[str, str], baseurl: str
) -> dict[str, Link]:
    """Each category's link: its display title and its page's href."""
    return {
        name: Link(category_titles.get(name, name), href(url, baseurl)) for name, url in category_urls.items()
    }


def site_view(
    config: SiteConfig,
    read_sections: Callable[[], tuple[Link, ...]],
    *,
    feed_url: str,
    archive_url: str,
    directory_url: str,
) -> SiteView:
    """The site as every page shows it; an empty URL means the plan publishes no such page.
    `read_sections` gives the top bar's links (`SiteEntries.sections`, which records the read)."""
    baseurl = config.baseurl
    return SiteView(
        config.title,
        config.description,
        language_tag(config.lang),
        config.author,
        href("/", baseurl),
        # The prefix of the theme's own links (stylesheet, script, search assets) made by
        # `href` as every other link is: `/a?b` as written would end the path at `?`.
        href("", baseurl),
        href(feed_url, baseurl) if feed_url else "",
        href(archive_url, baseurl) if archive_url else "",
        read_sections,
        href(directory_url, baseurl) if directory_url else "",
        href(SEARCH_URL, baseurl) if search_enabled(config) else "",
    )
