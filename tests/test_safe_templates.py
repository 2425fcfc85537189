"""With `safe: true` every template renders in Jinja's sandbox. Jekyll's safe mode runs
none of a site's code (its plugins); a site's own Jinja template is code, and
`{{ "".__class__.__mro__[1].__subclasses__() }}` reached any Python class in it."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import PROJECT_ROOT, build, tree_bytes, write_files

#: Expressions that reach Python beyond the page's data: each is refused in the sandbox.
ESCAPES = st.sampled_from(
    [
        '"".__class__.__mro__[1].__subclasses__() | length',
        "post.__class__.__init__.__globals__ | length",
        "site.__class__.__dict__ | length",
        "lipsum.__globals__ | length",
        "cycler.__init__.__globals__.os.getcwd()",
        '"{0.__class__}".format(post)',
    ]
)
_POST = "---\ntitle: a\ncategories: news\n---\n<p>正文</p>\n"


@settings(max_examples=12, deadline=None)
@given(ESCAPES)
def test_a_sites_template_reaching_python_is_refused_in_safe_mode(expression: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        template = (
            '{% extends "base.html" %}{% block content %}ESCAPED{{ ' + expression + " }}{% endblock %}\n"
        )
        site = write_files(
            Path(folder) / "site",
            {
                "_config.yml": "title: T\nsafe: true\ninclude: []\nexclude: []\n",
                "_posts/2022-12-01-a.md": _POST,
                "templates/post.html": template,
            },
        )
        result = build(site, destination=Path(folder) / "out", cache=False)
        page = (Path(folder) / "out/news/2022/12/01/a.html").read_text(encoding="utf-8")
        assert "ESCAPED" not in page and "正文" in page  # the theme's post.html, the post kept
        (error,) = result.errors
        assert "unsafe" in error.message and error.path == site / "templates/post.html", error


def test_without_safe_mode_the_sites_templates_are_its_own_code(tmp_path: Path) -> None:
    template = '{% extends "base.html" %}{% block content %}N={{ "".__class__.__name__ }}{% endblock %}\n'
    site = write_files(
        tmp_path / "site",
        {"_config.yml": "title: T\n", "_posts/2022-12-01-a.md": _POST, "templates/post.html": template},
    )
    build(site, destination=tmp_path / "out", cache=False)
    assert "N=str" in (tmp_path / "out/news/2022/12/01/a.html").read_text(encoding="utf-8")


def test_code_compiled_outside_the_sandbox_is_never_run_in_it(tmp_path: Path) -> None:
    """The compiled templates a build keeps (`sitegen.incremental.bytecode`) are keyed by
    the sandbox too: a build with `safe: true` after one without compiles again."""
    template = '{% extends "base.html" %}{% block content %}N={{ "".__class__.__name__ }}{% endblock %}\n'
    files = {"_config.yml": "title: T\n", "_posts/2022-12-01-a.md": _POST, "templates/post.html": template}
    site = write_files(tmp_path / "site", files)
    build(site, destination=tmp_path / "out")
    assert "N=str" in (tmp_path / "out/news/2022/12/01/a.html").read_text(encoding="utf-8")
    (site / "_config.yml").write_text("title: T\nsafe: true\n", encoding="utf-8")
    result = build(site, destination=tmp_path / "out")
    assert "N=str" not in (tmp_path / "out/news/2022/12/01/a.html").read_text(encoding="utf-8")
    assert any("unsafe" in error.message for error in result.errors), result.errors


@pytest.mark.parametrize("cached_first", [False, True], ids=["clean", "after-a-build-without-safe"])
def test_the_example_site_builds_the_same_in_the_sandbox(tmp_path: Path, cached_first: bool) -> None:
    """The theme needs nothing the sandbox refuses; code compiled without the sandbox and
    kept in the cache is never used in it (`sitegen.incremental.bytecode`)."""
    site = tmp_path / "site"
    shutil.copytree(PROJECT_ROOT / "content", site / "content")
    config = (PROJECT_ROOT / "_config.yml").read_text(encoding="utf-8")
    (site / "_config.yml").write_text(config, encoding="utf-8")
    plain = build(site, destination=tmp_path / "plain", cache=cached_first)
    (site / "_config.yml").write_text(config + "\nsafe: true\n", encoding="utf-8")
    sandboxed = build(site, destination=tmp_path / "safe", cache=cached_first)
    assert not plain.errors and not sandboxed.errors, sandboxed.errors
    assert tree_bytes(tmp_path / "safe") == tree_bytes(tmp_path / "plain")
