"""`sitegen serve --watch` as a user runs it: add, edit, rename and delete posts on disk
and see the served pages follow, listings included (no stale list until a restart)."""

from __future__ import annotations

import shutil
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from sitegen.build import BuildOptions
from sitegen.serve.command import ServeOptions, serve_site
from sitegen.serve.server import DevServer
from sitegen.theme import default_theme_dir
from tests.conftest import CONFIG, post, sitegen_serve, write_files


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", errors="replace")


def eventually(check: Callable[[], bool], timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError("the served site did not change in time")
        time.sleep(0.1)


@contextmanager
def serving_in_process(site: Path) -> Iterator[None]:
    """`sitegen serve --watch` on `site` in this process (so `capsys` sees what it
    prints), ready; stopped on leaving."""
    servers: list[DevServer] = []
    ready = threading.Event()

    def on_ready(server: DevServer) -> None:
        servers.append(server)
        ready.set()

    build = BuildOptions(source=site, destination=site / "_site", atomic_publish=False)
    thread = threading.Thread(
        target=serve_site, args=(ServeOptions(build, port=0, watch=True), on_ready), daemon=True
    )
    thread.start()
    try:
        assert ready.wait(30)
        yield
    finally:
        if servers:
            servers[0].shutdown()
        thread.join(15)


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    site = write_files(
        tmp_path / "site",
        {
            "_config.yml": CONFIG,
            "content/_posts/2022-05-27-first.md": post("第一篇", categories="caixin", tags="财新"),
        },
    )
    with sitegen_serve(site) as base:
        yield base, site


def test_added_edited_renamed_and_deleted_posts_show_at_once(served: tuple[str, Path]) -> None:
    base, site = served
    posts = site / "content/_posts"
    category = base + "/category/caixin.html"

    (posts / "2022-05-28-second.md").write_text(
        post("第二篇", date="2022-05-28 09:00:00 +0800", categories="caixin", tags="财新"), encoding="utf-8"
    )
    eventually(lambda: fetch(base + "/caixin/2022/05/28/second.html")[0] == 200)
    eventually(lambda: "第二篇" in fetch(category)[1] and "第二篇" in fetch(base + "/")[1])

    first = posts / "2022-05-27-first.md"
    first.write_text(first.read_text(encoding="utf-8").replace("第一篇", "改过的第一篇"), encoding="utf-8")
    eventually(lambda: "改过的第一篇" in fetch(category)[1])

    (posts / "2022-05-28-second.md").rename(posts / "2022-05-28-renamed.md")
    eventually(lambda: fetch(base + "/caixin/2022/05/28/renamed.html")[0] == 200)
    assert fetch(base + "/caixin/2022/05/28/second.html")[0] == 404

    (posts / "2022-05-28-renamed.md").unlink()
    eventually(lambda: fetch(base + "/caixin/2022/05/28/renamed.html")[0] == 404)
    eventually(lambda: "第二篇" not in fetch(category)[1] and "第二篇" not in fetch(base + "/")[1])
    assert "改过的第一篇" in fetch(base + "/caixin/2022/05/27/first.html")[1]


def test_a_burst_of_new_posts_all_appear(served: tuple[str, Path]) -> None:
    base, site = served
    for number in range(60):
        (site / f"content/_posts/2022-05-2{number % 3}-burst{number}.md").write_text(
            post(f"批量{number}", date=f"2022-05-2{number % 3} 10:00:00 +0800", categories="pl", tags="批量"),
            encoding="utf-8",
        )
    eventually(
        lambda: all(
            fetch(f"{base}/pl/2022/05/2{number % 3}/burst{number}.html")[0] == 200 for number in range(60)
        )
    )
    assert "共 60 篇" in fetch(base + "/category/pl.html")[1]


def test_one_bad_post_never_holds_back_the_rest_of_the_site(served: tuple[str, Path]) -> None:
    base, site = served
    write_files(site, {"content/_posts/2022-05-28-bad.md": "---\ntitle: [\n---\n"})
    write_files(site, {"content/_posts/2022-05-29-good.md": post("后来的", date="2022-05-29 10:00:00 +0800")})
    eventually(lambda: fetch(base + "/xinjingbao/2022/05/29/good.html")[0] == 200)
    first = site / "content/_posts/2022-05-27-first.md"
    first.write_text(first.read_text(encoding="utf-8").replace("第一篇", "改过的"), encoding="utf-8")
    eventually(lambda: "改过的" in fetch(base + "/caixin/2022/05/27/first.html")[1])


def test_templates_made_after_start_and_symlink_targets_in_the_site_are_watched(
    served: tuple[str, Path],
) -> None:
    base, site = served
    page = base + "/caixin/2022/05/27/first.html"
    theme_base = (default_theme_dir() / "base.html").read_text(encoding="utf-8")
    write_files(site, {"shared/base.html": theme_base.replace("</footer>", "<p>页脚甲</p></footer>")})
    (site / "templates").mkdir()
    (site / "templates/base.html").symlink_to(site / "shared/base.html")
    eventually(lambda: "页脚甲" in fetch(page)[1])
    target = site / "shared/base.html"
    target.write_text(target.read_text(encoding="utf-8").replace("页脚甲", "页脚乙"), encoding="utf-8")
    eventually(lambda: "页脚乙" in fetch(page)[1])


def test_a_cache_folder_named_in_the_config_while_serving_starts_no_rebuild_loop(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`cache_dir:` added to `_config.yml` moves the cache into the site folder while the
    server watches it: the rebuild's own writes there must not start the next rebuild."""
    site = write_files(
        tmp_path / "site",
        {"_config.yml": CONFIG, "content/_posts/2022-05-27-first.md": post("第一篇")},
    )
    with serving_in_process(site):
        (site / "_config.yml").write_text(CONFIG + "cache_dir: content/mycache\n", encoding="utf-8")
        printed: list[str] = []

        def rebuilt() -> bool:
            printed.append(capsys.readouterr().out)
            return (site / "content/mycache").is_dir() and "rebuilt" in "".join(printed)

        eventually(rebuilt)
        time.sleep(3.0)
        printed.append(capsys.readouterr().out)
        # One rebuild: its own writes into the new cache, queued before the server knew
        # the folder was the cache, used to start a second one.
        assert "".join(printed).count("rebuilt") == 1, printed
        # The setting removed, the folder that was the cache is never published while it
        # holds a cache (its CACHEDIR.TAG: drafts' text is in there), and is the site's
        # own again, watched, once emptied of it.
        (site / "_config.yml").write_text(CONFIG, encoding="utf-8")
        eventually(lambda: "rebuilt" in capsys.readouterr().out)
        time.sleep(1.5)
        assert not (site / "_site" / "mycache").exists()
        for leftover in (site / "content/mycache").iterdir():
            leftover.unlink()
        (site / "content/mycache/note.txt").write_text("笔记\n", encoding="utf-8")
        eventually(lambda: (site / "_site" / "mycache" / "note.txt").is_file())
        shutil.rmtree(site / "content/mycache")
        eventually(lambda: not (site / "_site" / "mycache").exists())


def test_a_rebuild_with_several_bad_files_names_each_on_its_own_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Errors of a rebuild were joined with `; ` into one line: thirty bad posts from a
    crawler made a line no terminal could be read in. One line per file, as a build prints."""
    site = write_files(
        tmp_path / "site",
        {"_config.yml": CONFIG, "content/_posts/2022-05-27-first.md": post("第一篇")},
    )
    with serving_in_process(site):
        capsys.readouterr()
        bad = [f"2022-05-2{day}-bad{day}.md" for day in (8, 9)]
        write_files(site, {f"content/_posts/{name}": "---\ntitle: [\n---\n" for name in bad})
        seen: list[str] = []
        said: list[str] = []

        def reported() -> bool:
            printed = capsys.readouterr()
            seen.append(printed.err)
            said.append(printed.out)
            return all(name in "".join(seen) for name in bad) and "error(s)" in "".join(said)

        eventually(reported)
        lines = "".join(seen).splitlines()
        assert lines[0] == "rebuilt with errors:"
        # What it did publish, as `sitegen build` says it: the rest of the site.
        summary = "".join(said).splitlines()[-1]
        assert summary.startswith("built 1 posts,") and summary.endswith(" s") and "2 error(s)" in summary
        for name in bad:
            assert sum(name in line for line in lines) == 1
            assert next(line for line in lines if name in line).startswith(
                f"error: {site / 'content/_posts'}"
            )


def test_the_builds_warnings_are_printed_once_each(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`serve` printed none of the build's warnings (a link out of the site skipped, a
    file in `_posts/` that is not a post): what `sitegen build` says, the server says
    too, each warning once, not again on every rebuild."""
    site = write_files(
        tmp_path / "site",
        {
            "_config.yml": CONFIG + "plugins: [jekyll-feed, jemoji]\n",
            "content/_posts/2022-05-27-first.md": post("第一篇"),
        },
    )
    with serving_in_process(site):
        printed = [capsys.readouterr()]
        assert "jemoji" in printed[0].err
        write_files(site, {"content/_posts/readme.txt": "说明\n"})

        def rebuilt() -> bool:
            printed.append(capsys.readouterr())
            return "rebuilt" in "".join(output.out for output in printed)

        eventually(rebuilt)
        assert "readme.txt" in "".join(output.err for output in printed)
        first = site / "content/_posts/2022-05-27-first.md"
        first.write_text(first.read_text(encoding="utf-8").replace("第一篇", "改过"), encoding="utf-8")
        printed = []
        eventually(rebuilt)
        time.sleep(0.5)
        printed.append(capsys.readouterr())
        assert "readme.txt" not in "".join(output.err for output in printed)
        assert "jemoji" not in "".join(output.err for output in printed)


def test_a_release_link_switched_while_serving_leaves_the_server_on_its_release(tmp_path: Path) -> None:
    """`serve -s releases/current` with `current` switched to another release: the
    watcher stayed on the old one while rebuilds read the new one, and the default
    destination vanished from under the server (every URL a bare 404)."""
    releases = tmp_path / "releases"
    for name, text in (("r1", "第一版"), ("r2", "第二版")):
        write_files(
            releases / name,
            {"_config.yml": CONFIG, "content/_posts/2022-05-27-first.md": post(text)},
        )
    (releases / "current").symlink_to("r1")
    with sitegen_serve(releases / "current") as base:
        page = base + "/xinjingbao/2022/05/27/first.html"
        assert "第一版" in fetch(page)[1]
        (releases / "current").unlink()
        (releases / "current").symlink_to("r2")
        edited = releases / "r1/content/_posts/2022-05-27-first.md"
        edited.write_text(
            edited.read_text(encoding="utf-8").replace("第一版", "改过的第一版"), encoding="utf-8"
        )
        eventually(lambda: "改过的第一版" in fetch(page)[1])
    assert not (releases / "r2" / "_site").exists()


def test_a_theme_file_linked_out_of_the_site_rebuilds_when_edited(tmp_path: Path) -> None:
    """The theme is read wherever its links lead, but a template linked to a file out of
    the site (`templates/base.html -> ~/themes/x/base.html`) was not watched: edits
    there showed only after some other save."""
    site = write_files(
        tmp_path / "site", {"_config.yml": CONFIG, "content/_posts/2022-05-27-first.md": post("第一篇")}
    )
    theme_base = (default_theme_dir() / "base.html").read_text(encoding="utf-8")
    shared = write_files(
        tmp_path / "themes/x", {"base.html": theme_base.replace("</footer>", "<p>外一</p></footer>")}
    )
    (site / "templates").mkdir()
    (site / "templates/base.html").symlink_to(shared / "base.html")
    with sitegen_serve(site) as base:
        page = base + "/xinjingbao/2022/05/27/first.html"
        assert "外一" in fetch(page)[1]
        target = shared / "base.html"
        target.write_text(target.read_text(encoding="utf-8").replace("外一", "外二"), encoding="utf-8")
        eventually(lambda: "外二" in fetch(page)[1])


def test_an_edit_in_a_sass_folder_outside_the_site_rebuilds(tmp_path: Path) -> None:
    """`sass: load_paths: [../shared/sass]`: every build reads the partials there, but the
    server watched only the site folder: an edit there showed after some other save."""
    shared = write_files(tmp_path / "shared" / "sass", {"_vars.scss": "$accent: #111111;\n"})
    site = write_files(
        tmp_path / "site",
        {
            "_config.yml": CONFIG + f"sass:\n  load_paths: ['{shared}']\n",
            "content/_posts/2022-05-01-a.md": post("甲"),
            "content/assets/style.scss": '---\n---\n@import "vars";\na { color: $accent; }\n',
        },
    )
    with sitegen_serve(site) as base:
        assert "#111111" in fetch(base + "/assets/style.css")[1]
        (shared / "_vars.scss").write_text("$accent: #222222;\n", encoding="utf-8")
        eventually(lambda: "#222222" in fetch(base + "/assets/style.css")[1])


def test_a_rebuild_reports_what_the_build_wrote_not_the_watchers_events(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A save through a temporary file (`sed -i`, most editors) is two events, and a new
    folder one more: "2 source file(s) changed" for one edited post. The server now
    prints the build's own summary, as `sitegen build` does."""
    site = write_files(
        tmp_path / "site",
        {"_config.yml": CONFIG, "content/_posts/2022-05-27-first.md": post("第一篇")},
    )
    with serving_in_process(site):
        capsys.readouterr()
        first = site / "content/_posts/2022-05-27-first.md"
        temporary = first.with_name(".first.md.swp")
        temporary.write_text(first.read_text(encoding="utf-8").replace("第一篇", "改过"), encoding="utf-8")
        temporary.replace(first)
        printed: list[str] = []

        def rebuilt() -> bool:
            printed.append(capsys.readouterr().out)
            return "rebuilt" in "".join(printed)

        eventually(rebuilt)
        time.sleep(0.5)
        printed.append(capsys.readouterr().out)
        lines = [line for line in "".join(printed).splitlines() if line.startswith("rebuilt")]
        assert len(lines) == 1, lines
        assert lines[0].startswith("rebuilt: built 1 posts"), lines
        assert " written, " in lines[0] and "source file" not in lines[0]


def test_outside_inputs_that_appear_while_serving_are_watched(tmp_path: Path) -> None:
    """The folders outside the site were looked for when the server started: a theme file
    linked out of the site, or a Sass `load_paths` entry, added while it served was read
    by every rebuild but never watched, so edits there were not shown (stale pages,
    until a restart). Each rebuild now says what it read, and the watcher follows."""
    theme_base = (default_theme_dir() / "base.html").read_text(encoding="utf-8")
    shared = write_files(
        tmp_path / "shared",
        {
            "theme/base.html": theme_base.replace("</footer>", "<p>外一</p></footer>"),
            "sass/_vars.scss": "$accent: #111111;\n",
        },
    )
    site = write_files(
        tmp_path / "site",
        {
            "_config.yml": CONFIG,
            "content/_posts/2022-05-01-a.md": post("甲"),
            "content/assets/style.scss": "---\n---\na { color: #000000; }\n",
        },
    )
    with sitegen_serve(site) as base:
        page = base + "/xinjingbao/2022/05/01/a.html"
        (site / "templates").mkdir()
        (site / "templates/base.html").symlink_to(shared / "theme/base.html")
        eventually(lambda: "外一" in fetch(page)[1])
        write_files(
            site,
            {
                "_config.yml": CONFIG + f"sass:\n  load_paths: ['{shared / 'sass'}']\n",
                "content/assets/style.scss": '---\n---\n@import "vars";\na { color: $accent; }\n',
            },
        )
        eventually(lambda: "#111111" in fetch(base + "/assets/style.css")[1])
        target = shared / "theme/base.html"
        target.write_text(target.read_text(encoding="utf-8").replace("外一", "外二"), encoding="utf-8")
        eventually(lambda: "外二" in fetch(page)[1])
        (shared / "sass/_vars.scss").write_text("$accent: #222222;\n", encoding="utf-8")
        eventually(lambda: "#222222" in fetch(base + "/assets/style.css")[1])


def test_a_template_added_to_a_theme_folder_linked_from_outside_is_read(tmp_path: Path) -> None:
    """`templates -> ~/themes/x`: the theme's files were watched one by one, so a template
    added there while serving (overriding one more of the built-in theme's) was not
    noticed, and the pages stayed as they were until some other save."""
    theme = write_files(tmp_path / "themes/x", {"page.html": "{% extends 'base.html' %}\n"})
    site = write_files(
        tmp_path / "site", {"_config.yml": CONFIG, "content/_posts/2022-05-27-first.md": post("第一篇")}
    )
    (site / "templates").symlink_to(theme, target_is_directory=True)
    with sitegen_serve(site) as base:
        page = base + "/xinjingbao/2022/05/27/first.html"
        assert "新增模板" not in fetch(page)[1]
        theme_post = (default_theme_dir() / "post.html").read_text(encoding="utf-8")
        (theme / "post.html").write_text(theme_post.replace("</article>", "<p>新增模板</p></article>"))
        eventually(lambda: "新增模板" in fetch(page)[1])
