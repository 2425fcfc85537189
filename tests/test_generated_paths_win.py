"""Every output sitegen generates keeps its path against a post, page or static file of
the site: the file of the site is left out with one error naming it (a page at a
category listing's own URL is its stub instead, its text above the listing), and every link
sitegen writes (返回<分类>, 返回首页, a listing's feed, the stylesheet) opens what it names.
The exceptions are the extras a site may provide itself (its home page, 404 page, feed,
sitemaps, robots.txt, a category's folder URL; the theme's files by a file of that name),
where the site's own page or file is published instead, and a post is still an error."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.check.links import check_site
from sitegen.urls import category_urls_for, url_of_output
from tests.conftest import CONFIG, build, post, tree_bytes, write_files

#: Names a category or tag may share with a generated page or folder.
NAMES = ("index", "feed", "page", "archive", "category", "tag", "assets", "新京报")
SITE_CONFIG = CONFIG + "category_dirs: true\npaginate: 2\n"
SITE_PROVIDED = {"index.html", "404.html", "feed.xml", "sitemap.xml", "sitemap-news.xml", "robots.txt"}
KINDS = ("post", "page", "static")


def _base_posts(categories: list[str], tags: list[str]) -> dict[str, str | bytes]:
    """Posts at `/p/N.html`, so that every other output of the site is a generated one."""
    return {
        f"content/_posts/2022-05-{number + 1:02d}-b{number}.md": post(
            f"基础{number}",
            date=f"2022-05-{number + 1:02d} 10:00:00 +0800",
            categories=category,
            tags=tags[number % len(tags)],
            extra=f"permalink: /p/{number}.html\n",
        )
        for number, category in enumerate(categories)
    }


def _squatter(kind: str, number: int, target: str, category: str) -> tuple[str, str | bytes]:
    """A file of the site at the generated output `target`, marked `占位N`."""
    url = url_of_output(target)
    if kind == "post":
        return f"content/_posts/2022-05-20-s{number}.md", post(
            f"占位{number}", categories=category, extra=f"permalink: '{url}'\n"
        )
    if kind == "page":
        return f"content/s{number}.md", f"---\ntitle: 占位{number}\npermalink: '{url}'\n---\n占位{number}\n"
    return f"content/{target}", f"占位{number}"


def _generated(tree: dict[str, bytes]) -> dict[str, bytes]:
    return {path: data for path, data in tree.items() if not path.startswith(("p/", ".sitegen"))}


def _may_stand_in(kind: str, target: str, clean: bytes, categories: list[str], tags: list[str]) -> bool:
    """Whether the site's own file of this kind is published at `target` instead."""
    if kind == "post":
        return False
    if target.startswith("assets/") and target.rpartition(".")[2] in ("css", "js"):
        return kind == "static"  # the theme's file: only by a file of that very name
    # A category's folder redirect (`category_dirs`), not another generated redirect at
    # that path: category `tag`'s `/tag/` is tag `index`'s page when there is one.
    tag_page = target == "tag/index.html" and "index" in tags
    folder_redirect = (
        any(target == f"{name}/index.html" for name in categories) and b"http-equiv" in clean and not tag_page
    )
    return target in SITE_PROVIDED or folder_redirect


def _title(data: bytes) -> bytes | None:
    found = re.search(rb"<title>(.*?)</title>", data, re.S)
    return found.group(1) if found else None


_CLEAN: dict[tuple[tuple[str, ...], tuple[str, ...]], dict[str, bytes]] = {}
"""The generated outputs of each base site built so far: two builds an example is enough."""


def _clean_build(
    root: Path, files: dict[str, str | bytes], categories: list[str], tags: list[str]
) -> dict[str, bytes]:
    key = (tuple(categories), tuple(tags))
    if key not in _CLEAN:
        site = write_files(root / "clean", files)
        assert not build(site).errors
        _CLEAN[key] = _generated(tree_bytes(site / "_site"))
    return _CLEAN[key]


@settings(max_examples=40)
@given(
    categories=st.lists(st.sampled_from(NAMES), min_size=1, max_size=5),
    tags=st.lists(st.sampled_from(NAMES), min_size=1, max_size=3),
    picks=st.lists(st.tuples(st.integers(0, 10_000), st.sampled_from(KINDS)), min_size=1, max_size=5),
)
def test_generated_outputs_keep_their_paths_and_each_loser_is_one_error(
    tmp_path_factory: object, categories: list[str], tags: list[str], picks: list[tuple[int, str]]
) -> None:
    root = Path(getattr(tmp_path_factory, "mktemp")("claims"))  # noqa: B009
    files = {"_config.yml": SITE_CONFIG, **_base_posts(categories, tags)}
    clean = _clean_build(root, files, categories, tags)
    paths = sorted(clean)
    squatters: dict[str, tuple[str, str, int]] = {}  # source file → (kind, target, number)
    for number, (position, kind) in enumerate(picks):
        target = paths[position % len(paths)]
        if any(target == taken for _, taken, _ in squatters.values()):
            continue  # one file of the site per path: two are another rule (Jekyll's order)
        source, text = _squatter(kind, number, target, categories[number % len(categories)])
        files[source] = text
        squatters[source] = (kind, target, number)
    site = write_files(root / "site", files)
    result = build(site)
    destination = site / "_site"

    stood_in = False
    # robots.txt names the sitemaps sitegen generates: one the site stands in for is not.
    sitemap_replaced = any(
        target in ("sitemap.xml", "sitemap-news.xml")
        and _may_stand_in(kind, target, clean[target], categories, tags)
        for kind, target, _ in squatters.values()
    )
    # A page at a category listing's own URL is that category's stub: the listing keeps
    # the path, with the page's text above it (`sitegen.site.own_listing_pages`).
    listing_firsts = {url.lstrip("/") for url in category_urls_for(dict.fromkeys(categories, ())).values()}
    for source, (kind, target, number) in squatters.items():
        named = [e for e in result.errors if e.path is not None and e.path.as_posix().endswith(source)]
        written = (destination / target).read_bytes()
        marker = f"占位{number}".encode()
        if kind == "page" and target in listing_firsts:
            kept_title = _title(written) == _title(clean[target])
            assert not named and marker in written and kept_title, (source, target)
            stood_in = True  # the listing page now shows the page's text
            continue
        if _may_stand_in(kind, target, clean[target], categories, tags):
            assert not named and marker in written, (source, target)
            stood_in = True
            continue
        assert len(named) == 1, (source, target, result.errors)
        # A post joins the listings (which may gain a page), so its path holds what
        # sitegen generates there now: the same kind of file, never the post.
        if target.endswith(".xml"):
            tag = ElementTree.fromstring(written).tag
            assert tag == ElementTree.fromstring(clean[target]).tag, target
        elif target.endswith(".html"):
            assert marker not in (_title(written) or marker), target
        elif not (target == "robots.txt" and sitemap_replaced):
            assert written == clean[target], target  # the theme's files, robots.txt
    if not stood_in and all(kind != "post" for kind, _, _ in squatters.values()):
        # A page or file left out changes nothing that sitegen generates.
        assert _generated(tree_bytes(destination)) == clean
    squatter_paths = {source.removeprefix("content/") for source in squatters}
    for error in result.errors:
        assert error.path is not None and any(error.path.as_posix().endswith(s) for s in squatter_paths)
    report = check_site(destination, site_url="https://finews.example.com", jobs=1)
    # Every link resolves; a squatter's marker file at an XML path is no XML (check says so).
    assert not report.broken and not report.hidden, report


def test_between_two_files_of_the_site_the_one_jekyll_writes_last_is_published(tmp_path: Path) -> None:
    """Jekyll writes pages sorted by file name, then posts oldest first: the last one
    written is what it publishes. The error names, and is attributed to, the one left out."""
    site = write_files(
        tmp_path / "site",
        {
            "_config.yml": CONFIG,
            "content/_posts/2022-05-27-a.md": post("旧", extra="permalink: /same/\n"),
            "content/_posts/2022-05-28-b.md": post(
                "新", date="2022-05-28 10:00:00 +0800", extra="permalink: /same/\n"
            ),
            "content/z.md": "---\ntitle: 页z\npermalink: /page-same/\n---\n页z\n",
            "content/a/b.md": "---\ntitle: 页b\npermalink: /page-same/\n---\n页b\n",
        },
    )
    result = build(site)
    assert "新" in (site / "_site/same/index.html").read_text(encoding="utf-8")
    assert "页z" in (site / "_site/page-same/index.html").read_text(encoding="utf-8")
    left_out = sorted((error.path.name, error.message) for error in result.errors if error.path is not None)
    assert [name for name, _ in left_out] == ["2022-05-27-a.md", "b.md"], left_out
    for name, message in left_out:
        assert message.endswith(f"{name} is not published"), message


def test_a_category_named_index_keeps_the_directory_and_gets_a_listing_of_its_own(tmp_path: Path) -> None:
    site = write_files(
        tmp_path / "site", {"_config.yml": CONFIG, "content/_posts/2022-05-27-a.md": post(categories="index")}
    )
    result = build(site)
    assert not result.errors
    (warning,) = [w for w in result.warnings if "index" in w.message]
    assert warning.path is not None and warning.path.name == "2022-05-27-a.md"
    listing = warning.message.rpartition(" ")[2]
    assert listing.startswith("/category/index-") and listing.endswith(".html")
    assert "标题" in (site / "_site" / listing.lstrip("/")).read_text(encoding="utf-8")
    assert "全部栏目" in (site / "_site/category/index.html").read_text(encoding="utf-8")
    assert check_site(site / "_site", site_url="https://finews.example.com", jobs=1).ok


def test_a_page_never_replaces_a_category_feed_or_the_directory(tmp_path: Path) -> None:
    site = write_files(
        tmp_path / "site",
        {
            "_config.yml": CONFIG,
            "content/_posts/2022-05-27-a.md": post(),
            "content/fc.md": "---\ntitle: fc\npermalink: /feed/xinjingbao.xml\n---\nx\n",
            "content/dir.md": "---\ntitle: dir\npermalink: /category/\n---\nx\n",
        },
    )
    result = build(site)
    assert sorted(error.path.name for error in result.errors if error.path is not None) == ["dir.md", "fc.md"]
    feed = ElementTree.parse(site / "_site/feed/xinjingbao.xml").getroot()
    assert feed.tag == "{http://www.w3.org/2005/Atom}feed"
    assert "全部栏目" in (site / "_site/category/index.html").read_text(encoding="utf-8")


EXTRAS = ("feed.xml", "sitemap.xml", "sitemap-news.xml", "robots.txt", "404.html", "新京报")


@settings(max_examples=20)
@given(categories=st.lists(st.sampled_from(EXTRAS), min_size=1, max_size=4))
def test_a_category_named_like_an_extra_loses_only_its_folder_redirect(
    tmp_path_factory: object, categories: list[str]
) -> None:
    """With `category_dirs`, a category named `sitemap.xml` would redirect its folder URL
    `/sitemap.xml/`, below the generated sitemap: the redirect gives way with a warning
    naming the category (it was an error, failing `--strict`), and nothing of the site is
    lost or broken."""
    root = Path(getattr(tmp_path_factory, "mktemp")("extras"))  # noqa: B009
    site = write_files(root / "site", {"_config.yml": SITE_CONFIG, **_base_posts(categories, ["t"])})
    result = build(site)
    assert not result.errors, result.errors
    destination = site / "_site"
    for number in range(len(categories)):
        assert f"基础{number}".encode() in (destination / f"p/{number}.html").read_bytes()
    for name in ("sitemap.xml", "robots.txt"):
        assert (destination / name).is_file()
    report = check_site(destination, site_url="https://finews.example.com", jobs=1)
    # Every link resolves; a squatter's marker file at an XML path is no XML (check says so).
    assert not report.broken and not report.hidden, report


FIRSTS = ("news", "feed.xml", "sitemap.xml", "robots.txt", "404.html", "新京报")
"""A post's first category: its URL's first folder (the home page's `index.html` stays
reserved, as README says)."""
SECONDS = (*FIRSTS, "index.html")


@settings(max_examples=20)
@given(
    categories=st.lists(
        st.tuples(st.sampled_from(FIRSTS), st.sampled_from(SECONDS) | st.none()), min_size=1, max_size=4
    )
)
def test_a_post_below_an_extra_or_a_category_redirect_is_published(
    tmp_path_factory: pytest.TempPathFactory, categories: list[tuple[str, str | None]]
) -> None:
    """With `category_dirs`, posts at Jekyll's default URL `/<categories>/…` whose
    categories are named like generated files, or like a category folder's `index.html`
    (`[news, index.html]` needs `/news/index.html/` as a folder, where category `news`
    redirects): every post is published at its URL, the extra in its way gives way with
    a warning (the post was an error and left out), and no link
    is broken."""
    root = tmp_path_factory.mktemp("below")
    files: dict[str, str | bytes] = {"_config.yml": SITE_CONFIG}
    for number, (first, second) in enumerate(categories):
        names = [first] if second is None else [first, second]
        name = f"content/_posts/2022-05-{number + 1:02d}-q{number}.md"
        files[name] = post(f"帖{number}", categories=f"[{', '.join(names)}]")
    site = write_files(root / "site", files)
    result = build(site)
    assert not result.errors, result.errors
    published = {path.read_text(encoding="utf-8") for path in (site / "_site").rglob("q*.html")}
    for number in range(len(categories)):
        assert any(f"帖{number}" in text for text in published), number
    assert check_site(site / "_site", site_url="https://finews.example.com", jobs=1).ok
