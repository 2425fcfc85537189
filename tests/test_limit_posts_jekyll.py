"""`limit_posts: N` publishes only the newest N posts, as Jekyll does (`Site#limit_posts!`,
jekyll/lib/jekyll/site.rb: the last N of the posts sorted by date, then path, drafts
shown among them, before anything renders, so Liquid's `site.posts` holds the same).
sitegen ignored the key with a warning and published every post. A value Jekyll stops on
(negative, or no number) is one error line naming `_config.yml` and the key's line, and
every post is published; a float is cut to a whole number, as in Jekyll."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import built_by_both, sitegen_main, write_files
from tests.published_sources import marked, published_sources

#: Lists the titles of `site.posts`, newest first, as Jekyll's Liquid writes them.
LISTING = "---\nlayout: null\n---\n{% for p in site.posts %}{{ p.title }};{% endfor %}\n"

POST = st.tuples(
    st.sampled_from(("_posts", "_posts", "_drafts", "news/_posts")),
    st.integers(1, 4),  # the day: posts of one day are ordered by path
    st.sampled_from(("", "", "10:00:00", "23:59:59")),
    st.booleans(),  # published
)
LIMITS = st.one_of(st.integers(0, 8), st.sampled_from((1.5, 2.0, 3.99)), st.none())


@settings(max_examples=15, deadline=None)
@given(posts=st.lists(POST, min_size=1, max_size=8), limit=LIMITS, drafts=st.booleans())
def test_the_newest_posts_are_published_as_jekyll_publishes_them(
    tmp_path_factory: pytest.TempPathFactory,
    posts: list[tuple[str, int, str, bool]],
    limit: int | float | None,
    drafts: bool,
) -> None:
    root = tmp_path_factory.mktemp("limit")
    config = f"title: T\nlimit_posts: {'' if limit is None else limit}\nshow_drafts: {str(drafts).lower()}\n"
    files = {"_config.yml": config, "list.html": LISTING}
    for n, (folder, day, time, published) in enumerate(posts, start=1):
        date = f"2022-05-0{day}"
        front = f"title: T{n}\n" + (f"date: {date} {time} +0000\n" if time or folder == "_drafts" else "")
        front += "" if published else "published: false\n"
        name = f"{date}-p{n}.md" if folder != "_drafts" else f"d{n}.md"
        files[f"{folder}/{name}"] = marked("POST", n, front)
    site = write_files(root / "site", files)
    (both,) = built_by_both([site])
    result = both.result
    assert both.sitegen == both.jekyll
    jekyll_listing = (site / "_jekyll/list.html").read_text(encoding="utf-8")
    assert (both.destination / "list.html").read_text(encoding="utf-8") == jekyll_listing
    assert not result.errors, [str(d) for d in result.errors]


@pytest.mark.parametrize(
    ("value", "level"),
    [("-1", "error"), ("-0.5", "error"), ("abc", "error"), ('"2"', "error"), ("true", "error"),
     ("[1]", "error"), ("{a: 1}", "error"), ("2022-05-01", "error"), ("0.5", "warning")],
)  # fmt: skip
def test_a_value_jekyll_stops_on_is_one_line_at_the_key_and_every_post_is_published(
    tmp_path: Path, value: str, level: str
) -> None:
    site = write_files(
        tmp_path / "site",
        {
            "_config.yml": f"title: T\n\nlimit_posts: {value}\n",
            "_posts/2022-05-01-a.md": marked("POST", 1, ""),
            "_posts/2022-05-02-b.md": marked("POST", 2, ""),
        },
    )
    code, _, stderr = sitegen_main("build", "-s", str(site), "-d", str(tmp_path / "out"))
    said = [line for line in stderr.splitlines() if "limit_posts" in line]
    at_the_key = f"{level}: {site}/_config.yml:3: setting 'limit_posts'"
    assert len(said) == 1 and said[0].startswith(at_the_key), stderr
    assert "Traceback" not in stderr and code == 0
    assert set(published_sources(tmp_path / "out").values()) == {"POST1", "POST2"}
    strict, _, _ = sitegen_main("build", "--strict", "-s", str(site), "-d", str(tmp_path / "strict"))
    assert (strict != 0) == (level == "error")
