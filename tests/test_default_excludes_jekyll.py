"""Jekyll's default excludes are folders (`vendor/bundle/`, with the slash): a file or
folder whose name only starts the same (`vendor/bundler/`, `vendor/cache.txt`, a file
`vendor/gems`) is published. sitegen matched them without the slash and dropped them."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import build, jekyll_build, write_files
from tests.published_sources import marked, published_sources

PATHS = (
    "vendor/bundler/a.js",
    "vendor/cache.txt",
    "vendor/gems",
    "vendor/gemsx/g.txt",
    "vendor/bundle/b.js",
    "vendor/cache/c.txt",
    "vendor/ruby/r.txt",
    "node_modules/n.js",
    "node_modulesx/n.js",
    "Gemfile",
    "Gemfile.lock.bak",
)


def test_default_excludes_leave_out_what_jekyll_leaves_out(tmp_path: Path) -> None:
    files = {"_config.yml": "title: T\n", "_posts/2022-01-01-p.md": marked("POST", 99, "title: P\n")}
    files.update({path: marked("STATIC", index) for index, path in enumerate(PATHS)})
    site = write_files(tmp_path / "site", files)
    jekyll_build(site, tmp_path / "jekyll")
    build(site, destination=tmp_path / "sitegen", cache=False)
    assert published_sources(tmp_path / "sitegen") == published_sources(tmp_path / "jekyll")
