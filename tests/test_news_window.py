"""The news sitemap reads the posts newest first and stops past its window
(`sitegen.site.sitemap_plan`): it lists exactly what `news_entries` lists of every
planned post page, whatever the posts' dates, titles, `sitemap: false` and URLs."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta, timezone

from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.config import SiteConfig
from sitegen.model import Post
from sitegen.site.index import build_index
from sitegen.site.news_sitemap import NewsEntry, NewsSitemap, news_entries
from sitegen.site.plan import plan_site
from sitegen.site.sitemap import in_sitemap
from sitegen.site.sitemap_locs import loc_fits
from sitegen.site.subjects import PostPage
from tests.bare_post import numbered_post

_CONFIG = SiteConfig(url="https://news.example.com")


@st.composite
def _posts(draw: st.DrawFn) -> list[Post]:
    """Up to 12 posts over a few days (some an hour apart, some in another zone), some
    untitled, some out of the sitemap, some at a URL too long for a `<loc>`, some at
    one URL (one of them is left out)."""
    posts = []
    for number in range(draw(st.integers(min_value=0, max_value=12))):
        base = numbered_post(number)
        hours = draw(st.integers(min_value=0, max_value=120))
        zone = timezone(timedelta(hours=draw(st.sampled_from((0, 8)))))
        url = draw(st.sampled_from((base.url, "/same.html", "/" + "长" * 800 + f"{number}.html")))
        posts.append(
            replace(
                base,
                date=(base.date + timedelta(hours=hours)).astimezone(zone),
                title=draw(st.sampled_from(("标题", "", " ", "\u200b"))),
                url=url,
                front_matter={"sitemap": False} if draw(st.booleans()) else {},
            )
        )
    return posts


@settings(max_examples=300, deadline=None)
@given(_posts())
def test_the_news_sitemap_is_news_entries_of_every_planned_post(posts: list[Post]) -> None:
    plan = plan_site(_CONFIG, build_index(posts, {}), (), ())
    expected = news_entries(
        NewsEntry(page.url, page.subject.post.title, page.subject.post.date)
        for page in plan.pages
        if isinstance(page.subject, PostPage)
        and in_sitemap(page.subject.post.front_matter)
        and loc_fits(page.url, _CONFIG)
    )
    news = [page.subject for page in plan.pages if isinstance(page.subject, NewsSitemap)]
    assert (news[0].entries if news else ()) == expected
