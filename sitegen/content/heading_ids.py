"""Each heading's `id`, as Jekyll's kramdown writes it, so `post.html#anchor` links made
for a Jekyll site still land on their heading.

Jekyll turns kramdown's `auto_ids` on (jekyll/lib/jekyll/configuration.rb) and reads
Markdown with the GFM parser, whose `generate_gfm_header_id`
(kramdown-parser-gfm/lib/kramdown/parser/gfm.rb) makes the id from the heading's text as
it is written out (`update_raw_text`: text and code, entities and smart quotes and
typographic symbols as the characters they become, the text inside links, emphasis and
HTML elements; not images' alt text):

- lowercased, character by character, as Ruby's `String#downcase` (no final-sigma
  rule: `ΣΑΣ` becomes `σασ`);
- every character but a word character (Onigmo's `\\p{Word}`: letters, marks, decimal
  digits, connector punctuation; so CJK text stays as it is: `京东618图个啥`), `-`,
  space and tab dropped;
- each space and tab made a `-` (`2022年 A股 回顾` gives `2022年-a股-回顾`);
- an id made before gets `-1`, `-2`, ... in order, counted by the id alone (so a third
  heading `a-1` after two `a` headings is `a-1` too, as in Jekyll).

An empty id (a heading of punctuation only) is not written: kramdown's converter leaves
out an empty attribute; it still counts, so a second one is `-1`. A heading with its own
id (`{#intro}`, `sitegen.content.kramdown_headings`) keeps it and is not counted. The
GFM parser has none of plain kramdown's rules (its `section` fallback, its dropping of
leading digits): those apply to `input: kramdown` only.

Python's `regex` and `str.lower` may know characters newer than the Ruby Jekyll runs
on (Ruby 3.1 reads Unicode 13): such a letter is kept here where that Ruby drops it.
"""

from __future__ import annotations

from collections.abc import Sequence

import regex
from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from sitegen.urls.slugs import ruby_downcase

#: GFM's `NON_WORD_RE`: the `regex` module's `\w` on text is Unicode's `\p{Word}`.
_NON_WORD = regex.compile(r"[^\w\- \t]")
#: Inline tokens whose content is heading text (`text_special` joined into `text` by then).
_TEXT_TYPES = frozenset({"text", "code_inline"})


def install(parser: MarkdownIt) -> None:
    """Give every heading `parser` renders its kramdown id, after the text is final
    (after typography and `text_join`, the last core rule)."""
    parser.core.ruler.push("kramdown_heading_ids", _add_ids)


def heading_id(text: str, used: dict[str, int]) -> str:
    """The id of a heading whose written text is `text`, given the ids `used` so far in
    the document (each id to how many times it was made after the first), which it
    updates."""
    made = _NON_WORD.sub("", ruby_downcase(text))
    made = made.replace(" ", "-").replace("\t", "-")
    count = used.get(made, -1) + 1
    used[made] = count
    return f"{made}-{count}" if count else made


def heading_text(children: Sequence[Token]) -> str:
    """A heading's text as kramdown's `update_raw_text` gathers it from its inline tokens:
    images (whose alt text is their children, not in this list) and raw HTML add nothing."""
    return "".join(token.content for token in children if token.type in _TEXT_TYPES)


def _add_ids(state: StateCore) -> None:
    used: dict[str, int] = {}
    tokens = state.tokens
    for index, token in enumerate(tokens):
        if token.type != "heading_open" or token.attrGet("id") is not None:
            continue
        made = heading_id(heading_text(tokens[index + 1].children or ()), used)
        if made:
            token.attrSet("id", made)
