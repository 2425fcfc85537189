"""In a plain Jekyll tree, a file of `templates/` named as a theme template that cannot be
compiled (a CMS's `post.html` with `{% assign %}`, an unclosed block, bytes that are not
UTF-8) is one error line naming it, and the theme's template of that name is used: the
posts build, and Jekyll, which publishes the folder as plain files, builds them too.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.errors import Level, TemplateError
from tests.conftest import build, files_below, jekyll_build, tree_bytes, write_files

POST = {"_posts/2024-01-01-a.md": "---\ntitle: a\ncategories: news\n---\nbody\n"}
_THEME_NAMES = ("post.html", "page.html", "base.html", "_seo.html", "index.html", "feed.xml", "robots.txt")
_BROKEN = st.sampled_from(
    [
        b"<h1>{% assign t = page.title %}{{ t }}</h1>\n",
        b"{% if %}\n",
        b"{% for x in y %}never closed\n",
        b"{{ page.title | upcase \n",
        b"\x80\xff not text\n",
        b"{% capture x %}{% endcapture %}{% include a.html %}\n",
    ]
)


@settings(max_examples=5)
@given(st.dictionaries(st.sampled_from(_THEME_NAMES), _BROKEN, min_size=1, max_size=4))
def test_broken_theme_named_templates_are_each_one_error_and_the_site_builds(
    tmp_path_factory: pytest.TempPathFactory, broken: dict[str, bytes]
) -> None:
    site = write_files(
        tmp_path_factory.mktemp("site"),
        {"_config.yml": "title: t\n", **POST, **{f"templates/{name}": data for name, data in broken.items()}},
    )
    result = build(site, destination=site.parent / f"{site.name}-out", cache=False)
    errors = [note for note in result.diagnostics if note.level is Level.ERROR]
    assert sorted(note.path.name for note in errors) == sorted(broken), errors
    assert all(note.path.parent == site / "templates" for note in errors)
    assert result.posts == 1
    assert "body" in (site.parent / f"{site.name}-out/news/2024/01/01/a.html").read_text(encoding="utf-8")


def test_the_reported_cms_post_template_builds_as_in_jekyll(tmp_path: Path) -> None:
    files = {
        "_config.yml": "title: t\n",
        **POST,
        "templates/post.html": "<h1>{% assign t = page.title %}{{ t }}</h1>\n",
    }
    site = write_files(tmp_path / "site", files)
    jekyll_build(site, tmp_path / "jekyll")
    result = build(site, destination=tmp_path / "sitegen")
    (error,) = [note for note in result.diagnostics if note.level is Level.ERROR]
    assert (error.path, error.line) == (site / "templates/post.html", 1)
    assert "news/2024/01/01/a.html" in files_below(tmp_path / "jekyll")
    assert "news/2024/01/01/a.html" in files_below(tmp_path / "sitegen")


@settings(max_examples=6, deadline=None)
@given(name=st.sampled_from(_THEME_NAMES), broken=_BROKEN)
def test_an_excluded_templates_folder_is_the_sites_design_and_a_broken_one_fails(
    tmp_path_factory: pytest.TempPathFactory, name: str, broken: bytes
) -> None:
    """`exclude: [templates]` says the folder is the site's design, never content: a file
    there that cannot be compiled fails the build, naming it, and the last good site
    stays, as in sitegen's own layout. Before, the site was published in the stock theme
    with exit 0, and CI deployed it."""
    files = {"_config.yml": "title: t\nexclude: [templates]\n", **POST}
    site = write_files(tmp_path_factory.mktemp("site"), files)
    (site / "templates").mkdir()
    destination = site.parent / f"{site.name}-out"
    build(site, destination=destination)
    published = tree_bytes(destination)
    (site / "templates" / name).write_bytes(broken)
    with pytest.raises(TemplateError) as raised:
        build(site, destination=destination)
    assert raised.value.path == site / "templates" / name
    assert tree_bytes(destination) == published
