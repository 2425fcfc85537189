"""A post's feed `<summary>`, `<meta name="description">` and `og:description` come from
its excerpt, as jekyll-feed (`post.description | default: post.excerpt`) and
jekyll-seo-tag (`page["description"] || page["excerpt"]`) write them: with an
`excerpt_separator` (the post's own or the site's) they never run on past the cut.

Generated posts of a few paragraphs, cut by `<!--more-->`, `[[cut]]` or the default blank
line, are built together; each one's summary and descriptions must be a prefix of the text
of its `page.excerpt` (the "…" of a shortened one aside) and hold no word from behind it.
"""

from __future__ import annotations

import re
import shutil
import warnings
from html import unescape
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, XMLParsedAsHTMLWarning
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import CONFIG, build, write_files

SEPARATORS = ("<!--more-->", "[[cut]]")
#: Words before the cut; words behind it all hold `BEHIND`, so none can be mistaken.
WORDS = ("Teaser", '"para"', "--", "one.", "it's", "新闻", "x" * 30, "y...")

paragraph = st.lists(st.sampled_from(WORDS), min_size=1, max_size=8).map(" ".join)


@st.composite
def post_case(draw: st.DrawFn) -> tuple[str | None, list[str], int]:
    """The post's own separator (None: the site's), its paragraphs, where the cut is."""
    paragraphs = draw(st.lists(paragraph, min_size=1, max_size=4))
    return draw(st.sampled_from((None, *SEPARATORS))), paragraphs, draw(st.integers(0, len(paragraphs)))


def _post(own: str | None, site: str | None, paragraphs: list[str], cut: int) -> str:
    separator = own if own is not None else site
    front = f'excerpt_separator: "{own}"\n' if own is not None else ""
    before = "\n\n".join(paragraphs[:cut]) if separator else paragraphs[0]
    behind = "BEHIND-the-cut words.\n\nMore BEHIND text."
    if separator:
        body = f"{before}\n{separator}\n{behind}" if before else f"{separator}\n{behind}"
    else:
        body = f"{before}\n\n{behind}"
    return f"---\ntitle: p\n{front}---\n{body}\n"


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]*>", " ", html))).strip()


def _summaries(out: Path, number: int) -> list[str]:
    """The post's `description` and `og:description` and its feed entry's `<summary>`."""
    warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
    page = BeautifulSoup((out / f"2024/01/{number + 1:02d}/p{number}.html").read_text("utf-8"), "html.parser")
    found = [
        str(tag["content"])
        for tag in (
            page.select_one('meta[name="description"]'),
            page.select_one('meta[property="og:description"]'),
        )
        if tag is not None
    ]
    feed = BeautifulSoup((out / "feed.xml").read_text("utf-8"), "html.parser")  # its few tags read as HTML
    for entry in feed.select("entry"):
        link = entry.select_one("link")
        summary = entry.select_one("summary")
        if (
            link is not None
            and str(link.get("href", "")).endswith(f"/p{number}.html")
            and summary is not None
        ):
            found.append(summary.get_text())
    return found


@settings(max_examples=10)
@given(site=st.sampled_from((None, *SEPARATORS)), posts=st.lists(post_case(), min_size=1, max_size=4))
def test_summary_and_description_stop_at_the_excerpt(
    tmp_path_factory: pytest.TempPathFactory, site: str | None, posts: list[tuple[str | None, list[str], int]]
) -> None:
    root = tmp_path_factory.mktemp("excerpt")
    files = {
        "_config.yml": CONFIG + (f'excerpt_separator: "{site}"\n' if site is not None else ""),
        "excerpts.html": "---\nlayout: null\n---\n"
        "{% for p in site.posts reversed %}{{ p.excerpt }}@@{% endfor %}",
    }
    for number, (own, paragraphs, cut) in enumerate(posts):
        files[f"_posts/2024-01-{number + 1:02d}-p{number}.md"] = _post(own, site, paragraphs, cut)
    write_files(root / "site", files)
    build(root / "site", destination=root / "out")
    excerpts = (root / "out/excerpts.html").read_text("utf-8").split("@@")
    for number in range(len(posts)):
        excerpt = _text(excerpts[number])
        assert "BEHIND" not in excerpt
        summaries = _summaries(root / "out", number)
        assert len(summaries) == (3 if excerpt else 0) or not excerpt
        for summary in summaries:
            assert "BEHIND" not in summary
            # Spaces aside: the plain text drops those between Chinese words.
            assert re.sub(r"\s", "", excerpt).startswith(re.sub(r"\s", "", _text(summary).removesuffix("…")))
    shutil.rmtree(root)


def test_separator_cuts_feed_summary_and_description(tmp_path: Path) -> None:
    """The example: the excerpt ends at `<!--more-->`, and so do the summary and descriptions."""
    write_files(
        tmp_path / "site",
        {
            "_config.yml": CONFIG + 'excerpt_separator: "<!--more-->"\n',
            "_posts/2024-01-02-a.md": '---\ntitle: a\n---\nTeaser "para" -- one.\n\nSecond.\n<!--more-->\n'
            "BEHIND-THE-CUT text.\n",
        },
    )
    build(tmp_path / "site", destination=tmp_path / "out")
    page = (tmp_path / "out/2024/01/02/a.html").read_text("utf-8")
    feed = (tmp_path / "out/feed.xml").read_text("utf-8")
    assert "Teaser “para” – one. Second." in page
    assert not [tag for tag in re.findall(r"<meta[^>]*>", page) if "BEHIND" in tag]
    assert "<summary" in feed and not [
        s for s in re.findall(r"<summary.*?</summary>", feed, re.S) if "BEHIND" in s
    ]
