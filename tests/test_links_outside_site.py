"""Links to outside the site folder are read as their targets, as Jekyll reads them,
unless `safe: true` (Jekyll's safe mode: `EntryFilter#symlink?` is `site.safe && …`,
entry_filter.rb; data_reader.rb; include.rb), where each is one warning naming the link.

A site that links `assets/uploads` to shared storage lost every image with only a
warning. Checked against Jekyll over generated sites (links to outside files and folders:
posts, pages, static files, a collection's documents, `_data`, `_includes`), built in
one batch; and an edit to a file reached through such a link rebuilds exactly as an
edit inside the site does: the no-change check, incremental builds and the dev server's
watcher all see it.
"""

from __future__ import annotations

import random
import re
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.serve.command import watched_paths
from sitegen.serve.watch import SiteWatcher
from tests.conftest import (
    CONFIG,
    build,
    files_below,
    jekyll_build_many,
    one_seeded_batch,
    post,
    sitegen_main,
    tree_bytes,
    write_files,
)

KINDS = ("post", "posts folder", "page", "static folder", "document", "documents folder", "data", "include")
BATCH_SIZE = 8
MARK = re.compile(r"M=\[([^\]]*)\]")
PAGE = "---\nlayout: null\n---\nM=[{{ page.url }}|{{ page.title }}]\n"


def _place(site: Path, outside: Path, number: int, kind: str) -> None:
    """One link of `kind` from `site` to a file or folder written in `outside`."""
    n = number
    if kind == "post":
        write_files(outside, {f"p{n}.html": f"---\ntitle: t{n}\n---\nM=[{{{{ page.url }}}}|p{n}]\n"})
        (site / f"_posts/2022-06-0{1 + n % 9}-e{n}.html").symlink_to(outside / f"p{n}.html")
    elif kind == "posts folder":
        write_files(
            outside, {f"posts{n}/2022-07-0{1 + n % 9}-f{n}.html": f"---\n---\nM=[{{{{ page.url }}}}|f{n}]\n"}
        )
        (site / f"_posts/sub{n}").symlink_to(outside / f"posts{n}", target_is_directory=True)
    elif kind == "page":
        write_files(outside, {f"page{n}.html": PAGE.replace("page.title", f"'g{n}'")})
        (site / f"g{n}.html").symlink_to(outside / f"page{n}.html")
    elif kind == "static folder":
        write_files(
            outside, {f"up{n}/photo.jpg": f"img{n}", f"up{n}/in/x.html": PAGE.replace("page.title", "'x'")}
        )
        (site / f"assets/up{n}").symlink_to(outside / f"up{n}", target_is_directory=True)
    elif kind == "documents folder":
        write_files(outside, {f"docs{n}/e.html": PAGE.replace("page.title", f"'e{n}'")})
        (site / f"_coll/sub{n}").symlink_to(outside / f"docs{n}", target_is_directory=True)
    elif kind == "document":
        write_files(outside, {f"doc{n}.html": PAGE.replace("page.title", f"'d{n}'")})
        (site / f"_coll/d{n}.html").symlink_to(outside / f"doc{n}.html")
    elif kind == "data":
        write_files(outside, {f"data{n}.yml": f"v: out{n}\n"})
        (site / f"_data/dd{n}.yml").symlink_to(outside / f"data{n}.yml")
        write_files(
            site, {f"data{n}.html": f"---\nlayout: null\n---\nM=[data{n}|{{{{ site.data.dd{n}.v }}}}]\n"}
        )
    else:
        write_files(outside, {f"inc{n}.html": f"inc{n}"})
        (site / f"_includes/i{n}.html").symlink_to(outside / f"inc{n}.html")
        write_files(site, {f"inc{n}.html": f"---\nlayout: null\n---\nM=[inc{n}|{{% include i{n}.html %}}]\n"})


def _site(base: Path, rng: random.Random) -> Path:
    """A site with a few links to outside it, in safe mode or not."""
    safe = rng.random() < 0.3
    site = write_files(
        base / "site",
        {
            "_config.yml": f"title: t\ntimezone: UTC\nsafe: {str(safe).lower()}\n"
            "collections:\n  coll:\n    output: true\n",
            "_posts/2022-05-01-local.html": "---\n---\nM=[{{ page.url }}|local]\n",
        },
    )
    for folder in ("_posts", "assets", "_coll", "_data", "_includes"):
        (site / folder).mkdir(exist_ok=True)
    # Jekyll in safe mode stops the build at an include it may not read.
    kinds = [kind for kind in KINDS if not (safe and kind == "include")]
    for number, kind in enumerate(rng.choices(kinds, k=rng.randint(1, 5))):
        _place(site, base / "outside", number, kind)
    return site


GENERATED = re.compile(r"(archive|category|tag|feed)/|(.*/)?index\.html$|404\.html$")
"""sitegen's own listings (which show the posts' marks again in their excerpts)."""


def _published(output: Path) -> dict[str, str]:
    """Each page's marks, and each static file placed (`photo.jpg`), by path."""
    found = {}
    for path in sorted(files_below(output)):
        file = output / path
        if GENERATED.match(path):
            continue
        if file.is_file() and path.endswith(".jpg"):
            found[path] = file.read_text(encoding="utf-8")
        elif file.is_file() and path.endswith(".html"):
            marks = MARK.findall(file.read_text(encoding="utf-8"))
            if marks:
                found[path] = " ".join(dict.fromkeys(marks))  # the theme shows a title twice
    return found


@one_seeded_batch
@given(rng=st.randoms(use_true_random=True))
def test_links_to_outside_the_site_are_read_as_jekyll_reads_them(
    tmp_path_factory: pytest.TempPathFactory, rng: random.Random
) -> None:
    batch = tmp_path_factory.mktemp("batch")
    sites = [_site(batch / f"s{number}", rng) for number in range(BATCH_SIZE)]
    jekyll_build_many(sites)
    for site in sites:
        result = build(site, destination=site.parent / "sg")
        config = (site / "_config.yml").read_text(encoding="utf-8")
        assert _published(site.parent / "sg") == _published(site / "_jekyll"), config
        outside_said = [d for d in result.diagnostics if "outside the site" in d.message]
        if "safe: true" in config:
            links = [path for path in files_below(site) if (site / path).is_symlink()]
            assert len(outside_said) == len(links), (links, outside_said)
            assert all("safe mode" in d.message for d in outside_said)
        else:
            assert not outside_said, outside_said


def test_an_uploads_folder_linked_to_shared_storage_is_published(tmp_path: Path) -> None:
    """The example: a post and `assets/uploads` linked out of the site were skipped."""
    outside = write_files(
        tmp_path / "ext",
        {
            "2022-06-01-ext.html": "---\ntitle: 外部\ncategories: caixin\n---\n<p>ext</p>\n",
            "uploads/photo.jpg": "img",
        },
    )
    site = write_files(
        tmp_path / "site", {"_config.yml": "title: t\n", "_posts/2022-05-01-local.html": "---\n---\nx\n"}
    )
    (site / "_posts/2022-06-01-ext.html").symlink_to(outside / "2022-06-01-ext.html")
    (site / "assets").mkdir()
    (site / "assets/uploads").symlink_to(outside / "uploads", target_is_directory=True)
    result = build(site, destination=tmp_path / "out")
    assert (tmp_path / "out/assets/uploads/photo.jpg").read_text(encoding="utf-8") == "img"
    assert (tmp_path / "out/caixin/2022/06/01/ext.html").is_file()
    assert not any("outside" in d.message for d in result.diagnostics)


EDITS = ("edit post", "edit page", "add static", "edit static", "remove static", "edit data", "edit include")


def _edit(outside: Path, edit: str, step: int) -> None:
    """One edit of a file reached only through a link out of the site."""
    if edit == "edit post":
        (outside / "posts/2022-05-28-linked.md").write_text(post(title=f"改{step}"), encoding="utf-8")
    elif edit == "edit page":
        (outside / "page.html").write_text(f"---\nlayout: null\n---\n页{step}\n", encoding="utf-8")
    elif edit == "add static":
        (outside / f"uploads/new{step}.jpg").write_text(f"n{step}", encoding="utf-8")
    elif edit == "edit static":
        (outside / "uploads/photo.jpg").write_text(f"img{step}" * (step % 3 + 1), encoding="utf-8")
    elif edit == "remove static":
        for path in sorted((outside / "uploads").glob("new*.jpg"))[:1]:
            path.unlink()
    elif edit == "edit data":
        (outside / "people.yml").write_text(f"boss: 人{step}\n", encoding="utf-8")
    else:
        (outside / "footer.html").write_text(f"尾{step}", encoding="utf-8")


def _linked_site(base: Path) -> tuple[Path, Path]:
    outside = write_files(
        base / "outside",
        {
            "posts/2022-05-28-linked.md": post(title="链入"),
            "page.html": "---\nlayout: null\n---\n页\n",
            "uploads/photo.jpg": "img",
            "people.yml": "boss: 甲\n",
            "footer.html": "尾",
        },
    )
    site = write_files(
        base / "site",
        {
            "_config.yml": CONFIG,
            "content/_posts/2022-05-27-good.md": post(),
            "content/who.html": "---\nlayout: null\n---\n"
            "{{ site.data.people.boss }}{% include footer.html %}\n",
        },
    )
    (site / "content/_posts/2022-05-28-linked.md").symlink_to(outside / "posts/2022-05-28-linked.md")
    (site / "content/page.html").symlink_to(outside / "page.html")
    (site / "content/uploads").symlink_to(outside / "uploads", target_is_directory=True)
    (site / "content/_data").mkdir()
    (site / "content/_data/people.yml").symlink_to(outside / "people.yml")
    (site / "content/_includes").mkdir()
    (site / "content/_includes/footer.html").symlink_to(outside / "footer.html")
    return site, outside


@settings(max_examples=8, deadline=None)
@given(edits=st.lists(st.sampled_from(EDITS), min_size=1, max_size=3))
def test_edits_through_links_out_of_the_site_rebuild_as_a_clean_build(
    tmp_path_factory: pytest.TempPathFactory, edits: list[str]
) -> None:
    """After each edit to an outside target, `sitegen build` (no-change check, cache)
    publishes what a clean build of the same tree publishes."""
    base = tmp_path_factory.mktemp("linked")
    site, outside = _linked_site(base)
    arguments = ("build", "-s", str(site), "-d", str(base / "out"))
    assert sitegen_main(*arguments)[0] == 0
    assert (base / "out/uploads/photo.jpg").read_text(encoding="utf-8") == "img"
    assert (base / "out/who.html").read_text(encoding="utf-8") == "甲尾\n"
    for step, edit in enumerate(edits):
        _edit(outside, edit, step)
        assert sitegen_main(*arguments)[0] == 0
        build(site, destination=base / "clean", cache=False)
        assert tree_bytes(base / "out") == tree_bytes(base / "clean"), (step, edit)


def test_the_dev_server_watches_what_links_out_of_the_site_lead_to(tmp_path: Path) -> None:
    """The watcher followed no link out of the site: an edit there raised no event, and the
    served pages stayed stale until some other save."""
    site, outside = _linked_site(tmp_path)
    result = build(site, destination=tmp_path / "out")
    paths = watched_paths(site, result.outside_inputs, result.linked_outside)
    real = outside.resolve()
    assert {
        real / "posts/2022-05-28-linked.md",
        real / "uploads",
        real / "page.html",
        real / "people.yml",
        real / "footer.html",
    } <= set(paths)
    seen: list[frozenset[Path]] = []
    with SiteWatcher(paths, seen.append, debounce=0.05):
        time.sleep(0.2)
        (outside / "uploads/photo.jpg").write_text("changed", encoding="utf-8")
        (outside / "people.yml").write_text("boss: 乙\n", encoding="utf-8")
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and not {
            real / "uploads/photo.jpg",
            real / "people.yml",
        } <= set().union(*seen):
            time.sleep(0.05)
    assert {real / "uploads/photo.jpg", real / "people.yml"} <= set().union(*seen), seen


def test_folder_links_below_posts_drafts_and_collections_are_not_followed(tmp_path: Path) -> None:
    """Jekyll reads `_posts/`, `_drafts/` and a collection's folder by a glob that follows
    no link to a folder (Ruby's `**`): the posts below `_posts/real/deeper -> ../../x`,
    `news/_posts/sub -> ../../x` or `_drafts/dl -> ../x`, and the documents below
    `_coll/c -> ../x`, it does not publish; sitegen published them (twice, with errors).
    A folder linked above `_posts/` (`linkednews -> shared`) is read, as in Jekyll."""
    page = "---\n---\nM=[{{ page.url }}]\n"
    site = write_files(
        tmp_path / "site",
        {
            "_config.yml": "title: t\ncollections:\n  coll:\n    output: true\n",
            "_posts/real/2022-07-04-real.html": page,
            "shared/_posts/2022-07-01-viafolder.html": page,
            "x/2022-07-02-nestedlink.html": page,
            "news/_posts/2022-07-05-n.html": page,
            "_drafts/2022-07-06-d.html": page,
            "_coll/doc.html": page,
        },
    )
    (site / "linkednews").symlink_to("shared", target_is_directory=True)
    (site / "news/_posts/sub").symlink_to("../../x", target_is_directory=True)
    (site / "_posts/real/deeper").symlink_to("../../x", target_is_directory=True)
    (site / "_drafts/dl").symlink_to("../x", target_is_directory=True)
    (site / "_coll/c").symlink_to("../x", target_is_directory=True)
    result = build(site, destination=tmp_path / "out", drafts=True)
    assert _published(tmp_path / "out") == {
        "2022/07/04/real.html": "/2022/07/04/real.html",
        "2022/07/06/d.html": "/2022/07/06/d.html",
        "news/2022/07/05/n.html": "/news/2022/07/05/n.html",
        "shared/2022/07/01/viafolder.html": "/shared/2022/07/01/viafolder.html",
        "linkednews/2022/07/01/viafolder.html": "/linkednews/2022/07/01/viafolder.html",
        "coll/doc.html": "/coll/doc.html",
        "x/2022-07-02-nestedlink.html": "/x/2022-07-02-nestedlink.html",
    }
    skipped = {
        d.path.name for d in result.diagnostics if d.path is not None and "drafts or documents" in d.message
    }
    assert skipped == {"sub", "deeper", "dl", "c"}, result.diagnostics
    assert not result.errors
