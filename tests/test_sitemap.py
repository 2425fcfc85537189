"""sitemap.xml (split under an index when large), robots.txt and the 404 page."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote, unquote

from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from sitegen.site.sitemap import split_sitemap
from sitegen.site.subjects import Sitemap, SitemapEntry, SitemapIndex
from sitegen.urls import absolute_url
from tests.conftest import CONFIG, SiteFactory, build, post

NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
ORIGIN = "https://finews.example.com"

SITE = {
    "_config.yml": CONFIG + "category_dirs: true\n",
    "content/_posts/2022-05-27-a.md": post(
        "一",
        date="2022-05-27 16:48:36 +0800",
        categories="财经",
        extra="last_modified_at: 2022-06-01 10:00:00 +0800\n",
    ),
    "content/_posts/2022-05-20-b.md": post("二", date="2022-05-20 09:00:00 +0800", categories="财经"),
    # 热点 lists exactly 要闻's posts: a stub sending on to 要闻, while 新京报新闻 keeps its own.
    "content/_posts/2022-05-10-c.md": post(
        "三", date="2022-05-10 09:00:00 +0800", categories="要闻", tags="[新京报新闻, 热点]"
    ),
    "content/about.md": "---\ntitle: 关于\npermalink: /about/\n---\n关于本站\n",
    "content/terms.md": "---\ntitle: 条款\ndate: 2021-03-04\n---\n条款\n",
    "content/hidden.md": "---\ntitle: 隐藏\nsitemap: false\n---\n不收录\n",
    "content/verify.html": "<html><body>verification</body></html>\n",
}


def urls(path: Path) -> dict[str, str | None]:
    """loc → lastmod (None when absent) of a sitemap file."""
    root = etree.parse(str(path)).getroot()
    assert root.tag == f"{NS}urlset"
    return {
        node.findtext(f"{NS}loc") or "": node.findtext(f"{NS}lastmod") for node in root.iterfind(f"{NS}url")
    }


def html_pages(out: Path) -> set[str]:
    """Every HTML file as the URL a reader would use."""
    found = set()
    for path in out.rglob("*.html"):
        relative = path.relative_to(out).as_posix()
        found.add("/" + (relative.removesuffix("index.html") if path.name == "index.html" else relative))
    return found


def test_sitemap_lists_every_html_page_except_404_redirects_and_opt_outs(make_site: SiteFactory) -> None:
    site = make_site(SITE)
    build(site)
    out = site / "_site"
    listed = {unquote(loc.removeprefix(ORIGIN)) for loc in urls(out / "sitemap.xml")}
    redirects = {"/财经/", "/要闻/", "/tag/热点.html"}
    assert (out / "404.html").is_file() and (out / "财经/index.html").is_file()
    assert listed == html_pages(out) - {"/404.html", "/hidden.html"} - redirects
    assert {"/", "/about/", "/verify.html", "/archive/", "/archive/2022/05/"} <= listed
    assert "/tag/新京报新闻.html" in listed and "/category/要闻.html" in listed


def test_lastmod_comes_from_content_never_the_clock(make_site: SiteFactory) -> None:
    site = make_site(SITE)
    build(site)
    listed = urls(site / "_site/sitemap.xml")
    lastmod = {unquote(loc.removeprefix(ORIGIN)): value for loc, value in listed.items()}
    assert lastmod["/财经/2022/05/27/a.html"] == "2022-06-01T10:00:00+08:00"  # last_modified_at
    assert lastmod["/财经/2022/05/20/b.html"] == "2022-05-20T09:00:00+08:00"  # its date
    assert lastmod["/category/财经.html"] == "2022-06-01T10:00:00+08:00"  # its newest change
    assert lastmod["/"] == "2022-06-01T10:00:00+08:00"
    assert lastmod["/terms.html"] == "2021-03-04T00:00:00+08:00"  # a page's date front matter
    assert lastmod["/about/"] is None and lastmod["/verify.html"] is None


def test_sitemap_is_identical_whenever_it_is_built(make_site: SiteFactory, tmp_path: Path) -> None:
    site = make_site(SITE)
    build(site, destination=tmp_path / "a", now=datetime(2030, 1, 1, tzinfo=UTC))
    build(site, destination=tmp_path / "b", now=datetime(2031, 1, 1, tzinfo=UTC))
    assert (tmp_path / "a/sitemap.xml").read_bytes() == (tmp_path / "b/sitemap.xml").read_bytes()


def test_sitemap_urls_are_percent_encoded(make_site: SiteFactory) -> None:
    site = make_site(SITE)
    build(site)
    text = (site / "_site/sitemap.xml").read_text(encoding="utf-8")
    assert "财" not in text and "新京报" not in text
    assert f"{ORIGIN}/category/{quote('财经')}.html" in text
    assert f"{ORIGIN}/tag/{quote('新京报新闻')}.html" in text


def test_robots_txt_names_the_sitemap(make_site: SiteFactory) -> None:
    site = make_site(SITE)
    build(site)
    robots = (site / "_site/robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {ORIGIN}/sitemap.xml" in robots.splitlines()
    assert "User-agent: *" in robots


def test_site_own_robots_txt_and_404_win(make_site: SiteFactory) -> None:
    site = make_site(
        {
            **SITE,
            "content/robots.txt": "User-agent: *\nDisallow: /private/\n",
            "content/404.html": "<p>自己的404</p>\n",
        }
    )
    result = build(site)
    assert result.errors == ()
    out = site / "_site"
    assert (out / "robots.txt").read_text(encoding="utf-8") == "User-agent: *\nDisallow: /private/\n"
    assert (out / "404.html").read_text(encoding="utf-8") == "<p>自己的404</p>\n"
    assert f"{ORIGIN}/404.html" not in urls(out / "sitemap.xml")


def test_default_404_page_links_home_with_root_relative_links(make_site: SiteFactory) -> None:
    site = make_site({**SITE, "_config.yml": CONFIG + "baseurl: /news\n"})
    build(site)
    page = (site / "_site/404.html").read_text(encoding="utf-8")
    assert 'href="/news/"' in page and 'href="/news/assets/sitegen.css"' in page
    assert 'rel="canonical"' not in page


def test_many_urls_become_an_index_of_parts(make_site: SiteFactory) -> None:
    site = make_site({**SITE, "_config.yml": CONFIG + "sitemap_max_urls: 4\n"})
    build(site)
    out = site / "_site"
    root = etree.parse(str(out / "sitemap.xml")).getroot()
    assert root.tag == f"{NS}sitemapindex"
    parts = [node.findtext(f"{NS}loc") or "" for node in root.findall(f"{NS}sitemap")]
    assert parts == [f"{ORIGIN}/sitemap-{n}.xml" for n in range(1, len(parts) + 1)]
    assert len(parts) >= 3
    listed: dict[str, str | None] = {}
    for part in parts:
        part_urls = urls(out / part.removeprefix(ORIGIN + "/"))
        assert 1 <= len(part_urls) <= 4
        listed.update(part_urls)
    unlisted = {"/404.html", "/hidden.html", "/财经/", "/要闻/", "/tag/热点.html"}
    assert {unquote(loc.removeprefix(ORIGIN)) for loc in listed} == html_pages(out) - unlisted
    assert (out / "robots.txt").read_text(encoding="utf-8").count("sitemap.xml") == 1


def test_split_respects_the_byte_limit() -> None:
    entries = tuple(SitemapEntry(f"/p{n:03d}.html", None) for n in range(30))
    files = split_sitemap(entries, site_url=ORIGIN, baseurl="", max_urls=50_000, max_bytes=1_200)
    index, parts = files[0], files[1:]
    assert isinstance(index, SitemapIndex) and all(isinstance(part, Sitemap) for part in parts)
    sitemaps = [part for part in parts if isinstance(part, Sitemap)]
    assert [entry for part in sitemaps for entry in part.entries] == list(entries)
    assert all(len(part.entries) <= (1_200 - 400) // 150 for part in sitemaps)
    whole = split_sitemap(entries, site_url=ORIGIN, baseurl="", max_urls=50_000)
    assert len(whole) == 1 and isinstance(whole[0], Sitemap)


def test_sitemap_max_urls_above_the_protocol_limit_is_one_warning_and_the_limit(
    make_site: SiteFactory,
) -> None:
    site = make_site({**SITE, "_config.yml": CONFIG + "sitemap_max_urls: 50001\n"})
    result = build(site)
    named = [
        d
        for d in result.diagnostics
        if d.path is not None and d.path.name == "_config.yml" and "sitemap_max_urls" in d.message
    ]
    assert len(named) == 1 and "50,000" in named[0].message
    assert named[0].line == CONFIG.count("\n") + 1
    assert (site / "_site/sitemap.xml").is_file()


def test_sitemap_max_urls_zero_publishes_neither_sitemap_nor_robots(make_site: SiteFactory) -> None:
    site = make_site({**SITE, "_config.yml": CONFIG + "sitemap_max_urls: 0\n"})
    build(site)
    assert not (site / "_site/sitemap.xml").exists() and not (site / "_site/robots.txt").exists()


def test_a_baseurl_site_is_warned_once_that_robots_txt_belongs_at_the_host_root(
    make_site: SiteFactory,
) -> None:
    site = make_site({**SITE, "_config.yml": SITE["_config.yml"] + "baseurl: /news\n"})
    result = build(site)
    warnings = [str(d) for d in (*result.errors, *result.diagnostics) if "robots.txt" in d.message]
    assert len(warnings) == 1
    assert "_config.yml" in warnings[0] and "/news/robots.txt" in warnings[0]
    assert "host's root" in warnings[0]


def test_a_root_site_gets_no_robots_txt_warning(make_site: SiteFactory) -> None:
    result = build(make_site(SITE))
    assert not [d for d in (*result.errors, *result.diagnostics) if "robots.txt" in d.message]


@given(
    st.lists(st.text(alphabet="ab新/%", min_size=1, max_size=12), min_size=1, max_size=30, unique=True),
    st.integers(min_value=400, max_value=6_000),
    st.integers(min_value=1, max_value=40),
)
def test_sitemap_parts_hold_their_limits_and_split_only_when_needed(
    paths: list[str], max_bytes: int, max_urls: int
) -> None:
    entries = tuple(sorted((SitemapEntry("/" + path, None) for path in paths), key=lambda e: e.url))
    files = split_sitemap(entries, site_url=ORIGIN, baseurl="/基", max_urls=max_urls, max_bytes=max_bytes)

    def size(part: tuple[SitemapEntry, ...]) -> int:
        return 400 + sum(len(absolute_url(e.url, ORIGIN, "/基").encode()) + 120 for e in part)

    parts = [f.entries for f in files if isinstance(f, Sitemap)]
    assert tuple(entry for part in parts for entry in part) == entries
    fits = len(entries) <= max_urls and size(entries) <= max_bytes
    assert (len(files) == 1) == (fits or len(entries) == 1)
    for part in parts:
        assert len(part) == 1 or (len(part) <= max_urls and size(part) <= max_bytes)
    # Greedy: a part ends only where its next entry would break a limit, so the same site
    # splits the same way however the limits are checked.
    for part, following in itertools.pairwise(parts):
        assert len(part) >= max_urls or size((*part, following[0])) > max_bytes
