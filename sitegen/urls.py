"""Every URL and output-path rule, one function per kind of page.

URLs are kept unencoded (`/category/新京报.html`) inside sitegen, exactly as the file is
named on disk; `href` percent-encodes them wherever a page, feed or sitemap writes one,
so Chinese names and spaces survive any host.
"""

from __future__ import annotations

import hashlib
import posixpath
import re
from datetime import datetime
from pathlib import PurePosixPath
from urllib.parse import quote, unquote

from sitegen.errors import OutputError

#: Jekyll's built-in permalink styles.
PERMALINK_STYLES = {
    "date": "/:categories/:year/:month/:day/:title:output_ext",
    "pretty": "/:categories/:year/:month/:day/:title/",
    "ordinal": "/:categories/:year/:y_day/:title:output_ext",
    "weekdate": "/:categories/:year/W:week/:short_day/:title:output_ext",
    "none": "/:categories/:title:output_ext",
}

_DEFAULT_SLUG = re.compile(r"(?:[^\w]|_)+")
_PRETTY_SLUG = re.compile(r"[^\w._~!$&'()+,;=@]+")
_PLACEHOLDER = re.compile(r":([a-z_]+)")
_HREF_SAFE = "/:@!$&'()*+,;=-._~"
_SLASHES = re.compile(r"/{2,}")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_UNSAFE_IN_SEGMENT = re.compile(r"[/\\\x00-\x1f\x7f\ufffd]+")

HTML_SUFFIXES = (".html", ".htm")
"""The one set of page suffixes: a source with one has an HTML body, and an output with
one is a page (what the sitemap lists and the link checker reads)."""

MAX_SEGMENT_BYTES = 255
"""The longest file or folder name (in UTF-8 bytes) of ext4, XFS, btrfs, APFS and NTFS."""
MAX_PATH_BYTES = 3072
"""The longest output path accepted, leaving room under Linux's 4,096-byte PATH_MAX for
the destination folder's own path."""
MAX_DEPTH = 100
"""The most folders an output path may nest: deeper trees defeat recursive tools (a
recursive delete, a link checker, a file watcher) long before the path is too long."""
MAX_LISTING_NAME_BYTES = MAX_SEGMENT_BYTES - len(".html")


def slugify(text: str, *, pretty: bool = False, cased: bool = False) -> str:
    """Jekyll's `slugify` in its `default` and `pretty` modes.

    Letters and digits of any script are kept (Chinese stays Chinese); runs of anything
    else become one hyphen; leading and trailing hyphens go."""
    pattern = _PRETTY_SLUG if pretty else _DEFAULT_SLUG
    slug = pattern.sub("-", text).strip("-")
    return slug if cased else slug.lower()


def post_url_placeholders(
    *,
    date: datetime,
    slug: str,
    categories: tuple[str, ...],
    output_ext: str = ".html",
    basename: str = "",
    path: str = "",
) -> dict[str, str]:
    """The values Jekyll substitutes into a post permalink (`date` in the site zone).

    As `Jekyll::Drops::UrlDrop` (jekyll/lib/jekyll/drops/url_drop.rb) defines them:
    `:title` and `:slug` come from the slug (front matter, else the file name without its
    date), `:name` from the whole file name without its extension (`basename`, date
    included), `:path` is the file's path below `_posts/` without its extension."""
    iso_year, iso_week, iso_weekday = date.isocalendar()
    unique_categories = tuple(dict.fromkeys(category.lower() for category in categories))
    slugified_categories = tuple(dict.fromkeys(slugify(category) for category in categories))
    return {
        "year": f"{date.year:04d}",
        "month": f"{date.month:02d}",
        "i_month": str(date.month),
        "short_month": date.strftime("%b"),
        "long_month": date.strftime("%B"),
        "day": f"{date.day:02d}",
        "i_day": str(date.day),
        "short_year": f"{date.year % 100:02d}",
        "y_day": f"{date.timetuple().tm_yday:03d}",
        "hour": f"{date.hour:02d}",
        "minute": f"{date.minute:02d}",
        "second": f"{date.second:02d}",
        "week": f"{iso_week:02d}",
        "w_year": str(iso_year),
        "w_day": str(iso_weekday),
        "short_day": date.strftime("%a"),
        "long_day": date.strftime("%A"),
        "title": slugify(slug, pretty=True, cased=True),
        "slug": slugify(slug),
        "name": slugify(basename or slug),
        "path": path or f"/{basename or slug}",
        "categories": "/".join(unique_categories),
        "slugified_categories": "/".join(slugified_categories),
        "output_ext": output_ext,
        "collection": "posts",
    }


def expand_permalink(pattern: str, placeholders: dict[str, str], *, styles: bool = True) -> str:
    """Fill a permalink pattern (or, with `styles`, a style name) in; unknown placeholders
    are an error. A post's own front-matter permalink is never a style name: Jekyll
    publishes `permalink: pretty` at `/pretty.html`."""
    template = PERMALINK_STYLES.get(pattern, pattern) if styles else pattern

    def substitute(match: re.Match[str]) -> str:
        name = match.group(1)
        for candidate in (name, name.rstrip("_")):
            if candidate in placeholders:
                return placeholders[candidate] + name[len(candidate) :]
        raise OutputError(f"unknown permalink placeholder ':{name}' in '{template}'")

    return sanitize_url(_PLACEHOLDER.sub(substitute, template))


def sanitize_url(url: str) -> str:
    """Jekyll's `URL#sanitize_url` (jekyll/lib/jekyll/url.rb, Jekyll 4): every `..`
    becomes `/`, `./` goes, runs of `/` become one, and the URL starts with `/`.

    So a category `../../etc` puts a post under `/etc/…` instead of outside the site, as
    Jekyll publishes it."""
    cleaned = ("/" + url).replace("..", "/").replace("./", "")
    return _SLASHES.sub("/", cleaned)


DEFAULT_DOCUMENT_PERMALINK = "/:collection/:path:output_ext"
"""A collection document's URL when neither it nor its collection sets one
(`Document#url_template`, jekyll/lib/jekyll/document.rb)."""


def document_url(label: str, pattern: str, relative_path: PurePosixPath, slug: str, output_ext: str) -> str:
    """A collection document's URL: `pattern` filled with the placeholders
    `Jekyll::Drops::UrlDrop` gives a document of collection `label` (its folder `_label`).
    `slug` is the front matter's, or "" for the file name. Raises `OutputError` for an
    unknown placeholder."""
    inside = relative_path.with_suffix("").relative_to(f"_{label}")
    slug = slug or inside.name
    placeholders = {
        "collection": label,
        "path": f"/{inside}",
        "name": slugify(inside.name),
        "title": slugify(slug, pretty=True, cased=True),
        "slug": slugify(slug),
        "output_ext": output_ext,
    }
    return expand_permalink(pattern, placeholders, styles=False)


def unescape_permalink(permalink: str) -> str:
    """A permalink written percent-encoded (`/%E6%96%B0.html`) as the path it names:
    Jekyll writes the file at the unescaped path (`URL.unescape_path`); sitegen keeps URLs
    unencoded and encodes them where it writes a link (`href`). Bytes that are not UTF-8
    stay as lone surrogates, which `check_url_is_safe` refuses."""
    return unquote(permalink, errors="surrogateescape") if "%" in permalink else permalink


def linkable_url(url: str, output_ext: str) -> str:
    """The URL of the file Jekyll writes for `url`: Jekyll appends the output extension to
    a URL that does not end with it (`/feed.xml` is written `feed.xml.html`) but keeps
    linking to the URL as written, which then reaches another file or none. sitegen
    links to the file itself; a URL with no extension at all stays as it is (hosts serve
    `x.html` for `/x`)."""
    if url.endswith("/") or url.endswith(output_ext) or not PurePosixPath(url).suffix:
        return url
    return url + output_ext


def path_below_posts_folder(relative_path: PurePosixPath) -> str:
    """`/sub/2022-05-27-x` for `news/_posts/sub/2022-05-27-x.md`: Jekyll's `:path`."""
    parts = relative_path.with_suffix("").parts
    for marker in ("_posts", "_drafts"):
        if marker in parts:
            parts = parts[len(parts) - parts[::-1].index(marker) :]
            break
    return "/" + "/".join(parts)


def category_url(name: str) -> str:
    """The listing of one category, where the user's posts already link."""
    return f"/category/{listing_segment(name)}.html"


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


def page_url(relative_path: PurePosixPath, output_ext: str = ".html", *, pretty: bool = False) -> str:
    """Jekyll's default page URL, `/:path/:basename:output_ext`; `index` names its folder.

    `pretty`: the site's permalink style ends in `/` (`pretty`, `/:categories/:title/`),
    and Jekyll then gives HTML pages folder URLs too, `/:path/:basename/`
    (`Page#template` and `Utils.add_permalink_suffix`, jekyll/lib/jekyll/page.rb)."""
    stem_path = relative_path.with_suffix("")
    if stem_path.name == "index":
        parent = str(stem_path.parent)
        return "/" if parent == "." else f"/{parent}/"
    if pretty and output_ext in (".html", ".htm", ".xhtml"):
        return f"/{stem_path}/"
    return f"/{stem_path}{output_ext}"


def expand_page_permalink(permalink: str, relative_path: PurePosixPath, output_ext: str = ".html") -> str:
    """A page's own permalink with Jekyll's page placeholders filled in: `:path` (its
    folder), `:basename` and `:output_ext` (`Page#url_placeholders`). Style names
    (`pretty`) are not styles here: Jekyll takes a page's `permalink` as written."""
    if ":" not in permalink:
        return permalink
    folder = str(relative_path.parent)
    placeholders = {
        "path": "" if folder == "." else folder,
        "basename": relative_path.stem,
        "output_ext": output_ext,
    }
    return _PLACEHOLDER.sub(lambda match: placeholders.get(match.group(1), match.group(0)), permalink)


def output_path(url: str, output_ext: str | None = None, *, document: bool = False) -> PurePosixPath:
    """Where a page with this URL is written, relative to the destination folder.

    For a post (a `document`) or page, `output_ext` is its output extension and Jekyll's
    rule applies: any URL not ending in `/` gets the extension unless it already ends with
    it (`/cocos2dx-3.x` is written `cocos2dx-3.x.html`); a folder URL gets `index.html`
    for a document (`Document#destination`) and `index` plus the extension for a page
    (`Page#destination`). A generated file's URL (`output_ext` None) names its own file
    (`/feed.xml`); only a URL with no extension gets `.html`. Raises `OutputError` for
    any URL that could escape the destination."""
    check_url_is_safe(url)
    relative = url.lstrip("/")
    if url.endswith("/"):
        relative += "index.html" if document or output_ext is None else "index" + output_ext
    elif output_ext is not None:
        if not relative.endswith(output_ext):
            relative += output_ext
    elif not PurePosixPath(relative).suffix:
        relative += ".html"
    _check_segment_lengths(relative)
    return PurePosixPath(relative)


def check_url_is_safe(url: str) -> None:
    """Reject URLs whose output path would leave the destination or that no file system
    (or no deploy tool) can hold: `..`/`.` segments, backslashes, control characters,
    text that is not valid Unicode, and segments longer than `MAX_SEGMENT_BYTES`."""
    if not url.startswith("/"):
        raise OutputError(f"URL '{url[:80]}' must start with '/'")
    if "\\" in url or _CONTROL.search(url):
        raise OutputError(f"URL {url[:80]!r} contains a backslash or a control character")
    if any(part in ("..", ".") for part in url.split("/")):
        raise OutputError(f"URL '{url}' contains a '..' or '.' segment")
    _check_segment_lengths(url)


def _check_segment_lengths(path: str) -> None:
    try:
        lengths = [len(part.encode("utf-8")) for part in path.split("/")]
    except UnicodeEncodeError:
        raise OutputError(f"URL {path[:80]!r} is not valid Unicode text") from None
    if max(lengths) > MAX_SEGMENT_BYTES:
        raise OutputError(
            f"'{path[:80]}…' has a file or folder name of {max(lengths)} bytes; "
            f"file systems hold at most {MAX_SEGMENT_BYTES}"
        )
    if len(lengths) > MAX_DEPTH:
        raise OutputError(f"'{path[:80]}…' is nested {len(lengths)} folders deep (at most {MAX_DEPTH})")
    if sum(lengths) > MAX_PATH_BYTES:
        raise OutputError(f"'{path[:80]}…' is longer than {MAX_PATH_BYTES} bytes")


def listing_name_problem(name: str) -> str | None:
    """Why a category or tag name cannot be its listing's file name as written, or None.

    It must be one path segment (no `/`, `\\`, control character, `.` or `..`), valid
    Unicode, and short enough to carry `.html` within `MAX_SEGMENT_BYTES`."""
    if not name.strip() or name in (".", ".."):
        return "is empty, '.' or '..'"
    if any(ch in name for ch in "/\\") or _CONTROL.search(name):
        return "holds '/', '\\' or a control character"
    try:
        size = len(name.encode("utf-8"))
    except UnicodeEncodeError:
        return "is not valid Unicode text"
    if size > MAX_LISTING_NAME_BYTES:
        return f"is {size} bytes long (at most {MAX_LISTING_NAME_BYTES} fit in a file name)"
    return None


def listing_segment(name: str) -> str:
    """The path segment of a category's or tag's listing: the name as written when it can
    be a file name (every real name), else a safe slug of it plus a short hash of the
    name, so distinct names never share a page and the URL never changes between builds.

    Jekyll would publish such a post too; only its listing needs a different name."""
    if listing_name_problem(name) is None:
        return name
    readable = _UNSAFE_IN_SEGMENT.sub("-", name.encode("utf-8", "replace").decode("utf-8"))
    readable = readable.strip(" .-")
    while len(readable.encode("utf-8")) > MAX_LISTING_NAME_BYTES - 32:
        readable = readable[:-1]
    digest = hashlib.blake2b(name.encode("utf-8", "surrogatepass"), digest_size=4).hexdigest()
    return f"{readable}-{digest}" if readable else digest


def normalize_baseurl(baseurl: str) -> str:
    """The one spelling of a site prefix: `blog/`, `/blog/`, `/blog`, ` /blog ` and
    `/blo%67` all mean `/blog`; `/` and `` mean none. Percent-escapes are decoded and `.`
    and `..` segments resolved, so the result compares with decoded request paths."""
    segments = [segment for segment in unquote(baseurl.strip()).split("/") if segment not in ("", ".")]
    path = posixpath.normpath("/" + "/".join(segments)) if segments else "/"
    return "" if path == "/" else path


def href(url: str, baseurl: str = "") -> str:
    """The link to write in HTML: baseurl-prefixed and percent-encoded (UTF-8)."""
    return quote(baseurl + url, safe=_HREF_SAFE)


def absolute_url(url: str, site_url: str, baseurl: str = "") -> str:
    """The full URL, as feeds, sitemaps and canonical links need."""
    return site_url + href(url, baseurl)


def url_of_output(relative: PurePosixPath) -> str:
    """The URL a static host serves a written file at: `a/index.html` is `/a/`."""
    text = str(relative)
    if relative.name == "index.html":
        parent = text[: -len("index.html")]
        return "/" + parent
    return "/" + text


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
