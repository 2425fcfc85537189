"""Which links lead into the site: the one rule both body fix-ups ask.

A post's trailing 返回 links are dropped, and links to the site's own host are written
root-relative (`sitegen.content.bodies`), only when the link leads into this site: a
relative or root-relative one, or one whose host and port are those of the site's `url`.
Jekyll keeps every body link as written; a 返回 ("return", "cash back") link to a bank
or another site is the author's content, and `http://host:8080/admin/` is another
server than `http://host/`, so neither may be dropped or rewritten.

Origins are compared as RFC 6454 compares them, on host and port; the ports `http:`
and `https:` imply (80, 443) count as no port, and the scheme is not compared, as
`sitegen check` does not compare it (`sitegen.check.links`): a crawled post spells the
site's own address with either scheme. A link is read as a browser reads it (the WHATWG
URL standard): spaces around it and tabs or line breaks in it ignored, `\\` taken for
`/`, the host's case and its IDNA spelling (`xn--…` or Unicode) alike. A host written
with a trailing dot or a user name (`//user@host/`) is not the host as `url` names it,
and a link that cannot be parsed leads nowhere known: both are kept as written.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from urllib.parse import SplitResult, urlsplit

_WEB_SCHEMES = frozenset({"http", "https"})
_DEFAULT_PORTS = frozenset({None, 80, 443})
# What a browser ignores in a URL: C0 controls and spaces around it, tabs and line
# breaks anywhere in it (WHATWG URL, "basic URL parser").
_AROUND = "".join(chr(code) for code in range(0x21))
_INSIDE = re.compile("[\t\n\r]")


@dataclass(frozen=True, slots=True)
class SiteOrigin:
    """The host (IDNA ASCII, lower case) and port (None for 80, 443 or none) of `url`."""

    host: str
    port: int | None

    def leads_into_site(self, target: str) -> bool:
        """True when a browser on a page of this site follows `target` (decoded from
        HTML, as written in the attribute or Markdown) to a page of this site."""
        parts = browser_parts(target)
        if parts is None:
            return False
        if not parts.scheme and not parts.netloc:
            return True
        return self.is_own_authority(parts)

    def is_own_authority(self, parts: SplitResult) -> bool:
        """True when an absolute or scheme-relative URL names this host and port."""
        if parts.scheme and parts.scheme.lower() not in _WEB_SCHEMES:
            return False
        if "@" in parts.netloc or parts.netloc.endswith("."):
            return False
        try:
            port = parts.port
        except ValueError:  # not a number, or out of range: no host of ours
            return False
        host = ascii_host(parts.hostname or "")
        return bool(host) and (host, None if port in _DEFAULT_PORTS else port) == (self.host, self.port)


@functools.lru_cache(maxsize=16)
def site_origin(url: str) -> SiteOrigin | None:
    """The origin of the site's `url` (`https://host`, or a bare `host` as `sitegen
    check -s` accepts it), or None when it names no host."""
    if not url:
        return None
    try:
        parts = urlsplit(url if "//" in url else f"//{url}")
        port = parts.port
    except ValueError:
        return None
    host = ascii_host(parts.hostname or "")
    if not host:
        return None
    return SiteOrigin(host, None if port in _DEFAULT_PORTS else port)


_NO_ORIGIN = SiteOrigin("", None)


@functools.lru_cache(maxsize=4096)
def leads_into_site(target: str, origin: SiteOrigin | None) -> bool:
    """`origin.leads_into_site(target)`; with no site origin, only relative links do.
    Remembered: a crawled site's posts end with the same few back links, thousands of times."""
    return (origin or _NO_ORIGIN).leads_into_site(target)


def browser_parts(target: str) -> SplitResult | None:
    """`target` split as a browser reads it on an `http(s):` page, or None when it
    cannot be parsed (an unclosed `[` in the host)."""
    cleaned = _INSIDE.sub("", target.strip(_AROUND))
    scheme = cleaned.split(":", 1)[0].lower() if ":" in cleaned else ""
    if not scheme or scheme in _WEB_SCHEMES or not re.fullmatch(r"[a-z][a-z0-9+.-]*", scheme):
        cleaned = cleaned.replace("\\", "/")  # special URLs: `\` is `/`
        # Slashes after the scheme, or two or more opening a link, all go before the
        # host: `https:host/x`, `https:///host` and `///host` all name `host`.
        if scheme in _WEB_SCHEMES:
            cleaned = f"{cleaned[: len(scheme)]}://{cleaned[len(scheme) + 1 :].lstrip('/')}"
        elif cleaned.startswith("//"):
            cleaned = "//" + cleaned.lstrip("/")
    try:
        return urlsplit(cleaned)
    except ValueError:
        return None


@functools.lru_cache(maxsize=256)
def ascii_host(host: str) -> str:
    """`host` lower case in its IDNA ASCII spelling (`xn--…`), as a browser compares
    hosts; as written (lower case) when it has none."""
    lowered = host.lower()
    try:
        return lowered.encode("idna").decode("ascii").lower()
    except UnicodeError:
        return lowered
