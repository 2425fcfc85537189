"""Every filter reads an odd input or argument as Jekyll's Liquid reads it: nil, a
boolean, a number, an array or a hash given to a text filter is read with Ruby's `to_s`
(`{{ true | remove_last: "x" }}` printed `True`, `{{ 0 | date: page.flag }}` printed
Python's `True`, `base64_encode` encoded Python's text), and an array filter given a
property reads its input through `InputIterator` (nil is no item, a scalar one) and
each item's `item[property]` as Ruby's `[]` answers it, where a nil input failed the tag.
A variable that is not there is nil to a filter, and nothing equals `blank`.

Checked against Ruby's Liquid with Jekyll's filters over it (a Jekyll site's `sort`
and `where` are Jekyll's), in one process."""

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
    st.sampled_from(
        (
            "",
            "a",
            "Ab",
            "k",
            "a k",
            " a\tb  k ",
            "a,k,",
            "100%",
            "It's",
            "&copy; &#39; & <b>",
            "aGk=",
            "aGk",
            "a-_",
        )
    ),
)
ITEMS = st.one_of(SCALARS, st.dictionaries(st.sampled_from(("k", "v")), SCALARS, max_size=2))
VALUES = st.one_of(
    SCALARS,
    st.lists(st.one_of(ITEMS, st.lists(ITEMS, max_size=2)), max_size=4),
    st.dictionaries(st.sampled_from(("k", "v")), SCALARS, max_size=2),
)
USES = (
    # Text filters read their input, and a text argument, with `to_s`.
    "{{ a | remove_last: b }}|{{ a | remove_first: b }}|{{ a | remove: b }}",
    "{{ a | replace_last: b, 'x' }}|{{ a | replace_first: b, 'x' }}|{{ a | replace: b, a }}",
    "{{ a | base64_encode }}|{{ a | base64_url_safe_encode }}|{{ a | url_encode }}",
    "{{ a | escape }}|{{ a | escape_once }}|{{ a | size }}|{{ a | strip }}",
    "{{ 0 | date: a }}|{{ a | date: b }}|{{ a | default: b }}",
    "{{ a | truncate: 3 }}|{{ a | truncatewords: 1 }}|{{ a | split: b | join: ';' }}",
    "{{ a | truncate: b }}|{{ a | truncatewords: b }}|{{ a | round: b }}|{{ a | split: ' ' | size }}",
    # Array filters given a property: `InputIterator`, then `item[property]`.
    '{{ a | compact: "k" | join: ";" }}|{{ a | uniq: "k" | join: ";" }}',
    '{{ a | map: "k" | join: ";" }}|{{ a | sort_natural: "k" | join: ";" }}',
    '{{ a | sort: "k" | join: ";" }}|{{ a | where: "k", b | size }}',
    '{{ a | compact: b | join: ";" }}|{{ a | uniq: b | join: ";" }}|{{ a | map: b | join: ";" }}',
    # A variable that is not there is nil to every filter (`where` kept every item).
    '{{ a | where: "k", nothere | size }}|{{ a | where: nothere, b | size }}|{{ nothere | round: 1 }}',
    '{{ "A b" | slugify: nothere }}|{{ a | append: nothere }}|{{ nothere | default: a }}',
    # `escape` writes an apostrophe `&#39;`, `escape_once` keeps entities, `xml_escape`
    # writes `&apos;`; `cgi_escape` escapes `*`.
    "{{ a | escape }}|{{ a | escape_once }}|{{ a | xml_escape }}|{{ '**a** ~b' | cgi_escape }}",
    "{{ a | base64_encode | base64_decode }}|{{ a | base64_url_safe_encode | base64_url_safe_decode }}",
    # Nothing equals `blank` (no `blank?` without ActiveSupport); `empty` is `empty?`.
    "{% if a == blank %}B{% endif %}{% if a != blank %}N{% endif %}{% if a == empty %}E{% endif %}",
)


@given(batch=template_batches(USES, VALUES))
def test_odd_filter_inputs_print_as_jekyll_liquid_prints_them(
    ruby_jekyll_liquid: RubyProcess, batch: list[tuple[str, dict[str, Any]]]
) -> None:
    assert not ruby_jekyll_liquid.mismatches(batch, sitegen_renders)


def test_base64_that_is_not_is_named_as_liquid_names_it(ruby_jekyll_liquid: RubyProcess) -> None:
    """Ruby's strict decoder: padding required (but for the URL-safe one), the alphabet
    only; the tag's problem is Liquid's "invalid base64", never Python's codec text."""
    texts = ["aGk=", "aGk", "a-_", "%", "aGk=\n", "YQ", "YQ==", "5paw"]
    batch: list[tuple[str, dict[str, Any]]] = [
        (f"{{{{ '{text}' | {name} }}}}", {})
        for text in texts
        for name in ("base64_decode", "base64_url_safe_decode")
    ]
    assert not ruby_jekyll_liquid.mismatches(batch, sitegen_renders)
    problems = ENGINE.render("{{ '%' | base64_decode }}", {}).problems
    assert [problem.message for problem in problems] == [
        "base64_decode: invalid base64 provided to base64_decode"
    ]
