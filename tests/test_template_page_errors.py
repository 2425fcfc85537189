"""A template whose own code fails on one page's data (`{{ 1 // 0 }}` for one post,
`post.source.href` for a post without categories) is that page's problem: one error line
naming the template, its line and the page, in words; the page is published with the
theme's template of its kind and every other page with the site's, exit 0 as for a post
that cannot be read (`--strict` fails). It used to fail the whole build, then to leave
the page out, which broke every link to it (listings, neighbours, feeds, the sitemap).
A template failing on every one of two or more pages it renders is the site's fault
still: the build fails and the site stays as it was."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.errors import TemplateError
from sitegen.outcome import BuildResult
from sitegen.render.theme_fallback import ThemeFallback
from sitegen.theme import default_theme_dir
from tests.conftest import CONFIG, build, sitegen_main, tree_bytes, write_files

POST_TEMPLATE = (
    '{% extends "base.html" %}\n'
    "{% block content %}<h1>{{ post.title }}</h1>\n"
    "<p>{{ post.source.href }}</p>\n"
    '{% if post.title[:4] == "zero" %}{{ 1 // 0 }}{% endif %}\n'
    "{{ post.body }}{% endblock %}\n"
)
"""Fails on line 3 for a post without categories and on line 4 for one titled `zero…`."""

WORKING_TEMPLATE = POST_TEMPLATE.replace("{{ 1 // 0 }}", "").replace(
    "{{ post.source.href }}", "{{ post.source.href if post.source else '' }}"
)
"""The same page without either failure: the site's template before and after."""

KINDS = ("fine", "zero", "uncategorized")
FAILING_LINE = {"zero": 4, "uncategorized": 3}
THEME_POST_TITLE = '<h1 class="post-title">'
"""How the theme's `post.html` opens a post: a page published with it starts so."""


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


def _broken_links(destination: Path) -> str:
    """What `sitegen check` says of a published tree; it exits 0 when no link is broken."""
    code, out, err = sitegen_main("check", str(destination))
    assert code == 0, out + err
    return out


@settings(max_examples=12, deadline=None)
@given(
    kinds=st.lists(st.sampled_from(KINDS), min_size=1, max_size=4),
    jekyll_tree=st.booleans(),
    jobs=st.sampled_from([1, 2]),
)
def test_a_template_failing_on_some_pages_publishes_them_with_the_theme(
    kinds: list[str], jekyll_tree: bool, jobs: int
) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        site = write_files(Path(scratch) / "site", _files(kinds, jekyll_tree))
        write_files(site, {"templates/post.html": WORKING_TEMPLATE})
        first = build(site, jobs=jobs)
        assert first.errors == ()
        files = [_post_file(first, index) for index in range(len(kinds))]
        write_files(site, {"templates/post.html": POST_TEMPLATE})
        if "fine" not in kinds and len(kinds) > 1:
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
            assert len(errors) == len(failing) == result.pages_fallen_back, errors
            assert result.pages_left_out == 0
            for index in failing:
                url = "/" + files[index]
                (line,) = [line for line in errors if f"while rendering {url}:" in line]
                template = site / "templates/post.html"
                assert line.startswith(f"error: {template}:{FAILING_LINE[kinds[index]]}: "), line
                assert line.endswith("; published with the theme's post.html instead"), line
                assert not re.search(r"[A-Z][a-z]+Error", line), line  # words, no class name
                page = (result.destination / files[index]).read_text(encoding="utf-8")
                assert THEME_POST_TITLE in page and f"<p>body {index}</p>" in page
            for index, kind in enumerate(kinds):
                if kind == "fine":
                    page = (result.destination / files[index]).read_text(encoding="utf-8")
                    assert f"<h1>post{index}</h1>" in page and THEME_POST_TITLE not in page
            _broken_links(result.destination)
        assert tree_bytes(again.destination) == tree_bytes(clean.destination)
        assert [str(e) for e in again.diagnostics] == [str(e) for e in clean.diagnostics]
        # Restored to the version of the first build (an undo, a `git checkout`), the
        # site's own template takes every page back: a fallen-back page's record from
        # the first build, stamped again, kept the theme's page there.
        write_files(site, {"templates/post.html": WORKING_TEMPLATE})
        fixed = build(site, jobs=jobs)
        assert fixed.errors == () and fixed.pages_fallen_back == 0
        restored_clean = build(site, destination=Path(scratch) / "restored", cache=False, jobs=1)
        assert tree_bytes(fixed.destination) == tree_bytes(restored_clean.destination)
        for index in range(len(kinds)):
            page = (fixed.destination / files[index]).read_text(encoding="utf-8")
            assert THEME_POST_TITLE not in page


SHARED = {
    "post.html": (
        '<h1 class="post-title">{{ post.title }}',
        '<h1 class="post-title">{{ post.title }}{{ 100 // (post.title|length - 5) }}',
    ),
    "_headlines.html": ("{{ post.title }}</a>", "{{ post.title }} {{ 100 // (post.title|length - 5) }}</a>"),
    "_post_list.html": ("{{ post.title }}", "{{ post.title }}{{ 100 // (post.title|length - 5) }}"),
}
"""Theme templates with a division by zero for any post whose title has five
characters: a page's own template, and partials that lists of other posts share."""


def _redirect(page: bytes) -> bool:
    """The stub above a listing's newest numbered page that sends its "newer" link on to
    page 1 (`Claims.forward` in `sitegen.site.claims`): not rendered by the listing's template."""
    return b'http-equiv="refresh"' in page


TITLES = st.sampled_from(["ABCDE", "五个字标题", "Title", "a longer title", "标题"])


@settings(max_examples=10, deadline=None)
@given(
    template=st.sampled_from(sorted(SHARED)),
    posts=st.lists(st.tuples(TITLES, st.sampled_from(["news", "tech"])), min_size=1, max_size=5),
    home_posts=st.integers(1, 3),
)
def test_whatever_pages_a_template_fails_on_no_link_breaks(
    template: str, posts: list[tuple[str, str]], home_posts: int
) -> None:
    """The reported cases: a post page failing left its listings, neighbours, feeds and
    sitemap linking to nothing; a shared partial failing on one crawled title left out
    other posts' pages and the home page (or failed the deploy, the home page being its
    template's only page). Every planned page is published, each fallen back named."""
    with tempfile.TemporaryDirectory() as scratch:
        config = CONFIG + f"home_posts: {home_posts}\nhome_per_category: 1\nfeed_posts: 3\n"
        files = {"_config.yml": config}
        for number, (title, category) in enumerate(posts):
            text = f"---\ntitle: {title}\ncategories: {category}\n---\n<p>body {number}</p>\n"
            files[f"content/_posts/2024-01-{number + 1:02d}-p{number}.md"] = text
        site = write_files(Path(scratch) / "site", files)
        theme = (default_theme_dir() / template).read_text(encoding="utf-8")
        old, new = SHARED[template]
        assert old in theme
        plain = tree_bytes(build(site, destination=Path(scratch) / "plain", cache=False).destination)
        planned = len(plain)
        pages_by_kind = {  # what the templates render more than once
            "post": len(posts),
            "home": sum(
                bool(re.fullmatch(r"index\.html|page/\d+/index\.html", path)) and not _redirect(plain[path])
                for path in plain
            ),
            "category": sum(bool(re.fullmatch(r"category/[^/]+\.html", path)) for path in plain) - 1,
        }
        using = pages_by_kind["post"]
        if template.startswith("_"):  # a partial: the pages that include it, marked
            write_files(site, {f"templates/{template}": f"<!--{template}-->{theme}"})
            marked = tree_bytes(build(site, destination=Path(scratch) / "marked", cache=False).destination)
            using = sum(f"<!--{template}-->".encode() in page for page in marked.values())
        write_files(site, {f"templates/{template}": theme.replace(old, new, 1)})
        try:
            result = build(site, jobs=1)
        except TemplateError as error:
            # Only when it failed on every page of one kind, two or more, or on every
            # page that includes it, two or more: then no page rendered with it.
            found = re.search(r"fails on every page it renders \((\d+)\)", str(error))
            assert found is not None, error
            count = int(found.group(1))
            assert count > 1 and count in (*pages_by_kind.values(), using), (error, pages_by_kind, using)
            assert str(error.path).endswith(f"templates/{template}"), error
            return
        assert result.pages_left_out == 0
        assert len(result.errors) == result.pages_fallen_back
        assert all(str(error.path).endswith(f"templates/{template}") for error in result.errors)
        assert len(tree_bytes(result.destination)) == planned  # every planned file, no other
        _broken_links(result.destination)
        clean = build(site, destination=Path(scratch) / "clean", cache=False, jobs=2)
        assert tree_bytes(clean.destination) == tree_bytes(result.destination)


def test_a_page_the_theme_fails_on_too_is_left_out_and_counted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only when the theme's template fails as well is a page left out: the summary says
    how many of the planned files were published, not "all"."""
    site = tmp_path / "s"
    write_files(site, {"_config.yml": CONFIG})
    for index in (1, 2, 3):
        title = "zero" if index == 2 else f"P{index}"
        text = f"---\ntitle: {title}\ncategories: news\n---\nb\n"
        write_files(site, {f"content/_posts/2024-01-0{index}-p{index}.md": text})
    write_files(site, {"templates/post.html": POST_TEMPLATE})
    monkeypatch.setattr(ThemeFallback, "render", lambda self, page: None)
    code, out, err = sitegen_main("build", "-j", "1", "-s", str(site), "-d", str(tmp_path / "out"))
    assert code == 0
    (error,) = [line for line in err.splitlines() if line.startswith("error:")]
    assert error.endswith(
        "/news/2024/01/02/p2.html: integer division or modulo by zero; that page is not published"
    )
    planned = len(tree_bytes(build(site, destination=tmp_path / "all", cache=False).destination))
    assert f"{planned - 1} of {planned} planned files published" in out, out
    assert not (tmp_path / "out/news/2024/01/02/p2.html").exists()


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
        "/news/2024/01/02/p2.html: integer division or modulo by zero; "
        "published with the theme's post.html instead"
    ]
    assert "1 error(s)" in out and "1 with the theme's template" in out
    assert "<h1>P1</h1>" in (tmp_path / "out/news/2024/01/01/p1.html").read_text(encoding="utf-8")
    assert "<h1>P3</h1>" in (tmp_path / "out/news/2024/01/03/p3.html").read_text(encoding="utf-8")
    assert THEME_POST_TITLE in (tmp_path / "out/news/2024/01/02/p2.html").read_text(encoding="utf-8")
    code, _, err = sitegen_main("build", "--strict", "-s", str(site), "-d", str(tmp_path / "strict"))
    assert code != 0 and not (tmp_path / "strict").exists()
