"""jekyll-redirect-from's pages beyond what Jekyll is compared on
(`tests/test_redirect_from_jekyll.py`): bad values, what a redirect is not (content of
the sitemap, feeds, listings, search), incremental rebuilds and `sitegen check`.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.errors import Level
from sitegen.preview import fast_lane
from tests.conftest import build, sitegen_main, tree_bytes, write_files
from tests.test_preview import build_resident, clean_build

CONFIG = "title: T\nurl: https://example.com\nplugins: [jekyll-redirect-from]\n"


def post(front: str, body: str = "Body.") -> str:
    return f"---\ntitle: P\n{front}---\n{body}\n"


BAD_VALUES = {
    "a number": "redirect_from: 5",
    "a mapping": "redirect_from: {a: /b/}",
    "a mapping keyed by a date": "redirect_from: {2020-01-01: /b/}",
    "an empty text": 'redirect_from: ""',
    "a blank text": 'redirect_from: "  "',
    "a path with ..": "redirect_from: /x/../y/",
    "an address with a scheme": "redirect_from: https://old.example.com/a/",
    "a boolean": "redirect_from: true",
    "a date": "redirect_from: 2020-01-01",
    "a nested list": "redirect_from: [[/a/]]",
    "redirect_to a number": "redirect_to: 5",
    "redirect_to a mapping": "redirect_to: {a: b}",
    "redirect_to an empty text": 'redirect_to: ""',
}


@pytest.mark.parametrize("value", sorted(BAD_VALUES))
def test_a_bad_value_is_one_line_naming_the_file_and_the_rest_builds(make_site: object, value: str) -> None:
    site = make_site(  # type: ignore[operator]
        {
            "_config.yml": CONFIG,
            "_posts/2024-01-02-bad.md": post(BAD_VALUES[value] + "\n"),
            "_posts/2024-01-03-good.md": post("redirect_from: [/good-old/, 7]\n"),
        }
    )
    result = build(site, cache=False)
    out = result.destination
    said = [d for d in result.diagnostics if "jekyll-redirect-from" in d.message]
    bad = [d for d in said if d.path is not None and d.path.name == "2024-01-02-bad.md"]
    assert len(bad) == 1, [str(d) for d in said]
    assert "\n" not in bad[0].message and bad[0].level is Level.WARNING
    good = [d for d in said if d.path is not None and d.path.name == "2024-01-03-good.md"]
    assert len(good) == 1 and "7" in good[0].message  # the list's bad entry alone
    assert result.posts == 2 and not result.errors
    assert (out / "good-old/index.html").is_file()
    assert b"Redirecting" not in (out / "2024/01/02/bad.html").read_bytes()


@settings(max_examples=30, deadline=None)
@given(
    value=st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=12),
        lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=3), children),
        max_leaves=6,
    )
)
def test_any_yaml_value_never_stops_the_build(
    tmp_path_factory: pytest.TempPathFactory, value: object
) -> None:
    """Whatever `redirect_from` or `redirect_to` holds, the build ends with warnings at
    most, each one line naming the post, and the post is published."""
    text = json.dumps(value)
    site = write_files(
        tmp_path_factory.mktemp("values"),
        {
            "_config.yml": CONFIG,
            "_posts/2024-01-02-a.md": post(f"redirect_from: {text}\nredirect_to: {text}\n"),
        },
    )
    result = build(site, cache=False)
    assert result.posts == 1
    for diagnostic in result.diagnostics:
        if "jekyll-redirect-from" in diagnostic.message:
            assert diagnostic.path is not None and diagnostic.path.name == "2024-01-02-a.md"
            assert "\n" not in diagnostic.message


def test_a_redirect_over_a_file_of_the_site_is_one_warning_naming_the_file(make_site: object) -> None:
    site = make_site(  # type: ignore[operator]
        {
            "_config.yml": CONFIG,
            "_posts/2024-01-02-a.md": post("redirect_from: [/about.html, /logo.txt, /2024/01/03/b.html]\n"),
            "_posts/2024-01-03-b.md": post(""),
            "about.md": "---\ntitle: About\n---\nAbout us.\n",
            "logo.txt": "LOGO\n",
        }
    )
    result = build(site, cache=False)
    out = result.destination
    # As Jekyll writes them: the redirect after the page, the file and the post after it.
    assert b"Redirecting" in (out / "about.html").read_bytes()
    assert (out / "logo.txt").read_text() == "LOGO\n"
    assert b"Redirecting" not in (out / "2024/01/03/b.html").read_bytes()
    warned: dict[str, list[str]] = {}
    for diagnostic in result.diagnostics:
        if diagnostic.path is not None and "redirect" in diagnostic.message:
            warned.setdefault(diagnostic.path.name, []).append(diagnostic.message)
    assert len(warned["about.md"]) == 1 and "_posts/2024-01-02-a.md" in warned["about.md"][0]
    on_post = warned["2024-01-02-a.md"]
    assert len(on_post) == 2 and "logo.txt" in on_post[1] + on_post[0] and "b.html" in on_post[0] + on_post[1]
    assert not result.errors


def test_redirects_are_in_no_sitemap_feed_listing_or_search(make_site: object) -> None:
    site = make_site(  # type: ignore[operator]
        {
            "_config.yml": CONFIG + "search: pagefind\n",
            "_posts/2024-01-02-a.md": post("redirect_from: /old-a/\n"),
            "_posts/2024-01-03-b.md": post("redirect_to: https://elsewhere.example.org/\n"),
        }
    )
    out = build(site, cache=False).destination
    assert (out / "old-a/index.html").is_file()
    for name in ("sitemap.xml", "feed.xml", "index.html"):
        assert b"old-a" not in (out / name).read_bytes(), name
    assert b"2024/01/03/b.html" not in (out / "sitemap.xml").read_bytes()
    assert b"redirects.json" not in (out / "sitemap.xml").read_bytes()


def test_editing_redirect_from_rebuilds_as_a_clean_build(tmp_path: Path) -> None:
    site = write_files(
        tmp_path / "site",
        {
            "_config.yml": CONFIG,
            "_posts/2024-01-02-a.md": post("redirect_from: [/old-a/, /旧/a.html]\n"),
            "_posts/2024-01-03-b.md": post("redirect_from: /old-b\n"),
            "about.md": "---\ntitle: About\nredirect_from: /about-us/\n---\nAbout.\n",
        },
    )
    out = tmp_path / "out"
    build(site, destination=out)
    assert (out / "旧/a.html").is_file()
    (site / "_posts/2024-01-02-a.md").write_text(post("redirect_from: /new-a/\n"), encoding="utf-8")
    (site / "about.md").write_text("---\ntitle: About\nredirect_to: /2024/01/03/b.html\n---\nAbout.\n")
    build(site, destination=out)
    clean = tmp_path / "clean"
    build(site, destination=clean, cache=False, jobs=1)
    assert tree_bytes(out) == tree_bytes(clean)
    assert not (out / "旧/a.html").exists() and not (out / "old-a").exists()
    assert (out / "new-a/index.html").is_file()
    assert b'"/new-a/"' in (out / "redirects.json").read_bytes()
    shutil.rmtree(clean)


@pytest.mark.parametrize(
    ("edit", "gone"),
    [
        (lambda site: (site / "_posts/2024-01-02-a.md").write_text(post("redirect_to: /b/\n")), ""),
        (
            lambda site: (site / "_config.yml").write_text("title: T\nurl: https://example.com\n"),
            "old-b.html",
        ),
    ],
    ids=["a post sent elsewhere", "the plugin turned off"],
)
def test_a_rebuild_equals_a_clean_build(tmp_path: Path, edit: Callable[[Path], object], gone: str) -> None:
    site = write_files(
        tmp_path / "site",
        {
            "_config.yml": CONFIG,
            "_posts/2024-01-02-a.md": post(""),
            "_posts/2024-01-03-b.md": post("redirect_from: /old-b\n"),
        },
    )
    out = tmp_path / "out"
    build(site, destination=out)
    assert b"Redirecting" in (out / "old-b.html").read_bytes()
    edit(site)
    result = build(site, destination=out)
    assert result.posts == 2
    assert tree_bytes(out) == tree_bytes(build(site, destination=tmp_path / "clean", cache=False).destination)
    assert not gone or not (out / gone).exists()


def test_sitegen_check_follows_links_to_redirects(tmp_path: Path) -> None:
    site = write_files(
        tmp_path / "site",
        {
            "_config.yml": CONFIG + "baseurl: /news\n",
            "_posts/2024-01-02-a.md": post(
                "redirect_from: [/old/, /旧/新闻.html]\n",
                "See [old](/news/old/), [新闻](/news/旧/新闻.html) and [all](/news/redirects.json).",
            ),
        },
    )
    out = build(site, cache=False).destination
    code, stdout, stderr = sitegen_main("check", "-s", str(site), str(out))
    assert code == 0, stdout + stderr


@pytest.mark.parametrize("key", ["redirect_from: /old-a/", "redirect_to: /2024/01/03/b.html"])
def test_the_dev_servers_fast_lane_leaves_a_redirect_to_the_full_rebuild(tmp_path: Path, key: str) -> None:
    """A saved post gaining a redirect changes pages other than its own (or its page
    into a redirect): the fast lane declines, and the rebuild equals a clean build."""
    site = write_files(
        tmp_path / "site",
        {"_config.yml": CONFIG, "_posts/2024-01-02-a.md": post(""), "_posts/2024-01-03-b.md": post("")},
    )
    out = tmp_path / "out"
    resident = build_resident(site, out)
    path = site / "_posts/2024-01-02-a.md"
    path.write_text(post(key + "\n"), encoding="utf-8")
    lane = fast_lane(resident, {path.resolve()})
    assert lane.urls == () and lane.declined
    build_resident(site, out)
    assert tree_bytes(out) == clean_build(site, tmp_path / "clean")
