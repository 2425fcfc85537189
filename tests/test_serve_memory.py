"""`sitegen serve --watch` holds at most one build's garbage, however long it runs.

A build pauses the collector and freezes what is alive (`sitegen.collector`); on leaving,
the unfrozen cycles it made (the Jinja and Liquid environments the next build replaces)
sit in the oldest generation, which Python's thresholds rarely collect in a process that
allocates mostly while collection is paused. The server once grew ~0.5 MB per rebuild for
as long as it ran. `tests/test_rebuild_retention.py` checks that nothing stays
*reachable*; this checks what stays *unreachable but uncollected*, so it never collects
between the rebuilds it watches.

What a build loads into the process stays there too: pypinyin's dictionaries (56 MiB,
never given back) are worked out in a forked process that ends, and the server's
threads once kept it from forking, so the first new category title since the server started loaded
them into the server for good (44 to 104 MB at 150 posts).
"""

from __future__ import annotations

import gc
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitegen.build import BuildOptions
from sitegen.serve.command import ServedBuilds
from sitegen.theme import default_theme_dir
from tests.conftest import COMPILED_TEMPLATES, CONFIG, NOW, PROJECT_ROOT, post, write_files

EDITS = st.sampled_from(["post body", "new post", "delete post", "template", "include", "config"])
ROUNDS = 5


def _edit(site: Path, kind: str, number: int) -> Path:
    """Make one edit of `kind` as a writer would; the path it changed."""
    posts = site / "content" / "_posts"
    if kind == "post body":
        path = posts / "2022-05-01-a.md"
        path.write_text(post("甲", "2022-05-01 10:00:00 +0800") + f"<p>第 {number} 次修改</p>\n", "utf-8")
    elif kind == "new post":
        path = posts / f"2022-05-{number % 27 + 2:02d}-n{number}.md"
        path.write_text(post(f"新 {number}", f"2022-05-{number % 27 + 2:02d} 10:00:00 +0800"), "utf-8")
    elif kind == "delete post":
        added = sorted(posts.glob("*-n*.md"))
        path = added[0] if added else posts / "2022-05-01-a.md"
        path.unlink(missing_ok=True)
    elif kind == "template":
        path = site / "templates" / "base.html"
        theme = (default_theme_dir() / "base.html").read_text("utf-8")
        path.write_text(theme.replace("</footer>", f"<p>页脚 {number}</p></footer>"), "utf-8")
    elif kind == "include":
        path = site / "content" / "_includes" / "note.html"
        path.write_text(f"<b>{{{{ page.title }}}} {number}</b>\n", "utf-8")
    else:
        path = site / "_config.yml"
        path.write_text(CONFIG + f"description: 第 {number} 版\n", "utf-8")
    return path


def _unreachable_now() -> int:
    """How many objects a full collection finds unreachable (and frees) now."""
    return gc.collect()


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edits=st.lists(EDITS, min_size=ROUNDS, max_size=ROUNDS), last=EDITS)
def test_rebuilds_leave_no_more_garbage_than_one_build(
    tmp_path_factory: pytest.TempPathFactory, capsys: pytest.CaptureFixture[str], edits: list[str], last: str
) -> None:
    site = write_files(
        tmp_path_factory.mktemp("serve-memory") / "site",
        {
            "_config.yml": CONFIG,
            "templates/base.html": (default_theme_dir() / "base.html").read_text("utf-8"),
            "content/_posts/2022-05-01-a.md": post("甲", "2022-05-01 10:00:00 +0800"),
            "content/_posts/2022-05-02-b.md": post(
                "乙", "2022-05-02 10:00:00 +0800", body="{% include note.html %}\n"
            ),
            "content/_includes/note.html": "<b>{{ page.title }}</b>\n",
        },
    )
    options = BuildOptions(source=site, now=NOW, jobs=1, compiled_templates=COMPILED_TEMPLATES)
    builds = ServedBuilds(options, keeps_site=True)
    assert not builds.first().errors
    for number, kind in enumerate(edits, start=1):
        changed = frozenset({_edit(site, kind, number)})
        builds.update_at_once(changed)
        assert builds.rebuild(changed).error is None
    # What the rebuilds above left uncollected, against what exactly one rebuild leaves.
    after_many = _unreachable_now()
    changed = frozenset({_edit(site, last, ROUNDS + 1)})
    builds.update_at_once(changed)
    assert builds.rebuild(changed).error is None
    after_one = _unreachable_now()
    capsys.readouterr()
    assert after_one > 0, "a rebuild left no garbage: this test no longer sees what it checks"
    assert after_many < 2 * after_one, (
        f"{ROUNDS} rebuilds left {after_many} unreachable objects uncollected, one leaves {after_one}"
    )


#: The dev server's builds with a thread running beside them, as the server's are: a new
#: category's title, then category titles set, each needs its directory initials.
SERVER_PROCESS = textwrap.dedent(
    """
    import sys, threading
    from pathlib import Path
    from sitegen.build import BuildOptions
    from sitegen.serve.command import ServedBuilds

    site = Path(sys.argv[1])
    stop = threading.Event()
    threading.Thread(target=stop.wait, daemon=True).start()  # as the server's threads
    builds = ServedBuilds(BuildOptions(source=site), keeps_site=True)
    assert not builds.first().errors
    for name, text in zip(sys.argv[2::2], sys.argv[3::2]):
        path = site / name
        path.write_text(path.read_text("utf-8") + text if path.exists() else text, "utf-8")
        builds.update_at_once(frozenset({path}))
        assert builds.rebuild(frozenset({path})).error is None
    stop.set()
    print("pypinyin" in sys.modules)
    """
)


@settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    titles=st.lists(
        st.sampled_from(["民生", "重庆新闻", "财经频道", "Tech 科技", "《财经》"]), min_size=1, max_size=3
    )
)
def test_the_directory_initials_never_load_pinyin_into_the_server(
    tmp_path_factory: pytest.TempPathFactory, titles: list[str]
) -> None:
    site = write_files(
        tmp_path_factory.mktemp("pinyin") / "site",
        {"_config.yml": CONFIG, "content/_posts/2022-05-01-a.md": post("甲", "2022-05-01 10:00:00 +0800")},
    )
    edits: list[str] = []
    for number, title in enumerate(titles):
        category = f"new{number}"
        edits += [
            f"content/_posts/2022-05-{number + 2:02d}-c{number}.md",
            post(f"新 {number}", f"2022-05-{number + 2:02d} 10:00:00 +0800", categories=category, tags=title),
            "_config.yml",
            f"category_titles:\n  {category}: {title}\n" if number == 0 else f"  {category}: {title}\n",
        ]
    ran = subprocess.run(
        [sys.executable, "-c", SERVER_PROCESS, str(site), *edits],
        capture_output=True,
        text=True,
        cwd=PROJECT_ROOT,
        check=False,
    )
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout.split()[-1] == "False", "pypinyin was loaded into the server's process"
    directory = (site / "_site" / "category" / "index.html").read_text("utf-8")
    assert all(title in directory for title in titles)
