"""`truncate` and `truncatewords` write what Ruby Liquid writes: python-liquid's differed
when the length was shorter than the ellipsis or not positive (`"abcdef" | truncate: 2,
"xyz"` was `abcdexyz`, Jekyll's `xyz`), and took an ideographic space for a word break."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from tests.ruby_liquid import ENGINE, sitegen_renders
from tests.ruby_process import RubyProcess

TEXTS = st.text(st.sampled_from("ab c\u3000中\t\n"), max_size=12)
LENGTHS = st.one_of(st.integers(-2, 9), st.sampled_from(('"3"', '" 4"', '"2.5"', '"x"', "nil", "2.5")))
MARKS = st.sampled_from(('"..."', '""', '"xyz"', "nil"))


@st.composite
def example(draw: st.DrawFn) -> tuple[str, dict[str, Any]]:
    name = draw(st.sampled_from(("truncate", "truncatewords")))
    arguments = [str(draw(LENGTHS))]
    if draw(st.booleans()):
        arguments.append(draw(MARKS))
    return f"{{{{ t | {name}: {', '.join(arguments)} }}}}", {"t": draw(TEXTS)}


@given(batch=st.lists(example(), min_size=1, max_size=40))
def test_truncation_writes_what_ruby_liquid_writes(
    ruby_liquid: RubyProcess, batch: list[tuple[str, dict[str, Any]]]
) -> None:
    assert not ruby_liquid.mismatches(batch, sitegen_renders)


def test_the_reported_truncations() -> None:
    """As Jekyll 4.3 printed them."""
    template = (
        '{{ "abcdef" | truncate: -1 }}|{{ "abcdef" | truncate: 2, "xyz" }}|{{ "abcdef" | truncatewords: -1 }}'
    )
    assert ENGINE.render(template, {}).text == "...|xyz|abcdef"
    assert ENGINE.render('{{ "甲乙\u3000丙 丁" | truncatewords: 1 }}', {}).text == "甲乙\u3000丙..."
