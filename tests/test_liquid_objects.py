"""Liquid objects print as in Jekyll 4.3: data tables, excerpts, other posts' content,
URLs, times, `site.author`, `jekyll`, and pages that are neither HTML nor Markdown.

Each tree is built by Jekyll itself and by sitegen with no layout (`layout: null` for
every file), so both write exactly what the Liquid rendered; the outputs must match.
"""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.content.excerpt import excerpt_source
from sitegen.content.site_data import table_rows
from sitegen.liquid.objects import ruby_time
from tests.conftest import build, jekyll_build, write_files

NO_LAYOUT = 'defaults:\n  - scope: {path: ""}\n    values: {layout: null}\n'
CONFIG = (
    "title: T\ntimezone: Asia/Shanghai\nauthor:\n  name: 张三\n  email: a@b.c\n"
    "url: https://ex.com\n" + NO_LAYOUT
)
PROBE = (
    "---\ntitle: Q\nexcerpt: Custom ex\n---\n[data]\n"
    "{% for p in site.data.people %}- {{ p.name }}|{{ p.age }}|{{ p.city }}|{{ p | size }}\n"
    "{% endfor %}{{ site.data.t | jsonify }}\n"
    "[page] {{ page.date }} / {{ page.excerpt }} / {{ page.url }}\n"
    "[author] {{ site.author.name }} {{ site.author.email }}\n"
    "[jekyll] {{ jekyll.environment }}\n"
    "{% for p in site.posts %}== {{ p.title }} {{ p.url }} {{ p.date }} {{ p.id }}\n"
    "EX: {{ p.excerpt }}\nCO: {{ p.content }}\n{% endfor %}"
)
TREE = {
    "_config.yml": CONFIG,
    "_data/people.csv": 'name,age,city\n张三,30,北京\n"李, 四",,\n\nwang,5\n',
    "_data/t.tsv": "a\tb\nx\ty\n",
    "_posts/2024-03-04-first.md": (
        "---\ntitle: First\ndate: 2024-03-04 20:00:00 +0800\n---\n"
        "Hello *world* {{ site.title }}.\n\nSecond [para][r].\n\n[r]: /x\n"
    ),
    "_posts/2024-03-05-新 闻.md": "---\ntitle: Second\n---\nIntro line.\n\nMore.\n",
    "_posts/2024-03-06-third.html": "---\ntitle: Third\n---\n<p>Para one</p>\n\n<p>Para two</p>\n",
    "_posts/2024-03-07-q.html": PROBE,
    "feed.xml": (
        "---\n---\n<feed>{% for p in site.posts %}<e>{{ p.url | absolute_url }}</e>{% endfor %}</feed>\n"
    ),
    "robots.txt": "---\n---\nSitemap: {{ site.url }}/sitemap.xml\n",
    "data.json": "---\n---\n{{ site.data.t | jsonify }}\n",
    "style.css": "---\n---\nbody { color: red; } /* {{ site.title }} */\n",
}
OUTPUTS = ("2024/03/07/q.html", "feed.xml", "robots.txt", "data.json", "style.css")


def test_liquid_objects_print_as_in_jekyll(tmp_path: Path) -> None:
    site = write_files(tmp_path / "site", TREE)
    jekyll_build(site, tmp_path / "jekyll")
    result = build(site, destination=tmp_path / "sitegen")
    assert [d for d in result.diagnostics if d.level == "error"] == []
    for output in OUTPUTS:
        expected = _normal((tmp_path / "jekyll" / output).read_text(encoding="utf-8"))
        assert _normal((tmp_path / "sitegen" / output).read_text(encoding="utf-8")) == expected, output


def _normal(text: str) -> str:
    """Text with blank lines folded: kramdown puts one between paragraphs, markdown-it none."""
    return re.sub(r"\n\s*\n", "\n", text).strip()


def test_jekyll_version_and_site_time(tmp_path: Path) -> None:
    site = write_files(
        tmp_path / "site",
        {
            "_config.yml": "title: T\ntimezone: Asia/Shanghai\n" + NO_LAYOUT,
            "_posts/2024-03-04-a.html": "---\n---\n{{ jekyll.version }} {{ site.time }}\n",
        },
    )
    build(site, destination=tmp_path / "out")
    text = (tmp_path / "out" / "2024/03/04/a.html").read_text(encoding="utf-8")
    assert text == "4.3.1 2026-11-25 20:00:00 +0800\n"  # the build's moment, in the site zone


@settings(max_examples=40)
@given(st.lists(st.lists(st.text(alphabet='ab," \n', max_size=4), min_size=1, max_size=3), max_size=4))
def test_every_table_row_has_every_header(rows: list[list[str]]) -> None:
    import csv
    import io

    buffer = io.StringIO()
    csv.writer(buffer).writerows([["h1", "h2"], *rows])
    parsed = table_rows(buffer.getvalue(), ",")
    assert len(parsed) == len(rows)
    assert all(set(row) == {"h1", "h2"} for row in parsed)


@given(st.text(alphabet="ab\n[]:x ", max_size=30))
def test_excerpt_source_is_a_prefix_of_the_body_up_to_the_separator(body: str) -> None:
    head = excerpt_source(body, "\n\n")
    assert head.startswith(body.partition("\n\n")[0])


def test_ruby_time_prints_as_ruby() -> None:
    from datetime import datetime, timedelta, timezone

    moment = datetime(2024, 3, 4, 20, 0, tzinfo=timezone(timedelta(hours=8)))
    assert str(ruby_time(moment)) == "2024-03-04 20:00:00 +0800"


def test_files_without_front_matter_of_an_output_collection_are_copied_as_jekyll_copies_them(
    tmp_path: Path,
) -> None:
    config = (
        "title: T\ncollections:\n  docs:\n    output: true\n"
        "  guides:\n    output: true\n    permalink: /g/:path/\n  notes:\n    output: false\n"
    )
    files: dict[str, str | bytes] = {
        "_config.yml": config,
        "_docs/intro.md": "---\ntitle: Intro\n---\nHi\n",
        "_docs/img/a.png": b"\x89PNG",
        "_docs/deep/x/data.tar.gz": b"gz",
        "_guides/one.md": "---\n---\nOne\n",
        "_guides/pic.jpg": b"jpg",
        "_notes/n.txt": "not copied\n",
    }
    site = write_files(tmp_path / "site", files)
    jekyll_build(site, tmp_path / "jekyll")
    build(site, destination=tmp_path / "sitegen")
    for output in ("docs/img/a.png", "docs/deep/x/data.tar.gz", "g/pic.jpg"):
        assert (tmp_path / "jekyll" / output).is_file(), output
        assert (tmp_path / "sitegen" / output).read_bytes() == (tmp_path / "jekyll" / output).read_bytes()
    assert not (tmp_path / "jekyll" / "notes").exists() and not (tmp_path / "sitegen" / "notes").exists()


def test_the_sites_own_index_sees_the_first_page_of_jekyll_paginate(tmp_path: Path) -> None:
    files = {
        "_config.yml": "title: T\nplugins: [jekyll-paginate]\npaginate: 2\n" + NO_LAYOUT,
        "index.html": (
            "---\n---\n{% for p in paginator.posts %}{{ p.title }},{% endfor %} "
            "{{ paginator.page }}/{{ paginator.total_pages }} {{ paginator.total_posts }} "
            "[{{ paginator.previous_page_path }}] {{ paginator.next_page_path }}\n"
        ),
        **{f"_posts/2024-03-0{day}-p{day}.html": f"---\ntitle: P{day}\n---\nx\n" for day in range(1, 6)},
    }
    site = write_files(tmp_path / "site", files)
    build(site, destination=tmp_path / "out")
    assert (tmp_path / "out" / "index.html").read_text(encoding="utf-8") == "P5,P4, 1/3 5 [] /page2\n"
    assert (tmp_path / "out" / "page2" / "index.html").read_text(
        encoding="utf-8"
    ) == "P3,P2, 2/3 5 [/] /page3\n"
