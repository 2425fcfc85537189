"""An `include` entry that is a file's path from the site is read as Jekyll reads it
(`Reader#read_included_excludes`): as a page or a static file, though its folder is
hidden or excluded or its name ends in `.`. sitegen matched `include` on names only and
published none of `.well-known/security.txt`, `node_modules/x/a.js`, `a.`."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import build, built_by_both, jekyll_build, one_seeded_batch, sitegen_main, write_files
from tests.published_sources import marked, published_sources
from tests.racy import wait_until_settled

#: Files (index → path) and whether each opens with front matter (a page) or not.
FILES = {
    ".well-known/security.txt": False,
    "node_modules/x/a.js": False,
    "a.": False,
    "docs/_x.md": True,
    "_drafts/idea.md": True,
    "_hidden/p.html": True,
    ".dot/s.txt": False,
    "vendor/bundle/v.txt": False,
    "plain/ok.txt": False,
}
ENTRIES = (*FILES, "../outside.txt", "/a.", "node_modules", "missing.txt", "_hidden", "docs/", "./a.")


@one_seeded_batch
@given(seed=st.integers(0, 2**32))
def test_include_paths_are_read_as_jekyll_reads_them(
    tmp_path_factory: pytest.TempPathFactory, seed: int
) -> None:
    rng = random.Random(seed)
    cases = [rng.sample(ENTRIES, rng.randint(1, 4)) for _ in range(12)] + [[entry] for entry in ENTRIES]
    root = tmp_path_factory.mktemp("include")
    (root / "outside.txt").write_text("STATIC99\n", encoding="utf-8")
    sites = []
    for number, include in enumerate(cases):
        files = {"_config.yml": f"title: T\ninclude: {json.dumps(include)}\n"}
        for index, (path, page) in enumerate(FILES.items()):
            files[path] = marked("PAGE" if page else "STATIC", index, "title: X\n" if page else None)
        files["_posts/2022-05-27-p.md"] = marked("POST", 50, "title: P\n")
        sites.append(write_files(root / f"s{number}", files))
    for include, both in zip(cases, built_by_both(sites), strict=True):
        assert both.sitegen == both.jekyll, include


def test_an_included_file_in_a_folder_the_check_skips_is_still_an_input(tmp_path: Path) -> None:
    """`include: [.tox/report.html]`: the no-change check walks `.tox` then, so an edit
    there rebuilds instead of saying nothing changed."""
    site = write_files(
        tmp_path / "site",
        {
            "_config.yml": 'title: T\ninclude: [".tox/report.html"]\n',
            "_posts/2022-05-27-p.md": "---\n---\nx\n",
            ".tox/report.html": "v1\n",
        },
    )
    out = tmp_path / "out"
    assert sitegen_main("build", "-s", str(site), "-d", str(out))[0] == 0
    wait_until_settled(site / ".tox/report.html")  # so the edit is told by its stamp
    (site / ".tox/report.html").write_text("v2\n", encoding="utf-8")
    code, stdout, _ = sitegen_main("build", "-s", str(site), "-d", str(out))
    assert code == 0 and "nothing changed" not in stdout
    assert (out / ".tox/report.html").read_text(encoding="utf-8") == "v2\n"


def test_posts_below_an_included_underscore_folder_are_read_as_jekyll_reads_them(tmp_path: Path) -> None:
    """Jekyll reads `<dir>/_posts` in every folder it reads, and `include: [_archive]`
    lets it read `_archive`: its posts were left out."""
    files = {"_config.yml": "title: T\ninclude: [_archive]\n"}
    names = ("_posts/2022-01-02-a.md", "_archive/_posts/2022-01-01-old.md", "_private/_posts/2022-01-03-p.md")
    files.update({name: marked("POST", index, "title: P\n") for index, name in enumerate(names)})
    files["_archive/s.txt"] = marked("STATIC", 9)
    site = write_files(tmp_path / "site", files)
    jekyll_build(site, tmp_path / "jekyll")
    build(site, destination=tmp_path / "sitegen", cache=False)
    expected = published_sources(tmp_path / "jekyll")
    assert "POST1" in expected.values()
    assert published_sources(tmp_path / "sitegen") == expected
