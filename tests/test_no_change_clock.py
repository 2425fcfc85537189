"""Liquid that reads the clock as it runs is never skipped by the no-change check,
however the build's moment reaches it: `now` or `today` in any spelling or built from
pieces, given to any of Jekyll's date filters, or an undated collection document's
`date`. Liquid that reads no clock still gets no-change runs."""

from __future__ import annotations

from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.liquid.clock import ClockReads
from sitegen.liquid.filters import FilterSettings, jekyll_filters
from tests.conftest import CONFIG, post, write_files
from tests.test_no_change_inputs import _never_skipped, _settled

_FILTERS = ('date: "%Y-%m-%d %H:%M:%S"', "date_to_xmlschema", "date_to_string", "date_to_long_string")


@st.composite
def _clock_words(draw: st.DrawFn) -> str:
    """`now` or `today`, each letter in either case."""
    word = draw(st.sampled_from(["now", "today"]))
    upper = draw(st.lists(st.booleans(), min_size=len(word), max_size=len(word)))
    return "".join(letter.upper() if up else letter for letter, up in zip(word, upper, strict=True))


@st.composite
def _clock_markup(draw: st.DrawFn) -> str:
    """Liquid printing the clock through a date filter, the word written whole, built
    with `append`, or assigned first."""
    word = draw(_clock_words())
    shown = draw(st.sampled_from(_FILTERS))
    how = draw(st.sampled_from(["whole", "pieces", "assigned"]))
    if how == "whole":
        return f'{{{{ "{word}" | {shown} }}}}'
    cut = draw(st.integers(min_value=1, max_value=len(word) - 1))
    head, tail = word[:cut], word[cut:]
    if how == "pieces":
        return f'{{% assign w = "{head}" | append: "{tail}" %}}{{{{ w | {shown} }}}}'
    return f"{{% capture w %}}{head}{tail}{{% endcapture %}}{{{{ w | {shown} }}}}"


def _site(root: Path, page: str, extra: dict[str, str] | None = None, config: str = CONFIG) -> Path:
    return write_files(
        root / "site",
        {
            "_config.yml": config,
            "content/_posts/2022-05-01-a.md": post("甲", "2022-05-01 10:00:00 +0800"),
            "content/clock.md": f"---\ntitle: 时钟\n---\n{page}\n",
            **(extra or {}),
        },
    )


@settings(max_examples=10, deadline=None)
@given(markup=_clock_markup())
def test_liquid_reading_the_clock_is_never_skipped(
    tmp_path_factory: pytest.TempPathFactory, markup: str
) -> None:
    root = tmp_path_factory.mktemp("clock")
    _never_skipped(_site(root, f"建于 {markup}"), root / "out")


def test_an_undated_collection_documents_date_is_the_build_moment(tmp_path: Path) -> None:
    """Jekyll dates a document without a date at `site.time`: a page printing it changes
    with every build, though no word of its markup names the clock."""
    config = CONFIG + "collections:\n  docs:\n    output: true\n"
    site = _site(
        tmp_path,
        "{{ page.title }}",
        {"content/_docs/guide.md": "---\ntitle: 指南\n---\n写于 {{ page.date }}\n"},
        config,
    )
    _never_skipped(site, tmp_path / "out")


@pytest.mark.parametrize(
    "page",
    [
        '{{ "2022-05-01" | date: "%Y" }}',
        "{{ page.title | upcase }}",
        "{{ site.title }} now",
        "{{ page.time }}",
        '{{ page.title | append: " today" }}',
        "{{ site.timezone }}",
    ],
)
def test_liquid_reading_no_clock_is_skipped(tmp_path: Path, page: str) -> None:
    _settled(_site(tmp_path, page), tmp_path / "out")


@given(word=_clock_words(), shown=st.sampled_from(["date", "date_to_xmlschema", "date_to_string"]))
def test_a_date_filter_notes_each_read_of_the_clock(word: str, shown: str) -> None:
    clock = ClockReads()
    filters = jekyll_filters(FilterSettings("", "", ZoneInfo("Asia/Shanghai"), "kramdown", clock=clock))
    apply = filters[shown]
    apply("2022-05-01 10:00:00", "%Y") if shown == "date" else apply("2022-05-01 10:00:00")
    assert not clock.read
    apply(word, "%Y") if shown == "date" else apply(word)
    assert clock.read
