"""A published post (or page) whose file later fails to load keeps its last good page.

The build prints the file's one error line (naming file and line) and publishes it as
last built, from the load the cache kept: its page, the listings, the feed and the
sitemap stay byte for byte as they were, until the file loads again (then the build
equals a clean one) or is deleted (then the article is gone, as a clean build has it).
A clean build has no last good load: there the file is skipped, as always.
"""

from __future__ import annotations

import re
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.errors import Level
from sitegen.incremental.last_good import KEPT_NOTE
from sitegen.outcome import BuildResult
from tests.conftest import (
    CONFIG,
    build,
    generated_posts,
    post,
    run_with_modes_applied,
    sitegen_main,
    sitegen_serve,
    tree_bytes,
    write_files,
)


@dataclass(frozen=True)
class Breakage:
    """One way a crawler can leave a post's file that no longer loads."""

    breaks: Callable[[Path], None]
    line: int | None
    """The line its error names (the generated posts' title is line 3, date line 4)."""


def _replace_line(path: Path, start: bytes, new: bytes) -> None:
    lines = path.read_bytes().split(b"\n")
    path.write_bytes(b"\n".join(new if line.startswith(start) else line for line in lines))


BREAKAGES = {
    "invalid YAML": Breakage(lambda path: _replace_line(path, b"title:", b'title: ["broken'), 3),
    "not UTF-8": Breakage(lambda path: _replace_line(path, b"title:", b'title: "\xff\xfe"'), 3),
    "impossible date": Breakage(
        lambda path: _replace_line(path, b"date:", b"date: 2022-13-45 10:00:00 +0800"), 4
    ),
    "unreadable": Breakage(lambda path: path.chmod(0), None),
}
"""Each kind of failure the issue names; `unreadable` needs file modes applied (CI runs
as root: `run_with_modes_applied`)."""

BODY = "<p>正文{number}。</p>\n"


def _files(count: int) -> dict[str, str | bytes]:
    return {"_config.yml": CONFIG, **generated_posts(count, month=3, categories=2, tags=3, body=BODY)}


def _post_path(site: Path, number: int) -> Path:
    return next((site / "content/_posts").glob(f"2022-03-*-p{number}.md"))


def _errors(result: BuildResult) -> list[tuple[Path, int | None, str]]:
    return [(d.path, d.line, d.message) for d in result.diagnostics if d.level is Level.ERROR]


def _clean(site: Path, destination: Path) -> dict[str, bytes]:
    build(site, destination=destination, cache=False)
    return tree_bytes(destination)


@pytest.mark.parametrize("kind", sorted(BREAKAGES))
def test_a_post_that_fails_to_load_keeps_its_last_good_page_until_it_loads_again(
    tmp_path: Path, kind: str
) -> None:
    breakage = BREAKAGES[kind]

    def check() -> None:
        site = write_files(tmp_path / "site", _files(5))
        destination = tmp_path / "out"
        build(site, destination=destination)
        before = tree_bytes(destination)
        broken = _post_path(site, 1)
        breakage.breaks(broken)
        # Twice: the second build finds its last good load by the record the first kept.
        for _ in range(2):
            result = build(site, destination=destination)
            [(path, line, message)] = _errors(result)
            assert (path, line) == (broken, breakage.line) and message.endswith(KEPT_NOTE), message
            assert "skipped" not in message, message  # kept, not skipped
            assert result.published and tree_bytes(destination) == before
        broken.chmod(0o644)
        write_files(
            site, {broken.relative_to(site).as_posix(): post("改好了", date="2022-03-02 01:01:00 +0800")}
        )
        result = build(site, destination=destination)
        assert not _errors(result)
        assert tree_bytes(destination) == _clean(site, tmp_path / "clean")

    run_with_modes_applied(check)


def test_a_kept_post_is_rendered_again_from_its_last_good_load(tmp_path: Path) -> None:
    """A change that renders every page again (the site's title) renders the kept post's
    page from its last good load, body included: as a clean build of the good file."""
    site = write_files(tmp_path / "site", _files(3))
    destination = tmp_path / "out"
    build(site, destination=destination)
    broken = _post_path(site, 1)
    good = broken.read_bytes()
    BREAKAGES["invalid YAML"].breaks(broken)
    write_files(site, {"_config.yml": CONFIG.replace("测试站", "改名的站")})
    result = build(site, destination=destination)
    [(path, _, message)] = _errors(result)
    assert path == broken and message.endswith(KEPT_NOTE)
    published = tree_bytes(destination)
    broken.write_bytes(good)
    assert published == _clean(site, tmp_path / "clean")


def test_a_broken_post_deleted_is_gone_and_a_clean_build_never_had_it(tmp_path: Path) -> None:
    site = write_files(tmp_path / "site", _files(4))
    destination = tmp_path / "out"
    build(site, destination=destination)
    broken = _post_path(site, 2)
    BREAKAGES["invalid YAML"].breaks(broken)
    build(site, destination=destination)
    assert "cat0/2022/03/03/p2.html" in tree_bytes(destination)
    # A clean build has no last good load: the file is skipped with its error line.
    clean = build(site, destination=tmp_path / "clean", cache=False)
    [(path, _, message)] = _errors(clean)
    assert path == broken and not message.endswith(KEPT_NOTE)
    assert "cat0/2022/03/03/p2.html" not in tree_bytes(tmp_path / "clean")
    broken.unlink()
    result = build(site, destination=destination)
    assert not _errors(result)
    assert tree_bytes(destination) == _clean(site, tmp_path / "clean-after")


def test_a_post_broken_after_a_loader_setting_changed_has_no_last_good_load(tmp_path: Path) -> None:
    """Its last good load was made under other settings, which this build cannot
    vouch for: the file is left out as a clean build leaves it out."""
    site = write_files(tmp_path / "site", _files(4))
    destination = tmp_path / "out"
    build(site, destination=destination)
    broken = _post_path(site, 1)
    BREAKAGES["not UTF-8"].breaks(broken)
    before = tree_bytes(destination)
    build(site, destination=destination)
    assert tree_bytes(destination) == before
    write_files(site, {"_config.yml": CONFIG + "excerpt_separator: <!--more-->\n"})
    result = build(site, destination=destination)
    [(path, _, message)] = _errors(result)
    assert path == broken and not message.endswith(KEPT_NOTE)
    assert tree_bytes(destination) == _clean(site, tmp_path / "clean")


def test_a_page_that_fails_to_load_keeps_its_last_good_page(tmp_path: Path) -> None:
    site = write_files(
        tmp_path / "site", {**_files(2), "content/about.md": "---\ntitle: 关于\n---\n关于我们\n"}
    )
    destination = tmp_path / "out"
    build(site, destination=destination)
    before = tree_bytes(destination)
    write_files(site, {"content/about.md": b"---\ntitle: \xff\n---\n\xff\n"})
    result = build(site, destination=destination)
    [(path, line, message)] = _errors(result)
    assert (path, line) == (site / "content/about.md", 2) and message.endswith(KEPT_NOTE)
    assert tree_bytes(destination) == before
    write_files(site, {"content/about.md": "---\ntitle: 关于\n---\n关于我们\n"})
    (site / "content/about.md").chmod(0)

    def unreadable() -> None:
        """A page nobody may read was taken off the site: the check that tells a page
        from a static file could not read it, so it never came to be loaded."""
        result = build(site, destination=destination)
        [(path, _, message)] = _errors(result)
        assert path == site / "content/about.md" and message.endswith(KEPT_NOTE), message
        assert tree_bytes(destination) == before

    try:
        run_with_modes_applied(unreadable)
    finally:
        (site / "content/about.md").chmod(0o644)


def test_the_command_prints_one_line_exits_0_and_strict_publishes_nothing(tmp_path: Path) -> None:
    site = write_files(tmp_path / "site", _files(3))
    destination = tmp_path / "out"
    code, _, err = sitegen_main("build", "-s", str(site), "-d", str(destination))
    assert code == 0 and "error" not in err, err
    before = tree_bytes(destination)
    broken = _post_path(site, 0)
    BREAKAGES["impossible date"].breaks(broken)
    code, _, err = sitegen_main("build", "--strict", "-s", str(site), "-d", str(destination))
    assert code == 1 and tree_bytes(destination) == before
    code, _, err = sitegen_main("build", "-s", str(site), "-d", str(destination))
    lines = [line for line in err.splitlines() if line.startswith("error: ")]
    assert code == 0 and len(lines) == 1, err
    assert lines[0].startswith(f"error: {broken}:4: impossible date") and lines[0].endswith(KEPT_NOTE)
    assert tree_bytes(destination) == before
    # The next run finds nothing changed and says the same line again.
    code, out, err = sitegen_main("build", "-s", str(site), "-d", str(destination))
    assert code == 0 and out.startswith("nothing changed") and err.splitlines() == lines


@settings(max_examples=12, deadline=None)
@given(
    st.integers(min_value=3, max_value=8).flatmap(
        lambda count: st.tuples(
            st.just(count),
            st.dictionaries(
                st.integers(min_value=0, max_value=count - 1), st.sampled_from(sorted(BREAKAGES)), min_size=1
            ),
        )
    )
)
def test_broken_posts_keep_the_published_tree_and_fixed_it_equals_a_clean_build(
    drawn: tuple[int, dict[int, str]],
) -> None:
    """Any published posts broken in any of the ways above: the next build publishes the
    same tree byte for byte, with exactly one error line for each broken file; once they
    are fixed, the build equals a clean build."""
    count, broken = drawn

    def check() -> None:
        with tempfile.TemporaryDirectory() as scratch:
            root = Path(scratch)
            files = _files(count)
            site = write_files(root / "site", files)
            destination = root / "out"
            build(site, destination=destination)
            before = tree_bytes(destination)
            paths = {number: _post_path(site, number) for number in broken}
            for number, kind in broken.items():
                BREAKAGES[kind].breaks(paths[number])
            # Twice: the second build finds each last good load by the record the first kept.
            for _ in range(2):
                result = build(site, destination=destination)
                assert tree_bytes(destination) == before
                errors = _errors(result)
                assert sorted(path for path, _, _ in errors) == sorted(paths.values()), errors
                assert all(message.endswith(KEPT_NOTE) for _, _, message in errors), errors
            for path in paths.values():
                path.chmod(0o644)
                relative = path.relative_to(site).as_posix()
                write_files(site, {relative: re.sub("正文", "改好的正文", str(files[relative]))})
            result = build(site, destination=destination)
            assert not _errors(result)
            assert tree_bytes(destination) == _clean(site, root / "clean")

    run_with_modes_applied(check)


def _fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, ""


def _eventually(check: Callable[[], bool], timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, "the served site did not change in time"
        time.sleep(0.1)


def test_the_dev_server_keeps_a_broken_posts_last_good_page(tmp_path: Path) -> None:
    """`sitegen serve --watch` rebuilds as `sitegen build` does: a post saved broken
    keeps its page and its place in the listings, until it is fixed or deleted."""
    first = "content/_posts/2022-05-27-first.md"
    site = write_files(tmp_path / "site", {"_config.yml": CONFIG, first: post("第一篇", categories="caixin")})
    with sitegen_serve(site) as base:
        page, category = base + "/caixin/2022/05/27/first.html", base + "/category/caixin.html"
        write_files(site, {first: "---\ntitle: [\n---\n"})
        second = post("第二篇", date="2022-05-28 09:00:00 +0800", categories="caixin")
        write_files(site, {"content/_posts/2022-05-28-second.md": second})
        _eventually(lambda: "第二篇" in _fetch(category)[1])  # rebuilt since the post broke
        assert "第一篇" in _fetch(page)[1] and "第一篇" in _fetch(category)[1]
        write_files(site, {first: post("改好的第一篇", categories="caixin")})
        _eventually(lambda: "改好的第一篇" in _fetch(page)[1] and "改好的第一篇" in _fetch(category)[1])
        (site / first).unlink()
        _eventually(lambda: _fetch(page)[0] == 404 and "第一篇" not in _fetch(category)[1])
