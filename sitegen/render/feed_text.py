"""The text of an Atom feed's elements, made as jekyll-feed makes it.

A site moving from Jekyll keeps what its readers showed: jekyll-feed 0.17's template
(jekyll-feed/lib/jekyll-feed/feed.xml) writes the feed's and every entry's `<title>` as
`type="html"`, the feed's title through `smartify` and an entry's through
`smartify | strip_html | normalize_whitespace`, the summary as `type="html"`, and each
entry's `<content type="html">` as the post's whole body, `post.content | strip`. Every
text a feed shows is made here, so no element can be written as plain text beside
another written as HTML. The values are HTML; the feed template escapes them once more
for XML, as the template's `xml_escape` does, but for the content, a CDATA section as
jekyll-feed writes it (a body's markup costs no entities there).
"""

from __future__ import annotations

from markupsafe import Markup, escape

from sitegen.content.smartypants import smartypants
from sitegen.jekyll.ruby_split import RUBY_WHITESPACE, RUBY_WHITESPACE_RUN
from sitegen.jekyll.strip_html import strip_html

__all__ = ["entry_title", "feed_title", "html_content", "html_summary"]

#: Where a CDATA section would end early: split between two sections (XML 1.0 §2.7).
_CDATA_END = "]]>"


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


def html_content(body: str) -> Markup:
    """An entry's `<content type="html">`: the post's converted body, `post.content |
    strip` (Ruby's `strip`: ASCII white space and NUL), in a CDATA section
    as jekyll-feed 0.17 writes it (RFC 4287 4.1.3.3: the content of `type="html"` is
    HTML, escaped or in CDATA). jekyll-feed prints the body as it is, so a body holding
    `]]>` ends its section early and the feed is no XML; here each `]]>` is split
    between two sections (`]]` ending one, `>` opening the next), which a reader joins
    back into the same text. Characters XML forbids are dropped when the feed is
    encoded (`sitegen.render.xml_output.encode_output`), as from every XML output."""
    text = body.strip(RUBY_WHITESPACE + "\0")
    return Markup("<![CDATA[" + text.replace(_CDATA_END, "]]]]><![CDATA[>") + "]]>")
