"""A post's or page's `layout:` naming a template made for another kind of page.

A site template extending `page.html`, chosen by one post, used to fail the whole build
with "'page' is undefined" blamed on the theme's `page.html`; so did a partial's name.
Each such file now gets one warning naming it and is rendered with its own kind's
template, exactly as without the `layout:` key; the rest of the site is untouched.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import CONFIG, build, write_files

#: The tree's `templates/` holds theme templates only: `exclude` says so (else Jekyll,
#: and so sitegen's warning, would count them as files to publish below /templates/).
SITE_CONFIG = f"{CONFIG}exclude: [templates]\n"

#: The site's own templates, each with the kinds of document it is made for.
SITE_TEMPLATES = {
    "wide": ("{% extends 'page.html' %}{% block head %}<meta name=wide>{% endblock %}", {"page"}),
    "longform": ("{% extends 'post.html' %}{% block head %}<meta name=longform>{% endblock %}", {"post"}),
    "bare_post": ("<h1>{{ post.title }}</h1>{{ post.body }}", {"post"}),
    "framed": ("<div>{% include 'page.html' %}</div>", {"page"}),
    "section": ("{% extends 'category.html' %}", set()),
    "either": (
        "{% if post is defined %}{{ post.title }}{% elif page is defined %}{{ page.title }}{% endif %}",
        {"post", "page"},
    ),
}
PARTIALS = ("_headlines", "_pager", "_post_list", "_back_links", "_seo", "_sections")
LAYOUTS = (*SITE_TEMPLATES, *PARTIALS, "nope", "_nope")
POSTS = 3
PAGES = 2


def _documents(layouts: dict[str, str | None]) -> dict[str, str]:
    files = {"_config.yml": SITE_CONFIG}
    files.update({f"templates/{name}.html": text for name, (text, _) in SITE_TEMPLATES.items()})
    for name, layout in layouts.items():
        key = f"layout: {layout}\n" if layout is not None else ""
        files[_file(name)] = f"---\ntitle: T{name}\n{key}---\nbody of {name}\n"
    return files


def _file(name: str) -> str:
    """Where a post or page of the generated site is (`post0`, `page1`)."""
    if name.startswith("post"):
        return f"_posts/2026-01-0{int(name[4:]) + 1}-{name}.md"
    return f"{name}.md"


def _tree(root: Path) -> dict[str, bytes]:
    return {
        path.relative_to(root).as_posix(): path.read_bytes() for path in root.rglob("*") if path.is_file()
    }


_NAMES = [f"post{number}" for number in range(POSTS)] + [f"page{number}" for number in range(PAGES)]
_BASELINE: dict[str, bytes] = {}


def _baseline() -> dict[str, bytes]:
    if not _BASELINE:
        with tempfile.TemporaryDirectory() as folder:
            site = write_files(Path(folder) / "site", _documents(dict.fromkeys(_NAMES)))
            result = build(site, destination=Path(folder) / "out", cache=False)
            assert result.published and not result.diagnostics
            _BASELINE.update(_tree(Path(folder) / "out"))
    return _BASELINE


def _fits(name: str, layout: str) -> bool:
    kinds = SITE_TEMPLATES[layout][1] if layout in SITE_TEMPLATES else set()
    return ("post" if name.startswith("post") else "page") in kinds


@settings(max_examples=8)
@given(st.lists(st.sampled_from(LAYOUTS), min_size=len(_NAMES), max_size=len(_NAMES)))
def test_any_layout_on_any_document_builds_the_whole_site(chosen: list[str]) -> None:
    layouts = dict(zip(_NAMES, chosen, strict=True))
    baseline = _baseline()
    with tempfile.TemporaryDirectory() as folder:
        site = write_files(Path(folder) / "site", _documents(dict(layouts)))
        result = build(site, destination=Path(folder) / "out", cache=False)
        tree = _tree(Path(folder) / "out")
    assert result.published
    assert set(tree) == set(baseline)
    fitting = {name for name, layout in layouts.items() if _fits(name, layout)}
    warned = sorted(diagnostic.path.relative_to(site).as_posix() for diagnostic in result.diagnostics)
    assert warned == sorted(_file(name) for name in _NAMES if name not in fitting)
    for path, data in baseline.items():
        owner = next((name for name in _NAMES if f"body of {name}<".encode() in data), None)
        if owner not in fitting or not path.endswith(".html"):
            assert tree[path] == data, path


def test_a_post_choosing_a_page_layout_is_one_warning_naming_it(tmp_path: Path) -> None:
    site = write_files(
        tmp_path / "site",
        {
            "_config.yml": SITE_CONFIG,
            "templates/wide.html": SITE_TEMPLATES["wide"][0],
            "about.md": "---\ntitle: About\nlayout: wide\n---\nabout\n",
            "_posts/2026-01-01-p.md": "---\ntitle: P\nlayout: wide\n---\nx\n",
            "_posts/2026-01-02-q.md": "---\ntitle: Q\nlayout: _headlines\n---\ny\n",
        },
    )
    result = build(site, destination=tmp_path / "out")
    assert result.published and result.posts == 2
    lines = sorted(str(diagnostic) for diagnostic in result.diagnostics)
    assert len(lines) == 2
    assert "2026-01-01-p.md" in lines[0] and "layout 'wide'" in lines[0] and "post.html" in lines[0]
    assert "2026-01-02-q.md" in lines[1] and "'_headlines' is a partial" in lines[1]
    assert b"<meta name=wide>" in (tmp_path / "out" / "about.html").read_bytes()
