"""Publishing replaces the destination, so no build publishes over a file it reads: a
source reached through a link into the destination (a post, page, asset, data file,
include, template, Jekyll layout, the settings file), or a Sass import folder there, is
refused on every build, first or later, `--force` or not, and the file is kept; the
folders the build reads are no destination either (`sitegen.publish.destination`)."""

from __future__ import annotations

import itertools
import shutil
from pathlib import Path

import pytest

from tests.conftest import sitegen_main, tree_bytes, write_files


def test_a_destination_holding_a_linked_target_is_refused(tmp_path: Path) -> None:
    """Publishing into the folder a link of the site leads to would replace the sources
    read through it by the output (`--force` too): refused, the files kept."""
    shared = write_files(tmp_path / "shared", {"uploads/photo.jpg": "img"})
    site = write_files(
        tmp_path / "site", {"_config.yml": "title: t\n", "_posts/2022-05-01-a.html": "---\n---\nx\n"}
    )
    (site / "assets").mkdir()
    (site / "assets/uploads").symlink_to(shared / "uploads", target_is_directory=True)
    code, _, errors = sitegen_main("build", "-s", str(site), "-d", str(shared), "--force")
    assert code != 0 and "holds source files" in errors, errors
    assert (shared / "uploads/photo.jpg").read_text(encoding="utf-8") == "img"


@pytest.mark.parametrize("link", ["_posts/2022-05-02-b.md", "about.md", "assets/logo.txt"])
def test_a_destination_holding_a_linked_file_is_refused(tmp_path: Path, link: str) -> None:
    """The same for a link to one file, whichever kind of source it is: its target's
    folder is a source folder, though no folder of the site leads there."""
    shared = write_files(tmp_path / "shared", {"b.md": "---\ntitle: b\n---\nb\n"})
    site = write_files(
        tmp_path / "site", {"_config.yml": "title: t\n", "_posts/2022-05-01-a.html": "---\n---\nx\n"}
    )
    (site / link).parent.mkdir(parents=True, exist_ok=True)
    (site / link).symlink_to(shared / "b.md")
    code, _, errors = sitegen_main("build", "-s", str(site), "-d", str(shared), "--force")
    assert code != 0 and "holds source files" in errors, errors
    assert (shared / "b.md").read_text(encoding="utf-8") == "---\ntitle: b\n---\nb\n"


#: Where a file the build reads may sit, and what it holds (the data file is printed by
#: the post, so the build really reads it).
READ_FILES = {
    "_posts/2022-05-02-b.md": "---\ntitle: b\n---\nb\n",
    "about.md": "---\ntitle: about\n---\nabout\n",
    "assets/logo.txt": "logo\n",
    "_data/d.yml": "a: 1\n",
    "_includes/inc.html": "inc\n",
    "templates/base.html": "{% block content %}{% endblock %}\n",
    "_layouts/default.html": "{{ content }}\n",
    "_config.yml": "title: t\n",
}


@pytest.mark.parametrize("as_folder", [False, True], ids=["file-link", "folder-link"])
@pytest.mark.parametrize("first", [True, False], ids=["first-build", "later-build"])
@pytest.mark.parametrize("link", sorted(READ_FILES))
def test_no_build_publishes_over_a_file_it_reads_through_a_link(
    tmp_path_factory: pytest.TempPathFactory, link: str, first: bool, as_folder: bool
) -> None:
    """Whatever kind of file a link in the site leads into the destination (a post, a
    page, an asset, data, an include, a template, a Jekyll layout, the settings), made
    before the first build or after it, to the file or to its folder: every build
    refuses to publish over it, and the file is kept (`--force` too). It was refused on
    a first build for posts, pages and assets only; the others, and any link made after
    the first build, lost their file with the old tree. Every case of this small space
    is built, rather than a sample of it."""
    root = tmp_path_factory.mktemp("read")
    site = write_files(
        root / "site", {"_config.yml": "title: t\n", "_posts/2022-05-01-a.md": "---\n---\nx\n"}
    )
    destination = root / "dest"
    if not first:
        code, _, errors = sitegen_main("build", "-s", str(site), "-d", str(destination))
        assert code == 0, errors
    way = Path(link)
    linked = way.parent if as_folder and way.parent != Path(".") else way  # what the link replaces
    target = destination / "held" / way.name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(READ_FILES[link], encoding="utf-8")
    if (site / linked).is_dir():
        shutil.rmtree(site / linked)
    (site / linked).unlink(missing_ok=True)
    (site / linked).parent.mkdir(parents=True, exist_ok=True)
    (site / linked).symlink_to(target if linked == way else target.parent)
    code, _, errors = sitegen_main("build", "-s", str(site), "-d", str(destination), "--force")
    assert code != 0 and "destination" in errors, errors
    assert target.read_text(encoding="utf-8") == READ_FILES[link]


@pytest.mark.parametrize("folder", ["_data", "_includes", "_layouts", "_sass"])
def test_a_folder_the_build_reads_is_no_destination(tmp_path: Path, folder: str) -> None:
    site = write_files(tmp_path / "site", {"_config.yml": "title: t\n", f"{folder}/kept.txt": "kept\n"})
    code, _, errors = sitegen_main("build", "-s", str(site), "-d", str(site / folder), "--force")
    assert code != 0 and "sitegen reads sources from" in errors, errors
    assert (site / folder / "kept.txt").read_text(encoding="utf-8") == "kept\n"


@pytest.mark.parametrize("first", [True, False], ids=["first-build", "later-build"])
@pytest.mark.parametrize(
    ("setting", "inside"),
    # `sass_dir` is always a folder of the site (`../x` is `<site>/x`, as in Jekyll): the
    # destination it can lie in is one inside the site.
    [("sass_dir: dest/parts", True), ("load_paths: [../dest/parts]", False)],
)
def test_a_sass_import_folder_in_the_destination_is_refused(
    tmp_path: Path, setting: str, inside: bool, first: bool
) -> None:
    """A folder Sass imports from, named by the settings, lying in the destination: its
    partials would be deleted with the old tree, as any source's, for `sass_dir` and
    `load_paths` alike."""
    site = write_files(
        tmp_path / "site",
        {
            "_config.yml": "title: t\n",
            "_posts/2022-05-01-a.md": "---\n---\nx\n",
            "assets/m.scss": '---\n---\n@import "v";\nb{color:$c}\n',
            "_sass/_v.scss": "$c: red;\n",
        },
    )
    destination = (site if inside else tmp_path) / "dest"
    if not first:
        code, _, errors = sitegen_main("build", "-s", str(site), "-d", str(destination))
        assert code == 0, errors
    partial = write_files(destination / "parts", {"_v.scss": "$c: green;\n"}) / "_v.scss"
    (site / "_config.yml").write_text(f"title: t\nsass:\n  {setting}\n", encoding="utf-8")
    code, _, errors = sitegen_main("build", "-s", str(site), "-d", str(destination), "--force")
    assert code != 0 and "Sass import folder" in errors, errors
    assert partial.read_text(encoding="utf-8") == "$c: green;\n"


@pytest.mark.parametrize("chained", [False, True], ids=["one-link", "link-to-link"])
@pytest.mark.parametrize("as_folder", [False, True], ids=["file-link", "folder-link"])
@pytest.mark.parametrize(
    ("tag", "into"),
    # An `_includes/` link into the destination is refused before any include is read
    # (`test_no_build_publishes_over_a_file_it_reads_through_a_link`).
    [("include_relative", "destination"), ("include_relative", "cache"), ("include", "cache")],
)
def test_no_include_reads_what_the_build_wrote(
    tmp_path: Path, tag: str, into: str, as_folder: bool, chained: bool
) -> None:
    """An include (`include_relative` beside a page, or `include` from `_includes/`)
    whose link leads into the destination or the cache is named and not read, on the
    first build and every later one: a rebuild read the last build's output there, so it
    differed from a clean build, and read a file the next publish could remove. Every
    case of this small space is built."""
    destination, cache = tmp_path / "dest", tmp_path / "cache"
    folder = "_parts" if tag == "include_relative" else "_includes"
    # A file the build wrote there: a copy of a published static file, or the cache's tag.
    name, marker = ("notes.txt", b"NOTE-TEXT") if into == "destination" else ("CACHEDIR.TAG", b"Signature")
    included = f"_parts/{name}" if tag == "include_relative" else name
    site = write_files(
        tmp_path / "site",
        {
            "_config.yml": "title: t\n",
            "_posts/2022-05-01-a.md": "---\n---\nx\n",
            "notes.txt": "NOTE-TEXT\n",
            "about.md": f"---\ntitle: about\n---\nabout {{% {tag} {included} %}}\n",
            f"{folder}/kept.txt": "kept\n",
        },
    )
    written = destination if into == "destination" else cache

    def build() -> tuple[str, dict[str, bytes]]:
        arguments = ("-s", str(site), "-d", str(destination), "--cache-dir", str(cache))
        code, _, errors = sitegen_main("build", *arguments)
        assert code == 0, errors
        return errors, tree_bytes(destination)

    build()
    assert (written / name).is_file()
    target = written if as_folder else written / name
    if chained:
        hop = tmp_path / "hop"
        hop.symlink_to(target, target_is_directory=as_folder)
        target = hop
    if as_folder:
        shutil.rmtree(site / folder)
        (site / folder).symlink_to(target, target_is_directory=True)
    else:
        (site / folder / name).symlink_to(target)
    if as_folder and folder == "_includes":  # `_includes` is the cache now: refused as one
        arguments = ("-s", str(site), "-d", str(destination), "--cache-dir", str(cache))
        code, _, errors = sitegen_main("build", *arguments)
        assert code != 0 and "a folder the build reads" in errors, errors
        return
    errors, rebuilt = build()
    assert "which the build writes" in errors and "about.md" in errors, errors
    assert marker not in rebuilt["about.html"]
    shutil.rmtree(destination)
    shutil.rmtree(cache)
    errors, clean = build()
    assert rebuilt == clean
    assert "which the build writes" in errors, errors  # not "a broken link": the same words


@pytest.mark.parametrize("hops", [1, 2, 3])
@pytest.mark.parametrize("folder", ["_includes", "_data", "templates", "_layouts"])
def test_a_chain_of_folder_links_from_a_read_folder_is_followed(
    tmp_path: Path, folder: str, hops: int
) -> None:
    """A read folder's link to a folder whose own links lead on (`_includes/a -> lib`,
    `lib/b -> lib2`, …): a destination holding the last folder is refused, its file
    kept, however many links the way takes (the check walked no link past the first)."""
    site = write_files(
        tmp_path / "site",
        {"_config.yml": "title: t\n", "_posts/2022-05-01-a.md": "---\n---\nx\n", f"{folder}/kept.txt": "k\n"},
    )
    hop_folders = [tmp_path / f"lib{number}" for number in range(hops)]
    for hop in hop_folders:
        hop.mkdir()
    (hop_folders[-1] / "note.html").write_text("PRECIOUS\n", encoding="utf-8")
    (site / folder / "a").symlink_to(hop_folders[0], target_is_directory=True)
    for before, after in itertools.pairwise(hop_folders):
        (before / "b").symlink_to(after, target_is_directory=True)
    (hop_folders[0] / "loop").symlink_to(site / folder, target_is_directory=True)  # a loop ends
    code, _, errors = sitegen_main("build", "-s", str(site), "-d", str(hop_folders[-1]), "--force")
    assert code != 0 and "the destination" in errors and "source" in errors, errors
    assert (hop_folders[-1] / "note.html").read_text(encoding="utf-8") == "PRECIOUS\n"


@pytest.mark.parametrize("folder", ["_includes", "_data", "templates"])
def test_a_chain_of_folder_links_into_the_published_tree_is_refused_later(
    tmp_path: Path, folder: str
) -> None:
    """The same way made after the first build, ending in the published tree: the next
    build is refused, and the file it would read is kept."""
    site = write_files(
        tmp_path / "site",
        {"_config.yml": "title: t\n", "_posts/2022-05-01-a.md": "---\n---\nx\n", f"{folder}/kept.txt": "k\n"},
    )
    destination = tmp_path / "dest"
    code, _, errors = sitegen_main("build", "-s", str(site), "-d", str(destination))
    assert code == 0, errors
    held = write_files(destination / "held", {"note.html": "PRECIOUS\n"})
    (tmp_path / "lib").mkdir()
    (tmp_path / "lib" / "b").symlink_to(held, target_is_directory=True)
    (site / folder / "a").symlink_to(tmp_path / "lib", target_is_directory=True)
    code, _, errors = sitegen_main("build", "-s", str(site), "-d", str(destination), "--force")
    assert code != 0 and "reads sources from" in errors, errors
    assert f"through the link {site / folder / 'a'}" in errors, errors  # the way named
    assert (held / "note.html").read_text(encoding="utf-8") == "PRECIOUS\n"


@pytest.mark.parametrize("first", [True, False], ids=["first-build", "force-after-a-build"])
@pytest.mark.parametrize("way", ["underscore", "excluded", "linked", "nested"])
def test_a_destination_holding_what_an_include_reads_is_refused(
    tmp_path: Path, way: str, first: bool
) -> None:
    """`include_relative` reads a folder the scan skips (`_parts/`, an `exclude:`d one, a
    link out of the site, a folder below such a one): a destination there that is not
    sitegen's tree is refused (`--force` too) and the file kept; the build had deleted it."""
    folder = {"underscore": "_parts", "excluded": "snippets", "linked": "_shared", "nested": "_parts/deep"}[
        way
    ]
    config = "title: t\nexclude: [snippets]\n"
    site = write_files(
        tmp_path / "site",
        {
            "_config.yml": config,
            "_posts/2022-05-01-a.md": "---\n---\nx\n",
            "about.md": f"---\ntitle: about\n---\n{{% include_relative {folder}/note.txt %}}\n",
        },
    )
    held = tmp_path / "elsewhere" if way == "linked" else site / folder
    write_files(held, {"note.txt": "PRECIOUS\n"})
    if way == "linked":
        (site / folder).symlink_to(held, target_is_directory=True)
    if not first:
        code, _, errors = sitegen_main("build", "-s", str(site), "-d", str(tmp_path / "out"))
        assert code == 0, errors
    code, _, errors = sitegen_main("build", "-s", str(site), "-d", str(held), "--force")
    assert code != 0 and "which an include reads" in errors, errors
    assert (held / "note.txt").read_text(encoding="utf-8") == "PRECIOUS\n"
    assert sorted(path.name for path in held.iterdir()) == ["note.txt"]


@pytest.mark.parametrize("tag", ["include_relative", "include"])
def test_no_include_reads_another_builds_cache(tmp_path: Path, tag: str) -> None:
    """A cache of another build (the developer's `.sitegen-cache` while CI passes
    `--cache-dir`), which holds unpublished posts' text, is never read by an include, as
    it is never read as a source: named, and the page published without it."""
    site = write_files(
        tmp_path / "site",
        {"_config.yml": "title: t\n", "_posts/2022-05-01-a.md": "---\n---\nx\n", "_includes/kept.txt": "k\n"},
    )
    code, _, errors = sitegen_main("build", "-s", str(site), "-d", str(tmp_path / "one"))
    assert code == 0 and (site / ".sitegen-cache" / "CACHEDIR.TAG").is_file(), errors
    if tag == "include":
        (site / "_includes" / "c").symlink_to(site / ".sitegen-cache", target_is_directory=True)
    included = ".sitegen-cache/CACHEDIR.TAG" if tag == "include_relative" else "c/CACHEDIR.TAG"
    (site / "about.md").write_text(
        f"---\ntitle: about\n---\nabout {{% {tag} {included} %}}\n", encoding="utf-8"
    )
    arguments = ("-s", str(site), "-d", str(tmp_path / "two"), "--cache-dir", str(tmp_path / "ci-cache"))
    code, _, errors = sitegen_main("build", *arguments)
    assert code == 0, errors
    assert "a build cache" in errors and "about.md" in errors, errors
    assert b"Signature" not in (tmp_path / "two" / "about.html").read_bytes()


@pytest.mark.parametrize("safe", [False, True])
@pytest.mark.parametrize("read_folder", ["_sass", "_includes", "_data"])
def test_a_destination_inside_the_folder_of_a_linked_file_is_no_threat(
    tmp_path: Path, read_folder: str, safe: bool
) -> None:
    """`_sass/_vars.scss -> ../../vars.scss` reads that one file, not its folder: the
    default destination (`site/_site`, inside that folder) replaces nothing the build
    reads, and was refused ("inside …, which holds source files"), as was any other
    folder inside that one."""
    outer = tmp_path / "outer"
    write_files(outer, {"vars.scss": ".v { a: b }\n"})
    site = write_files(outer / "site", {"_config.yml": f"title: t\nsafe: {str(safe).lower()}\n",
                                        "_posts/2022-05-01-a.md": "---\n---\nx\n"})  # fmt: skip
    (site / read_folder).mkdir()
    (site / read_folder / "_vars.scss").symlink_to(outer / "vars.scss")
    for destination in ([], ["-d", str(outer / "public")]):
        code, _, errors = sitegen_main("build", "-s", str(site), *destination)
        assert code == 0 and "holds source files" not in errors, errors
    assert (outer / "vars.scss").read_text(encoding="utf-8") == ".v { a: b }\n"
