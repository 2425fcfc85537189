"""A template file that fails on every page that reaches it is broken, whatever the
pages' templates: the build fails naming it, and the published site stays as it was.
One that fails on some pages and renders others is those pages' problem: each is named
and falls back, the rest is published, exit 0.

The reported case: a `{{ 1 / 0 }}` or a missing include in the base layout of a small
site (its `post.html`, `index.html`, `category.html`, `page.html`, … each planned once
or twice) published every page in the theme's design under a line per page, exit 0,
since only a page template planned for two or more pages that failed on each of them
counted as broken."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.errors import Diagnostic, TemplateError
from sitegen.render.template_errors import check_failed_somewhere_only, page_message
from sitegen.theme import default_theme_dir
from tests.conftest import CONFIG, build, sitegen_main, tree_bytes, write_files

FAILS = (
    "{% if (post is defined and post.title[:4] == 'zero') or "
    "(page is defined and page.title[:4] == 'zero') %}"
)
"""True on the posts and pages titled `zero…` (a crawled title)."""

BREAKS = {
    "zero": "{{ 1 // 0 }}",
    "missing": '{% include "missing.html" %}',
    "syntax": "{% if %}",
    "some": FAILS + "{{ 1 // 0 }}{% endif %}",
}
"""How a file is broken: for every page (at run time, or when compiled), or only for
the posts and pages titled `zero…`."""

PLACES = {"base.html": "<body>\n", "post.html": "{% block content %}\n", "page.html": "{% block content %}\n"}
"""Where in the theme's file a break (or a mark) goes: a spot every page using it runs once."""

INCLUDE = '{% include "_extra.html" %}'


def _theme(name: str) -> str:
    return (default_theme_dir() / name).read_text(encoding="utf-8")


def _templates(includers: frozenset[str], broken: str, code: str) -> dict[str, str]:
    """The site's `templates/`: the theme's base, post and page templates, those in
    `includers` including `_extra.html`, with `code` put into `broken`."""
    files = {}
    for name, spot in PLACES.items():
        text = _theme(name)
        assert spot in text, name
        added = (code if name == broken else "") + (INCLUDE if name in includers else "")
        files[f"templates/{name}"] = text.replace(spot, spot + added, 1)
    files["templates/_extra.html"] = (code if broken == "_extra.html" else "") + "<p>extra</p>\n"
    return files


def _site(posts: list[bool], pages: list[bool], jekyll_tree: bool) -> dict[str, str]:
    """Posts and pages, each titled `zero…` where drawn True."""
    prefix = "" if jekyll_tree else "content/"
    files = {"_config.yml": CONFIG + ("exclude: [templates]\n" if jekyll_tree else "")}
    for index, zero in enumerate(posts):
        title = f"{'zero' if zero else 'post'}{index}"
        text = f"---\ntitle: {title}\ncategories: news\n---\nbody {index}\n"
        files[f"{prefix}_posts/2024-01-{index + 1:02d}-p{index}.md"] = text
    for index, zero in enumerate(pages):
        title = f"{'zero' if zero else 'page'}{index}"
        files[f"{prefix}page{index}.md"] = f"---\nlayout: page\ntitle: {title}\n---\ntext {index}\n"
    return files


@settings(max_examples=12, deadline=None)
@given(
    posts=st.lists(st.booleans(), min_size=1, max_size=4),
    pages=st.lists(st.booleans(), max_size=2),
    includers=st.frozensets(st.sampled_from(sorted(PLACES))),
    broken=st.sampled_from([*sorted(PLACES), "_extra.html"]),
    how=st.sampled_from(sorted(BREAKS)),
    jekyll_tree=st.booleans(),
)
def test_a_file_failing_wherever_it_runs_fails_the_build(
    posts: list[bool],
    pages: list[bool],
    includers: frozenset[str],
    broken: str,
    how: str,
    jekyll_tree: bool,
) -> None:
    if jekyll_tree and how == "syntax":
        how = "zero"  # a plain Jekyll tree sets a template it cannot compile aside (its own test)
    with tempfile.TemporaryDirectory() as scratch:
        site = write_files(Path(scratch) / "site", _site(posts, pages, jekyll_tree))
        # Which pages reach the broken file, and which of them it fails on.
        fails = f"{FAILS}<!--fails-->{{% endif %}}" if how == "some" else "<!--fails-->"
        write_files(site, _templates(includers, broken, f"{fails}<!--uses-->"))
        marked = tree_bytes(build(site, destination=Path(scratch) / "marked", cache=False).destination)
        users = {path for path, data in marked.items() if b"<!--uses-->" in data}
        failing = {path for path, data in marked.items() if b"<!--fails-->" in data}
        write_files(site, _templates(includers, broken, ""))
        good = build(site)
        assert good.errors == ()
        published = tree_bytes(good.destination)

        write_files(site, _templates(includers, broken, BREAKS[how]))
        failed_posts = sum(zero for zero in posts) if how == "some" else len(posts)
        failed_pages = sum(zero for zero in pages) if how == "some" else len(pages)
        reaches_posts = broken in {"base.html", "post.html"} or (
            broken == "_extra.html" and bool(includers & {"base.html", "post.html"})
        )
        reaches_pages = broken in {"base.html", "page.html"} or (
            broken == "_extra.html" and bool(includers & {"base.html", "page.html"})
        )
        whole_kind = (reaches_posts and failed_posts == len(posts) > 1) or (
            reaches_pages and failed_pages == len(pages) > 1
        )
        expect_broken = how == "syntax" or (failing == users and len(failing) > 1) or whole_kind
        if expect_broken:
            # Twice over the last good site (a failed build leaves nothing that a second
            # could take for done), and clean.
            for options in ({}, {}, {"destination": Path(scratch) / "clean", "cache": False}):
                with pytest.raises(TemplateError) as raised:
                    build(site, **options)
                assert str(raised.value.path).endswith(f"templates/{broken}"), raised.value
            assert tree_bytes(good.destination) == published
            assert not (Path(scratch) / "clean").exists()
            return
        again = build(site)  # incremental, over the last good site
        clean = build(site, destination=Path(scratch) / "clean", cache=False)
        for result in (again, clean):
            assert result.published
            assert len(result.errors) == len(failing) == result.pages_fallen_back, result.errors
            assert all(str(error.path).endswith(f"templates/{broken}") for error in result.errors)
        assert tree_bytes(again.destination) == tree_bytes(clean.destination)


def test_a_broken_base_layout_of_a_small_site_fails_the_build_once(tmp_path: Path) -> None:
    """The reported case, on the command line: one post and one page, each page template
    planned once; one line naming the file and line, exit 1, the last good site as it
    was. One crawled title failing it on one post publishes the rest."""
    site = write_files(tmp_path / "s", {**_site([False], [False], False), **_templates(frozenset(), "", "")})
    out = tmp_path / "out"
    code, _, err = sitegen_main("build", "-s", str(site), "-d", str(out))
    assert code == 0, err
    published = tree_bytes(out)
    write_files(site, _templates(frozenset(), "base.html", "{{ 1 / 0 }}"))
    code, _, err = sitegen_main("build", "-s", str(site), "-d", str(out))
    assert code == 1 and "Traceback" not in err
    (line,) = [line for line in err.splitlines() if line.startswith("error:")]
    assert line.startswith(f"error: {site}/templates/base.html:13: fails on every page it renders ("), line
    assert "division by zero" in line
    assert tree_bytes(out) == published
    write_files(site, _templates(frozenset(), "base.html", BREAKS["missing"]))
    code, _, err = sitegen_main("build", "-s", str(site), "-d", str(out))
    (line,) = [line for line in err.splitlines() if line.startswith("error:")]
    assert code == 1 and line.endswith(": template missing.html not found"), line
    assert tree_bytes(out) == published

    write_files(site, _templates(frozenset(), "base.html", BREAKS["some"]))
    write_files(site, _site([False, True, False], [False], False))
    code, _, err = sitegen_main("build", "-s", str(site), "-d", str(out))
    assert code == 0, err
    (line,) = [line for line in err.splitlines() if line.startswith("error:")]
    assert line.endswith("; published with the theme's post.html instead"), line


def _failure(path: str) -> Diagnostic:
    return Diagnostic(
        page_message("division by zero", "/x.html") + "; that page is not published", Path(path)
    )


@settings(max_examples=50, deadline=None)
@given(
    pages=st.lists(
        st.tuples(
            st.sampled_from(["post.html", "index.html", "none"]),
            st.frozensets(st.sampled_from(["base.html", "_a.html", "_b.html"])),
            st.sampled_from([None, "base.html", "_a.html"]),
        ),
        min_size=1,
        max_size=6,
    )
)
def test_a_file_is_broken_when_no_page_rendered_with_it(
    pages: list[tuple[str, frozenset[str], str | None]],
) -> None:
    """Each page: its template, the files it rendered with, the file it failed in (None:
    it rendered). Broken: a file that failed on two or more pages and rendered none; a
    page template planned for two or more pages that failed on all; every page with a
    template failed (a one-page site's page too). Else its pages fall back alone."""
    pages = [(template, used, None if template == "none" else failed) for template, used, failed in pages]
    templates = [template for template, _, _ in pages]
    failed = {index: _failure(f"t/{at}") for index, (_, _, at) in enumerate(pages) if at is not None}
    rendered = [tuple(sorted(used)) for _, used, at in pages if at is None]
    failures = [at for _, _, at in pages if at is not None]
    templated = [template for template in templates if template != "none"]
    expect = (
        any(failures.count(at) > 1 and not any(at in used for used in rendered) for at in set(failures))
        or any(
            templates.count(template) > 1
            and all(at is not None for other, _, at in pages if other == template)
            for template in set(templated)
        )
        or (bool(failures) and len(failures) == len(templated))
    )
    try:
        check_failed_somewhere_only(templates, failed, iter(rendered), lambda name: f"t/{name}")
    except TemplateError as error:
        assert expect, error
        assert "nothing was published" in error.message
    else:
        assert not expect
