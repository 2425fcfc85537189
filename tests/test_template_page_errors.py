"""A template whose own code fails on one page's data (`{{ 1 // 0 }}` for one post,
`post.source.href` for a post without categories) is that page's problem: one error line
naming the template, its line and the page, in words; the page is left out and every
other page is published, exit 0 as for a post that cannot be read (`--strict` fails).
It used to fail the whole build, which published nothing. A template failing on every
page it renders is the site's fault still: the build fails and the site stays as it was."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.errors import TemplateError
from sitegen.outcome import BuildResult
from tests.conftest import CONFIG, build, sitegen_main, tree_bytes, write_files

POST_TEMPLATE = (
    '{% extends "base.html" %}\n'
    "{% block content %}<h1>{{ post.title }}</h1>\n"
    "<p>{{ post.source.href }}</p>\n"
    '{% if post.title[:4] == "zero" %}{{ 1 // 0 }}{% endif %}\n'
    "{{ post.body }}{% endblock %}\n"
)
"""Fails on line 3 for a post without categories and on line 4 for one titled `zero…`."""

KINDS = ("fine", "zero", "uncategorized")
FAILING_LINE = {"zero": 4, "uncategorized": 3}


def _post(index: int, kind: str) -> str:
    title = f"{'zero' if kind == 'zero' else 'post'}{index}"
    categories = "" if kind == "uncategorized" else "categories: news\n"
    return f"---\ntitle: {title}\n{categories}---\nbody {index}\n"


def _files(kinds: list[str], jekyll_tree: bool) -> dict[str, str]:
    folder = "_posts" if jekyll_tree else "content/_posts"
    files = {"_config.yml": CONFIG + ("exclude: [templates]\n" if jekyll_tree else "")}
    for index, kind in enumerate(kinds):
        files[f"{folder}/2024-01-{index + 1:02d}-p{index}.md"] = _post(index, kind)
    return files


def _post_file(result: BuildResult, index: int) -> str:
    """The published file of post `index` (its body is `body N`)."""
    root = result.destination
    (found,) = [
        str(path.relative_to(root))
        for path in root.rglob("*.html")
        if f"<p>body {index}</p>" in path.read_text(encoding="utf-8")
        and "<h1" in path.read_text(encoding="utf-8")
        and not path.name.startswith("index")
    ]
    return found


@settings(max_examples=12, deadline=None)
@given(
    kinds=st.lists(st.sampled_from(KINDS), min_size=1, max_size=4),
    jekyll_tree=st.booleans(),
    jobs=st.sampled_from([1, 2]),
)
def test_a_template_failing_on_some_pages_leaves_out_those_pages_only(
    kinds: list[str], jekyll_tree: bool, jobs: int
) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        site = write_files(Path(scratch) / "site", _files(kinds, jekyll_tree))
        first = build(site, jobs=jobs)
        assert first.errors == ()
        files = [_post_file(first, index) for index in range(len(kinds))]
        write_files(site, {"templates/post.html": POST_TEMPLATE})
        if "fine" not in kinds:
            # Failing on every page it renders, it is the site's fault: no build publishes.
            published = tree_bytes(first.destination)
            for options in ({"jobs": jobs}, {"destination": Path(scratch) / "clean", "cache": False}):
                with pytest.raises(TemplateError, match=r"fails on every page it renders"):
                    build(site, **options)
            assert tree_bytes(first.destination) == published
            assert not (Path(scratch) / "clean").exists()
            return

        again = build(site, jobs=jobs)  # incremental, over the published site
        clean = build(site, destination=Path(scratch) / "clean", cache=False, jobs=1)

        for result in (again, clean):
            assert result.published
            errors = [str(error) for error in result.errors]
            failing = [index for index, kind in enumerate(kinds) if kind != "fine"]
            assert len(errors) == len(failing), errors
            for index in failing:
                url = "/" + files[index]
                (line,) = [line for line in errors if f"while rendering {url}:" in line]
                template = site / "templates/post.html"
                assert line.startswith(f"error: {template}:{FAILING_LINE[kinds[index]]}: "), line
                assert not re.search(r"[A-Z][a-z]+Error", line), line  # words, no class name
                assert not (result.destination / files[index]).exists()
            for index, kind in enumerate(kinds):
                if kind == "fine":
                    page = (result.destination / files[index]).read_text(encoding="utf-8")
                    assert f"<h1>post{index}</h1>" in page
        assert tree_bytes(again.destination) == tree_bytes(clean.destination)
        assert [str(e) for e in again.diagnostics] == [str(e) for e in clean.diagnostics]


def test_one_post_failing_in_a_jekyll_tree_template_keeps_the_rest(tmp_path: Path) -> None:
    """The reported case: `templates/post.html` divides by zero for one post of three."""
    site = tmp_path / "s"
    write_files(site, {"_config.yml": "title: T\nurl: https://ex.com\n"})
    for index in (1, 2, 3):
        text = f"---\ntitle: P{index}\ncategories: news\n---\nbody {index}\n"
        write_files(site, {f"_posts/2024-01-0{index}-p{index}.md": text})
    template = (
        '{% extends "base.html" %}\n{% block content %}<h1>{{ post.title }}</h1>\n'
        '{% if post.title == "P2" %}{{ 1 // 0 }}{% endif %}\n{{ post.body }}{% endblock %}\n'
    )
    write_files(site, {"templates/post.html": template})
    code, out, err = sitegen_main("build", "-s", str(site), "-d", str(tmp_path / "out"))
    assert code == 0 and "Traceback" not in err
    errors = [line for line in err.splitlines() if line.startswith("error:")]
    assert errors == [
        f"error: {site}/templates/post.html:3: the template fails while rendering "
        "/news/2024/01/02/p2.html: integer division or modulo by zero; that page is not published"
    ]
    assert "1 error(s)" in out
    assert (tmp_path / "out/news/2024/01/01/p1.html").is_file()
    assert (tmp_path / "out/news/2024/01/03/p3.html").is_file()
    assert not (tmp_path / "out/news/2024/01/02/p2.html").exists()
    code, _, err = sitegen_main("build", "--strict", "-s", str(site), "-d", str(tmp_path / "strict"))
    assert code != 0 and not (tmp_path / "strict").exists()
