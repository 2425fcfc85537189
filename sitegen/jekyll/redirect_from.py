"""jekyll-redirect-from 0.16's rules: which redirects a document asks for, and where.

A site moving off Jekyll keeps its old URLs alive with front matter `redirect_from:`
(a text or a list) and sends a page elsewhere with `redirect_to:`. The plugin reads them
(lib/jekyll-redirect-from/redirectable.rb: a list loses its nulls, `redirect_to`'s list
gives its first), and makes each redirect a page (redirect_page.rb):

- at `redirect_from` with a leading `/` (`ensure_leading_slash`), as Jekyll makes a
  page's URL of its `permalink` (`URL#sanitize_url`) and writes it to a file
  (`Page#destination`): `/old` is `old.html`, `/old/` is `old/index.html`, `/old.htm`
  keeps its own extension (`Renderer#permalink_ext`);
- pointing at `absolute_url` of the document's URL (`site.url` + `baseurl` + URL,
  normalized by Addressable: url_filters.rb), or at `redirect_to` as written when it
  starts with `http://` or `https://`;
- each listed in `redirects.json` (generator.rb), unless the site has its own file of
  that name or sets `redirect_from: {json: false}`.

The plugin runs only where Jekyll loads it: `plugins:` lists it (and, in `safe` mode,
`whitelist:`; `PluginManager#require_gems`: `sitegen.jekyll.plugins.plugin_runs`).
Jekyll 4 no longer reads the older `gems:` list. Values Jekyll stops on
(`redirect_from: 5`), or that would write somewhere no one meant (an empty text over
the home page, `..`, a whole address with a scheme) are refused here, each with one
line, and the other redirects are kept.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from urllib.parse import quote, unquote

from sitegen.urls import PATH_SAFE, normalized, permalink_ext

PLUGIN = "jekyll-redirect-from"
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
_ADDRESS = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://")
_HTTP = re.compile(r"https?://")


def json_enabled(written: Mapping[str, object]) -> bool:
    """`generate_redirects_json?`: unless `redirect_from: {json: false}`."""
    setting = written.get("redirect_from")
    return not (isinstance(setting, Mapping) and setting.get("json") is False)


def _shown(value: object) -> str:
    try:
        text = json.dumps(value, default=str, ensure_ascii=False)
    except (TypeError, ValueError):  # a mapping whose keys JSON has no form for (dates)
        text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _refusal(key: str, value: object) -> str | None:
    """Why a `redirect_from` entry or `redirect_to` value is not used, or None."""
    if not isinstance(value, str):
        return f"{key}: {_shown(value)} is not a URL path; no redirect for it"
    if not value.strip():
        what = "would redirect the home page" if key == "redirect_from" else "names no address"
        return f"{key}: an empty value {what}; no redirect for it"
    if key == "redirect_from" and _ADDRESS.match(value):
        return f"{key}: {_shown(value)} is a whole address, not a path of this site; no redirect for it"
    if ".." in value and key == "redirect_from":
        return f"{key}: {_shown(value)} holds '..'; no redirect for it"
    if any(ord(character) < 0x20 or character == "\x7f" for character in value):
        return f"{key}: {_shown(value)} holds a control character; no redirect for it"
    return None


def redirect_from_paths(value: object) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The paths `redirect_from` lists (each with its leading `/`, as `redirects.json`
    names it), and a message for each entry refused."""
    listed = value if isinstance(value, list) else [value]
    entries = [entry for entry in listed if entry is not None]  # Ruby's `compact`
    paths: list[str] = []
    refused: list[str] = []
    for entry in entries:
        why = _refusal("redirect_from", entry)
        if why is not None:
            refused.append(why)
        else:
            assert isinstance(entry, str)
            paths.append(entry if entry.startswith("/") else "/" + entry)
    return tuple(paths), tuple(refused)


def redirect_to_value(value: object) -> tuple[str | None, str | None]:
    """`redirect_to` (a list's first entry that is not null), or None; and the message
    when it is refused."""
    if isinstance(value, list):
        value = next((entry for entry in value if entry is not None), None)
    if value is None:
        return None, None
    why = _refusal("redirect_to", value)
    return (None, why) if why is not None else (str(value), None)


def redirect_page_url(from_path: str) -> tuple[str, str]:
    """The redirect page's URL as Jekyll's `page.url` gives it, and its output extension:
    the permalink's placeholders filled, `..` made `/`, `./` dropped, `/`s squeezed
    (`URL#sanitize_url`); the extension the permalink's own, else `.html`."""
    extension = permalink_ext(from_path) or ".html"
    url = from_path
    # `Page#url_placeholders` of the plugin's `redirect.html` at the site's top, in order.
    for name, value in (("path", ""), ("basename", "redirect"), ("output_ext", extension)):
        if ":" not in url:
            break
        url = url.replace(f":{name}", value)
    url = ("/" + url).replace("..", "/").replace("./", "")
    return re.sub("/{2,}", "/", url), extension


def unescaped(url: str) -> str:
    """The path of the file Jekyll writes for a URL (`URL.unescape_path`)."""
    return unquote(url, errors="surrogateescape") if "%" in url else url


def absolute_target(to: str, site_url: str, baseurl: str) -> str:
    """`absolute_url` of a path (a document's Jekyll URL, or `redirect_to`), or an
    `http(s)://` address as written (`RedirectPage#set_paths`)."""
    if _HTTP.match(to) or _SCHEME.match(to):
        return to  # Addressable reads it as absolute: `absolute_url` keeps it as it is
    base = baseurl.removesuffix("/")
    parts = [part if not part or part.startswith("/") else "/" + part for part in (base, to)]
    relative = normalized("".join(parts))
    return normalized(site_url + relative) if site_url else relative


def jekyll_url(url: str, liquid_url: str) -> str:
    """A document's URL as Jekyll's `doc.url` gives it: its Liquid form, else its URL
    escaped (`sitegen.model.Post.liquid_url`)."""
    return liquid_url or quote(url, safe=PATH_SAFE)


def redirects_json(redirects: Mapping[str, str]) -> str:
    """`redirects.json` as the plugin writes it (Ruby's `to_json`: no spaces, text as it
    is, `/` not escaped)."""
    return json.dumps(dict(redirects), ensure_ascii=False, separators=(",", ":"))
