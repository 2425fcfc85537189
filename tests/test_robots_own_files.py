"""robots.txt follows jekyll-sitemap's rule: written whenever the site has none of its
own (`JekyllSitemap#generate` adds it unless `robots.txt` exists in the source), whether
the sitemap is generated or the site's own, and it names every sitemap published at
/sitemap.xml and the news sitemap sitegen writes.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import build, post, write_files

ORIGIN = "https://ex.com"
OWN_FILES = ("sitemap.xml", "robots.txt", "sitemap-news.xml")
OWN_TEXT = {
    "sitemap.xml": (
        '<?xml version="1.0"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        "<url><loc>{{ site.url }}/own</loc></url></urlset>\n"
    ),
    "robots.txt": "User-agent: *\nDisallow: /own\n",
    "sitemap-news.xml": '<?xml version="1.0"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"/>\n',
}


def site_files(own: dict[str, str], news: bool) -> dict[str, str | bytes]:
    files: dict[str, str | bytes] = {
        "_config.yml": f"title: T\nurl: {ORIGIN}\n" + ("" if news else "news: false\n"),
        "_posts/2024-01-01-p.md": post(date="2024-01-01 10:00:00 +0800"),
    }
    for name, form in own.items():
        # A page with front matter (`layout: null`, or no layout at all: not HTML, so not
        # laid out), or a static file copied as it is.
        front = {"page": "---\nlayout: null\n---\n", "bare": "---\n---\n", "static": ""}[form]
        files[name] = front + OWN_TEXT[name].replace(
            "{{ site.url }}", ORIGIN if form == "static" else "{{ site.url }}"
        )
    return files


@settings(max_examples=12)
@given(
    own=st.dictionaries(st.sampled_from(OWN_FILES), st.sampled_from(("page", "bare", "static")), max_size=3),
    news=st.booleans(),
)
def test_robots_txt_is_written_unless_the_site_has_one_and_names_what_is_published(
    tmp_path_factory: pytest.TempPathFactory, own: dict[str, str], news: bool
) -> None:
    root = tmp_path_factory.mktemp("robots")
    site = write_files(root / "site", site_files(own, news))
    result = build(site, destination=root / "out")
    assert not result.errors, result.errors
    out = root / "out"
    robots = (out / "robots.txt").read_text(encoding="utf-8")
    if "robots.txt" in own:
        assert robots == OWN_TEXT["robots.txt"]
        return
    named = [line.removeprefix("Sitemap: ") for line in robots.splitlines() if line.startswith("Sitemap:")]
    expected = [f"{ORIGIN}/sitemap.xml"]
    if news and "sitemap-news.xml" not in own:
        expected.append(f"{ORIGIN}/sitemap-news.xml")
    assert named == expected
    for url in named:
        assert (out / url.removeprefix(ORIGIN + "/")).is_file(), url
    if "sitemap.xml" in own:
        assert f"{ORIGIN}/own" in (out / "sitemap.xml").read_text(encoding="utf-8")


def test_the_sites_own_sitemap_keeps_the_generated_robots_txt(tmp_path: Path) -> None:
    site = write_files(tmp_path / "site", site_files({"sitemap.xml": "page"}, news=True))
    assert not build(site, destination=tmp_path / "out").errors
    lines = (tmp_path / "out" / "robots.txt").read_text(encoding="utf-8").splitlines()
    assert [line for line in lines if line.startswith("Sitemap:")] == [
        f"Sitemap: {ORIGIN}/sitemap.xml",
        f"Sitemap: {ORIGIN}/sitemap-news.xml",
    ]
