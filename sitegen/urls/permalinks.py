"""Jekyll's permalinks: placeholders, styles, slugs, and the URL of a post, page or document.

The rules are Jekyll 4.3's (`Jekyll::URL`, `Jekyll::Utils.slugify`, `Document#url_placeholders`),
checked against Jekyll itself by the differential tests.
"""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import PurePosixPath
from urllib.parse import unquote

from sitegen.errors import OutputError
from sitegen.urls.output_paths import _SLASHES

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


def permalink_ext(permalink: str) -> str:
    """The output extension a document's own `permalink` sets, or "" when it sets none.

    Jekyll 4.3 takes a page's, post's or collection document's output extension from its
    `permalink` (front matter, or a front-matter default) before its converter's, when
    the permalink does not end in `/` and Ruby's `File.extname` of it is not empty
    (`Renderer#permalink_ext` and `#output_ext`, jekyll/lib/jekyll/renderer.rb). So a
    Markdown page at `/data.json` is written `data.json`, not `data.json.html`, and a
    post at `/v1.2` is written `v1.2`. The site-wide or a collection's `permalink` is a
    URL template (`Document#url_template`), never this: `Document#permalink` and
    `Page#permalink` read the document's own data only.

    `File.extname` (Ruby >= 2.7, not Windows) looks at the last name only, skips its
    leading dots (`/.json` has none) and takes the last dot on; a name ending in a dot
    has the extension "." (`/end.` is written `end.`). The permalink is read as written,
    placeholders and percent escapes unexpanded, as Jekyll reads it."""
    if permalink.endswith("/"):
        return ""
    name = permalink.rpartition("/")[2].lstrip(".")
    dot = name.rfind(".")
    return "" if dot == -1 else name[dot:]


def path_below_posts_folder(relative_path: PurePosixPath) -> str:
    """`/sub/2022-05-27-x` for `news/_posts/sub/2022-05-27-x.md`: Jekyll's `:path`."""
    parts = relative_path.with_suffix("").parts
    for marker in ("_posts", "_drafts"):
        if marker in parts:
            parts = parts[len(parts) - parts[::-1].index(marker) :]
            break
    return "/" + "/".join(parts)


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
