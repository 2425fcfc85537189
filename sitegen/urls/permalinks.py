"""Jekyll's permalinks: placeholders, styles, slugs, and the URL of a post, page or document.

The rules are Jekyll 4.3's (`Jekyll::URL`, `Jekyll::Utils.slugify`, `Document#url_placeholders`),
checked against Jekyll itself by the differential tests.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import datetime
from pathlib import PurePosixPath

from sitegen.errors import OutputError
from sitegen.urls.browser_reading import browser_text
from sitegen.urls.destinations import destination_url, escape_placeholder, ruby_extname
from sitegen.urls.output_paths import _SLASHES
from sitegen.urls.post_placeholders import PostPlaceholders
from sitegen.urls.slugs import slugify

#: Jekyll's built-in permalink styles.
PERMALINK_STYLES = {
    "date": "/:categories/:year/:month/:day/:title:output_ext",
    "pretty": "/:categories/:year/:month/:day/:title/",
    "ordinal": "/:categories/:year/:y_day/:title:output_ext",
    "weekdate": "/:categories/:year/W:week/:short_day/:title:output_ext",
    "none": "/:categories/:title:output_ext",
}

_PLACEHOLDER = re.compile(r":([a-z_]+)")


def post_url_placeholders(
    *,
    date: datetime,
    slug: str,
    categories: tuple[str, ...],
    output_ext: str = ".html",
    basename: str = "",
    path: str = "",
) -> PostPlaceholders:
    """The values Jekyll substitutes into a post permalink (`date` in the site zone), each
    worked out when the permalink reads it (see `sitegen.urls.post_placeholders`)."""
    return PostPlaceholders(date, slug, categories, output_ext, basename, path)


def expand_permalink(
    pattern: str,
    placeholders: Mapping[str, str],
    *,
    styles: bool = True,
    escape: Callable[[str], str] = escape_placeholder,
) -> str:
    """Fill a permalink pattern (or, with `styles`, a style name) in, as
    `URL#generate_url_from_drop` and `#to_s` do: the result is sanitized and still
    escaped as written (`destination_url` unescapes it); unknown placeholders are an
    error. A post's own front-matter permalink is never a style name: Jekyll publishes
    `permalink: pretty` at `/pretty.html`. `escape` puts a value in: `escape_placeholder`
    for the file's URL, `jekyll_forms.escape_path` for Jekyll's Liquid `url`."""
    template = PERMALINK_STYLES.get(pattern, pattern) if styles else pattern

    def substitute(match: re.Match[str]) -> str:
        name = match.group(1)
        for candidate in (name, name.rstrip("_")):
            if candidate in placeholders:
                return escape(placeholders[candidate]) + name[len(candidate) :]
        raise OutputError(f"unknown permalink placeholder ':{name}' in '{template}'")

    return sanitize_url(_PLACEHOLDER.sub(substitute, template))


def sanitize_url(url: str) -> str:
    """Jekyll's `URL#sanitize_url` (jekyll/lib/jekyll/url.rb, Jekyll 4): every `..`
    becomes `/`, `./` goes, runs of `/` become one, and the URL starts with `/`.

    So a category `../../etc` puts a post under `/etc/…` instead of outside the site, as
    Jekyll publishes it. It reads the URL still escaped: `%2e%2e` is resolved only where
    the file is written (`destination_url`)."""
    cleaned = ("/" + url).replace("..", "/").replace("./", "")
    return _SLASHES.sub("/", cleaned)


_DATED = frozenset(post_url_placeholders(date=datetime(2000, 1, 1), slug="", categories=()))
"""The placeholders a date (or a post's categories) fills in."""
_BY_CATEGORIES = frozenset({"categories", "slugified_categories"})
"""Of those, the ones the categories alone fill in: an undated document has them too."""

DEFAULT_DOCUMENT_PERMALINK = "/:collection/:path:output_ext"
"""A collection document's URL template when neither it nor its collection sets one,
under the default permalink style `date` (`collection_permalink` for any style)."""


def document_url(
    label: str,
    pattern: str,
    relative_path: PurePosixPath,
    slug: str,
    output_ext: str,
    *,
    date: datetime | None = None,
    categories: tuple[str, ...] = (),
    escape: Callable[[str], str] | None = None,
) -> str:
    """A collection document's URL, unescaped and resolved (`destination_url`): `pattern`
    filled with the placeholders `Jekyll::Drops::UrlDrop` gives a document of collection
    `label` (its folder `_label`). `slug` is its `data["slug"]`: the front matter's, else
    the file name's (`Document#populate_title`). A dated document (`date`, in the site
    zone) also has a post's date placeholders (`:year`, `:month`, `:i_day`, …) and
    `:categories` of its front matter's. Raises `OutputError` for an unknown
    placeholder, and for a date placeholder of a document without a date, which Jekyll
    fills from the moment of the build (a URL that would change with every build);
    `:categories` needs no date (`UrlDrop#categories` reads the front matter).
    With `escape` (`jekyll_forms.escape_path`), the URL as Jekyll's Liquid gives it
    instead: sanitized, placeholders escaped, the rest as written."""
    inside = relative_path.with_suffix("").relative_to(f"_{label}")
    placeholders: dict[str, str] = {
        "collection": label,
        # `Document#cleaned_relative_path`: the dots ending the name go (`a..md` is `/a`).
        "path": f"/{inside}".rstrip("."),
        "name": slugify(inside.name),
        "title": slugify(slug, "pretty", cased=True),
        "slug": slugify(slug),
        "output_ext": output_ext,
    }
    read = {part for name in _PLACEHOLDER.findall(pattern) for part in (name, name.rstrip("_"))}
    if date is None:
        # `UrlDrop#categories` reads the front matter, never the date: the same every build.
        named = post_url_placeholders(date=datetime(2000, 1, 1), slug=slug, categories=categories)
        placeholders.update({name: named[name] for name in read & _BY_CATEGORIES})
        undated = [
            name for name in _PLACEHOLDER.findall(pattern) if name in _DATED and name not in placeholders
        ]
        if undated:
            raise OutputError(
                f"permalink placeholder ':{undated[0]}' needs the document's date; give it a date: "
                "(Jekyll takes the moment of the build, so the URL would change with each build)"
            )
        return _filled(pattern, placeholders, output_ext, escape)
    dated = post_url_placeholders(date=date, slug=slug, categories=categories, output_ext=output_ext)
    # Only the names the pattern reads (`:title_` reads `title`): each dated value is
    # worked out when read, as for posts, not every one for every document.
    placeholders.update({name: dated[name] for name in read - placeholders.keys() if name in dated})
    return _filled(pattern, placeholders, output_ext, escape)


def _filled(
    pattern: str, placeholders: Mapping[str, str], output_ext: str, escape: Callable[[str], str] | None
) -> str:
    if escape is not None:
        return expand_permalink(pattern, placeholders, styles=False, escape=escape)
    return destination_url(expand_permalink(pattern, placeholders, styles=False), output_ext)


def linkable_url(url: str, output_ext: str) -> str:
    """The URL of the file Jekyll writes for a post at `url` (`Document#destination`):
    Jekyll appends the output extension to a URL that does not end with it (`/feed.xml`
    is written `feed.xml.html`, `/v` with the extension `.` from `permalink: /v...` is
    written `v.`) but keeps linking to the URL as written, which then reaches another
    file or none. sitegen links to the file itself; a folder's URL (its file is
    `index.html`) and one with no extension written with `.html` stay as they are
    (static hosts serve `x.html` for `/x`, and for no other extension)."""
    if url.endswith("/") or url.endswith(output_ext):
        return url
    if output_ext == ".html" and not PurePosixPath(url).suffix:
        return url
    return url + output_ext


def served_url(url: str, output_ext: str, *, page: bool) -> str:
    """The URL of the file Jekyll writes for a page (`page`) or collection document at
    `url` where its output extension is not `.html` (`Page#destination`,
    `Document#destination`): the extension appended to a URL not ending with it (`/x` of
    `x.htm` is written `x.htm`, `/v` with the extension `.` from `permalink: /v...` is
    written `v.`), and a page's folder URL naming `index` and the extension (`/feed/` of
    `feed.xml` is written `feed/index.xml`). Jekyll links to the URL as written, which
    no static host serves the file at; sitegen links to the file itself. A `.html` file
    is served at its URL, extension or not, and so is a folder's `index.html` (a
    document's, whatever its extension)."""
    if output_ext == ".html":
        return url
    if url.endswith("/"):
        return f"{url}index{output_ext}" if page else url
    return url if url.endswith(output_ext) else url + output_ext


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
    placeholders and percent escapes unexpanded, as Jekyll reads it; but as a browser
    reads its backslashes and control characters (`browser_text`), as its URL is read."""
    permalink = browser_text(permalink)
    return "" if permalink.endswith("/") else ruby_extname(permalink.rpartition("/")[2])


def path_below_posts_folder(relative_path: PurePosixPath) -> str:
    """A post's `:path` (`Document#cleaned_relative_path`, jekyll/lib/jekyll/document.rb):
    its path from the site folder without its extension, the first `_posts` taken out
    and the dots ending it dropped. `/sub/2022-05-27-x` for `_posts/sub/2022-05-27-x.md`,
    `news//sub/2022-05-27-x` for `news/_posts/sub/2022-05-27-x.md` (the URL is sanitized
    to `/news/sub/…`), `_drafts/2022-05-27-x` for a draft."""
    text = str(relative_path)
    return text[: len(text) - len(ruby_extname(relative_path.name))].replace("_posts", "", 1).rstrip(".")


def page_basename(name: str) -> str:
    """A page's `:basename`: its file name without its extension (Ruby's `File.extname`)
    and without the dots that end what is left (`Page#process`, jekyll/lib/jekyll/page.rb):
    `a..md` is `a`, `index..html` is `index`."""
    return name[: len(name) - len(ruby_extname(name))].rstrip(".")


#: The output extensions of a page Jekyll gives a URL of the site's permalink style
#: (`Page::HTML_EXTENSIONS`, jekyll/lib/jekyll/page.rb); lower case only, as there.
PAGE_HTML_EXTENSIONS = frozenset({".html", ".htm", ".xhtml"})


def permalink_suffix(template: str, style: str) -> str:
    """`template` with the ending the site's permalink `style` gives every page and
    collection document without a permalink of its own (`Utils.add_permalink_suffix`,
    jekyll/lib/jekyll/utils.rb): `/` for `pretty` or a pattern ending in `/`,
    `:output_ext` for `date`, `ordinal`, `none` or a pattern ending in `:output_ext`,
    and nothing at all otherwise: `weekdate`, `/:year/:title.html` and `/:title` give
    `/about` for `about.md`, whose file is still `about.html` (`Page#destination`)."""
    if style == "pretty":
        return template + "/"
    if style in ("date", "ordinal", "none"):
        return template + ":output_ext"
    ending = "/" if style.endswith("/") else ""
    return template + ending + (":output_ext" if style.endswith(":output_ext") else "")


def collection_permalink(style: str) -> str:
    """The URL template of a collection's documents when neither they nor the collection
    set a permalink: `/:collection/:path` with the site style's ending
    (`Collection#url_template`, jekyll/lib/jekyll/collection.rb)."""
    return permalink_suffix("/:collection/:path", style)


def page_url(
    relative_path: PurePosixPath,
    output_ext: str = ".html",
    *,
    style: str = "date",
    escape: Callable[[str], str] = str,
) -> str:
    """Jekyll's URL of a page without a permalink of its own (`Page#template`,
    jekyll/lib/jekyll/page.rb): an `index` page names its folder; any other HTML page is
    `/:path/:basename` with the ending of the site's permalink `style`
    (`permalink_suffix`: `/about/`, `/about.html` or `/about`); a page of another output
    extension is `/:path/:basename:output_ext` whatever the style. `escape`
    (`jekyll_forms.escape_path`) gives Jekyll's Liquid `url`, values escaped."""
    basename = page_basename(relative_path.name)
    parent = str(relative_path.parent)
    folder = "/" if parent == "." else f"/{escape(parent)}/"
    html = output_ext in PAGE_HTML_EXTENSIONS
    if html and basename == "index":
        return folder
    template = permalink_suffix(":basename", style) if html else ":basename:output_ext"
    filled = template.replace(":output_ext", output_ext)
    return folder + filled.replace(":basename", escape(basename), 1)


def page_permalink_url(
    permalink: str,
    relative_path: PurePosixPath,
    output_ext: str = ".html",
    escape: Callable[[str], str] | None = None,
) -> str:
    """The URL of a page with its own permalink, unescaped and resolved
    (`destination_url`): Jekyll's page placeholders filled in, `:path` (its folder),
    `:basename` and `:output_ext` (`Page#url_placeholders`), each in turn wherever its
    name is written (`URL#generate_url_from_hash`: `:basenames` is the basename and an
    `s`), then sanitized. Style names (`pretty`) are not styles here: Jekyll takes a
    page's `permalink` as written. With `escape` (`jekyll_forms.escape_path`), the URL
    as Jekyll's Liquid gives it: sanitized, values escaped, the rest as written."""
    folder = str(relative_path.parent)
    placeholders = (
        ("path", "" if folder == "." else folder),
        ("basename", page_basename(relative_path.name)),
        ("output_ext", output_ext),
    )
    url = permalink
    for name, value in placeholders:
        if ":" not in url:
            break
        url = url.replace(f":{name}", (escape or escape_placeholder)(value))
    return sanitize_url(url) if escape is not None else destination_url(sanitize_url(url), output_ext)
