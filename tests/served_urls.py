"""Where sitegen's URL of a page departs from Jekyll's on purpose: Jekyll appends the
output extension to a URL that does not end with it (or names a page's folder file
`index` and the extension) and keeps the URL as written, which no static host serves the
file at; sitegen gives the file's own URL there (`sitegen.urls.permalinks.served_url`)."""

from __future__ import annotations


def served_at(path: str, url: str) -> bool:
    """Whether a static host serves the file at `path` (below the site's root) for a
    request of `url` (unescaped): the file itself, a folder's `index.html`, or `.html`
    added to the name, as GitHub Pages and Jekyll's own server try them."""
    asked = url.lstrip("/")
    return path in (asked, asked + ".html") or (url.endswith("/") and path == asked + "index.html")


def as_sitegen_links(jekyll_urls: dict[str, str]) -> dict[str, str]:
    """Jekyll's URL of each file (by path), where a host serves the file there; else the
    file's own URL, as sitegen gives it."""
    return {path: url if served_at(path, url) else "/" + path for path, url in jekyll_urls.items()}
