"""Jekyll's `scssify` and `sassify` as Ruby runs them (jekyll/filters.rb, the site's
jekyll-sass-converter): the input compiled to CSS, in the site's style; text that does
not compile fails the tag. sitegen passed the text through. Checked against Ruby's
Liquid gem with Jekyll's filters (a default site's converters), in one process; and a
site's `sass:` style reaches the filter."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from tests.ruby_liquid import page_with_failing_tags, sitegen_renders
from tests.ruby_process import RubyProcess

SCSS_PIECES = st.sampled_from(
    ("a", " b", ".c", " {", " }", " color: red;", " margin: $m;", "$m: 2px;", " &:hover", ", p", "\n", " @x;")
)
SASS_TEXTS = st.sampled_from(
    (
        "a\n  color: red\n",
        "a\n  b\n    color: red\n",
        "$m: 1px\np\n  margin: $m\n",
        "a\n color: red\n  b: c\n",
        "",
    )
)


@given(
    batch=st.lists(
        st.one_of(
            st.builds(
                lambda pieces: ("{{ s | scssify }}", {"s": "".join(pieces)}),
                st.lists(SCSS_PIECES, max_size=10),
            ),
            st.builds(lambda text: ("{{ s | sassify }}", {"s": text}), SASS_TEXTS),
        ),
        min_size=1,
        max_size=30,
    )
)
def test_sass_filters_are_rubys(
    ruby_jekyll_liquid: RubyProcess, batch: list[tuple[str, dict[str, Any]]]
) -> None:
    assert not ruby_jekyll_liquid.mismatches(batch, sitegen_renders)


def test_scssify_compiles_in_the_sites_style_and_names_a_failure(tmp_path: Path) -> None:
    page = (
        "---\nlayout: null\n---\n{% capture s %}a { b { color: red; } }{% endcapture %}"
        "[{{ s | scssify }}]\nbefore\n{{ 'a {' | scssify }}\nafter\n"
    )
    config = "title: t\nsass:\n  style: compressed\n"
    lines, published = page_with_failing_tags(tmp_path, config, page, "Liquid: scssify:")
    assert published.startswith("[a b{color:red}\n]") and "before" in published and "after" in published
    assert len(lines) == 1 and "index.html:6:" in lines[0], lines
