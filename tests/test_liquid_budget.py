"""A file whose Liquid runs away (in time or in memory) is one error naming it, and the
rest of the site builds; Liquid inside the bounds renders as before
(`sitegen.liquid.budget`)."""

from __future__ import annotations

import tracemalloc
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

from hypothesis import example, given, settings
from hypothesis import strategies as st

from sitegen.liquid.budget import RENDER_ITERATIONS
from sitegen.liquid.engine import LiquidEngine, SiteLinks
from sitegen.liquid.filters import FilterSettings
from tests.conftest import SiteFactory, sitegen_main

#: Far above what any bounded program here needs, far below what a runaway one takes.
PEAK_BYTES = 400_000_000


def _engine() -> LiquidEngine:
    return LiquidEngine(
        FilterSettings("https://example.com", "", ZoneInfo("UTC"), "kramdown"), (), SiteLinks({}, {})
    )


@dataclass(frozen=True)
class Program:
    text: str
    runaway: bool
    """Whether run to its end it would take far more time or memory than a page may."""
    expected: str = ""
    """What it prints, when it is not a runaway."""
    grows: bool = True
    """Whether it can run out of memory (its peak is then measured; tracing the
    allocations of a million loop turns would take most of the test's time)."""


def _loops(count: int, length: int) -> Program:
    """`count` loops one after another: each under the per-loop limit, together maybe not."""
    text = "".join(f"{{% for i in (1..{length}) %}}{{% endfor %}}" for _ in range(count)) + "done"
    return Program(text, count * length > RENDER_ITERATIONS, "done", grows=False)


def _doubling(way: str, steps: int) -> Program:
    """A text that doubles `steps` times from ten characters, by assign or by capture."""
    grow = {
        "append": "{% assign s = s | append: s %}",
        "capture": "{% capture s %}{{ s }}{{ s }}{% endcapture %}",
        "prepend": "{% assign s = s | prepend: s %}",
    }[way]
    text = (
        f'{{% assign s = "abcdefghij" %}}{{% for i in (1..{steps}) %}}{grow}{{% endfor %}}{{{{ s | size }}}}'
    )
    return Program(text, steps >= 26, str(10 * 2**steps))


def _whole_range(use: str, length: int) -> Program:
    """A lazy range made a list or text at once."""
    text = {
        "join": f'{{{{ (1..{length}) | join: "," | size }}}}',
        "print": f"{{{{ (1..{length}) | size }}}}{{{{ (1..{length}) }}}}",
        "sort": f"{{% assign a = (1..{length}) | sort %}}{{{{ a | size }}}}",
    }[use]
    runaway = length >= 50_000_000
    if runaway:
        return Program(text, runaway)
    joined = ",".join(map(str, range(1, length + 1)))
    # Ruby prints a range as its ends: `{{ (1..5) }}` is "1..5".
    expected = {"join": str(len(joined)), "print": f"{length}1..{length}", "sort": str(length)}[use]
    return Program(text, runaway, expected)


def _split(steps: int) -> Program:
    """A doubled text split into one item per character."""
    grow = f"{{% for i in (1..{steps}) %}}{{% assign s = s | append: s %}}{{% endfor %}}"
    return Program(
        f'{{% assign s = "abcdefghij" %}}{grow}{{{{ s | split: "" | size }}}}',
        steps >= 24,
        str(10 * 2**steps),
    )


def _squaring(steps: int) -> Program:
    """A number squared `steps` times: 2**(2**steps)."""
    text = f"{{% assign n = 2 %}}{{% for i in (1..{steps}) %}}{{% assign n = n | times: n %}}{{% endfor %}}"
    return Program(text + "{{ n | size }}", steps >= 30, "")


programs = st.one_of(
    st.builds(_loops, st.integers(1, 12), st.sampled_from([10, 1_000, 300_000, 999_999])),
    st.builds(_doubling, st.sampled_from(["append", "capture", "prepend"]), st.sampled_from([3, 10, 30, 60])),
    st.builds(
        _whole_range, st.sampled_from(["join", "print", "sort"]), st.sampled_from([5, 1_000, 10**8, 10**12])
    ),
    st.builds(_split, st.sampled_from([4, 30, 50])),
    st.builds(_squaring, st.sampled_from([3, 40, 64])),
)


@settings(max_examples=8)
@example(program=_loops(3, 999_999))
@example(program=_doubling("capture", 60))
@example(program=_whole_range("join", 10**12))
@example(program=_squaring(64))
@given(program=programs)
def test_a_runaway_program_is_one_bounded_error_and_a_bounded_one_renders(program: Program) -> None:
    """Rendering stays under `PEAK_BYTES` of Python memory whatever the program; a
    runaway one ends with each failing tag said once, a bounded one prints what it
    prints run to its end (the squaring program prints nothing checked here)."""
    if program.grows:
        tracemalloc.start()
    try:
        outcome = _engine().render(program.text, {})
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < PEAK_BYTES, (program.text, peak)
    if program.runaway:
        assert outcome.problems, program.text
        # Said once per failing tag, not once per turn of the loop around it.
        assert len(outcome.problems) <= program.text.count("{%") + program.text.count("{{")
    elif program.expected:
        assert (outcome.text, outcome.problems) == (program.expected, ()), program.text


def test_runaway_posts_are_each_one_error_naming_them_and_the_rest_builds(make_site: SiteFactory) -> None:
    posts = {
        "loops": _loops(2, 600_000).text,
        "doubling": _doubling("append", 60).text,
        "range": _whole_range("join", 10**12).text,
        "good": "{% for i in (1..3) %}{{ i }}{% endfor %}",
    }
    files = {"_config.yml": "title: T\nurl: https://example.com\n"}
    for day, (name, body) in enumerate(posts.items(), start=1):
        files[f"_posts/2022-01-0{day}-{name}.md"] = f"---\ntitle: {name}\n---\n{body}\n"
    site = make_site(files)
    code, _, err = sitegen_main("build", "-s", str(site))
    assert code == 0, err
    for name in ("loops", "doubling", "range"):
        named = [line for line in err.splitlines() if f"-{name}.md" in line]
        assert len(named) == 1 and named[0].startswith("error: "), err
    assert "Traceback" not in err
    good = Path(site, "_site/2022/01/04/good.html").read_text(encoding="utf-8")
    assert "123" in good
