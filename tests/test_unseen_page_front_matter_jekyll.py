"""A page or collection document with blank lines before its front matter.

Jekyll does not see such front matter (`Utils#has_yaml_header?`) and copies the file as
a static file: at its own path for a page (`/page2.md`), below the collection's URL for
an `output: true` collection's document (`/docs/a.md`, `StaticFile#url`). When that
front matter says `published: false`, sitegen left the page out without a word (a post
got a warning), and a published document's warning named its folder (`/_docs/a.md`),
where Jekyll writes nothing. Checked against one Jekyll process for generated sites:
each such file gets one warning at line 1, naming a path where Jekyll wrote the file as
it is, and saying whether sitegen publishes it or leaves it out.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import build, jekyll_build_many, one_seeded_batch, write_files

CONFIG = (
    "title: T\ncollections:\n  docs:\n    output: true\n"
    "  notes:\n    output: true\n    permalink: /n/:name/\n"
)
_COPIED = re.compile(r"(?:copies|copy) the file as it is to (\S+?)(?:,|$)")
FOLDERS = ("", "sub/", "_docs/", "_docs/deep/", "_notes/")
PUBLISHED = ("", "", "published: false", "published: true")


def _site(rng: random.Random) -> dict[str, str]:
    """A few pages and documents, some with blank lines before their front matter, some
    marked unpublished; file names never repeat."""
    files = {"_config.yml": CONFIG, "index.html": "---\n---\nHome\n"}
    for n in range(rng.randint(3, 6)):
        blank = rng.choice(("", "\n", "\n\n", " \n"))
        front = "\n".join(line for line in (f"title: P{n}", rng.choice(PUBLISHED)) if line)
        name = f"{rng.choice(FOLDERS)}p{n}{rng.choice(('.md', '.html'))}"
        files[name] = f"{blank}---\n{front}\n---\nbody {n}\n"
    return files


@one_seeded_batch
@given(seed=st.integers(0, 2**32))
def test_each_unseen_front_matter_is_one_warning_naming_jekylls_copy(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    sites = {write_files(tmp_path / f"s{n}", files): files for n in range(8) for files in [_site(rng)]}
    jekyll_build_many(list(sites))
    left_out = 0
    for site, files in sites.items():
        result = build(site, destination=site / "_sitegen", cache=False)
        said = {
            warning.path.relative_to(site).as_posix(): warning
            for warning in result.warnings
            if "blank line(s) before the front matter" in warning.message
        }
        unseen = {
            name for name, text in files.items() if name != "_config.yml" and not text.startswith("---")
        }
        assert set(said) == unseen
        for name, warning in said.items():
            assert warning.line == 1
            copied = _COPIED.search(warning.message)
            assert copied is not None, warning.message
            jekyll_copy = site / "_jekyll" / copied.group(1).lstrip("/")
            assert jekyll_copy.read_text(encoding="utf-8") == files[name], warning.message
            if "published: false" in files[name]:
                left_out += 1
                assert "keeps the" in warning.message and "out" in warning.message
            else:
                assert "sitegen reads it as a" in warning.message
    assert left_out  # the batch holds left-out pages or documents


def test_the_reported_page_is_warned_about(tmp_path: Path) -> None:
    site = write_files(
        tmp_path / "site",
        {"_config.yml": "title: T\n", "page2.md": "\n\n---\npublished: false\ntitle: P\n---\nbody\n"},
    )
    result = build(site, destination=tmp_path / "out", cache=False)
    assert [(str(w.path.name), w.line, w.message) for w in result.warnings if "blank line" in w.message] == [
        (
            "page2.md",
            1,
            "2 blank line(s) before the front matter; sitegen reads it, and its 'published' keeps the "
            "page out, where Jekyll, seeing no front matter, copies the file as it is to /page2.md",
        )
    ]
    assert not (tmp_path / "out/page2.html").exists()
