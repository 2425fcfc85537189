"""From the URL Jekyll gives a file to the path it writes it at.

Jekyll keeps a URL percent-escaped as written (`URL#to_s`, jekyll/lib/jekyll/url.rb,
after `URL#sanitize_url`) and writes each page, post, document and static file at that
URL unescaped (`URL.unescape_path`) and resolved as a path below the destination
(`Site#in_dest_dir`, i.e. `Jekyll::PathManager.sanitized_path`, which runs Ruby's
`File.expand_path`): `page.md` with `permalink: /a%41/` is written `aA/index.html`,
`a%2e/b` is `a./b.html`, `/:title/.` is `title.html`, a static file `x%2Fy.txt` is
`x/y.txt`. sitegen keeps a URL unescaped, as the file is named (`href` escapes it where
a link is written): this module is where a URL as Jekyll makes it becomes that.
"""

from __future__ import annotations

from pathlib import PurePosixPath
from urllib.parse import unquote

from sitegen.errors import OutputError
from sitegen.urls.browser_reading import browser_reading_note, browser_url
from sitegen.urls.output_paths import OutputPath


def escape_placeholder(value: str) -> str:
    """A placeholder's value as `URL.escape_path` puts it into a URL, as far as the rest
    of the way can tell: every character Addressable escapes comes back unchanged from
    `URL.unescape_path`, and none of them is a `.` or `/` that `URL#sanitize_url` reads;
    only a `%` must stay a `%` (`%25`), not start an escape (a category `%41` stays
    `%41`, where the permalink's own `%41` is an `A`)."""
    return value.replace("%", "%25") if "%" in value else value


def destination_url(url: str, output_ext: str = "") -> str:
    """The unescaped URL of the file Jekyll writes for `url` (a URL as `URL#to_s` gives
    it: sanitized, escapes as written), which `output_path` turns into that file's path.

    `URL.unescape_path` decodes every `%XX` (a non-UTF-8 byte stays a lone surrogate,
    which `check_url_is_safe` refuses); `File.expand_path` then drops empty and `.`
    segments and resolves `..` (never above the destination). Whether the URL is a
    folder's is read from `url` as Jekyll reads it (`Page#destination`,
    `Document#destination`): `/a%2F` is written `a.html`, `/a/.` is `a.html` too. A URL
    that resolves to the destination itself but is not a folder's (`/%2e%2e`) names the
    file `output_ext` at its top, as Jekyll appends the extension to the folder's path."""
    unescaped = unquote(url, errors="surrogateescape") if "%" in url else url
    if "/." not in unescaped and "//" not in unescaped:
        path = unescaped  # nothing to resolve: most URLs
    else:
        segments: list[str] = []
        for segment in unescaped.split("/"):
            if segment == "..":
                if segments:
                    segments.pop()
            elif segment not in ("", "."):
                segments.append(segment)
        path = "/" + "/".join(segments)
    if url.endswith("/"):
        return path if path.endswith("/") else path + "/"
    path = path.rstrip("/") or "/"
    return "/" + output_ext if path == "/" and output_ext else path


def ruby_extname(name: str) -> str:
    """Ruby's `File.extname` of a file name (Ruby >= 2.7, not Windows): leading dots are
    skipped (`.htaccess` has none), then from the last dot on; a name ending in a dot
    has the extension "." (`end.`)."""
    stem = name.lstrip(".")
    dot = stem.rfind(".")
    return "" if dot == -1 else stem[dot:]


def static_output_path(relative_path: PurePosixPath) -> OutputPath:
    """Where sitegen writes a file of the site without front matter: `static_output`'s
    path, without its note."""
    return static_output(relative_path)[0]


def static_output(relative_path: PurePosixPath) -> tuple[OutputPath, str | None]:
    """Where a file of the site without front matter is written, and what a warning says
    when that is not where Jekyll writes it.

    Jekyll writes it at its URL (`StaticFile#url`, jekyll/lib/jekyll/static_file.rb: the
    path without its extension, trailing dots dropped, then the extension, so `a..txt`
    is `/a.txt`) unescaped and resolved (`StaticFile#destination`): `a%41.txt` is
    `aA.txt`, `%E4%B8%AD.png` is `中.png`, `%25.txt` is `%.txt`, `x%2Fy.txt` is
    `x/y.txt`. A name holding a backslash or a control character is published where a
    browser reads that URL (`sitegen.urls.browser_reading`): `a\\b.png` at `a/b.png`,
    where every link to it leads, as for posts and pages.

    Raises `OutputError` for a name that resolves to the destination folder itself
    (`%2e%2e`, on which Jekyll fails) or that a browser reads as a folder (`a\\`)."""
    text = str(relative_path)
    extension = ruby_extname(relative_path.name)
    stem = text[: len(text) - len(extension)].rstrip(".")
    written = destination_url("/" + stem + extension)
    url = browser_url(written)
    if url == "/":
        raise OutputError(f"the file name '{relative_path.name}' names the destination folder itself")
    if url.endswith("/"):
        raise OutputError(
            f"the file name {relative_path.name!r} is read by browsers as the folder {url[:80]}"
        )
    return url[1:], browser_reading_note(written, url)
