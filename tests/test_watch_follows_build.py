"""The watcher leaves out only what the build never reads: for any tree and any
`include`/`exclude`, every file the scan reads is watched, and a nested `node_modules`
(published, as in Jekyll) rebuilds the served site when edited."""

from __future__ import annotations

import tempfile
import threading
import time
from pathlib import Path, PurePosixPath

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from sitegen.config import load_config
from sitegen.content.scan import scan_sources
from sitegen.content.unread import read_rules
from sitegen.serve.server import DevServer, RebuildResult
from sitegen.serve.watch import SiteWatcher
from tests.conftest import CONFIG, post, sitegen_serve, write_files
from tests.dev_server import run_driven
from tests.test_serve_watch import eventually, fetch

NAMES = st.sampled_from(
    ["a", "lib", "node_modules", "vendor", "bundle", ".git", ".venv", ".well-known", "_posts", "_data",
     "_drafts", "_private", "templates", "content", "#tmp", "old~", "__pycache__"]
)  # fmt: skip
FOLDERS = st.lists(NAMES, min_size=1, max_size=4).map(lambda parts: PurePosixPath(*parts))
PATTERNS = st.sampled_from(
    ["node_modules", "vendor", "lib", "a/lib", "docs/", "l*", ".venv", ".git", "_private"]
)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(FOLDERS, min_size=1, max_size=12),
    st.lists(PATTERNS, max_size=3),
    st.lists(PATTERNS, max_size=3),
    st.lists(FOLDERS, max_size=2),
    st.data(),
)
def test_whatever_the_build_reads_is_watched(
    folders: list[PurePosixPath],
    exclude: list[str],
    include: list[str],
    imports: list[PurePosixPath],
    data: st.DataObject,
) -> None:
    """Every file the scan reads, and every stylesheet in a folder Sass imports from
    (`load_paths`, wherever it lies: beside `content/`, in an excluded or hidden folder),
    is watched; so is a file `include` names by its path in a folder the build leaves
    out (`node_modules/x/a.js`, read as Jekyll's `read_included_excludes` reads it)."""
    files = st.sampled_from(folders).map(lambda folder: f"{folder}/2022-05-27-x.md")
    include = include + data.draw(st.lists(files, max_size=2), label="files included by their path")
    with tempfile.TemporaryDirectory() as scratch:
        site = Path(scratch).resolve()
        for folder in folders:
            (site / folder).mkdir(parents=True, exist_ok=True)
            (site / folder / "2022-05-27-x.md").write_text("---\n---\nx")
        for folder in imports:
            (site / folder).mkdir(parents=True, exist_ok=True)
            (site / folder / "_part.scss").write_text("a { b: c }")
        load_paths = "".join(f'\n    - "{folder}"' for folder in imports)
        (site / "_config.yml").write_text(f"sass:\n  load_paths:{load_paths or ' []'}\n")
        config = load_config(site)
        tree = scan_sources(site, tuple(exclude), (), (), tuple(include))
        read = [source.path for source in (*tree.posts, *tree.drafts, *tree.others, *tree.documents)]
        read += [site / folder / "_part.scss" for folder in imports]
        watcher = SiteWatcher([site], lambda changed: None)
        watcher.follow_rules(
            read_rules(site, tuple(exclude), tuple(include), tuple(Path(p) for p in config.sass.load_paths))
        )
        for path in read:
            ancestors = [path, *path.parents]
            assert not any(
                watcher.is_ignored(folder) for folder in ancestors if folder.is_relative_to(site)
            ), path


def test_folders_the_build_never_reads_are_left_out(tmp_path: Path) -> None:
    rules = read_rules(tmp_path)
    for never in (".git", "a/.venv/lib", "node_modules/pkg", "vendor/bundle/ruby", "#tmp", "a/b~"):
        assert rules.never_read(PurePosixPath(never)), never
    for read in ("a/node_modules/pkg", "lib", "_data/.hidden", "templates/.x", "_posts/node_modules"):
        assert not rules.never_read(PurePosixPath(read)), read
    assert not read_rules(tmp_path, include=(".well-known",)).never_read(PurePosixPath("a/.well-known"))


def test_beside_content_only_the_theme_and_underscore_folders_are_read(tmp_path: Path) -> None:
    """In sitegen's layout the build reads `content/`, `templates/` and the `_` folders
    at the top; `npm install` beside `content/` made thousands of watches and rebuilds."""
    (tmp_path / "content").mkdir()
    rules = read_rules(tmp_path, also_read=(tmp_path / "node_modules/bootstrap/scss",))
    for never in ("node_modules/left-pad", "scripts", "README.md", "lib/x.js"):
        assert rules.never_read(PurePosixPath(never)), never
    for read in ("content/lib", "templates/base.html", "_config.yml", "_data/a.yml", "_sass/x.scss",
                 "node_modules", "node_modules/bootstrap/scss/_grid.scss"):  # fmt: skip
        assert not rules.never_read(PurePosixPath(read)), read


def test_a_nested_node_modules_is_published_and_rebuilt_when_edited(tmp_path: Path) -> None:
    site = write_files(
        tmp_path / "site",
        {
            "_config.yml": CONFIG,
            "content/_posts/2022-05-27-first.md": post("第一篇"),
            "content/lib/node_modules/pkg/index.js": "old();\n",
        },
    )
    with sitegen_serve(site) as base:
        url = base + "/lib/node_modules/pkg/index.js"
        assert fetch(url) == (200, "old();\n")
        (site / "content/lib/node_modules/pkg/index.js").write_text("new();\n", encoding="utf-8")
        eventually(lambda: fetch(url) == (200, "new();\n"))


def test_a_file_included_by_its_path_from_an_excluded_folder_is_rebuilt_when_edited(tmp_path: Path) -> None:
    """`include: [node_modules/pkg/a.js]` publishes that one file of a folder the build
    otherwise leaves out; the server served it stale, the folder being unwatched."""
    site = write_files(
        tmp_path / "site",
        {
            "_config.yml": CONFIG
            + "include: [node_modules/pkg/a.js, vendor/keep/b.txt]\nexclude: [vendor]\n",
            "content/_posts/2022-05-27-first.md": post("第一篇"),
            "content/node_modules/pkg/a.js": "old();\n",
            "content/vendor/keep/b.txt": "old\n",
        },
    )
    with sitegen_serve(site) as base:
        for name, before, after in (
            ("node_modules/pkg/a.js", "old();\n", "new();\n"),
            ("vendor/keep/b.txt", "old\n", "new\n"),
        ):
            url = f"{base}/{name}"
            assert fetch(url) == (200, before)
            (site / "content" / name).write_text(after, encoding="utf-8")
            eventually(lambda: fetch(url) == (200, after))  # noqa: B023 (waited for here)


def test_the_cache_in_use_at_start_is_watched_once_the_setting_moves_it(tmp_path: Path) -> None:
    site = write_files(
        tmp_path / "site",
        {
            "_config.yml": CONFIG + "cache_dir: content/mycache\n",
            "content/_posts/2022-05-27-first.md": post("第一篇"),
        },
    )
    with sitegen_serve(site) as base:
        assert (site / "content/mycache").is_dir()
        (site / "_config.yml").write_text(CONFIG, encoding="utf-8")
        # The old cache folder is never published while it holds a cache (its tag); once
        # emptied of it, it is a folder of the site, watched like the others.
        eventually(lambda: (site / ".sitegen-cache").is_dir())  # the rebuild with the default cache
        time.sleep(1.5)
        assert not (site / "_site" / "mycache").exists()
        for leftover in (site / "content/mycache").iterdir():
            leftover.unlink()
        (site / "content/mycache/note.txt").write_text("笔记\n", encoding="utf-8")
        eventually(lambda: fetch(base + "/mycache/note.txt") == (200, "笔记\n"))


@settings(max_examples=4, deadline=None)
@given(let_in=st.sampled_from(["include", "exclude"]), nested=st.booleans())
def test_a_save_in_a_folder_the_settings_let_in_during_the_rebuild_is_not_lost(
    let_in: str, nested: bool
) -> None:
    """The rebuild that reads new settings (a hidden folder included, an exclude entry
    dropped) is the first to read the folder they let in, and only after it is that
    folder watched: a save there while it ran must still start the next rebuild."""
    with tempfile.TemporaryDirectory() as scratch:
        site = Path(scratch).resolve()
        name = ".hidden" if let_in == "include" else "old"
        folder = site / "a" / name if nested else site / name
        folder.mkdir(parents=True)
        (folder / "page.md").write_text("one\n")
        excluded = folder.relative_to(site).as_posix()  # exclude names paths from the top
        before = read_rules(site, exclude=() if let_in == "include" else (excluded,))
        after = read_rules(site, include=(name,) if let_in == "include" else ())
        bursts: list[frozenset[Path]] = []

        def rebuild(changed: frozenset[Path]) -> None:
            bursts.append(changed)
            if len(bursts) == 1:
                time.sleep(0.05)
                (folder / "page.md").write_text("two\n")  # saved while the rebuild runs
                watcher.follow_rules(after)  # the rebuild read the new settings

        watcher = SiteWatcher([site], rebuild, debounce=0.05)
        watcher.follow_rules(before)
        with watcher:
            assert folder not in watcher.watched_folders()
            (site / "_config.yml").write_text("title: x\n")
            eventually(lambda: len(bursts) >= 2)
        assert folder / "page.md" in bursts[1]


def test_editor_names_are_dropped_only_when_gone(tmp_path: Path) -> None:
    """vim's `4913` probe, made and removed within a save, starts no rebuild; an article
    folder named `4913` and a `notes.swp` the build publishes are sources like any other."""
    site = tmp_path.resolve()
    bursts: list[frozenset[Path]] = []
    with SiteWatcher([site], bursts.append, debounce=0.05):
        probe = site / "4913"
        probe.write_text("")
        probe.unlink()
        time.sleep(0.5)
        assert bursts == []
        (site / "4913").mkdir()
        eventually(lambda: any(site / "4913" in burst for burst in bursts))
        (site / "4913" / "index.html").write_text("<p>文章</p>\n")
        (site / "notes.swp").write_text("x\n")
        eventually(lambda: any(site / "4913" / "index.html" in burst for burst in bursts))
        eventually(lambda: any(site / "notes.swp" in burst for burst in bursts))


def test_folders_read_through_links_are_watched_and_the_output_is_not(tmp_path: Path) -> None:
    """The build reads through a link to a folder (a theme kept in a hidden folder and
    linked as `templates`, a content folder linked to a hidden store): an edit in the
    target rebuilds the served site. A link to the output is not followed: the build
    never reads it, and its writes would start the next rebuild."""
    site = write_files(
        tmp_path / "site",
        {
            "_config.yml": CONFIG,
            "content/_posts/2022-05-27-first.md": post("第一篇"),
            ".theme/_back_links.html": "<p>页脚一</p>\n",
            ".store/sub/a.txt": "甲\n",
        },
    )
    (site / "templates").symlink_to(".theme")
    (site / "content" / "pub").symlink_to("../.store")
    (site / "content" / "preview").symlink_to("../_site")
    with sitegen_serve(site) as base:
        assert fetch(base + "/pub/sub/a.txt") == (200, "甲\n")
        (site / ".store/sub/a.txt").write_text("乙\n", encoding="utf-8")
        eventually(lambda: fetch(base + "/pub/sub/a.txt") == (200, "乙\n"))
        (site / ".theme/_back_links.html").write_text("<p>页脚二</p>\n", encoding="utf-8")
        page = next((site / "_site").rglob("first.html"))
        eventually(lambda: "页脚二" in page.read_text(encoding="utf-8"))
    watched = SiteWatcher([site.resolve()], lambda changed: None, ignore_paths=[site / "_site"])
    with watched:
        folders = watched.watched_folders()
    assert site.resolve() / "templates" in folders and site.resolve() / "content/pub/sub" in folders
    assert not any(folder.is_relative_to(site.resolve() / "content/preview") for folder in folders)


def test_links_out_of_the_site_are_not_followed_but_the_theme_s_are(tmp_path: Path) -> None:
    """The scan skips a link out of the site ("is a symlink to outside the site folder"),
    but the watcher followed it: `content/big -> /usr/share` made thousands of watches
    and every change there a rebuild. The theme is read through its links wherever they
    lead, so `templates -> ../themes/x` stays watched."""
    site = write_files(
        tmp_path / "site",
        {"_config.yml": CONFIG, "content/_posts/2022-05-27-first.md": post("第一篇")},
    )
    elsewhere = write_files(tmp_path / "elsewhere", {"a/b/x.txt": "x", "c/y.txt": "y"})
    theme = write_files(tmp_path / "themes/x", {"partials/base.html": "<html></html>"})
    site = site.resolve()
    (site / "content/big").symlink_to(elsewhere)
    (site / "templates").symlink_to(theme)
    with SiteWatcher([site], lambda changed: None) as watcher:
        (site / "content/later").symlink_to(elsewhere / "a")
        time.sleep(0.5)
        folders = watcher.watched_folders()
    assert site / "templates/partials" in folders
    assert not any(folder.is_relative_to(site / "content/big") for folder in folders)
    assert not any(folder.is_relative_to(site / "content/later") for folder in folders)


OUTSIDE = st.sampled_from(["theme", "sass", "single/base.html"])
"""What a rebuild can read outside the site: a linked theme folder, a Sass `load_paths`
folder, one linked template file."""


@settings(max_examples=8, deadline=None)
@given(
    before=st.sets(OUTSIDE),
    after=st.sets(OUTSIDE),
    edited=st.sampled_from(["site/content/a.md", "theme/post.html", "sass/_vars.scss", "single/base.html"]),
)
def test_a_save_while_a_rebuild_moves_the_watch_starts_the_next_rebuild(
    before: set[str], after: set[str], edited: str
) -> None:
    """A rebuild that reads other files outside the site than the last one moves the
    watch (`RebuildResult.watch_paths`). A file saved while that rebuild ran, wherever
    the watch moved to, must start the next rebuild. Before, the watcher was replaced
    by a new one, and the changes the old one had seen and not yet reported were dropped:
    in the site too, so an edit made then was never shown."""
    assume(edited.startswith("site/") or edited.split("/")[0] in {path.split("/")[0] for path in after})
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch).resolve()
        for path in ("site/content/a.md", "theme/post.html", "sass/_vars.scss", "single/base.html"):
            write_files(root, {path: "one\n"})
        output = write_files(root / "out", {"index.html": "<p>home</p>"})
        calls: list[frozenset[Path]] = []
        second = threading.Event()

        def rebuild(changed: frozenset[Path]) -> RebuildResult:
            calls.append(changed)
            if len(calls) == 1:
                (root / edited).write_text("two\n")  # saved while the rebuild runs
                time.sleep(0.3)  # seen before the rebuild ends
            else:
                second.set()
            watched = (root / "site", *(root / path for path in sorted(after)))
            return RebuildResult(output, published=True, watch_paths=watched)

        def drive(server: DevServer) -> None:
            try:
                (root / "site/content/b.md").write_text("new\n")
                second.wait(20)
            finally:
                server.shutdown()

        watch_paths = [root / "site", *(root / path for path in sorted(before))]
        code, _, err = run_driven(output, rebuild, watch_paths, drive)
        assert code == 0, err
        assert len(calls) >= 2, (calls, err)
        assert root / edited in calls[1], calls
