"""Where sitegen's URL of a page departs from Jekyll's on purpose: Jekyll appends the
output extension to a URL that does not end with it (or names a page's folder file
`index` and the extension), and keeps a URL ending in a dot segment (`/a/.`, written
`a.html`), where no static host serves the file at the URL; sitegen gives a URL that
reaches the file there (`sitegen.urls.permalinks.served_url`, `jekyll_forms.reaches`)."""

from __future__ import annotations


def served_at(path: str, url: str) -> bool:
    """Whether a static host serves the file at `path` (below the site's root) for a
    request of `url` (unescaped): the file itself, a folder's `index.html`, or `.html`
    added to the name, as GitHub Pages and Jekyll's own server try them."""
    asked = url.lstrip("/")
    return path in (asked, asked + ".html") or (url.endswith("/") and path == asked + "index.html")


def links_off_the_rule(jekyll_urls: dict[str, str], our_urls: dict[str, str]) -> dict[str, tuple[str, str]]:
    """Each file (by path) whose sitegen URL is not Jekyll's where a host serves the file
    at Jekyll's, or does not reach the file where Jekyll's does not: (Jekyll's, ours)."""
    return {
        path: (url, our_urls.get(path, ""))
        for path, url in jekyll_urls.items()
        if (
            our_urls.get(path) != url if served_at(path, url) else not served_at(path, our_urls.get(path, ""))
        )
    }


def as_ours(urls: list[str], jekyll_urls: dict[str, str], our_urls: dict[str, str]) -> list[str]:
    """Jekyll's `urls` each as sitegen gives the same file's (by `jekyll_urls` and
    `our_urls`, each file's URL by its path), sorted."""
    ours = {url: our_urls[path] for path, url in jekyll_urls.items() if path in our_urls}
    return sorted(ours.get(url, url) for url in urls)
