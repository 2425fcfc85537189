"""The theme's sitemap prints `<url>` elements made in Python (a Jinja loop over every URL
was a seventh of a one-post rebuild): they are the bytes the loop over `urls` writes, for
any URL and lastmod, and a site's own sitemap.xml that loops over `urls` still works."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

import jinja2
from hypothesis import given
from hypothesis import strategies as st

from sitegen.config import SiteConfig
from sitegen.render.feed_context import sitemap_context
from sitegen.site.subjects import Sitemap, SitemapEntry
from tests.conftest import CONFIG, SiteFactory, build, post

LOOP = """<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
{% for url in urls %}
<url><loc>{{ url.loc }}</loc>{% if url.lastmod %}<lastmod>{{ url.lastmod }}</lastmod>{% endif %}</url>
{% endfor %}
</urlset>
"""
OWN_TEMPLATE = "{% for url in urls %}{{ url.loc }} {{ url.lastmod }}\n{% endfor %}{{ urls|length }}\n"
THEME = (Path(__file__).parent.parent / "templates" / "sitemap.xml").read_text(encoding="utf-8")


def _environment() -> jinja2.Environment:
    # The renderer's settings for the machine-read files (sitegen.render.templates).
    return jinja2.Environment(
        autoescape=True, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True
    )


_SEGMENTS = st.text(st.characters(exclude_categories=["Cs"], exclude_characters="/"), min_size=1, max_size=8)
_MOMENTS = st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2100, 1, 1)).map(
    lambda moment: moment.replace(tzinfo=timezone(timedelta(hours=8)))
)
_ENTRIES = st.lists(
    st.builds(
        SitemapEntry,
        st.lists(_SEGMENTS, max_size=3).map(lambda parts: "/" + "/".join(parts)),
        st.none() | _MOMENTS,
    ),
    max_size=20,
)


@given(entries=_ENTRIES, baseurl=st.sampled_from(["", "/news", "/新闻 & <b>"]))
def test_the_ready_made_elements_are_the_loop_s_bytes(entries: list[SitemapEntry], baseurl: str) -> None:
    config = replace(SiteConfig(), url="https://finews.example.com", baseurl=baseurl)
    context = sitemap_context(config, Sitemap("/sitemap.xml", tuple(entries)))
    environment = _environment()
    assert environment.from_string(THEME).render(context) == environment.from_string(LOOP).render(context)


def test_a_site_s_own_sitemap_template_can_loop_over_urls(make_site: SiteFactory) -> None:
    site = make_site(
        {
            "_config.yml": CONFIG,
            "content/_posts/2022-05-27-a.md": post("一", date="2022-05-27 16:48:36 +0800", categories="财经"),
            "templates/sitemap.xml": OWN_TEMPLATE,
        }
    )
    build(site)
    text = (site / "_site" / "sitemap.xml").read_text(encoding="utf-8")
    assert "/%E8%B4%A2%E7%BB%8F/2022/05/27/a.html 2022-05-27T16:48:36+08:00\n" in text
    assert text.rstrip().splitlines()[-1] == str(len(text.splitlines()) - 1)
