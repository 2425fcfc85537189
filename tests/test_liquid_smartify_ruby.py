"""Jekyll's `smartify` as Ruby runs it (jekyll/filters.rb `smartify`, kramdown's
SmartyPants parser): quotes, dashes, ellipses and guillemets as kramdown writes them in
text, `&`, `<` and `>` escaped, entities as characters, and HTML as kramdown reads it:
every tag it takes for one kept (`<script>`, `<style>`, an unknown `<foo>`, not only
span tags), raw content left unsmartened, block tags kept at a line's start and
escaped inside one, a tag whose attribute value is neither quoted nor a word (`<a
href=x.html>`) escaped. sitegen first gave the text back unchanged, then escaped every
tag but a span one. Checked against Ruby's Liquid gem with Jekyll's filters, in one
process."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from tests.ruby_liquid import sitegen_renders
from tests.ruby_process import RubyProcess

PIECES = st.sampled_from(
    (
        '"',
        "'",
        "a",
        "s",
        "80s",
        " ",
        "  ",
        "\n",
        "--",
        "-",
        "...",
        ".",
        "<<",
        ">>",
        "<",
        ">",
        "&",
        "(",
        "*",
        "_",
        "\\",
        "x's",
        "&amp;",
        "&copy;",
        "&#39;",
        "&#60;",
        "&quot;",
        "&foo;",
        "&#x2014;",
        "&hellip;",
        "<i>",
        "</i>",
        "<em>",
        "</em>",
        "<br>",
        "<br/>",
        '<a href="u">',
        "</a>",
        "<span class='c'>",
        "</span>",
        "<!-- c -->",
        "<p>",
        "</p>",
        '<div class="d">',
        "</div>",
        "<script>",
        "</script>",
        "<style>",
        "</style>",
        "<code>",
        "</code>",
        "<u>",
        "<foo>",
        "</foo>",
        "<Foo bar>",
        "<B>",
        "</B>",
        "<hr>",
        "<b/>",
        "<a href=x>",
        "<a href=x.html>",
        '<a href="x\ny">',
        "<a title='\"q\"' id=''>",
        "<x:y>",
        "<?p?>",
        "<!--",
        "-->",
        "<",
        "=",
        "   ",
        "é",
        "1",
    )
)


@st.composite
def texts(draw: st.DrawFn) -> tuple[str, dict[str, Any]]:
    return "[{{ s | smartify }}]", {"s": "".join(draw(st.lists(PIECES, max_size=12)))}


@given(batch=st.lists(texts(), min_size=1, max_size=40))
def test_smartify_is_rubys(ruby_jekyll_liquid: RubyProcess, batch: list[tuple[str, dict[str, Any]]]) -> None:
    assert not ruby_jekyll_liquid.mismatches(batch, sitegen_renders)


def test_smartify_writes_typography_and_escapes() -> None:
    text = "a \"b\" -- 'c' ... <<d>> <i>\"f\"</i> & x's '80s"
    assert sitegen_renders("{{ s | smartify }}", {"s": text}) == "a “b” – ‘c’ … «d» <i>“f”</i> &amp; x’s ’80s"
    assert sitegen_renders("{{ s | smartify }}", {"s": None}) == ""
