"""The `url` setting: the absolute address every feed id, sitemap `<loc>` and canonical
link starts with.

Jekyll takes `url` as written and glues paths to it (`absolute_url` in
jekyll/lib/jekyll/filters/url_filters.rb), so a scheme-relative `//host`, a query or
fragment (`?a=1` ends up before every path: `https://host/?a=1/feed.xml`) or a space
in the path gives addresses no feed reader or search engine accepts. The setting is
held to what those readers need: an `http` or `https` address with a valid host, no
query or fragment, no user name or password; a path written with spaces or non-ASCII characters is
percent-encoded as Jekyll's own URLs are (`%` escapes already there are kept).
"""

from __future__ import annotations

import re
from urllib.parse import quote, urlsplit, urlunsplit

#: A host name as DNS writes it (after IDNA), or an IPv6 literal in brackets.
_HOST = re.compile(
    r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.?"
)
_IPV6 = re.compile(r"\[[0-9A-Fa-f:.]+\]")
#: Path characters RFC 3986 allows as they are, with `%` for escapes already written.
_PATH_SAFE = "/:@!$&'()*+,;=-._~%"
_LONE_PERCENT = re.compile("%(?![0-9A-Fa-f]{2})")


def site_address(url: str) -> str | tuple[str]:
    """`url` as every absolute address is built on (path percent-encoded), or a
    one-element tuple holding why it cannot be one."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as error:
        return (f"url '{url}' is not a valid address ({error})",)
    if parts.scheme.lower() not in ("http", "https"):
        return (f"url '{url}' needs a scheme and host: an absolute http:// or https:// address",)
    if "?" in url or "#" in url:
        return (f"url '{url}' must not have a query or fragment (? or #): it would precede every path",)
    if "@" in parts.netloc:
        # `https://news.example.com"@0` is user `news.example.com"` at host `0`: a
        # site address holds no credentials, and one that seems to is a typo.
        return (f"url '{url}' must not have a user name or password (text before @ in its host)",)
    netloc = parts.netloc
    host = netloc[: -len(f":{port}")] if port is not None else netloc.removesuffix(":")
    try:
        ascii_host = host.encode("idna").decode("ascii") if not _IPV6.fullmatch(host) else host
    except UnicodeError:
        ascii_host = ""
    if not (_HOST.fullmatch(ascii_host) or _IPV6.fullmatch(ascii_host)):
        return (f"url '{url}' has no valid host name",)
    path = quote(_LONE_PERCENT.sub("%25", parts.path), safe=_PATH_SAFE)
    return urlunsplit((parts.scheme.lower(), parts.netloc.replace(host, ascii_host, 1), path, "", ""))
