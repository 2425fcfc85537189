"""`sort` without a property orders posts and collection documents as Jekyll's
`Document#<=>` (jekyll/document.rb, jekyll/drops/document_drop.rb) does: by date, then
by path. `{{ site.posts | sort }}` failed the tag with `comparison of Hash with Hash
failed`, since sitegen compared a post as any other hash."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from sitegen.liquid.objects import DocumentDrop, ruby_time
from sitegen.liquid.ruby_sort import jekyll_sort
from tests.conftest import build, jekyll_build, write_files

DAYS = st.sampled_from(
    [ruby_time(datetime(2024, 1, day, hour, tzinfo=UTC)) for day in (1, 2) for hour in (0, 5)]
)
PATHS = st.sampled_from(["_posts/a.md", "_posts/b.md", "_posts/B.md", "_posts/sub/a.md", "_posts/é.md"])


def _drop(day: datetime, path: str) -> DocumentDrop:
    return DocumentDrop({"date": day, "path": path, "title": path}, None)


@given(documents=st.lists(st.tuples(DAYS, PATHS), max_size=8))
def test_documents_sort_by_date_then_path(documents: list[tuple[datetime, str]]) -> None:
    drops = [_drop(day, path) for day, path in documents]
    ordered = jekyll_sort(drops)
    keys = [(drop["date"], drop["path"].encode()) for drop in ordered]
    assert keys == sorted(keys)


def test_site_posts_sort_as_jekyll_sorts_them(tmp_path: Path) -> None:
    """The reported page, with two posts of one day (ordered by path) and one whose
    front-matter time makes it the earliest."""
    markup = '{{ site.posts | sort | map: "title" | join: "," }}'
    site = write_files(
        tmp_path / "site",
        {
            "_config.yml": "title: T\n",
            "_posts/2024-01-02-b.md": "---\ntitle: B\n---\nx\n",
            "_posts/2024-01-02-a.md": "---\ntitle: A\n---\nx\n",
            "_posts/2024-01-03-c.md": "---\ntitle: C\ndate: 2024-01-01 10:00:00 +0000\n---\nx\n",
            "index.html": f"---\n---\n<p>sorted: {markup}</p>\n",
        },
    )
    jekyll_build(site, tmp_path / "jekyll")
    result = build(site, destination=tmp_path / "out")
    assert not [problem for problem in result.diagnostics if "sort:" in problem.message]
    expected = "<p>sorted: C,A,B</p>"
    assert expected in (tmp_path / "jekyll/index.html").read_text(encoding="utf-8")
    assert expected in (tmp_path / "out/index.html").read_text(encoding="utf-8")
