"""The dev server's error overlay says what the rebuild did, and leaves the page usable.

A rebuild that published everything but the files with errors is not a failed build:
the overlay says so, as the terminal does (`rebuilt with errors`), and
says "build failed" only when nothing was published. A rebuild that published reloads
the pages it changed (which then show the overlay): one post with an error once stopped
the live reload of every page, the one being edited too, until it was fixed. At a phone's width the overlay
covers no site title or top bar, and its long error lines wrap instead of running off
to the side (checked in headless Chromium where it is installed)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitegen.build import BuildOptions
from sitegen.serve.command import ServedBuilds
from sitegen.serve.livereload import (
    BUILD_FAILED,
    OVERLAY_STYLE,
    REBUILT_WITH_ERRORS,
    TEXT_STYLE,
    BuildEvents,
)
from sitegen.serve.server import DevServer, RebuildResult
from sitegen.urls import reload_key
from tests.conftest import COMPILED_TEMPLATES, CONFIG, NOW, post, write_files
from tests.dev_server import EventStream, fetch, run_driven
from tests.test_browser import launch, require_browser

ERROR = "error: _posts/2022-06-02-bad.md:2: front matter: invalid YAML: found unexpected end of stream"


@given(st.lists(st.booleans(), min_size=1, max_size=6))
def test_each_error_event_and_status_says_whether_the_rebuild_published(published: list[bool]) -> None:
    events = BuildEvents()
    assert events.status() == {"epoch": 0, "error": None, "published": True}  # it serves a build
    for flag in published:
        events.failed(ERROR, published=flag)
        assert events.status() == {"epoch": 0, "error": ERROR, "published": flag}
        payload = json.loads(_last(events))
        assert payload["published"] is flag
    events.rebuilt(["/"])
    assert events.status() == {"epoch": 1, "error": None, "published": True}


def _last(events: BuildEvents) -> str:
    since = events.parse_token("") - 1
    return events.wait(since, 0)[0][-1].data


def test_the_script_words_both_outcomes_and_keeps_the_overlay_off_the_top() -> None:
    script = BuildEvents().script_for("").decode()
    assert json.dumps(BUILD_FAILED) in script and json.dumps(REBUILT_WITH_ERRORS) in script
    assert REBUILT_WITH_ERRORS.startswith("sitegen: rebuilt with errors")
    assert "build failed" not in REBUILT_WITH_ERRORS
    assert "bottom:0" in OVERLAY_STYLE and ";top:" not in f";{OVERLAY_STYLE}"
    assert "white-space:pre-wrap" in TEXT_STYLE and "overflow-wrap:anywhere" in TEXT_STYLE


def test_a_rebuild_that_published_says_so_to_open_pages(tmp_path: Path, site: Path) -> None:
    source = write_files(tmp_path / "src", {"a.md": "v1"})
    seen: dict[str, object] = {}

    def rebuild(changed: frozenset[Path]) -> RebuildResult:
        build = write_files(tmp_path / "build", {"index.html": "<body>new</body>"})
        return RebuildResult(build, error=ERROR, published=True)

    def drive(server: DevServer) -> None:
        stream = EventStream(server)
        try:
            stream.next_block()
            (source / "a.md").write_text("v2")
            seen["event"] = stream.next_event()
        finally:
            stream.close()
        seen["status"] = json.loads(fetch(server, "/__sitegen/status")[2])
        server.shutdown()

    code, _, err = run_driven(site, rebuild, source, drive)
    assert code == 0
    assert seen["event"] == ("failed", {"epoch": 0, "error": ERROR, "published": True, "urls": None})
    assert seen["status"] == {"epoch": 0, "error": ERROR, "published": True}
    # One error, one line, its file first: never "rebuilt with errors: error: ...".
    assert f"rebuilt with errors: {ERROR.removeprefix('error: ')}" in err and "error: error:" not in err
    assert "errors: error:" not in err


PAGE = (
    "<html><head><meta name='viewport' content='width=device-width'></head><body style='margin:0'>"
    "<header id='top' style='height:80px'>Site title</header><main>post</main></body></html>"
)


def test_at_phone_width_the_overlay_covers_no_title_bar_and_wraps(tmp_path: Path) -> None:
    chromium = require_browser()
    from playwright.sync_api import sync_playwright

    server = DevServer(write_files(tmp_path / "out", {"index.html": PAGE}), port=0)
    server.start()
    try:
        long_line = "error: " + "/very/long/path/" * 20 + "bad.md:2: front matter: invalid YAML"
        server.notify_failed(long_line, published=True)
        host, port = server.address
        with sync_playwright() as playwright:
            browser = launch(playwright, chromium)
            for width in (390, 1280):
                page = browser.new_page(viewport={"width": width, "height": 900})
                page.goto(f"http://{host}:{port}/")
                overlay = page.wait_for_selector("#__sitegen_error pre")
                assert overlay is not None
                text = overlay.inner_text()
                assert text.startswith(REBUILT_WITH_ERRORS) and "build failed" not in text
                header = page.eval_on_selector("#top", "e => e.getBoundingClientRect().bottom")
                box_top = page.eval_on_selector("#__sitegen_error", "e => e.getBoundingClientRect().top")
                assert box_top >= header
                wide = page.eval_on_selector("#__sitegen_error pre", "e => [e.scrollWidth, e.clientWidth]")
                assert wide[0] <= wide[1]
                page.close()
            browser.close()
    finally:
        server.shutdown()


@given(
    st.lists(st.tuples(st.booleans(), st.sets(st.sampled_from(["/", "/a", "/b"]))), min_size=1, max_size=5)
)
def test_an_error_event_names_the_pages_to_reload_only_when_the_rebuild_published(
    outcomes: list[tuple[bool, set[str]]],
) -> None:
    events = BuildEvents()
    for published, changed in outcomes:
        events.failed(ERROR, published=published, changed_urls=sorted(changed))
        payload = json.loads(_last(events))
        if published:
            assert payload["urls"] == sorted(changed)
        else:
            assert "urls" not in payload  # the last good build is served: nothing reloads
        # The fast lane's pages reload while the served tree follows the sources.
        assert events.updated(["/a"]) is published


def test_in_a_browser_the_changed_page_reloads_and_shows_the_errors_the_others_keep(tmp_path: Path) -> None:
    chromium = require_browser()
    from playwright.sync_api import sync_playwright

    page_html = "<html><body><main id='v'>{name} 1</main></body></html>"
    out = write_files(
        tmp_path / "out", {"a.html": page_html.format(name="a"), "b.html": page_html.format(name="b")}
    )
    server = DevServer(out, port=0)
    server.start()
    try:
        host, port = server.address
        with sync_playwright() as playwright:
            browser = launch(playwright, chromium)
            edited, other = browser.new_page(), browser.new_page()
            edited.goto(f"http://{host}:{port}/a.html")
            other.goto(f"http://{host}:{port}/b.html")
            other.evaluate("window.__kept = true")  # gone if the page reloads
            newer = write_files(
                tmp_path / "out2",
                {
                    "a.html": page_html.format(name="a").replace("a 1", "a 2"),
                    "b.html": page_html.format(name="b"),
                },
            )
            server.swap_root(newer)
            server.notify_failed(ERROR, published=True, changed_urls=["/a"])
            edited.wait_for_function("document.getElementById('v').textContent === 'a 2'")
            overlay = edited.wait_for_selector("#__sitegen_error pre")
            assert overlay is not None and overlay.inner_text().startswith(REBUILT_WITH_ERRORS)
            other.wait_for_selector("#__sitegen_error pre")
            assert other.evaluate("window.__kept === true")
            # The fast lane rewrites the edited page again while the errors show: that page
            # reloads, the other (perhaps one the errors took out of the site) stays.
            edited.evaluate("window.__before = true")
            server.notify_updated(["/a"])
            edited.wait_for_function("window.__before === undefined")
            edited.wait_for_selector("#__sitegen_error pre")
            other.wait_for_timeout(500)
            assert other.evaluate("window.__kept === true")
            browser.close()
    finally:
        server.shutdown()


POSTS = ("p0", "p1", "p2")


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    steps=st.lists(
        st.tuples(st.sets(st.sampled_from(POSTS)), st.sets(st.sampled_from(POSTS))), min_size=1, max_size=3
    )
)
def test_a_rebuild_with_errors_reloads_the_pages_it_rewrote_not_those_it_took_out(
    tmp_path_factory: pytest.TempPathFactory,
    capsys: pytest.CaptureFixture[str],
    steps: list[tuple[set[str], set[str]]],
) -> None:
    site = tmp_path_factory.mktemp("reloads") / "site"
    source = {name: site / f"content/_posts/2022-05-0{n + 1}-{name}.md" for n, name in enumerate(POSTS)}
    good = {name: post(f"文 {name}", f"2022-05-0{n + 1} 10:00:00 +0800") for n, name in enumerate(POSTS)}
    write_files(site, {"_config.yml": CONFIG, **{str(source[n].relative_to(site)): good[n] for n in POSTS}})
    builds = ServedBuilds(
        BuildOptions(source=site, now=NOW, jobs=1, compiled_templates=COMPILED_TEMPLATES), True
    )
    url = {name: f"/xinjingbao/2022/05/0{n + 1}/{name}" for n, name in enumerate(POSTS)}
    assert not builds.first().errors
    for number, (broken, edited) in enumerate(steps):
        for name in POSTS:
            text = good[name] + (f"<p>改 {number}</p>\n" if name in edited else "")
            source[name].write_text(text.replace("title:", "title: [") if name in broken else text, "utf-8")
        result = builds.rebuild(frozenset(source.values()))
        capsys.readouterr()
        if not broken:
            assert result.error is None
            continue
        assert result.error is not None and result.published
        reloaded = {reload_key(changed) for changed in result.changed_urls or ()}
        for name in broken:
            assert reload_key(url[name]) not in reloaded  # left out: its last good page stays open
        for name in edited - broken:
            assert reload_key(url[name]) in reloaded  # rewritten: it reloads
