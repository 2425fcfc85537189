"""A feed's and its entries' `<id>` are jekyll-feed's for every way a site writes `url`
and `baseurl`: `absolute_url` joins `url` as written (`https://ex.com/` keeps its `/`:
`https://ex.com//2024/01/01/a`) and normalizes as Addressable does (`Ex.COM` is
`ex.com`, `:443` left out). Feed readers go by these ids: before, a site whose `url`
ended in `/` or had capitals got new ids, and its readers showed its posts again."""

from __future__ import annotations

import random
import re
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import built_by_both, one_seeded_batch, write_files

SCHEMES = ("https", "HTTPS", "http")
HOSTS = ("ex.com", "Ex.COM", "news.ex.com.", "ex.com:443", "ex.com:8080", "ex.com:80")
ENDS = ("", "/")
BASEURLS = (None, '""', '"/"', "/blog", "/blog/", "blog", '"/新 闻"')


def _site(rng: random.Random) -> dict[str, str]:
    url = f"{rng.choice(SCHEMES)}://{rng.choice(HOSTS)}{rng.choice(ENDS)}"
    baseurl = rng.choice(BASEURLS)
    config = f"title: T\nplugins: [jekyll-feed]\nurl: {url}\n" + (f"baseurl: {baseurl}\n" if baseurl else "")
    files = {"_config.yml": config}
    for number in range(rng.randint(1, 3)):
        category = rng.choice(("", "news", "新闻"))
        files[f"_posts/2024-01-0{number + 1}-p{number}.md"] = (
            f"---\ntitle: p{number}\ncategories: [{category}]\n---\nx\n"
        )
    return files


def _ids(feed: Path) -> list[str]:
    return re.findall(r"<id>([^<]*)</id>", feed.read_text(encoding="utf-8"))


@one_seeded_batch
@given(seed=st.integers(0, 2**32))
def test_feed_ids_are_jekyll_feeds(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    sites = [write_files(tmp_path / f"s{number}", _site(rng)) for number in range(12)]
    for both in built_by_both(sites):
        expected = _ids(both.site / "_jekyll" / "feed.xml")
        assert len(expected) > 1
        config = (both.site / "_config.yml").read_text(encoding="utf-8")
        assert _ids(both.destination / "feed.xml") == expected, config
