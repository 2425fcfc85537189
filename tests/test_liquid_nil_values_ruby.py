"""nil, booleans, arrays and hashes through Liquid's text and array filters print as Ruby
Liquid prints them: a blank front-matter key appended to a title printed `TitleNone`,
`join` wrote `None` and `True`, and `uniq` took `true` for a duplicate of `1`.

Checked against Ruby's Liquid gem (the one Jekyll renders with) in one process."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from tests.ruby_liquid import ENGINE, sitegen_renders, template_batches
from tests.ruby_process import RubyProcess

SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 3),
    st.sampled_from((0.5, 2.0, -3.25)),
    st.sampled_from(("", "a", "Ab")),
)
VALUES = st.one_of(
    SCALARS,
    st.lists(st.one_of(SCALARS, st.lists(SCALARS, max_size=2)), max_size=4),
    st.dictionaries(st.sampled_from(("k", "v")), SCALARS, max_size=2),
)
USES = (
    "{{ a | append: b }}",
    "{{ a | prepend: b }}",
    '{{ "t" | append: a }}',
    "{{ a | slice: 0 }}",
    '{{ a | join: ";" }}',
    '{{ a | uniq | join: ";" }}',
    '{{ a | compact | join: ";" }}',
    "{{ a | upcase }}",
    '{{ a | remove: b | append: "." }}',
    '{{ a | replace: b, "x" | append: "." }}',
    "{{ a | join: b }}",
    '{{ "abcdef" | truncate: 4, b }}',
    '{{ "a b c" | truncatewords: 1, b }}',
    "{{ true | plus: 1 }}{{ 5 | times: true }}{{ false | abs }}",
)


@given(batch=template_batches(USES, VALUES))
def test_nil_booleans_arrays_and_hashes_print_as_ruby_liquid_prints_them(
    ruby_liquid: RubyProcess, batch: list[tuple[str, dict[str, Any]]]
) -> None:
    assert not ruby_liquid.mismatches(batch, sitegen_renders)


def test_a_blank_subtitle_appends_nothing() -> None:
    """The reported page: `subtitle:` left blank, `tags2: [a, ~, yes]`."""
    template = (
        '{{ "Title" | append: page.subtitle }}|{{ page.subtitle | slice: 0 }}|{{ page.tags2 | join: ", " }}'
    )
    variables = {"page": {"subtitle": None, "tags2": ["a", None, True]}}
    assert ENGINE.render(template, variables).text == "Title||a, , true"
