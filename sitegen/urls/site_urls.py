"""The URLs of the pages sitegen generates, and links to them.

URLs are kept unencoded (`/category/新京报.html`) inside sitegen, exactly as the file is
named on disk; `href` percent-encodes them wherever a page, feed or sitemap writes one,
so Chinese names and spaces survive any host.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable
from pathlib import PurePosixPath
from urllib.parse import quote, unquote

from sitegen.urls.output_paths import OutputPath, category_name_problem, listing_segment, listing_segments

PATH_SAFE = "/:@!$&'()*+,;=-._~"
"""What a URL path keeps unencoded (RFC 3986 `pchar` and `/`), as Jekyll's
`URL.escape_path` (Addressable) keeps it."""
URL_SAFE = ":/?#[]@!$&'()*+,;=%~-._"
"""What a whole URL keeps unencoded: reserved characters, and `%` so an escape is not
escaped twice."""

HTML_SUFFIXES = (".html", ".htm")
"""The one set of page suffixes: a source with one has an HTML body, and an output with
one is a page (what the sitemap lists and the link checker reads)."""


def category_url(name: str) -> str:
    """The listing of one category, where the user's posts already link; a name the
    listing cannot take as written (`category_name_problem`) gets a stable slug."""
    return f"/category/{listing_segment(name, category_name_problem)}.html"


def category_urls_for(names: Iterable[str]) -> dict[str, str]:
    """`category_url` of each name, no two alike (`listing_segments`)."""
    segments = listing_segments(names, category_name_problem)
    return {name: f"/category/{segment}.html" for name, segment in segments.items()}


def tag_urls_for(names: Iterable[str]) -> dict[str, str]:
    """`tag_url` of each name, no two alike (`listing_segments`)."""
    return {name: f"/tag/{segment}.html" for name, segment in listing_segments(names).items()}


def feed_urls_for(categories: Iterable[str]) -> dict[str, str]:
    """`feed_url` of each category, no two alike (`listing_segments`)."""
    return {name: f"/feed/{segment}.xml" for name, segment in listing_segments(categories).items()}


def category_directory_url() -> str:
    """The directory of every category, beside the category pages it lists."""
    return "/category/"


def tag_url(name: str) -> str:
    return f"/tag/{listing_segment(name)}.html"


def home_url() -> str:
    return "/"


def paged_url(first_url: str, number: int) -> str:
    """Page `number` of a listing whose first page is at `first_url`.

    Page 1 stays where posts already link; later pages sit below it, so their URLs can be
    guessed: `/category/x.html` → `/category/x/page/2.html`, `/` → `/page/2/`,
    `/archive/2022/05/` → `/archive/2022/05/page/2/`."""
    if number < 1:
        raise ValueError(f"page numbers start at 1, not {number}")
    if number == 1:
        return first_url
    if first_url.endswith("/"):
        return f"{first_url}page/{number}/"
    return f"{first_url.removesuffix('.html')}/page/{number}.html"


def feed_url(category: str | None = None) -> str:
    """The whole site's Atom feed where jekyll-feed puts it, or one category's, where
    jekyll-feed's `categories` option puts it."""
    if category is None:
        return "/feed.xml"
    return f"/feed/{listing_segment(category)}.xml"


def archive_index_url() -> str:
    return "/archive/"


def archive_url(year: int, month: int) -> str:
    """One month's posts: `/archive/2022/05/`."""
    return f"/archive/{year:04d}/{month:02d}/"


def sitemap_url(part: int | None = None) -> str:
    """`/sitemap.xml`, or part `n` (1-based) when the sitemap is split under an index."""
    return "/sitemap.xml" if part is None else f"/sitemap-{part}.xml"


def robots_url() -> str:
    return "/robots.txt"


def not_found_url() -> str:
    """Where static hosts (GitHub Pages, Netlify, Cloudflare Pages) look for the 404 page."""
    return "/404.html"


def normalize_baseurl(baseurl: str) -> str:
    """The one spelling of a site prefix: `blog/`, `/blog/`, `/blog`, ` /blog ` and
    `/blo%67` all mean `/blog`; `/` and `` mean none. Percent-escapes are decoded and `.`
    and `..` segments resolved, so the result compares with decoded request paths."""
    segments = [segment for segment in unquote(baseurl.strip()).split("/") if segment not in ("", ".")]
    path = posixpath.normpath("/" + "/".join(segments)) if segments else "/"
    return "" if path == "/" else path


def href(url: str, baseurl: str = "") -> str:
    """The link to write in HTML: baseurl-prefixed and percent-encoded (UTF-8)."""
    return quote(baseurl + url, safe=PATH_SAFE)


def absolute_url(url: str, site_url: str, baseurl: str = "") -> str:
    """The full URL, as feeds, sitemaps and canonical links need."""
    return site_url + href(url, baseurl)


def url_of_output(relative: OutputPath) -> str:
    """The URL a static host serves a written file at: `a/index.html` is `/a/`."""
    if relative.rpartition("/")[2] == "index.html":
        return "/" + relative[: -len("index.html")]
    return "/" + relative


def static_file_url(relative_path: PurePosixPath) -> str:
    """The URL of a file copied as it is: its path below the destination."""
    return "/" + str(relative_path)


def category_folder_url(name: str) -> str:
    """`/<category>/`, the folder URL Jekyll gives a category, which `category_dirs`
    redirects to the category's listing."""
    return f"/{name}/"


def last_segment(url: str) -> str:
    """The last path segment of a URL without `.html`: `/a/emnews/` and `/a/emnews.html`
    are both `emnews`."""
    return url.strip("/").rsplit("/", 1)[-1].removesuffix(".html")


def reload_key(url: str) -> str:
    """The form of a URL under which `/a/` and `/a/index.html` (and `/a` and `/a.html`) compare as
    one page: what live reload matches an open page against a changed file with."""
    return url.removesuffix("index.html").removesuffix(".html")
