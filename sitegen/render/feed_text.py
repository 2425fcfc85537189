"""The text of an Atom feed's elements, made as jekyll-feed makes it.

A site moving from Jekyll keeps what its readers showed: jekyll-feed 0.17's template
(jekyll-feed/lib/jekyll-feed/feed.xml) writes the feed's and every entry's `<title>` as
`type="html"`, the feed's title through `smartify` and an entry's through
`smartify | strip_html | normalize_whitespace`, and the summary as `type="html"`. Every
text a feed shows is made here, so no element can be written as plain text beside
another written as HTML. The values are HTML; the feed template escapes them once more
for XML, as the template's `xml_escape` does.
"""

from __future__ import annotations

from markupsafe import escape

from sitegen.content.smartypants import smartypants
from sitegen.jekyll.ruby_split import RUBY_WHITESPACE, RUBY_WHITESPACE_RUN
from sitegen.jekyll.strip_html import strip_html

__all__ = ["entry_title", "feed_title", "html_summary"]


def _normalize_whitespace(text: str) -> str:
    """`gsub(/\\s+/, " ").strip` (jekyll/filters.rb `normalize_whitespace`): Ruby's white
    space is ASCII's, so an ideographic space (U+3000) in a Chinese title is kept, as
    Jekyll keeps it; Ruby's `strip` also drops NUL characters at the ends."""
    return RUBY_WHITESPACE_RUN.sub(" ", text).strip(RUBY_WHITESPACE + "\0")


def entry_title(title: str) -> str:
    """An entry's `<title type="html">` and its link's `title`:
    `post.title | smartify | strip_html | normalize_whitespace`."""
    return _normalize_whitespace(strip_html(smartypants(title)))


def feed_title(title: str) -> str:
    """The feed's own `<title type="html">`: `title | smartify`."""
    return smartypants(title)


def html_summary(text: str) -> str:
    """An entry's `<summary type="html">`: sitegen's excerpt is plain text (its entities
    already decoded, cut to `excerpt_length`), so it is escaped as HTML and shows as
    written, as jekyll-feed's stripped excerpt does."""
    return str(escape(text))
