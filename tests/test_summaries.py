"""A post's summary is made once per render process and is the same wherever it shows."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path, PurePosixPath

from sitegen.model import Post
from sitegen.render.summaries import KEPT_SUMMARIES, Summaries
from sitegen.render.views import Link

ZONE = timezone(timedelta(hours=8))


def _post(name: str, categories: tuple[str, ...]) -> Post:
    return Post(
        source_path=Path(f"/site/_posts/2024-05-01-{name}.md"),
        relative_path=PurePosixPath(f"_posts/2024-05-01-{name}.md"),
        title=f"标题 {name}",
        date=datetime(2024, 5, 1, 9, 30, tzinfo=ZONE),
        slug=name,
        categories=categories,
        tags=(),
        layout="post",
        url=f"/2024/05/01/{name}.html",
        body_html="<p>正文</p>",
        front_matter={},
        excerpt="正文",
    )


def _summaries(made: list[str]) -> Summaries:
    def link(url: str) -> str:
        made.append(url)
        return "/base" + url

    return Summaries(link, lambda name: Link(name.upper(), f"/base/category/{name}.html"))


def test_a_summary_is_made_once_and_then_handed_out_again() -> None:
    made: list[str] = []
    summaries = _summaries(made)
    post = _post("a", ("news",))
    first = summaries.of(post)
    assert summaries.of(post) is first
    assert summaries.without_category(post).category is None
    assert made == ["/2024/05/01/a.html"]


def test_a_summary_carries_the_display_values() -> None:
    summary = _summaries([]).of(_post("a", ("news", "world")))
    assert (summary.title, summary.href, summary.date, summary.date_iso, summary.excerpt) == (
        "标题 a",
        "/base/2024/05/01/a.html",
        "2024-05-01 09:30",
        "2024-05-01T09:30:00+08:00",
        "正文",
    )
    assert summary.category == Link("NEWS", "/base/category/news.html")


def test_without_category_keeps_the_rest_and_a_post_without_category_has_none() -> None:
    summaries = _summaries([])
    post = _post("a", ("news",))
    bare = summaries.without_category(post)
    assert (bare.title, bare.href, bare.date) == (
        summaries.of(post).title,
        summaries.of(post).href,
        "2024-05-01 09:30",
    )
    assert summaries.of(_post("b", ())).category is None


def test_only_the_newest_summaries_are_kept_and_a_dropped_one_is_made_again_alike() -> None:
    made: list[str] = []
    summaries = _summaries(made)
    posts = [_post(f"p{number}", ("cat",)) for number in range(KEPT_SUMMARIES + 10)]
    first = summaries.of(posts[0])
    for post in posts[1:]:
        summaries.of(post)
    assert len(summaries._made) == KEPT_SUMMARIES
    made.clear()
    assert summaries.of(posts[0]) == first  # dropped, made again, the same
    assert made == [posts[0].url]
    summaries.of(posts[-1])  # still kept: not made again
    assert made == [posts[0].url]
