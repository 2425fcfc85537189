"""A sitemap `<loc>` must be under 2,048 characters (sitemaps.org): a page with a longer
URL is published, left out of the sitemap and of the news sitemap (`sitemap-news.xml`, a
sitemap too), and named in one warning."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.site.sitemap_locs import MAX_LOC_CHARACTERS
from tests.conftest import CONFIG, build, write_files

SITE_URL = "https://finews.example.com"


def _site(root: Path, folders: int, segment: str) -> Path:
    permalink = "/" + "/".join([segment] * folders) + "/x.html"
    return write_files(
        root,
        {
            "_config.yml": CONFIG,
            "_posts/2022-05-27-long.md": f"---\ntitle: L\npermalink: {permalink}\n---\nx\n",
            "_posts/2022-05-28-short.md": "---\ntitle: S\n---\nx\n",
        },
    )


def _check(root: Path, folders: int, segment: str) -> None:
    site = _site(root / "site", folders, segment)
    result = build(site, destination=root / "out")
    permalink = "/" + "/".join([segment] * folders) + "/x.html"
    locs = re.findall(r"<loc>([^<]*)</loc>", (root / "out/sitemap.xml").read_text(encoding="utf-8"))
    assert all(len(loc) <= MAX_LOC_CHARACTERS for loc in locs)
    news = re.findall(r"<loc>([^<]*)</loc>", (root / "out/sitemap-news.xml").read_text(encoding="utf-8"))
    assert all(len(loc) <= MAX_LOC_CHARACTERS for loc in news)
    assert SITE_URL + "/2022/05/28/short.html" in news  # the news sitemap is there, with the rest
    assert (root / "out" / permalink.lstrip("/")).is_file()  # still published
    warnings = [d for d in result.diagnostics if "sitemap protocol" in d.message]
    long_loc = len(SITE_URL) + len(permalink)  # ASCII: written as it is
    if long_loc > MAX_LOC_CHARACTERS:
        assert [d.path.name for d in warnings] == ["2022-05-27-long.md"]
        assert SITE_URL + permalink not in locs
        assert SITE_URL + permalink not in news
    else:
        assert not warnings
        assert SITE_URL + permalink in locs
        assert SITE_URL + permalink in news


def test_a_url_over_2048_characters_is_left_out_of_the_sitemap_with_a_warning(tmp_path: Path) -> None:
    _check(tmp_path, 10, "a" * 220)


@settings(max_examples=8)
@given(folders=st.integers(8, 12), length=st.integers(200, 250))
def test_every_loc_is_under_2048_characters(folders: int, length: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        _check(Path(folder), folders, "b" * length)
