"""Behaviour of `sitegen check`: which links count as internal, how they resolve, the report.

Each test writes a small built site from a dict of inline files and asserts on the report,
never on internals.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sitegen.check.links import BrokenLink, LinkReport, check_site, format_report
from sitegen.errors import UsageError

SITE_URL = "https://example.com"


def write_site(root: Path, files: dict[str, str]) -> Path:
    """Write `files` (site-relative path → text) under `root` and return `root`."""
    for relative_path, text in files.items():
        path = root / relative_path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def page(*links: str) -> str:
    """A minimal page whose body links to each of `links` with `<a href>`."""
    anchors = "".join(f'<a href="{link}">x</a>' for link in links)
    return f'<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>{anchors}</body></html>'


def broken_targets(root: Path, *, site_url: str | None = None, baseurl: str = "") -> list[str]:
    """Targets of the broken links `check_site` finds, checking inline."""
    report = check_site(root, site_url=site_url, baseurl=baseurl, jobs=1)
    return [link.target for link in report.broken]


# --- resolving -------------------------------------------------------------------------


def test_root_relative_link_to_existing_file_resolves(tmp_path: Path) -> None:
    write_site(tmp_path, {"index.html": page("/about.html"), "about.html": page()})
    assert broken_targets(tmp_path) == []


def test_root_relative_link_to_missing_file_is_broken(tmp_path: Path) -> None:
    write_site(tmp_path, {"index.html": page("/missing.html")})
    assert broken_targets(tmp_path) == ["/missing.html"]


def test_relative_link_resolves_against_the_folder_of_a_file_page(tmp_path: Path) -> None:
    # The page URL is /a/b/c.html, so ../d.html is /a/d.html, not /a/b/d.html.
    write_site(tmp_path, {"a/b/c.html": page("../d.html"), "a/d.html": page()})
    assert broken_targets(tmp_path) == []


def test_relative_link_resolves_against_the_folder_of_an_index_page(tmp_path: Path) -> None:
    # a/b/index.html is served at /a/b/, so x.html is /a/b/x.html.
    write_site(tmp_path, {"a/b/index.html": page("x.html", "missing.html"), "a/b/x.html": ""})
    assert broken_targets(tmp_path) == ["/a/b/missing.html"]


def test_same_relative_link_on_pages_in_different_folders_resolves_per_folder(
    tmp_path: Path,
) -> None:
    write_site(
        tmp_path,
        {"a/index.html": page("x.html"), "b/index.html": page("x.html"), "a/x.html": ""},
    )
    assert broken_targets(tmp_path) == ["/b/x.html"]


def test_folder_with_index_html_resolves_with_and_without_trailing_slash(tmp_path: Path) -> None:
    write_site(tmp_path, {"index.html": page("/news/", "/news", "/"), "news/index.html": page()})
    assert broken_targets(tmp_path) == []


def test_folder_without_index_html_is_broken(tmp_path: Path) -> None:
    write_site(tmp_path, {"index.html": page("/assets/"), "assets/main.css": ""})
    assert broken_targets(tmp_path) == ["/assets/"]


def test_extensionless_link_resolves_to_html_file(tmp_path: Path) -> None:
    write_site(tmp_path, {"index.html": page("/about"), "about.html": page()})
    assert broken_targets(tmp_path) == []


def test_link_to_non_page_file_resolves(tmp_path: Path) -> None:
    write_site(tmp_path, {"index.html": page("/feed.xml"), "feed.xml": "<rss/>"})
    assert broken_targets(tmp_path) == []


def test_absolute_links_to_own_host_are_checked_whatever_the_scheme(tmp_path: Path) -> None:
    write_site(
        tmp_path,
        {
            "index.html": page(
                "https://example.com/ok.html",
                "https://example.com/a.html",
                "http://EXAMPLE.com/b.html",
                "//example.com/c.html",
            ),
            "ok.html": page(),
        },
    )
    assert broken_targets(tmp_path, site_url=SITE_URL) == ["/a.html", "/b.html", "/c.html"]


def test_own_host_root_without_path_resolves_to_index(tmp_path: Path) -> None:
    write_site(tmp_path, {"index.html": page("https://example.com", "//example.com")})
    assert broken_targets(tmp_path, site_url=SITE_URL) == []


def test_absolute_links_are_external_without_site_url(tmp_path: Path) -> None:
    write_site(tmp_path, {"index.html": page("https://example.com/missing.html")})
    assert broken_targets(tmp_path) == []


@given(st.sampled_from(["", "/news"]), st.sampled_from(["assets/sitegen.css", "feed.xml", "a/b.html"]))
def test_a_scheme_relative_link_naming_a_site_file_is_broken(baseurl: str, name: str) -> None:
    """`//assets/sitegen.css` (an empty prefix glued to a root-relative link) is fetched
    from a host `assets`: a link the site meant as its own, reported broken."""
    with tempfile.TemporaryDirectory() as folder:
        files = {"index.html": page(f"//{name}", "//cdn.example.net/x.js"), name: "x"}
        root = write_site(Path(folder), files)
        assert broken_targets(root, site_url=SITE_URL, baseurl=baseurl) == [f"//{name}"]


def test_links_to_other_hosts_and_schemes_are_skipped(tmp_path: Path) -> None:
    write_site(
        tmp_path,
        {
            "index.html": page(
                "https://other.example.org/missing.html",
                "//cdn.example.net/missing.js",
                "https://example.com:8443/missing.html",
                "ftp://example.com/missing.html",
                "mailto:editor@example.com",
                "tel:+861012345678",
                "javascript:void(0)",
                "data:image/png;base64,AAAA",
                "#top",
                "?page=2",
            )
        },
    )
    report = check_site(tmp_path, site_url=SITE_URL, jobs=1)
    assert (report.broken, report.links_checked) == ((), 0)


def test_percent_encoded_chinese_names_resolve(tmp_path: Path) -> None:
    write_site(
        tmp_path,
        {"index.html": page("/tag/%E6%96%B0%E4%BA%AC%E6%8A%A5.html"), "tag/新京报.html": page()},
    )
    assert broken_targets(tmp_path) == []


def test_percent_encoded_space_resolves(tmp_path: Path) -> None:
    write_site(
        tmp_path,
        {
            "index.html": page("/category/21shijijingjibaodao%2021caijingAPP.html"),
            "category/21shijijingjibaodao 21caijingAPP.html": page(),
        },
    )
    assert broken_targets(tmp_path) == []


def test_unencoded_chinese_link_resolves(tmp_path: Path) -> None:
    write_site(tmp_path, {"index.html": page("/tag/新京报"), "tag/新京报.html": page()})
    assert broken_targets(tmp_path) == []


def test_broken_target_is_reported_percent_decoded(tmp_path: Path) -> None:
    write_site(tmp_path, {"index.html": page("/tag/%E4%B8%8D%E5%AD%98%E5%9C%A8.html")})
    assert broken_targets(tmp_path) == ["/tag/不存在.html"]


def test_baseurl_prefix_is_stripped_before_lookup(tmp_path: Path) -> None:
    write_site(tmp_path, {"index.html": page("/blog/about.html", "/blog/", "/blog"), "about.html": ""})
    assert broken_targets(tmp_path, baseurl="/blog") == []


def test_root_link_outside_baseurl_is_broken(tmp_path: Path) -> None:
    write_site(tmp_path, {"index.html": page("/about.html"), "about.html": ""})
    assert broken_targets(tmp_path, baseurl="/blog/") == ["/about.html"]


def test_relative_link_resolves_under_baseurl(tmp_path: Path) -> None:
    # a/index.html is served at /blog/a/, so ../b.html is /blog/b.html, i.e. the file b.html.
    write_site(tmp_path, {"a/index.html": page("../b.html", "../c.html"), "b.html": ""})
    assert broken_targets(tmp_path, baseurl="/blog") == ["/blog/c.html"]


def test_query_and_fragment_are_ignored(tmp_path: Path) -> None:
    write_site(
        tmp_path,
        {
            "index.html": page("/about.html?from=home#team", "/about?x=1", "/gone.html#x"),
            "about.html": "",
        },
    )
    assert broken_targets(tmp_path) == ["/gone.html"]


def test_dot_dot_above_root_stays_at_the_root_as_in_a_browser(tmp_path: Path) -> None:
    # RFC 3986 5.2.4 and every browser: /../../x.html is requested as /x.html.
    write_site(tmp_path, {"a.html": page("../../x.html", "../../y.html"), "x.html": ""})
    assert broken_targets(tmp_path) == ["/y.html"]


def test_percent_encoded_dot_dot_above_root_stays_at_the_root(tmp_path: Path) -> None:
    write_site(tmp_path, {"a.html": page("/%2E%2E/x.html", "/%2e%2E/y.html"), "x.html": ""})
    assert broken_targets(tmp_path) == ["/y.html"]


def test_dot_segments_inside_the_tree_are_removed(tmp_path: Path) -> None:
    write_site(tmp_path, {"a/b.html": page("./c/../d.html", "/a/./d.html"), "a/d.html": ""})
    assert broken_targets(tmp_path) == []


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
def test_symlink_to_a_file_outside_the_root_does_not_resolve(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site", {"index.html": page("/leak.html")})
    outside = tmp_path / "secret.html"
    outside.write_text("secret", encoding="utf-8")
    (site / "leak.html").symlink_to(outside)
    assert broken_targets(site) == ["/leak.html"]


def test_url_that_cannot_be_parsed_is_reported_as_written(tmp_path: Path) -> None:
    write_site(tmp_path, {"index.html": page("http://[oops/x.html")})
    assert broken_targets(tmp_path) == ["http://[oops/x.html"]


# --- collecting ------------------------------------------------------------------------


def test_every_link_bearing_tag_is_collected(tmp_path: Path) -> None:
    markup = (
        '<html><head><link rel="stylesheet" href="/1.css"><script src="/2.js"></script></head>'
        '<body><a href="/3.html">a</a><img src="/4.png"><iframe src="/5.html"></iframe>'
        '<video><source src="/6.mp4"></video></body></html>'
    )
    write_site(tmp_path, {"index.html": markup})
    assert broken_targets(tmp_path) == ["/1.css", "/2.js", "/3.html", "/4.png", "/5.html", "/6.mp4"]


def test_links_in_comments_and_other_attributes_are_not_collected(tmp_path: Path) -> None:
    markup = '<p data-href="/x.html"><!-- <a href="/y.html">old</a> --><a name="top">t</a></p>'
    write_site(tmp_path, {"index.html": markup})
    assert broken_targets(tmp_path) == []


def test_htm_pages_are_checked(tmp_path: Path) -> None:
    write_site(tmp_path, {"old/page.htm": page("/missing.html")})
    assert check_site(tmp_path, jobs=1).broken == (BrokenLink("/missing.html", ("old/page.htm",)),)


def test_gbk_page_with_declared_charset_is_decoded(tmp_path: Path) -> None:
    markup = '<html><head><meta charset="gbk"></head><body><a href="/新闻.html">x</a></body></html>'
    (tmp_path / "index.html").write_bytes(markup.encode("gbk"))
    assert broken_targets(tmp_path) == ["/新闻.html"]


def test_links_checked_counts_distinct_internal_targets_per_page(tmp_path: Path) -> None:
    write_site(
        tmp_path,
        {
            "index.html": page("/a.html", "/a.html#x", "a.html", "https://other.org/"),
            "a.html": page("/index.html"),
        },
    )
    report = check_site(tmp_path, jobs=1)
    assert (report.pages_checked, report.links_checked) == (2, 2)


# --- the report ------------------------------------------------------------------------


def test_same_broken_target_from_several_pages_is_one_entry(tmp_path: Path) -> None:
    write_site(
        tmp_path,
        {
            "z.html": page("/gone.html"),
            "a/index.html": page("/gone.html", "/gone.html"),
            "m.html": page("/another.html"),
        },
    )
    # Pages are read in path order, so /gone.html is met first; the report is by target.
    assert check_site(tmp_path, jobs=1).broken == (
        BrokenLink("/another.html", ("m.html",)),
        BrokenLink("/gone.html", ("a/index.html", "z.html")),
    )


def test_format_report_groups_by_target_and_ends_with_totals(tmp_path: Path) -> None:
    report = LinkReport(
        pages_checked=1200,
        links_checked=4210,
        broken=(
            BrokenLink("/gone.html", ("a.html", "b/index.html")),
            BrokenLink("/tag/不存在.html", ("c.html",)),
        ),
    )
    assert format_report(report) == (
        "/gone.html  (linked from 2 pages)\n"
        "    a.html\n"
        "    b/index.html\n"
        "/tag/不存在.html  (linked from 1 page)\n"
        "    c.html\n"
        "3 broken internal links (to 2 targets) in 1,200 pages, 4,210 links checked"
    )


CONTROLS = frozenset(map(chr, [*range(0x09), *range(0x0A, 0x20), 0x7F]))
"""What a terminal acts on rather than shows (a tab aside)."""


@given(st.text(min_size=1, max_size=12))
def test_each_broken_link_and_page_is_one_line_whatever_it_holds(text: str) -> None:
    report = LinkReport(pages_checked=1, links_checked=1, broken=(BrokenLink(f"/{text}", (f"{text}.html",)),))
    lines = format_report(report).splitlines()  # every line break a terminal or editor knows
    assert len(lines) == 3 and not any(c in CONTROLS for line in lines for c in line)


def test_a_link_holding_a_nul_is_reported_escaped(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text('<a href="/x%00y.html">x</a>', encoding="utf-8")
    report = format_report(check_site(tmp_path))
    assert "\x00" not in report and "\\x00" in report


def test_format_report_of_a_clean_site_is_one_line() -> None:
    report = LinkReport(pages_checked=1, links_checked=1, broken=())
    assert format_report(report) == "0 broken internal links in 1 page, 1 link checked"


def test_ok_is_true_without_broken_links() -> None:
    assert LinkReport(pages_checked=3, links_checked=9, broken=()).ok


def test_ok_is_false_with_a_broken_link() -> None:
    report = LinkReport(pages_checked=1, links_checked=1, broken=(BrokenLink("/x", ("a.html",)),))
    assert not report.ok


def test_report_is_identical_with_one_or_two_jobs(tmp_path: Path) -> None:
    files = {
        f"{year}/{index:02d}/post.html": page("/", f"/missing-{index % 3}.html", "../../tag/x.html")
        for year in (2023, 2024)
        for index in range(12)
    }
    files["index.html"] = page("/tag/x", "/2023/01/post.html")
    files["tag/x.html"] = page("/missing-0.html")
    write_site(tmp_path, files)
    inline = check_site(tmp_path, jobs=1)
    assert inline.broken and check_site(tmp_path, jobs=2) == inline


# --- misuse ----------------------------------------------------------------------------


def test_missing_site_dir_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="not a folder"):
        check_site(tmp_path / "_site")


def test_site_url_without_host_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="no host"):
        check_site(tmp_path, site_url="https://")


def test_jobs_below_one_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="jobs"):
        check_site(tmp_path, jobs=0)
