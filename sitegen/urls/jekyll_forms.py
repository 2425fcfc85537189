"""A URL as Jekyll's Liquid values and jekyll-feed give it, beside the unescaped URL of
the file that sitegen keeps (`sitegen.urls.destinations`).

Jekyll's `URL#to_s` (jekyll/lib/jekyll/url.rb) escapes each placeholder's value
(`URL.escape_path`: `Addressable::URI.encode`, then the first `#` as `%23`) and keeps
the permalink's own text as written: `permalink: /新闻/标题 一.html` gives `page.url`
`/新闻/标题 一.html`, a category `国内` gives `/%E5%9B%BD%E5%86%85/…`, a category
`wh?at` gives `/wh?at/…` (Addressable reads the `?` as a query's start and keeps it).
`Document#id` (jekyll/lib/jekyll/document.rb) is `File.join(File.dirname(url), slug)` of
that URL, and jekyll-feed's entry `<id>` is `post.id | absolute_url`
(jekyll-feed/lib/jekyll-feed/feed.xml; `absolute_url` in
jekyll/lib/jekyll/filters/url_filters.rb normalizes with `Addressable::URI#normalize`).
"""

from __future__ import annotations

import re
from urllib.parse import quote, unquote

#: RFC 3986 `pchar` and `/`, as Addressable's path class keeps them (`%` is escaped).
_PATH_SAFE = "/:@!$&'()*+,;=-._~"
#: A query's and a fragment's characters: a path's, and `?`.
_QUERY_SAFE = _PATH_SAFE + "?"
_PLAIN = re.compile(r"[a-zA-Z0-9./-]+")
_ESCAPE = re.compile(r"%([0-9A-Fa-f]{2})")
_ORIGIN = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://[^/?#]*")
_LONE_PERCENT = re.compile("%(?![0-9A-Fa-f]{2})")
_UNRESERVED = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")


def escape_path(value: str) -> str:
    """`URL.escape_path`: a placeholder's value as Jekyll puts it into a URL. Addressable
    reads the value as a URI: up to its first `?` a path, then a query up to its first
    `#`, then a fragment, each escaped with its own characters (`%` always escaped);
    Jekyll then escapes the first `#` that is left."""
    if not value or _PLAIN.fullmatch(value):
        return value
    rest, hash_mark, fragment = value.partition("#")
    path, question, query = rest.partition("?")
    encoded = quote(path, safe=_PATH_SAFE)
    if question:
        encoded += "?" + quote(query, safe=_QUERY_SAFE)
    if hash_mark:
        encoded += "#" + quote(fragment, safe=_QUERY_SAFE)
    return encoded.replace("#", "%23", 1)


def linked_form(url: str) -> str:
    """The Liquid `url` sitegen gives: Jekyll's, but with a `?` or `#` escaped. Jekyll
    writes such a URL's file with the `?` or `#` in its name (`wh?at/…/q.html`), which a
    link holding it raw never reaches (a browser reads a query or fragment there); so
    `{{ post.url | relative_url }}` leads to the file in sitegen, where in Jekyll it
    does not."""
    if "?" not in url and "#" not in url:
        return url
    return url.replace("?", "%3F").replace("#", "%23")


def ruby_dirname(path: str) -> str:
    """Ruby's `File.dirname`: trailing `/`s are not a name (`/b/` is in `/`)."""
    stripped = path.rstrip("/")
    if not stripped:
        return "/" if path else "."
    head = stripped.rpartition("/")[0]
    if not head:
        return "/" if stripped.startswith("/") else "."
    return head.rstrip("/") or "/"


def document_id(url: str, slug: str) -> str:
    """`Document#id`: `File.join(File.dirname(url), slug)` of Jekyll's URL (escapes as
    Jekyll's URL has them, the slug as it is): `/custom/b` for a post `b` at
    `/custom/path/`, `/b` at `/b/`. `File.join` writes one `/` between the parts."""
    return ruby_dirname(url).rstrip("/") + "/" + slug.lstrip("/")


def normalized(url: str) -> str:
    """An absolute URL as `Addressable::URI#normalize` leaves it (after `absolute_url`
    joins the site's address and the path): each part escaped with its own characters,
    escapes kept with upper-case hex and those of unreserved characters decoded (`%41`
    is `A`), `.` and `..` segments resolved, whitespace ending the path dropped, and an
    empty query or fragment left out; the scheme and host in lower case, a host's one
    trailing `.` and a scheme's default port left out (`normalized_scheme`,
    `normalized_host`, `normalized_port`: `https://Ex.COM:443/` is `https://ex.com/`)."""
    origin = _ORIGIN.match(url)
    start = origin.end() if origin is not None else 0
    rest, hash_mark, fragment = url[start:].partition("#")
    path, question, query = rest.partition("?")
    result = _normal_origin(url[:start]) + _without_dot_segments(
        _normal_part(path.rstrip(" \t\n\r\f\v"), _PATH_SAFE)
    )
    if question and query:
        result += "?" + _normal_part(query, _QUERY_SAFE)
    if hash_mark and fragment:
        result += "#" + _normal_part(fragment, _QUERY_SAFE)
    return result


_DEFAULT_PORTS = {"http": "80", "https": "443"}


def _normal_origin(origin: str) -> str:
    """`scheme://authority` as Addressable normalizes it (see `normalized`)."""
    if not origin:
        return origin
    scheme, _, authority = origin.partition("://")
    scheme = scheme.lower()
    userinfo, at, host_port = authority.rpartition("@")
    host, colon, port = host_port.partition(":") if not host_port.startswith("[") else (host_port, "", "")
    host = host.lower()
    if len(host) > 1 and host.endswith(".") and not host.endswith(".."):
        host = host[:-1]  # "Single trailing dots are unnecessary"
    if colon and (port == "" or port == _DEFAULT_PORTS.get(scheme)):
        colon = port = ""
    return f"{scheme}://{userinfo}{at}{host}{colon}{port}"


def _normal_part(text: str, safe: str) -> str:
    def decoded(match: re.Match[str]) -> str:
        character = chr(int(match.group(1), 16))
        return character if character in _UNRESERVED else "%" + match.group(1).upper()

    text = _LONE_PERCENT.sub("%25", text)
    return _ESCAPE.sub(decoded, quote(text, safe=safe + "%", errors="surrogateescape"))


def _without_dot_segments(path: str) -> str:
    """RFC 3986's `remove_dot_segments`, as Addressable applies it: `/a/./b/../c/.` is
    `/a/c/`."""
    if "." not in path:
        return path
    segments = path.split("/")
    kept: list[str] = []
    for position, segment in enumerate(segments):
        last = position == len(segments) - 1
        if segment == "..":
            if len(kept) > 1:
                kept.pop()
            if last:
                kept.append("")
        elif segment == ".":
            if last:
                kept.append("")
        else:
            kept.append(segment)
    return "/".join(kept)


_ESCAPED_DOT = re.compile("%2e", re.IGNORECASE)


def requested_path(url: str) -> str:
    """The path a browser asks a host for when following a link to `url` (a path from
    `/`): its `.` and `..` segments, written or escaped (`%2e`), resolved as RFC 3986's
    `remove_dot_segments` and the WHATWG URL parser resolve them, a last one leaving a
    folder's `/` (`/a/.` asks for `/a/`, `/a/b/..` for `/a/`)."""
    return _without_dot_segments(_ESCAPED_DOT.sub(".", url) if "%" in url else url)


def reaches(jekyll_url: str, url: str) -> bool:
    """Whether a link to Jekyll's `url` (`jekyll_url`, escaped as Jekyll's Liquid gives
    it) reaches the file sitegen keeps at `url` (unescaped): the path a browser asks
    for is `url`. Jekyll's `/a/.` is written `a.html` but asks for `/a/`, which a host
    serves another file or none for."""
    return unquote(requested_path(jekyll_url), errors="surrogateescape") == url
