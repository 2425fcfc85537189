"""Liquid printing a drop whole (`{{ page.previous }}`, `{{ site.posts }}`, `{{ forloop }}`)
prints what Jekyll prints, and never Python's `<… object at 0x…>`, whose address makes
every build's page different.

Jekyll's `DocumentDrop#to_s` is `Document#to_s`: `output || content`. Built without
layouts (`layout: null`), a post rendered before (an older one: posts render oldest
first) prints its rendered body, and one not yet rendered its text as written, in
Jekyll and in sitegen alike.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.jekyll.ruby_scalars import object_text
from sitegen.liquid.objects import DocumentDrop
from tests.conftest import build, jekyll_build, tree_bytes, write_files

NO_LAYOUT = 'defaults:\n  - scope: {path: ""}\n    values: {layout: null}\n'
CONFIG = "title: T\ntimezone: Asia/Shanghai\nurl: https://ex.com\n" + NO_LAYOUT
ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+")


def _post(day: int, body: str) -> tuple[str, str]:
    return f"_posts/2024-03-0{day}-p{day}.html", f"---\ntitle: P{day}\n---\n<p>{day}</p>{body}\n"


def test_a_printed_post_is_its_body_as_in_jekyll(tmp_path: Path) -> None:
    neighbours = "prev=[{{ page.previous }}] next=[{{ page.next }}]"
    loops = (
        "{% for p in site.posts %}{{ forloop }}{% endfor %}"
        "{% tablerow p in site.posts limit: 1 %}{{ tablerowloop }}{% endtablerow %}"
    )
    site = write_files(
        tmp_path / "site",
        {
            "_config.yml": CONFIG,
            **dict(_post(day, neighbours) for day in (1, 2, 3)),
            "all.html": "---\n---\nfirst=[{{ site.posts.first }}] all=[{{ site.posts }}]\n" + loops,
        },
    )
    jekyll_build(site, tmp_path / "jekyll")
    result = build(site, destination=tmp_path / "sitegen")
    assert [d for d in result.diagnostics if d.level == "error"] == []
    for output in ("2024/03/01/p1.html", "2024/03/02/p2.html", "2024/03/03/p3.html", "all.html"):
        expected = (tmp_path / "jekyll" / output).read_text(encoding="utf-8")
        assert (tmp_path / "sitegen" / output).read_text(encoding="utf-8") == expected, output
    assert "Liquid::ForloopDrop" in (tmp_path / "sitegen" / "all.html").read_text(encoding="utf-8")


OBJECTS = (
    "site.posts.first",
    "site.posts.last",
    "site.posts",
    "page",
    "page.previous",
    "page.next",
    "site.pages",
    "site.pages.first",
    "site.static_files",
    "site.collections.first",
    "site.categories",
    "site.tags.t",
    "site.documents",
    "site.html_pages",
    "site.data",
    "paginator",
    "jekyll",
    "forloop",
    "tablerowloop",
)
FILTERS = ("", " | inspect", " | jsonify", " | first", " | last", " | join: ','", " | size")


def _markup(name: str, liquid_filter: str) -> str:
    printed = "{{ " + name + liquid_filter + " }}"
    if name == "forloop":
        return "{% for p in site.posts %}" + printed + "{% endfor %}"
    if name == "tablerowloop":
        return "{% tablerow p in site.posts %}" + printed + "{% endtablerow %}"
    return printed


@settings(max_examples=12)
@given(
    printed=st.lists(st.tuples(st.sampled_from(OBJECTS), st.sampled_from(FILTERS)), min_size=1, max_size=4),
    in_a_post=st.booleans(),
)
def test_no_printed_object_shows_an_address(
    printed: list[tuple[str, str]], in_a_post: bool, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Whatever object a body prints, through whatever filter, the page holds no memory
    address, and a second clean build writes the same bytes."""
    root = tmp_path_factory.mktemp("drops")
    markup = "\n".join(_markup(name, liquid_filter) for name, liquid_filter in printed)
    probe = ("probe.html", "---\n---\n")
    if in_a_post:
        probe = ("_posts/2024-03-05-probe.html", "---\ntags: t\n---\n")
    site = write_files(
        root / "site",
        {
            "_config.yml": CONFIG,
            "_data/d.yml": "a: 1\n",
            "assets/f.txt": "x\n",
            **dict(_post(day, "{{ page.previous }}") for day in (1, 2)),
            probe[0]: probe[1] + markup + "\n",
        },
    )
    first = build(site, destination=root / "one", cache=False)
    assert [d.message for d in first.diagnostics if d.level == "error"] == []
    second = build(site, destination=root / "two", cache=False)
    one, two = tree_bytes(root / "one"), tree_bytes(root / "two")
    for name, data in one.items():
        assert not ADDRESS.search(data.decode("utf-8", "replace")), (name, markup)
    assert one == two, markup
    assert second.diagnostics == first.diagnostics


class _Plain:
    pass


def test_an_object_without_text_of_its_own_prints_its_class_name() -> None:
    assert object_text(_Plain()) == "_Plain"  # as Liquid's `Drop#to_s` prints a drop's class
    assert object_text(3j) == "3j"


def test_a_body_that_failed_to_read_is_read_again() -> None:
    """A post's body is read from the cache on first use; a read that failed is not
    taken for an empty body by the next read."""
    answers: list[str | Exception] = [OSError("cache busy"), "<p>body</p>"]

    def read() -> str:
        answer = answers.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return answer

    drop = DocumentDrop({"content": ""}, None, make_content=read)
    with pytest.raises(OSError, match="cache busy"):
        drop["content"]
    assert drop["content"] == "<p>body</p>"
    assert str(drop) == "<p>body</p>"
