"""No theme template is read from a build cache (a folder a `CACHEDIR.TAG` marks: this
build's, or another's, whose files hold unpublished posts' text), as no source scan or
Liquid include reads one: a Jinja `{% include %}` through a link there is one line
naming the file, and nothing of the cache is published."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import sitegen_main, write_files

_SIGNATURE = "Signature: 8a477f597d28d172789f06886806bc55\n"


@pytest.mark.parametrize("cache", ["another", "its-own"])
def test_a_template_include_into_a_cache_is_never_read(tmp_path: Path, cache: str) -> None:
    site = write_files(
        tmp_path / "site",
        {
            "_config.yml": "title: t\n",
            "content/_posts/2022-05-01-a.md": "---\ntitle: a\n---\na\n",
            "content/about.md": "---\ntitle: about\n---\nabout\n",
        },
    )
    # Another cache may hold anything; this build's holds only its own files, its tag one.
    name, marker = ("s.html", b"SECRET") if cache == "another" else ("CACHEDIR.TAG", b"Signature")
    page = '{% extends "base.html" %}{% block content %}{{ page.body }}'
    page += '[[{% include "extra/NAME" %}]]{% endblock %}'
    write_files(site, {"templates/page.html": page.replace("NAME", name) + "\n"})
    if cache == "another":
        held = write_files(tmp_path / "other", {"CACHEDIR.TAG": _SIGNATURE, "s.html": "SECRET\n"})
    else:
        sitegen_main("build", "-s", str(site), "-d", str(tmp_path / "first"))  # makes the cache
        held = site / ".sitegen-cache"
        assert (held / name).is_file()
    (site / "templates" / "extra").symlink_to(held, target_is_directory=True)
    _, _, errors = sitegen_main("build", "-s", str(site), "-d", str(tmp_path / "out"))
    assert "a build cache" in errors and f"extra/{name}" in errors, errors
    published = [path.read_bytes() for path in (tmp_path / "out").rglob("*") if path.is_file()]
    assert not any(marker in data for data in published)
