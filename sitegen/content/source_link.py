"""The source line the user's crawler ends each post with, turned into 原文链接.

The crawler writes the original article's address as a Markdown autolink on a line of
its own after the body (`<http://finews.zning.xyz/…?infoCode=NW…>`; `<>` when it had
none). Shown as it is, that is a bare URL under the article; a news page says
"来源：… 原文链接" instead. Only a last paragraph that holds nothing but such an address
is taken; any other ending is left alone.
"""

from __future__ import annotations

import html
import re

# What the body's last block is when it is the source line: the autolink as Markdown
# renders it, the empty `<>` as Markdown escapes it, or either left raw in an HTML post.
_SOURCE_LINE = re.compile(
    r"""(?:<p>[ \t\n]*+
           (?:<a\ href="(?P<href>https?://[^"<>]*+)">https?://[^<>]*+</a>
             |&lt;(?P<raw>https?://[^\s<>&]*+)?&gt;)
           [ \t\n]*+</p>
         |<(?P<bare>https?://[^\s<>]*+)?>)
       [ \t\n]*+""",
    re.VERBOSE,
)


def split_source_line(body_html: str) -> tuple[str, str]:
    """The body without its trailing source line, and the address that line named ("" for
    none). A body without one comes back as it is, with ""."""
    stripped = body_html.rstrip()
    # The raw `<http://…>` form starts at the last "<"; the paragraph form at the last "<p>".
    for candidate in sorted({stripped.rfind("<p>"), stripped.rfind("<")} - {-1}):
        match = _SOURCE_LINE.fullmatch(stripped, candidate)
        if match is not None:
            address = match.group("href") or match.group("raw") or match.group("bare") or ""
            return stripped[:candidate].rstrip() + "\n", html.unescape(address)
    return body_html, ""
