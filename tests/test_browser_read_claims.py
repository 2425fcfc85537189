"""A file published where browsers read its URL (a `\\` is a `/`) never takes the path of
a file of the site really there: Jekyll writes the rewritten one at its literal path and
the real one where browsers find it, so the real one is published, and the rewritten one
is one error naming it and why."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.errors import Diagnostic, Level
from tests.conftest import build, jekyll_build, write_files

KINDS = ("post", "page", "document", "static")
CONFIG = "title: T\nurl: https://x.example.com\ncollections:\n  docs:\n    output: true\n"


@dataclass(frozen=True)
class Pair:
    """A file really at `g{n}/q/x.html` and one whose URL only browsers read there."""

    real: str
    rewritten: str
    backslash_at: int
    """Which `/` of `g{n}/q/x.html` the rewritten URL writes as `\\`."""


def _file(kind: str, group: str, url: str, label: str, day: int) -> tuple[str, str]:
    """The site file of `kind` published at `url` (`/…`), whose output is `body`."""
    body = f"{label} {kind} {group}\n"
    front = f'---\nlayout: null\npermalink: "{url.replace(chr(92), chr(92) * 2)}"\n---\n{body}'
    if kind == "post":
        return f"_posts/2020-01-{day:02d}-{group}-{label}.html", front
    if kind == "document":
        return f"_docs/{group}-{label}.html", front
    if kind == "page" and label == "rewritten":
        return f"pages/{group}.html", front
    return url[1:], ("---\nlayout: null\n---\n" + body if kind == "page" else body)


def _tree(pairs: list[Pair]) -> tuple[dict[str, str], dict[str, tuple[str, str, str]]]:
    """The site's files, and for each pair's output path the real file, its output
    and the rewritten file."""
    files = {"_config.yml": CONFIG}
    expected = {}
    for number, pair in enumerate(pairs):
        group = f"g{number}"
        parts = [group, "q", "x.html"]
        real_url = "/" + "/".join(parts)
        rewritten_url = "/" + parts[0] + "/\\"[pair.backslash_at == 0] + parts[1]
        rewritten_url += "/\\"[pair.backslash_at == 1] + parts[2]
        day = number % 28 + 1
        real_name, real_text = _file(pair.real, group, real_url, "real", day)
        rewritten_name, rewritten_text = _file(pair.rewritten, group, rewritten_url, "rewritten", day)
        files |= {real_name: real_text, rewritten_name: rewritten_text}
        expected[real_url[1:]] = (real_name, f"real {pair.real} {group}\n", rewritten_name)
    return files, expected


def _check(site: Path, out: Path, expected: dict[str, tuple[str, str, str]]) -> None:
    result = build(site, destination=out)
    errors = [d for d in result.diagnostics if d.level is Level.ERROR]
    for path, (real, output, rewritten) in expected.items():
        assert (out / path).read_text(encoding="utf-8") == output
        assert not [d for d in errors if d.path == site / real]
        named: list[Diagnostic] = [d for d in errors if d.path == site / rewritten]
        assert len(named) == 1, named
        assert f"browsers read its URL as /{path}, the path of {site / real}," in named[0].message


_PAIRS = st.lists(
    st.builds(Pair, st.sampled_from(KINDS), st.sampled_from(KINDS), st.integers(0, 1)), min_size=1, max_size=4
)


@settings(max_examples=12)
@given(pairs=_PAIRS)
def test_a_file_really_at_a_path_keeps_it_against_one_browsers_read_there(pairs: list[Pair]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        files, expected = _tree(pairs)
        _check(write_files(root / "site", files), root / "out", expected)


def test_a_static_file_and_a_post_rewritten_to_a_real_files_path_give_way(tmp_path: Path) -> None:
    site = write_files(
        tmp_path / "site",
        {
            "_config.yml": CONFIG,
            "a/b": "REAL",
            "a\\b": "REWRITTEN",
            "_posts/2022-01-02-p.md": '---\ntitle: P\npermalink: "/c\\\\d/"\n---\nrewritten post\n',
            "c/d/index.md": "---\ntitle: Q\n---\nreal page\n",
        },
    )
    result = build(site, destination=tmp_path / "out")
    assert (tmp_path / "out/a/b").read_text(encoding="utf-8") == "REAL"
    assert "real page" in (tmp_path / "out/c/d/index.html").read_text(encoding="utf-8")
    errors = sorted((d.path.name, d.message) for d in result.diagnostics if d.level is Level.ERROR)
    assert errors == [
        (
            "2022-01-02-p.md",
            f"browsers read its URL as /c/d/, the path of {site / 'c/d/index.md'}, "
            "which is published there; not published",
        ),
        (
            "a\\b",
            f"browsers read its URL as /a/b, the path of {site / 'a/b'}, which is published there; "
            "not published",
        ),
    ]


def test_the_real_files_output_is_what_jekyll_publishes_at_its_path(tmp_path: Path) -> None:
    pairs = [Pair(real, rewritten, at) for real in KINDS for rewritten in KINDS for at in (0, 1)]
    files, expected = _tree(pairs)
    site = write_files(tmp_path / "site", files)
    jekyll_build(site, tmp_path / "jekyll")
    _check(site, tmp_path / "out", expected)
    for path in expected:
        assert (tmp_path / "out" / path).read_bytes() == (tmp_path / "jekyll" / path).read_bytes()
