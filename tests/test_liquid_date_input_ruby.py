"""Jekyll's own date filters (`date_to_xmlschema`, `date_to_string`,
`date_to_long_string`, `date_to_rfc822`) read their input as Ruby does
(jekyll/filters/date_filters.rb `time`, `Liquid::Utils.to_date`): what they cannot
read (text `Time.parse` refuses, a float, a boolean, an array, a hash) fails the tag
with `Invalid Date: '…' is not a valid datetime.`, where sitegen printed the input;
nil and empty text come back unchanged. Checked against Ruby's Liquid gem with
Jekyll's filters, in one process."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from tests.ruby_liquid import page_with_failing_tags, sitegen_renders
from tests.ruby_process import RubyProcess

INPUTS = st.one_of(
    st.sampled_from(
        (
            None, "", " ", "abc", "2024-13-45", "2024-01-02", "2024-01-02 10:20:30 +0530",
            "2024-01-02T03:04:05Z", "Tue, 02 Jan 2024 03:04:05 GMT", "2 Feb 2023", "20240102",
            "1700000000", "x2024", "2024-02-30", "tomorrow", "??", 1.5, 0.0, True, False,
            [], [1], {}, {"a": 1}, 1700000000, 0,
        )
    ),
    st.integers(0, 4_000_000_000),
)  # fmt: skip
FILTERS = st.sampled_from(
    (
        "date_to_xmlschema",
        "date_to_rfc822",
        "date_to_string",
        "date_to_long_string",
        'date_to_string: "ordinal", "US"',
        'date_to_long_string: "ordinal"',
    )
)


@st.composite
def example(draw: st.DrawFn) -> tuple[str, dict[str, Any]]:
    return "{{ v | " + draw(FILTERS) + " }}", {"v": draw(INPUTS)}


@given(batch=st.lists(example(), min_size=1, max_size=40))
def test_jekylls_date_filters_read_their_input_as_ruby(
    ruby_jekyll_liquid: RubyProcess, batch: list[tuple[str, dict[str, Any]]]
) -> None:
    assert not ruby_jekyll_liquid.mismatches(batch, sitegen_renders)


def test_an_unreadable_date_is_one_line_naming_the_page_and_the_tag(tmp_path: Path) -> None:
    page = "---\nwhen: not a date\n---\nbefore\n{{ page.when | date_to_string }}\nafter\n"
    lines, published = page_with_failing_tags(tmp_path, "title: t\n", page, "Invalid Date")
    assert len(lines) == 1 and "index.html:5:" in lines[0], lines
    expected = "'\"not a date\"' is not a valid datetime."
    assert expected in lines[0]
    assert "before" in published and "after" in published
