"""`sitegen check` resolves a page's links against its first `<base href>`, as browsers do.

The checker resolved every relative link against the page's own URL: a page at `/x/`
with `<base href="/">` and `<a href="archive/">` (the browser goes to `/archive/`) was
reported broken as `/x/archive/`, and a link the base sends to a missing page passed.
The property: for generated pages with and without bases (relative, on and off the
site, ignored schemes, several per page), the broken targets are those that
`urllib.parse.urljoin` finds missing when it resolves each link as a browser does.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from sitegen.check.links import check_site

SITE_URL = "https://example.com"
FILES = ("a.html", "archive/index.html", "x/a.html", "x/archive/index.html", "y/z.html", "b.html")
PAGES = ("x/index.html", "x/a.html", "x/y/b.html", "y/z.html")
LINKS = (
    "archive/",
    "a.html",
    "a",
    "/a.html",
    "/archive/",
    "#f",
    "?q=1",
    "",
    "./",
    "z.html",
    "b.html",
    "https://example.com/a.html",
    "https://example.com/nope.html",
    "//example.com/x/",
    "https://other.org/a.html",
    "mailto:a@example.com",
)
BASES = (
    "/",
    "/x/",
    "/nope/",
    "archive/",
    "../",
    " /y/ ",
    "/y/z.html",
    "https://example.com/y/",
    "//example.com/x/archive/",
    "https://other.org/",
    "//other.org/",
    "ftp://example.com/",
    "",
    "#f",
    "?q",
    "javascript:void(0)",
    "data:,x",
)


def page_html(bases: list[str | None], links: list[str]) -> str:
    """A page whose head holds a `base` for each of `bases` (None: one without `href`)."""
    head = "".join("<base target=_blank>" if base is None else f'<base href="{base}">' for base in bases)
    body = "".join(f'<a href="{link}">x</a>' for link in links)
    return f'<!DOCTYPE html><html><head><meta charset="utf-8">{head}</head><body>{body}</body></html>'


def browser_base(page: str, bases: list[str | None]) -> str:
    """The document base URL: the first `base` with an `href`, resolved against the page's
    URL, unless it names a `data:` or `javascript:` URL."""
    page_url = f"{SITE_URL}/{page}"
    href = next((base for base in bases if base is not None), None)
    if href is None or urlsplit(href.strip()).scheme in ("data", "javascript"):
        return page_url
    return urljoin(page_url, href.strip())


def served(files: set[str], path: str) -> bool:
    """A static host's answer for `path`: a file, or a folder's (or a name's) page."""
    key = unquote(path)[1:]
    if not key or key.endswith("/"):
        return key + "index.html" in files
    return key in files or key + "/index.html" in files or key + ".html" in files


def browser_broken(
    files: set[str], pages: dict[str, tuple[list[str | None], list[str]]]
) -> dict[str, set[str]]:
    """Each page's links that a browser resolves to a missing page of the site."""
    broken: dict[str, set[str]] = {}
    for page, (bases, links) in pages.items():
        base = browser_base(page, bases)
        for link in links:
            target = urlsplit(urljoin(base, link))
            path = target.path or "/"
            on_site = target.scheme in ("http", "https") and target.netloc == "example.com"
            if on_site and not served(files, path):
                broken.setdefault(page, set()).add(unquote(path))
    return broken


PAGE = st.tuples(
    st.lists(st.one_of(st.none(), st.sampled_from(BASES)), max_size=3),
    st.lists(st.sampled_from(LINKS), min_size=1, max_size=6),
)


@settings(max_examples=60, deadline=None)
@given(pages=st.dictionaries(st.sampled_from(PAGES), PAGE, min_size=1, max_size=4))
# A scheme-relative link takes the base's scheme: under an ftp base it leaves the site.
@example(pages={"x/a.html": (["ftp://example.com/"], ["//example.com/x/"])})
def test_links_resolve_as_a_browser_resolves_them(
    tmp_path_factory: pytest.TempPathFactory, pages: dict[str, tuple[list[str | None], list[str]]]
) -> None:
    root = tmp_path_factory.mktemp("site")
    files = {*FILES, *pages}
    for name in files:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(page_html(*pages[name]) if name in pages else "<p>x</p>", encoding="utf-8")
    report = check_site(root, site_url=SITE_URL, jobs=1)
    found: dict[str, set[str]] = {}
    for link in report.broken:
        for page in link.pages:
            found.setdefault(page, set()).add(link.target)
    assert found == browser_broken(files, pages)


def write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


def test_a_link_under_base_slash_resolves_at_the_root(tmp_path: Path) -> None:
    site = write(tmp_path, {"x/index.html": page_html(["/"], ["archive/"]), "archive/index.html": "<p>a</p>"})
    assert check_site(site, jobs=1).broken == ()


def test_a_link_the_base_sends_to_a_missing_page_is_broken(tmp_path: Path) -> None:
    site = write(tmp_path, {"x/index.html": page_html(["/y/"], ["a.html", "#top"]), "x/a.html": "<p>a</p>"})
    assert [link.target for link in check_site(site, jobs=1).broken] == ["/y/", "/y/a.html"]


def test_links_under_a_base_off_the_site_are_not_checked(tmp_path: Path) -> None:
    site = write(
        tmp_path, {"x/index.html": page_html(["https://cdn.example.org/"], ["missing.html", "/gone/"])}
    )
    assert check_site(site, jobs=1).broken == ()
