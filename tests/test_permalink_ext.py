"""What follows from a permalink's own extension beyond the file name (Jekyll's
`Renderer#output_ext`): the page is still laid out, the sitemap lists only HTML files,
two permalinks that now name one file are one error, and the dev server sends each file
with its type."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote

from lxml import etree

from sitegen.serve.paths import content_type_for, resolve_request_path
from sitegen.urls import permalink_ext
from tests.conftest import CONFIG, SiteFactory, build, post

NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def page(permalink: str, extra: str = "") -> str:
    return f"---\ntitle: 页\npermalink: {permalink}\n{extra}---\n正文\n"


def test_a_permalink_names_the_extension_unless_it_is_a_folder() -> None:
    assert [permalink_ext(p) for p in ("/p9.json", "/end.", "/v1.2", "/v1.2/x", "/a.b/", "/.json")] == [
        ".json",
        ".",
        ".2",
        "",
        "",
        "",
    ]
    assert permalink_ext("/:categories/:title.json") == ".json"


def test_a_json_page_is_written_under_its_name_and_still_laid_out(make_site: SiteFactory) -> None:
    site = make_site(
        {
            "_config.yml": CONFIG,
            "content/data.md": page("/data.json", "layout: page\n"),
            "content/v.md": page("/v1.2", "layout: default\n"),
            "content/_posts/2022-05-27-a.md": post(extra="permalink: /p/a.xml\n"),
            # No `layout`: Jekyll lays out nothing, whatever the extension; the theme
            # wraps only an HTML output.
            "content/bare.md": page("/bare.json"),
        }
    )
    result = build(site)
    assert not result.errors
    out = site / "_site"
    for name in ("data.json", "v1.2", "p/a.xml"):
        assert "<html" in (out / name).read_text(encoding="utf-8"), name
        assert not (out / f"{name}.html").exists()
    assert (out / "bare.json").read_text(encoding="utf-8").strip() == "<p>正文</p>"


def test_the_sitemap_lists_html_files_only(make_site: SiteFactory) -> None:
    site = make_site(
        {
            "_config.yml": CONFIG,
            "content/data.md": page("/data.json"),
            "content/about.md": page("/about"),
            "content/old.md": page("/old.htm"),
            "content/_posts/2022-05-27-a.md": post(extra="permalink: /p/a.xml\n"),
            "content/_posts/2022-05-27-b.md": post(extra="permalink: /p/b.html\n"),
        }
    )
    build(site)
    root = etree.parse(str(site / "_site" / "sitemap.xml")).getroot()
    listed = {unquote(node.findtext(f"{NS}loc") or "").split(".com", 1)[1] for node in root.iter(f"{NS}url")}
    assert {"/about", "/old.htm", "/p/b.html"} <= listed
    assert not {"/data.json", "/p/a.xml"} & listed


def test_two_permalinks_that_name_one_file_are_one_error(make_site: SiteFactory) -> None:
    """`/d.json` once was `d.json.html` beside a post's `d.json`; now both are `d.json`."""
    site = make_site(
        {
            "_config.yml": CONFIG,
            "content/d.md": page("/d.json"),
            "content/_posts/2022-05-27-a.md": post(extra="permalink: /d.json\n"),
        }
    )
    result = build(site)
    messages = [d.message for d in result.diagnostics if d.level == "error"]
    assert len(messages) == 1 and "both write d.json" in messages[0], messages


def test_the_dev_server_sends_such_files_with_their_type(tmp_path: Path) -> None:
    (tmp_path / "v1.2").write_text("<p>x</p>", encoding="utf-8")
    (tmp_path / "a.xhtml").write_text("<p>x</p>", encoding="utf-8")
    resolution = resolve_request_path(tmp_path, "", "/v1.2")
    assert resolution.file_path == tmp_path / "v1.2"
    assert content_type_for("data.json") == "application/json"
    assert content_type_for("a.xhtml") == "application/xhtml+xml"
    assert content_type_for("end.") == "application/octet-stream"  # as Jekyll's server and hosts
