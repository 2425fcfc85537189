"""Body fix-ups that make every link in a post resolve inside the built tree.

Crawler-written posts end with their own back links (`[返回新京报新闻](…)｜[返回首页](…)`),
with host-absolute, root-relative or relative targets; the relative ones are broken on
the live Jekyll site. That trailing paragraph is recognised in the source text and
dropped, and the theme writes back links whose targets are known to exist.
"""

from __future__ import annotations

import re
from functools import lru_cache

_MARKDOWN_BACK_LINK = r"\[[ \t]*返回[^\]\n]*\]\([^)\n]*\)"
_HTML_BACK_LINK = r"<a\s[^>\n]*>[ \t]*返回[^<\n]*</a>"
_ONE_BACK_LINK = rf"(?:{_MARKDOWN_BACK_LINK}|{_HTML_BACK_LINK})"
# Between links: spaces, a full-width or ASCII bar, &nbsp;, <br>, or one line break
# (a blank line would end the paragraph, so it is not allowed inside).
_SEPARATOR = r"(?:[ \t]|｜|\||&nbsp;|<br\s*/?>|\n(?![ \t]*\n))*"
_TRAILING_BACK_LINKS = re.compile(
    rf"(?:\A|\n)[ \t]*(?:<p>)?{_SEPARATOR}{_ONE_BACK_LINK}(?:{_SEPARATOR}{_ONE_BACK_LINK})*"
    rf"{_SEPARATOR}(?:</p>)?\s*\Z"
)


def strip_trailing_back_links(source_body: str) -> tuple[str, bool]:
    """Remove the body's last paragraph when it holds only 返回 links.

    Returns the new body and whether such a paragraph was found. Anything else in the
    paragraph (text, another link) keeps it, since then it is content, not navigation."""
    match = _TRAILING_BACK_LINKS.search(source_body)
    if match is None:
        return source_body, False
    return source_body[: match.start()].rstrip() + "\n", True


@lru_cache(maxsize=16)
def _own_host_pattern(host: str) -> re.Pattern[str]:
    return re.compile(
        rf"""(?P<attr>\b(?:href|src)\s*=\s*)(?P<quote>["'])(?:https?:)?//{re.escape(host)}(?::\d+)?"""
        rf"""(?P<path>[/?#][^"']*)?(?P=quote)""",
        re.IGNORECASE,
    )


def relativise_own_links(body_html: str, host: str, baseurl: str) -> str:
    """Write links to the site's own host (`//host/x`, `https://host/x`) root-relative.

    The built tree then works on any host and in local preview; `baseurl` is prefixed so
    a site served from a sub-folder keeps working."""
    if not host or host not in body_html.lower():
        return body_html

    def replace(match: re.Match[str]) -> str:
        path = match.group("path") or "/"
        if not path.startswith("/"):
            path = "/" + path
        return f"{match.group('attr')}{match.group('quote')}{baseurl}{path}{match.group('quote')}"

    return _own_host_pattern(host).sub(replace, body_html)
