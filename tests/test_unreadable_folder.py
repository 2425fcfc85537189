"""A source folder that cannot be read is one error line naming it: the rest of the site
builds, and publishing removes nothing, so the pages that folder's files published
before stay published until it can be read again (then the build is a normal one)."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from hypothesis import example, given, settings
from hypothesis import strategies as st

from sitegen.incremental.manifest_file import MANIFEST_NAME
from tests.conftest import CONFIG, build, run_with_modes_applied, sitegen_main, tree_bytes, write_files

UNREAD_LINE = (
    "what the last build loaded from it stays published as it was, listed as before, until it can be read"
)


def _posts(names: list[str], container: str = "") -> dict[str, str]:
    """Posts in `container/_posts/<name>/` (the collections folder, `collections_dir`)."""
    return {
        f"{container}/_posts/{name}/2024-01-{day + 1:02d}-p{day}.md".lstrip("/"): (
            f"---\ntitle: P{day}\n---\nbody {day}\n"
        )
        for day, name in enumerate(names)
    }


def _clean(site: Path, destination: Path) -> dict[str, bytes]:
    """A clean build of `site` (no cache), as its files."""
    build(site, destination=destination, cache=False)
    return tree_bytes(destination)


def test_an_unreadable_folder_is_one_line_and_the_rest_is_published_on_a_first_build(
    tmp_path: Path,
) -> None:
    """The reported tree: three posts and `lockd/f.txt` with `lockd` at mode 000 failed
    the whole build (exit 1, nothing published) even into an empty destination."""

    def check() -> None:
        site = write_files(
            tmp_path / "s",
            {"_config.yml": CONFIG, "lockd/f.txt": "hi\n", **_posts(["", "", ""])},
        )
        (site / "lockd").chmod(0)
        destination = tmp_path / "out"
        code, _, err = sitegen_main("build", "-s", str(site), "-d", str(destination))
        assert code == 0, err
        errors = [line for line in err.splitlines() if line.startswith("error: ")]
        assert errors == [
            f"error: {site / 'lockd'}: cannot read this folder (Permission denied); "
            f"built without reading it: {UNREAD_LINE}"
        ], err
        for day in range(3):
            assert (destination / f"2024/01/{day + 1:02d}/p{day}.html").is_file()
        assert not (destination / "lockd").exists()
        # `--strict` still publishes nothing on an error.
        strict = tmp_path / "strict"
        code, _, _ = sitegen_main("build", "--strict", "-s", str(site), "-d", str(strict))
        assert code == 1 and not strict.exists()

    run_with_modes_applied(check)


def test_a_folder_turned_unreadable_keeps_its_pages_and_readable_again_is_a_clean_build(
    tmp_path: Path,
) -> None:
    def check() -> None:
        site = write_files(
            tmp_path / "s",
            {"_config.yml": CONFIG, "lockd/f.txt": "hi\n", **_posts(["", "sub", "sub"])},
        )
        destination = tmp_path / "out"
        code, _, err = sitegen_main("build", "-s", str(site), "-d", str(destination))
        assert code == 0 and "error" not in err, err
        before = tree_bytes(destination)
        (site / "_posts/sub").chmod(0)
        (site / "lockd").chmod(0)
        write_files(site, {"_posts/2024-01-01-p0.md": "---\ntitle: P0\n---\nchanged\n"})
        code, _, err = sitegen_main("build", "-s", str(site), "-d", str(destination))
        assert code == 0 and err.count(UNREAD_LINE) == 2, err
        after = tree_bytes(destination)
        assert set(before) <= set(after)  # nothing removed: the folders' pages are kept as they were
        for kept in ("2024/01/02/p1.html", "2024/01/03/p2.html", "lockd/f.txt"):
            assert after[kept] == before[kept]
        assert b"changed" in after["2024/01/01/p0.html"]  # the rest is updated
        assert not (site / ".sitegen-cache" / MANIFEST_NAME).exists()  # no no-change state
        (site / "_posts/sub").chmod(0o755)
        (site / "lockd").chmod(0o755)
        code, out, err = sitegen_main("build", "-s", str(site), "-d", str(destination))
        assert code == 0 and "error" not in err and not out.startswith("nothing changed"), err
        assert tree_bytes(destination) == _clean(site, tmp_path / "clean")

    run_with_modes_applied(check)


FOLDERS = st.lists(st.sampled_from(["", "a", "a/b", "a/b/c", "d"]), min_size=1, max_size=6)
"""Where each post lies below `_posts` (`a/b` is `_posts/a/b/`)."""


COLLECTION = "collections:\n  docs:\n    output: true\n"
"""A published collection, read from `_docs/` in the collections folder."""


@settings(max_examples=6, deadline=None)
@given(
    FOLDERS,
    st.lists(st.sampled_from(["static", "static/deep", "other"]), max_size=3),
    st.sets(
        st.sampled_from(
            [
                "_posts/a",
                "_posts/a/b",
                "_posts/a/b/c",
                "_posts/d",
                "static",
                "static/deep",
                "_docs",
                "_docs/x",
                "coll",  # the collections folder itself, where there is one
            ]
        )
    ),
    st.sampled_from(["", "coll"]),
)
@example(["a"], [], {"_docs"}, "coll")  # the folder of a collection in a `collections_dir`
@example(["a"], [], {"coll"}, "coll")
def test_unreadable_folders_anywhere_publish_every_readable_post_and_remove_nothing(
    post_folders: list[str], static_folders: list[str], unreadable: set[str], container: str
) -> None:
    """Any tree, any of its folders unreadable at any depth, a `collections_dir` or none:
    the build publishes exactly what a clean build of the whole tree publishes (the
    unreadable folders' posts and documents keep their last good loads, listed as before;
    their other files stay published), keeps every file published before, and once they
    are readable again equals a clean build.

    Before, their posts left the home page, archives, feeds and sitemap while their own
    pages stayed: the published site contradicted itself. And a collection's folder in
    a `collections_dir` was taken for a `_` folder Jekyll never reads: unreadable, its
    documents left the site without a word, and `--strict` passed."""
    settings_text = CONFIG + COLLECTION + (f"collections_dir: {container}\n" if container else "")
    at = f"{container}/" if container else ""
    unreadable = {f"{at}{folder}" if folder.startswith("_") else folder for folder in unreadable}
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        files = {"_config.yml": settings_text, **_posts(post_folders, container)}
        files.update({f"{folder}/f{index}.txt": f"{index}\n" for index, folder in enumerate(static_folders)})
        files.update({f"{at}_docs/d.md": "---\ntitle: D\n---\ndoc\n", f"{at}_docs/x/e.md": "---\n---\ne\n"})

        def check() -> None:
            site = write_files(root / "s", files)
            destination = root / "out"
            build(site, destination=destination)
            before = tree_bytes(destination)
            present = [folder for folder in sorted(unreadable) if (site / folder).is_dir()]
            write_files(site, {"new.md": "---\ntitle: N\n---\nnew\n"})
            whole = root / "whole"
            shutil.copytree(site, whole, ignore=shutil.ignore_patterns(".sitegen-cache"))
            for folder in reversed(present):  # the deepest first: a folder of mode 000 cannot be passed
                (site / folder).chmod(0)
            result = build(site, destination=destination)
            outermost = [f for f in present if not any(f.startswith(o + "/") for o in present)]
            assert sorted(str(e.path.relative_to(site)) for e in result.errors if e.path) == outermost
            after = tree_bytes(destination)
            assert set(before) <= set(after)  # nothing previously published disappears
            assert after == _clean(whole, root / "clean-whole")
            for folder in present:
                (site / folder).chmod(0o755)
            build(site, destination=destination)
            assert tree_bytes(destination) == _clean(site, root / "clean")

        try:
            run_with_modes_applied(check)
        finally:
            for path in (root, *root.rglob("*")):
                if path.is_dir() and not path.is_symlink():
                    os.chmod(path, 0o777)
