"""A Jekyll tree's `templates/` is sitegen's theme override; Jekyll publishes it as an
ordinary folder. Its files Jekyll publishes are never lost without a word: one warning
names the folder, and with `include: [templates]` sitegen publishes what Jekyll does.

Generated `templates/` folders (pages with front matter, files without, `.html`, `.md`
and other extensions, nested folders, hidden and underscored names) are built by Jekyll
all at once, each below its own folder (Jekyll reads a nested `templates/` as it reads
one at the top), and by sitegen one tree each.
"""

from __future__ import annotations

import random
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import build, jekyll_build, one_seeded_batch, sitegen_main, write_files

CASES = 6
POST = {"_posts/2024-01-01-a.md": "---\ntitle: a\n---\nbody\n"}
NAMES = ("email", "cms-form", "alert", "digest", "_partial", ".hidden", "notes", "post", "base", "page")
EXTENSIONS = (".html", ".md", ".txt", ".json", "")
FOLDERS = ("", "", "mail/", "cms/blocks/", "_drafts/", ".git/")


def templates_folder(rng: random.Random) -> dict[str, str]:
    """Files below `templates/`, each with or without front matter."""
    files: dict[str, str] = {}
    for _ in range(rng.randint(0, 4)):
        path = rng.choice(FOLDERS) + rng.choice(NAMES) + rng.choice(EXTENSIONS)
        front_matter = "---\ntitle: t\n---\n" if rng.random() < 0.5 else ""
        files[path] = f"{front_matter}<p>{path}</p>\n"
    return files


def published_below(root: Path) -> set[str]:
    return (
        {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()} if root.is_dir() else set()
    )


def warnings_about_templates(site: Path, destination: Path) -> list[str]:
    result = build(site, destination=destination)
    assert not result.errors
    return [d.message for d in result.diagnostics if d.path == site / "templates"]


@one_seeded_batch
@given(rng=st.randoms(use_true_random=True))
def test_templates_files_jekyll_publishes_are_said_or_published(tmp_path: Path, rng: random.Random) -> None:
    cases = [templates_folder(rng) for _ in range(CASES)]
    batch: dict[str, str | bytes] = {"_config.yml": "title: t\n", **POST}
    for number, files in enumerate(cases):
        batch.update({f"case{number}/templates/{path}": text for path, text in files.items()})
    jekyll_build(write_files(tmp_path / "batch", batch), tmp_path / "jekyll")

    for number, files in enumerate(cases):
        expected = published_below(tmp_path / "jekyll" / f"case{number}" / "templates")
        own = {f"templates/{path}": text for path, text in files.items()}
        site = write_files(tmp_path / f"site{number}", {"_config.yml": "title: t\n", **POST, **own})
        warnings = warnings_about_templates(site, tmp_path / f"out{number}")
        assert len(warnings) == (1 if expected else 0), (files, warnings)
        if expected:
            assert f"{len(expected)} file(s)" in warnings[0]

        (site / "_config.yml").write_text("title: t\ninclude: [templates]\n")
        assert warnings_about_templates(site, tmp_path / f"with{number}") == []
        assert published_below(tmp_path / f"with{number}" / "templates") == expected, files
        # Content now, and no template: the post is rendered by the theme, whatever the folder holds.
        post_page = (tmp_path / f"with{number}" / "2024/01/01/a.html").read_text(encoding="utf-8")
        assert "<p>body</p>" in post_page and 'class="site-header"' in post_page, files

        (site / "_config.yml").write_text("title: t\nexclude: [templates]\n")
        assert warnings_about_templates(site, tmp_path / f"without{number}") == []
        assert not (tmp_path / f"without{number}" / "templates").exists()


def test_a_cms_template_folder_is_named_with_how_to_keep_both(make_site: object, tmp_path: Path) -> None:
    files = {
        "templates/cms.html": "---\ntitle: cms\n---\n<p>cms</p>\n",
        "templates/email/welcome.html": "<p>Welcome</p>\n",
        "templates/_partial.html": "<p>x</p>\n",
    }
    site = write_files(tmp_path / "site", {"_config.yml": "title: t\n", **POST, **files})
    (warning,) = warnings_about_templates(site, tmp_path / "out")
    assert "2 file(s)" in warning
    assert "templates/cms.html, templates/email/welcome.html)" in warning
    assert "add 'templates' to include" in warning
    assert not (tmp_path / "out" / "templates").exists()


def test_a_template_folder_made_content_by_include_never_renders_a_post(tmp_path: Path) -> None:
    """A newsletter `templates/post.html` failed every build (its `{{ name }}` is not a
    post's), or, without one, replaced every post's page: the warning names it, and
    `include: [templates]` publishes it as Jekyll does and renders posts with the theme."""
    files = {"templates/post.html": "<html><body>Dear {{ name }}, newsletter</body></html>\n"}
    site = write_files(tmp_path / "site", {"_config.yml": "title: t\n", **POST, **files})
    code, _, errors = sitegen_main("build", "-s", str(site), "-d", str(tmp_path / "out"))
    assert code != 0  # taken as the post template, which fails as a template fails, saying why
    assert "templates/post.html:1: 'name' is undefined" in errors
    assert (
        "read as sitegen's theme templates: to publish it as Jekyll does instead, add 'templates'" in errors
    )
    write_files(site, {"templates/welcome.html": "{{ name | upcase }}\n"})  # Liquid, no theme name
    code, _, errors = sitegen_main("build", "-s", str(site), "-d", str(tmp_path / "out"))
    assert code != 0 and "add 'templates' to include in _config.yml" in errors
    (site / "templates/welcome.html").unlink()
    (site / "templates/post.html").write_text("<p>newsletter</p>\n")
    (warning,) = warnings_about_templates(site, tmp_path / "out")
    assert "post.html replace(s) the theme's own" in warning

    write_files(site, {**files, "_config.yml": "title: t\ninclude: [templates]\n"})
    result = build(site, destination=tmp_path / "with")
    assert not result.errors and not [d for d in result.diagnostics if d.path == site / "templates"]
    assert "<p>body</p>" in (tmp_path / "with/2024/01/01/a.html").read_text(encoding="utf-8")
    assert (tmp_path / "with/templates/post.html").read_bytes() == files["templates/post.html"].encode()


def test_liquid_files_no_theme_template_is_named_after_never_fail_the_build(tmp_path: Path) -> None:
    """A newsletter's Liquid (`{% assign %}`, `| upcase`) in a Jekyll tree's `templates/`
    was compiled as a sitegen template up front and failed every build, `exclude` or
    not; only templates the theme has by name are compiled before a page needs them."""
    files = {"templates/email.txt": "Hi {{ name | upcase }}\n{% assign x = 1 %}{{ x }}\n"}
    site = write_files(tmp_path / "site", {"_config.yml": "title: t\n", **POST, **files})
    (warning,) = warnings_about_templates(site, tmp_path / "out")
    assert "templates/email.txt" in warning
    assert "<p>body</p>" in (tmp_path / "out/2024/01/01/a.html").read_text(encoding="utf-8")
    (site / "_config.yml").write_text("title: t\nexclude: [templates]\n")
    assert warnings_about_templates(site, tmp_path / "excluded") == []
    assert (tmp_path / "excluded/2024/01/01/a.html").is_file()
