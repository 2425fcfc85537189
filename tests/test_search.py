"""`search: pagefind`: the Pagefind index is built with the site, only when asked for."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sitegen.cli import main
from sitegen.errors import ConfigError
from sitegen.search import pagefind
from tests.conftest import CONFIG, SiteFactory, build, post, tree_bytes

SEARCH_CONFIG = CONFIG + "search: pagefind\n"
POST_PATH = "xinjingbao/2022/05/27/a.html"
SITE = {
    "_config.yml": SEARCH_CONFIG,
    "content/_posts/2022-05-27-a.md": post("京东618", body="<p>两年投入400亿建设全链路服务。</p>\n"),
    "content/_posts/2022-05-26-b.md": post(
        "央行逆回购", date="2022-05-26 09:00:00 +0800", body="<p>公开市场操作。</p>\n"
    ),
    "content/about.md": "---\ntitle: 关于\npermalink: /about/\n---\n关于本站\n",
}


def test_search_is_off_by_default_and_leaves_no_trace(make_site: SiteFactory) -> None:
    site = make_site({**SITE, "_config.yml": CONFIG})
    build(site)
    out = site / "_site"
    assert not (out / "pagefind").exists() and not (out / "search").exists()
    for page in out.rglob("*.html"):
        assert "pagefind" not in page.read_text(encoding="utf-8"), page
        assert "site-search" not in page.read_text(encoding="utf-8"), page


def test_search_off_never_needs_pagefind(make_site: SiteFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pagefind, "_PAGEFIND_PACKAGE", "no_such_pagefind_package")
    site = make_site({**SITE, "_config.yml": CONFIG})
    assert build(site).errors == ()


def test_search_publishes_the_index_the_page_and_the_box(make_site: SiteFactory) -> None:
    site = make_site(SITE)
    result = build(site)
    assert result.errors == ()
    out = site / "_site"
    entry = json.loads((out / "pagefind/pagefind-entry.json").read_text(encoding="utf-8"))
    assert sum(language["page_count"] for language in entry["languages"].values()) == 2  # the posts only
    assert (out / "pagefind/pagefind-ui.js").is_file()
    search_page = (out / "search/index.html").read_text(encoding="utf-8")
    assert "/pagefind/pagefind-ui.js" in search_page and 'id="search"' in search_page
    home = (out / "index.html").read_text(encoding="utf-8")
    assert '<form class="site-search" role="search" action="/search/"' in home
    article = (out / POST_PATH).read_text(encoding="utf-8")
    assert article.count("data-pagefind-body") == 1
    assert "data-pagefind-body" not in (out / "category/xinjingbao.html").read_text(encoding="utf-8")
    assert "data-pagefind-body" not in (out / "about/index.html").read_text(encoding="utf-8")
    assert "/search/" not in (out / "sitemap.xml").read_text(encoding="utf-8")


def test_search_box_and_bundle_honour_baseurl(make_site: SiteFactory) -> None:
    site = make_site({**SITE, "_config.yml": SEARCH_CONFIG + "baseurl: /news\n"})
    build(site)
    out = site / "_site"
    assert 'action="/news/search/"' in (out / "index.html").read_text(encoding="utf-8")
    search_page = (out / "search/index.html").read_text(encoding="utf-8")
    assert 'src="/news/pagefind/pagefind-ui.js"' in search_page and '"/news/"' in search_page


def test_missing_pagefind_is_one_error_line_and_nothing_published(
    make_site: SiteFactory, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(pagefind, "_PAGEFIND_PACKAGE", "no_such_pagefind_package")
    site = make_site(SITE)
    with pytest.raises(ConfigError, match="pagefind"):
        build(site)
    assert not (site / "_site").exists()
    assert main(["build", "-s", str(site)]) == 2
    error_lines = capsys.readouterr().err.strip().splitlines()
    assert len(error_lines) == 1 and "_config.yml" in error_lines[0] and "pip install" in error_lines[0]
    assert "Traceback" not in error_lines[0]


def test_unknown_search_value_is_one_warning_and_no_search(make_site: SiteFactory) -> None:
    site = make_site({**SITE, "_config.yml": CONFIG + "search: lunr\n"})
    result = build(site)
    named = [d for d in result.diagnostics if d.path is not None and d.path.name == "_config.yml"]
    assert len(named) == 1 and "'search'" in named[0].message and "lunr" in named[0].message, named
    assert named[0].line == CONFIG.count("\n") + 1
    assert not (site / "_site/pagefind").exists()


def test_search_false_means_off(make_site: SiteFactory) -> None:
    site = make_site({**SITE, "_config.yml": CONFIG + "search: false\n"})
    build(site)
    assert not (site / "_site/pagefind").exists()


def test_a_site_file_in_the_index_folder_is_an_error(make_site: SiteFactory) -> None:
    site = make_site({**SITE, "content/pagefind/pagefind-ui.js": "alert(1)\n"})
    result = build(site)
    assert any("search index" in error.message for error in result.errors)
    assert "alert" not in (site / "_site/pagefind/pagefind-ui.js").read_text(encoding="utf-8")


def test_two_builds_are_byte_identical(make_site: SiteFactory, tmp_path: Path) -> None:
    site = make_site(SITE)
    build(site, destination=tmp_path / "one", cache=False)
    build(site, destination=tmp_path / "two", cache=False)
    assert tree_bytes(tmp_path / "one") == tree_bytes(tmp_path / "two")


def test_incremental_build_equals_a_clean_one(make_site: SiteFactory, tmp_path: Path) -> None:
    site = make_site(SITE)
    build(site)
    unchanged = build(site)
    assert unchanged.files_written == 0
    edited = site / "content/_posts/2022-05-26-b.md"
    edited.write_text(
        post("央行逆回购", date="2022-05-26 09:00:00 +0800", body="<p>降准。</p>\n"), encoding="utf-8"
    )
    (site / "content/_posts/2022-05-25-c.md").write_text(
        post("新增", date="2022-05-25 09:00:00 +0800"), encoding="utf-8"
    )
    incremental = build(site)
    assert incremental.files_written > 0
    build(site, destination=tmp_path / "clean", cache=False)
    assert tree_bytes(site / "_site") == tree_bytes(tmp_path / "clean")
