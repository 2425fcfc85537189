"""Files below `_posts/`, `_drafts/` and a collection's folder are kept as Jekyll keeps
them: by the first and the last name of their path (`sitegen.content.globbed_entries`).

sitegen asked each name of the path in turn, as for the site's other folders, and never
asked `_` or a leading `~`: it published `_posts/_old/2020-01-01-a.md` (which Jekyll
leaves out), and that file then took the URL of the real `_posts/2020-01-01-a.md`,
which was not published; it left out `_posts/sub/#m/…`, which Jekyll publishes.
Generated trees are built by Jekyll (one process for the batch) and by sitegen, and
publish the same posts, drafts and documents.
"""

from __future__ import annotations

import random
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from sitegen.content.entry_filter import EntryFilter
from sitegen.content.globbed_entries import reads_globbed_file
from tests.conftest import build, jekyll_build_many, one_seeded_batch, write_files

FOLDERS = ("sub", "_old", "~t", "#h", ".hid", "_deep", "#m", "old~", "a.b")
PREFIXES = ("", "", "", "_", "~", "#", ".")
CONFIG = "title: T\nshow_drafts: true\ncollections:\n  docs:\n    output: true\n"


def _path(rng: random.Random, top: str, name: str) -> str:
    folders = rng.sample(FOLDERS, rng.choice([0, 0, 1, 1, 2]))
    suffix = rng.choice(["", "", "", "~"])
    return "/".join([top, *folders, rng.choice(PREFIXES) + name + suffix])


def _site(rng: random.Random) -> dict[str, str]:
    config = CONFIG + rng.choice(["", "include: [_old]\n", "include: ['_k.md']\n"])
    files = {"_config.yml": config}
    for n in range(12):
        day = n % 28 + 1
        top, name = rng.choice(
            [
                ("_posts", f"2020-01-{day:02d}-p{n}.md"),
                ("news/_posts", f"2020-02-{day:02d}-n{n}.md"),
                ("_drafts", f"d{n}.md"),
                ("_docs", f"k{n}.md" if rng.random() < 0.8 else "_k.md"),
            ]
        )
        files[_path(rng, top, name)] = f"---\ntitle: t{n}\ndate: 2020-03-{day:02d} 10:00:00\n---\nbody {n}\n"
    return files


def _published(tree: Path) -> set[str]:
    """The pages of posts, drafts and documents (numbered by the generator), as paths."""
    return {
        path.relative_to(tree).as_posix()
        for path in tree.rglob("*.html")
        if (path.stem[:1] in "pndk_" and path.stem[1:].isdigit()) or path.stem == "_k"
    }


@one_seeded_batch
@given(seed=st.integers(0, 2**32))
def test_the_files_jekyll_reads_below_globbed_folders_are_published(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    sites: list[Path] = []
    for n in range(14):
        try:
            sites.append(write_files(tmp_path / f"s{n}", _site(rng)))
        except OSError:  # a file and a folder of one name: no such tree
            continue
    jekyll_build_many(sites)
    for site in sites:
        build(site, destination=site / "_sitegen", cache=False)
        assert _published(site / "_sitegen") == _published(site / "_jekyll"), site


def test_a_hidden_copy_never_takes_the_real_posts_url(tmp_path: Path) -> None:
    files = {
        "_config.yml": "title: T\n",
        "_posts/2020-01-01-a.md": "---\ntitle: REAL\n---\nREALBODY\n",
        "_posts/_old/2020-01-01-a.md": "---\ntitle: OLD\n---\nOLDBODY\n",
    }
    result = build(write_files(tmp_path / "site", files), destination=tmp_path / "out", cache=False)
    assert "REALBODY" in (tmp_path / "out/2020/01/01/a.html").read_text()
    assert not result.errors


@given(
    st.lists(st.sampled_from([*FOLDERS, "x.md", "_x.md", "~x.md", ".x.md", "x.md~"]), min_size=1, max_size=4)
)
def test_only_the_first_and_last_names_count(names: list[str]) -> None:
    entries = EntryFilter((), ())
    relative = "/".join(names)
    middle_changed = (
        "/".join([names[0], *["sub" for _ in names[1:-1]], names[-1]]) if len(names) > 1 else relative
    )
    if not any(name.startswith(".") for name in names[1:-1]):
        assert reads_globbed_file(relative, entries, dot_match=False) == reads_globbed_file(
            middle_changed, entries, dot_match=False
        )
    assert reads_globbed_file(relative, entries, dot_match=True) == reads_globbed_file(
        middle_changed, entries, dot_match=True
    )
