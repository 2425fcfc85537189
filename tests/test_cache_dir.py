"""Where the build cache lives: `--cache-dir` and the `cache_dir` setting keep it (and
the no-change manifest) outside the site and the published tree, the setting is read
without YAML by the no-change check, and a cache folder that would trample files is
refused in one line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.cli import main
from sitegen.incremental import manifest_file
from sitegen.incremental.cache_location import configured_cache_dir_hint
from tests.conftest import CONFIG, post, sitegen_main, tree_bytes, write_files
from tests.test_no_change import _clean_tree, _cli_build, _World


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("title: x\n", ""),
        ("cache_dir: .cache/site\n", ".cache/site"),
        ("cache_dir: 'a b'\n", "a b"),
        ('cache_dir: "c"  \n', "c"),
        ("cache_dir: &anchor x\n", None),
        ("cache_dir:\n  - x\n", None),
        ("cache_dir: a\ncache_dir: b\n", None),
        ("other:\n  cache_dir: x\n", None),
    ],
)
def test_the_cache_dir_line_is_read_without_yaml_or_not_at_all(text: str, expected: str | None) -> None:
    assert configured_cache_dir_hint(text) == expected


def test_cache_dir_option_keeps_the_cache_outside_the_site(tmp_path: Path) -> None:
    world = _World(tmp_path)
    cache = tmp_path / "ci-cache"
    _cli_build(world.site, world.destination, "--cache-dir", str(cache))
    assert (cache / "cache.sqlite").is_file() and (cache / manifest_file.MANIFEST_NAME).is_file()
    assert not (world.site / ".sitegen-cache").exists()
    _, summary = _cli_build(world.site, world.destination, "--cache-dir", str(cache))
    assert summary.startswith("nothing changed"), summary


def test_cache_dir_setting_is_never_published(tmp_path: Path) -> None:
    world = _World(tmp_path)
    write_files(world.site, {"_config.yml": CONFIG + "cache_dir: buildcache\n"})
    _cli_build(world.site, world.destination)
    assert (world.site / "buildcache" / "cache.sqlite").is_file()
    assert not any("buildcache" in path for path in tree_bytes(world.destination))
    assert _cli_build(world.site, world.destination)[1].startswith("nothing changed")


@settings(max_examples=5, deadline=None)
@given(
    folder=st.sampled_from(["buildcache", "content/cache", "content/a/b", "缓存"]),
    then=st.sampled_from(["--cache-dir", "moved"]),
)
def test_another_build_s_cache_folder_is_never_published(
    tmp_path_factory: pytest.TempPathFactory, folder: str, then: str
) -> None:
    """A cache folder left in the site by another build (`cache_dir:` on a developer's
    machine while CI passes `--cache-dir`, or a setting moved elsewhere) is not a
    folder of sources: its SQLite file holds drafts' text. Output equals a build of a
    copy of the site without that folder."""
    root = tmp_path_factory.mktemp("other")
    world = _World(root)
    write_files(world.site, {"_config.yml": CONFIG + f"cache_dir: {folder}\n"})
    _cli_build(world.site, world.destination)
    assert (world.site / folder / "cache.sqlite").is_file()
    if then == "moved":
        write_files(world.site, {"_config.yml": CONFIG + "cache_dir: elsewhere-cache\n"})
        code, _ = _cli_build(world.site, world.destination)
    else:
        code, _ = _cli_build(world.site, world.destination, "--cache-dir", str(root / "ci-cache"))
    assert code == 0
    published = tree_bytes(world.destination)
    assert not any(name.endswith(("cache.sqlite", "manifest", "lock", "CACHEDIR.TAG")) for name in published)
    copy = root / "copy"
    shutil.copytree(world.site, copy, ignore=shutil.ignore_patterns("_site", "*cache*", "缓存"))
    write_files(copy, {"_config.yml": (world.site / "_config.yml").read_text(encoding="utf-8")})
    shutil.rmtree(copy / folder, ignore_errors=True)
    code, _ = _cli_build(copy, root / "copy-out", "--cache-dir", str(root / "copy-cache"))
    assert code == 0
    assert published == tree_bytes(root / "copy-out")


@pytest.mark.parametrize("where", ["out", "out/inner", "site/content", "."])
def test_a_cache_dir_that_would_trample_files_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], where: str
) -> None:
    world = _World(tmp_path)
    _cli_build(world.site, world.destination)
    before = tree_bytes(world.site)
    code = main(
        ["build", "-s", str(world.site), "-d", str(world.destination), "--cache-dir", str(tmp_path / where)]
    )
    errors = capsys.readouterr().err.strip().splitlines()
    assert code != 0 and len(errors) == 1 and errors[0].startswith("error:") and "cache folder" in errors[0]
    assert tree_bytes(world.site) == before


USER_FILE_NAMES = st.sampled_from(
    ["manifest.json", "manifest.webmanifest", "lockfile", "lock.txt", "cache.sqlite.bak", "cache.sqlite3",
     "manifest.old.tmp", "CACHEDIR.TAG.txt", "notes.md", "lock~"]
) | st.text(st.characters(codec="utf-8", exclude_characters="/\0"), min_size=1, max_size=12).filter(
    lambda name: name not in {".", ".."}
)  # fmt: skip


@settings(max_examples=40, deadline=None)
@given(
    name=(USER_FILE_NAMES | st.sampled_from(["manifest", "manifest.12.tmp", "CACHEDIR.TAG"])).filter(
        lambda name: name not in {"cache.sqlite", "lock"}  # a cache being made or damaged: rebuilt
    )
)
def test_a_folder_with_any_file_sitegen_did_not_write_is_never_taken_as_the_cache(
    tmp_path_factory: pytest.TempPathFactory, name: str
) -> None:
    """Names were matched by their beginning: `--cache-dir pwa` with a `manifest.json`
    in it was taken, tagged, and the folder left out of every later build; a user's file
    named `manifest` was overwritten. Only a tagged folder, or one holding the cache's
    database or lock (a damaged cache is rebuilt), is taken as a cache."""
    root = tmp_path_factory.mktemp("named")
    world = _World(root)
    folder = world.site / "content" / "pwa"
    write_files(folder, {name: "{}"})
    code = main(["build", "-s", str(world.site), "-d", str(world.destination), "--cache-dir", str(folder)])
    assert code != 0
    assert sorted(path.name for path in folder.iterdir()) == [name]
    assert (folder / name).read_text(encoding="utf-8") == "{}"


def test_a_destination_that_holds_the_site_is_refused_as_such(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`-d` a link to the site folder was refused as "the cache folder is the destination
    or inside it", about a cache the user never named."""
    world = _World(tmp_path)
    (tmp_path / "link").symlink_to(world.site)
    assert main(["build", "-s", str(world.site), "-d", str(tmp_path / "link")]) != 0
    errors = capsys.readouterr().err
    assert "the destination is, or contains, the source folder" in errors
    assert "cache folder" not in errors


TAGGED_CHANGES: dict[str, dict[str, str]] = {
    "edit data": {"content/_data/info.yml": "motto: 第二\n"},
    "edit nested data": {"content/_data/sub/more.yml": "word: 乙\n"},
    "edit include": {"content/_includes/note.html": "<aside>注二</aside>\n"},
    "edit nested include": {"content/_includes/sub/inc.html": "<i>乙</i>\n"},
    "edit an include named like the cache": {"content/_includes/locked/lock": "<b>乙</b>\n"},
    "edit template": {"templates/_back_links.html": "<p>返回乙</p>\n"},
    "add nested post": {"content/_posts/2022/2022-05-06-m.md": post("丁", "2022-05-06 10:00:00 +0800")},
    "add page": {"content/docs/more.md": "---\ntitle: 更多\n---\n更多\n"},
}


@settings(max_examples=40, deadline=None)
@given(
    folder=st.sampled_from(
        ["", "content", "content/_posts", "content/_posts/2022", "content/_data", "content/_data/sub",
         "content/_includes", "content/_includes/sub", "content/_includes/locked", "templates",
         "content/docs"]
    ),
    change=st.sampled_from(["edit posts", *TAGGED_CHANGES]),
)  # fmt: skip
def test_a_tagged_folder_is_left_out_alike_by_every_build_and_said(
    tmp_path_factory: pytest.TempPathFactory, folder: str, change: str
) -> None:
    """A `CACHEDIR.TAG` in `_posts/` was honoured by the no-change check but not by the
    scan: every build after an edit said "nothing changed" and kept publishing the old
    site; in `_data/sub/`, read by the data reader whatever tag, the same. Wherever a tag
    is, an incremental build equals a clean one, a tag that leaves files out is named in
    a warning, and a tag is never published."""
    root = tmp_path_factory.mktemp("tagged")
    world = _World(root)
    write_files(
        world.site,
        {
            "content/_posts/2022/2022-05-05-n.md": post("丙", "2022-05-05 10:00:00 +0800"),
            "content/docs/guide.md": "---\ntitle: 指南\n---\n指南\n",
            "content/_data/sub/more.yml": "word: 甲\n",
            "content/_includes/sub/inc.html": "<i>甲</i>\n",
            "content/_includes/locked/lock": "<b>甲</b>\n",
            "content/about.md": "---\ntitle: 关于\n---\n{{ site.data.info.motto }} "
            "{{ site.data.sub.more.word }} {% include note.html %} {% include sub/inc.html %} "
            "{% include locked/lock %}\n",
            "templates/_back_links.html": "<p>返回甲</p>\n",
        },
    )
    _cli_build(world.site, world.destination)
    tagged = world.site / folder
    (tagged / "CACHEDIR.TAG").write_bytes(b"Signature: 8a477f597d28d172789f06886806bc55\n")
    _cli_build(world.site, world.destination)  # the tag is there when the change comes
    if change == "edit posts":
        for path in world.posts():
            path.write_text(path.read_text(encoding="utf-8").replace("正文", "改后"), encoding="utf-8")
    else:
        write_files(world.site, TAGGED_CHANGES[change])
    code, _, errors = sitegen_main("build", "-s", str(world.site), "-d", str(world.destination))
    assert code == 0
    published = tree_bytes(world.destination)
    assert published == _clean_tree(world.site, root)
    assert not any(path.endswith("CACHEDIR.TAG") for path in published)
    if folder in {"content", "content/_posts", "content/_posts/2022", "content/docs"}:  # read by the scan
        assert f"{tagged}: holds a CACHEDIR.TAG" in errors


@pytest.mark.parametrize(
    "folder", ["_includes", "_data", "_layouts", "_sass", "templates", "_posts", "_drafts", "_includes/sub"]
)
def test_a_folder_the_build_reads_is_no_cache(tmp_path: Path, folder: str) -> None:
    """A read folder (or one inside it) given as the cache is refused, whatever its
    files are called: includes named `lock` and `manifest` made it look like a cache, and
    the build replaced them with its own."""
    site = write_files(
        tmp_path / "site",
        {
            "_config.yml": "title: t\n",
            "_posts/2022-05-01-a.md": "---\ntitle: a\n---\na\n",
            f"{folder}/lock": "",
            f"{folder}/manifest": "MINE\n",
        },
    )
    before = tree_bytes(site)
    code, _, errors = sitegen_main("build", "-s", str(site), "--cache-dir", str(site / folder))
    assert code != 0 and "a folder the build reads" in errors, errors
    assert tree_bytes(site) == before
