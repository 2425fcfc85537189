r"""Jekyll's `smartify`: kramdown's SmartyPants reading of a text, as HTML.

Jekyll converts the input with its `SmartyPants` parser, a kramdown parser
(jekyll/converters/smartypants.rb) with two block parsers, tried at the start of each
line: `block_html` and `content`, which takes one line as text. Consecutive text lines
are one run, read by the span parsers (`sitegen.content.kramdown_spans`); a line that
starts (after up to three spaces) with a comment or with the start tag of an element
other than a span one (`<p>`, `<div>`, `<script>`, an unknown `<foo>`) is raw HTML
(`sitegen.content.kramdown_blocks`). The document is written by kramdown's HTML
converter and chomped of one final line break (`Jekyll::Converters::SmartyPants#convert`).
Liquid's `smartify` and the feeds' titles (`sitegen.render.feed_text`) share this one
reading, so a title keeps, and `strip_html` then drops, the tags Jekyll keeps.
"""

from __future__ import annotations

from sitegen.content.kramdown_blocks import raw_block
from sitegen.content.kramdown_spans import span_html

__all__ = ["smartypants"]


def smartypants(text: str) -> str:
    """`text` read by kramdown's SmartyPants parser and written as HTML."""
    # kramdown's `adapt_source`: line breaks made `\n`, one final one ensured.
    source = text.replace("\r\n", "\n").replace("\r", "\n")
    source = source if source.endswith("\n") else source + "\n"
    out: list[str] = []
    run_start = position = 0
    while position < len(source):
        block = raw_block(source, position)
        if block is None:  # `parse_content`: the rest of the line is text
            position = source.index("\n", position) + 1
            continue
        if run_start < position:
            out.append(span_html(source[run_start:position]))
        out.append(block.html)
        run_start = position = block.end
    if run_start < len(source):
        out.append(span_html(source[run_start:]))
    return "".join(out).removesuffix("\n")
