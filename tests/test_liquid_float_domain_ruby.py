"""Liquid's arithmetic past `Infinity` and `NaN` as Ruby's `Float` does it, and `inspect`
as Ruby's `inspect`: `Infinity | times: 0` is NaN (sitegen failed the tag), `| round` and
`| jsonify` of Infinity fail the tag (sitegen printed `Infinity`, invalid JSON), and
`[3, 1.5, 2] | inspect` is `[3, 1.5, 2]` (sitegen wrote JSON). Checked against Ruby's
Liquid gem with Jekyll's filters, in one process."""

from __future__ import annotations

from typing import Any

from hypothesis import example, given
from hypothesis import strategies as st

from tests.ruby_liquid import ENGINE, sitegen_renders
from tests.ruby_process import RubyProcess

STEPS = st.one_of(
    st.builds(
        lambda name, operand: f" | {name}: {operand}",
        st.sampled_from(("plus", "minus", "times", "modulo", "divided_by", "at_least", "at_most", "round")),
        st.sampled_from(("0", "2", "-1.5", "0.0", "3.25")),
    ),
    st.sampled_from(
        (" | round", " | ceil", " | floor", " | abs", " | jsonify", " | inspect", " | to_integer")
    ),
)


@st.composite
def chains(draw: st.DrawFn) -> tuple[str, dict[str, Any]]:
    start = draw(st.sampled_from(("1.0", "-1.0", "0.0", "2", "0")))
    steps = "".join(draw(st.lists(STEPS, max_size=3)))
    return "{{ " + start + " | divided_by: 0" + steps + " }}", {}


VALUES = st.recursive(
    st.one_of(
        st.integers(-5, 5),
        st.sampled_from((1.5, -0.25, 1e20, "a", 'q"', "", None, True, False)),
    ),
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.sampled_from("ab"), inner, max_size=2)
    ),
    max_leaves=6,
)


@example(batch=[("{{ 1.0 | divided_by: 0 | inspect | round: 2 }}", {}), ("{{ v | round: 2 }}", {"v": 12})])
@given(
    batch=st.lists(
        st.one_of(
            chains(),
            st.builds(lambda value: ("{{ v | inspect }}", {"v": value}), VALUES),
            st.builds(lambda value: ("{{ v | to_integer }}", {"v": value}), VALUES),
            st.builds(
                lambda text: ("{{ v | to_integer }}", {"v": text}),
                st.sampled_from(("1e5", "inf", "Infinity", " 12ab", "-3.9", "0x1A", "1_000", "")),
            ),
        ),
        min_size=1,
        max_size=40,
    )
)
def test_float_domain_and_inspect_are_rubys(
    ruby_jekyll_liquid: RubyProcess, batch: list[tuple[str, dict[str, Any]]]
) -> None:
    assert not ruby_jekyll_liquid.mismatches(batch, sitegen_renders)


def test_infinity_arithmetic_examples() -> None:
    assert sitegen_renders("{{ 1.0 | divided_by: 0 | times: 0 }}", {}) == "NaN"
    assert sitegen_renders("{{ 1.0 | divided_by: 0 | modulo: 2 }}", {}) == "NaN"
    assert sitegen_renders("{{ 1.0 | divided_by: 0 | round }}", {}) == "ERR"
    assert sitegen_renders("{{ 1.0 | divided_by: 0 | jsonify }}", {}) == "ERR"
    assert sitegen_renders("{{ v | inspect }}", {"v": [3, 1.5, 2]}) == "[3, 1.5, 2]"


def test_jsonify_names_the_value_json_has_not() -> None:
    outcome = ENGINE.render("{{ -1.0 | divided_by: 0 | jsonify }}", {})
    assert [problem.message for problem in outcome.problems] == ["jsonify: -Infinity not allowed in JSON"]
