"""Front matter costs what is written, not what YAML aliases expand to.

A few hundred bytes of alias chains stand for billions of values; a cycle stands for an
infinite one. Such front matter is refused with one error naming the file, anything
within the limits is accepted, and in both cases a build takes about as long as for a
plain file of the same size (measured against it in the same test, never in seconds).
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sitegen.cli import main
from sitegen.content.front_matter import parse_source
from sitegen.errors import ContentError
from tests.conftest import CONFIG, build, post, write_files

#: How much slower than a plain file of the same size a hostile one may build. A walk of
#: the expansion is millions of times slower; ordinary noise stays well inside this.
MAX_RATIO = 10


def alias_chain(levels: int, width: int) -> str:
    """`levels` lists, each holding `width` aliases of the one before: width**levels values."""
    lines = ["l0: &l0 [" + ", ".join(["x"] * width) + "]"]
    for level in range(1, levels):
        lines.append(f"l{level}: &l{level} [" + ", ".join([f"*l{level - 1}"] * width) + "]")
    return "\n".join(lines)


def page(front_matter: str) -> str:
    return f"---\ntitle: 页面\n{front_matter}\n---\n<p>正文</p>\n"


def plain_of_size(size: int) -> str:
    filler = "p: " + "x" * max(size - 40, 1)
    return page(filler)


def build_seconds(root: Path, page_text: str) -> float:
    site = write_files(
        root,
        {"_config.yml": CONFIG, "content/_posts/2022-05-27-a.md": post(), "content/about.md": page_text},
    )
    best = float("inf")
    for _ in range(3):
        started = time.process_time()
        build(site, cache=False)
        best = min(best, time.process_time() - started)
    return best


@pytest.mark.parametrize(
    ("front_matter", "refused"),
    [
        (alias_chain(9, 9), True),  # the ~300-byte chain: 387 million values
        ("x: &x [*x]\ny: &y {k: *y}", True),  # cycles
        (alias_chain(4, 9), False),  # 6,561 values: within the limits, accepted
    ],
)
def test_alias_front_matter_builds_as_fast_as_a_plain_file_of_its_size(
    tmp_path: Path, front_matter: str, refused: bool
) -> None:
    hostile = page(front_matter)
    site_errors = build(
        write_files(tmp_path / "check", {"_config.yml": CONFIG, "content/about.md": hostile})
    ).errors
    assert bool(site_errors) == refused
    if refused:
        assert site_errors[0].path is not None and site_errors[0].path.name == "about.md"
    ratio = build_seconds(tmp_path / "hostile", hostile) / build_seconds(
        tmp_path / "plain", plain_of_size(len(hostile.encode()))
    )
    assert ratio < MAX_RATIO


_SCALAR = st.sampled_from(["x", "1", "null", "2022-05-27", "'引号'", "[]", "{}"])


@st.composite
def alias_documents(draw: st.DrawFn) -> str:
    """Random front matter built of anchors and aliases of earlier anchors (or itself)."""
    lines = []
    for number in range(draw(st.integers(1, 12))):
        items = [
            draw(st.one_of(_SCALAR, st.sampled_from([f"*a{other}" for other in range(number + 1)])))
            for _ in range(draw(st.integers(0, 12)))
        ]
        if draw(st.booleans()):
            lines.append(f"a{number}: &a{number} [" + ", ".join(items) + "]")
        else:
            pairs = [f"k{i}: {item}" for i, item in enumerate(items)]
            lines.append(f"a{number}: &a{number} {{" + ", ".join(pairs) + "}")
    return "---\n" + "\n".join(lines) + "\n---\nbody\n"


@given(alias_documents())
def test_any_alias_structure_is_accepted_bounded_or_refused_naming_the_file(text: str) -> None:
    path = Path("about.md")
    try:
        document = parse_source(text, path)
    except ContentError as error:
        assert error.path == path and error.line is not None
        return
    assert document.front_matter is not None
    # What is accepted can be printed in full within a small multiple of the file.
    assert len(repr(document.front_matter)) < 100 * max(len(text), 100_000)


@pytest.mark.parametrize(
    ("config", "words"),
    [
        ("category_titles:\n  " + alias_chain(9, 9).replace("\n", "\n  "), "expands"),
        ("title: &t [*t]", "refers to itself"),
    ],
)
def test_hostile_config_is_one_error_line_not_a_hang_or_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], config: str, words: str
) -> None:
    site = write_files(tmp_path / "site", {"_config.yml": config, "content/_posts/2022-05-27-a.md": post()})
    assert main(["build", "-s", str(site)]) == 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and "_config.yml" in error and words in error


def test_a_date_no_calendar_has_in_the_config_is_one_warning_not_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`2022-02-30` is a timestamp to YAML's grammar that Python's `date` refuses: read as
    text, it is a wrong `paginate` (one warning at its line, the default used, the site
    built) and a value Liquid reads under `feed` (no line at all)."""
    config = "title: t\npaginate: 2022-02-30\nfeed: {updated: 2022-02-30}\n"
    site = write_files(tmp_path / "site", {"_config.yml": config, "content/_posts/2022-05-27-a.md": post()})
    assert main(["build", "-s", str(site)]) == 0
    error = capsys.readouterr().err
    assert "Traceback" not in error
    named = [line for line in error.splitlines() if "2022-02-30" in line]
    assert len(named) == 1 and named[0].startswith("warning: ") and "_config.yml:2:" in named[0], error
    assert "'paginate'" in named[0]
