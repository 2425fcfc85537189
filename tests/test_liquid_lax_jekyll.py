"""Liquid Jekyll reads only with its lax parser renders as Jekyll renders it, with a warning.

Jekyll's `liquid: error_mode: warn` reads a tag its strict parser refuses with the tag's
lax regexes (`{% for i in (1..3) junk %}` loops, `{% assign x = "a" junk %}` assigns),
and builds the page; sitegen once dropped such a tag as broken, an error, so `--strict`
published nothing. Generated snippets of every such form (`tests/lax_liquid_forms.py`),
one post each, are built by Jekyll (once per example: its start costs two seconds) and by
sitegen, and each post prints the same; `--strict` publishes them all. A tag broken even
for the lax parser inside an included file is named with that file and its own line,
as Jekyll names it.

Jekyll (Debian's `jekyll`) is the reference; where it is missing the Jekyll tests are
skipped (in CI it must be installed).
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.liquid.engine import LiquidEngine, SiteLinks
from sitegen.liquid.filters import FilterSettings
from tests.conftest import build, jekyll_build, jekyll_executable, sitegen_main, write_files
from tests.lax_liquid_forms import FRONT_MATTER, snippets

#: Forms found by hand, each built in every example besides the generated ones.
FIXED = (
    "{% for i in (1..3) junk %}{{ i }}{% endfor %}",
    '{% assign x = "a" junk %}{{ x }}',
    "{% for i in page.list limit:2 reversed %}{{ i }}{% endfor %}",
    "{% for i in page.list junk limit:2 %}{{ i }}{% endfor %}{% for i in page.list, %}{{ i }}{% endfor %}",
    "{% if page.n == 2 junk %}Y{% endif junk %}{% if page.n==2 %}Z{% endif %}",
    "{% if (page.n == 2) %}Y{% else %}N{% endif %}{% if page.n == 2 && true %}A{% endif %}",
    "{% if page.n == 3 %}Y{% elsif page.n == 2 junk %}Z{% else junk %}N{% endif %}",
    "{% case page.n junk %}{% when 1 2 %}one{% when 3, 2 junk %}two{% endcase junk %}",
    '{% for i in (1..4) %}{% cycle "g": "a" "b", "c,d" %}{% endfor %}',
    # A lookup of nil (no name, a number for a name, a float for a key) is kept by a cycle.
    '{% for i in (1..4) %}{% cycle "g": "a",  && %};{% cycle "a", [1.5] %};{% endfor %}',
    "{% for i in (1..4) %}{% cycle 'b', page.list[2.5], nil %};{% cycle 'c', [true] %};{% endfor %}",
    "{% capture c junk %}hi{% endcapture %}{{ c }}{% increment k j %}{% increment k j %}{% increment k %}",
    "{% tablerow i in page.list junk cols:2 %}{{ i }}{% endtablerow %}",
    '{{ page.s junk }} {{ page.s | upcase junk }} {{ page.s | append: "x" "y" }} {{ page.s || upcase }}',
    "{{ }} {{ | upcase }}",
    "{{ page..s }} {{ page.s | }} {{ page.s | 0 }} {{ page.s ' }} {%- echo page.s junk -%}",
    "{% for i in page.list %}{{ i }}{% break junk %}{% endfor %}{% ifchanged junk %}x{% endifchanged %}",
    '{% include lax.html a="1" %}{% include x.html  a="1"   b=page.s %}',
    '{% include x.html\ta=page.n\nb=\'t\' %}{% include x.html a = "q\\"q" %}',
    "{% include {{ page.inc }} a=page..s %} {% include_relative rel.txt %}",
    "{% assign v.w = 1 %}{% capture c.d %}x{% endcapture %}{% assign x junk = 2 %}{{ x }}{{ junk }}",
)
INCLUDES = {
    "_includes/x.html": "[{{ include.a }}|{{ include.b }}]",
    "_includes/lax.html": (
        '{% for i in (1..2) junk %}{{ i }}{% endfor %}{% if include.a == "1" junk %}Y{% endif %}'
    ),
    "_posts/rel.txt": "rel {{ page.n junk }}",
}
MARK = "@@"


def _tree(root: Path, pieces: list[str]) -> Path:
    files = {"_config.yml": "title: T\n", **INCLUDES}
    for number, piece in enumerate(pieces):
        files[f"_posts/2024-01-01-s{number}.html"] = (
            f"---\nlayout: none\ntitle: S{number}\n{FRONT_MATTER}---\n{MARK}{piece}{MARK}\n"
        )
    return write_files(root / "site", files)


def _printed(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    start, end = text.index(MARK), text.rindex(MARK)
    return text[start + len(MARK) : end]


@st.composite
def _batch(draw: st.DrawFn) -> list[str]:
    return [draw(snippets(100 + number)) for number in range(draw(st.integers(10, 25)))]


@settings(max_examples=2, deadline=None)
@given(generated=_batch())
def test_lax_liquid_prints_what_jekyll_prints_and_strict_builds_it(
    generated: list[str], tmp_path_factory: pytest.TempPathFactory
) -> None:
    root = tmp_path_factory.mktemp("lax")
    every = [*FIXED, *generated]
    site = _tree(root, every)
    jekyll_build(site, root / "jekyll")
    result = build(site, destination=root / "sitegen", cache=False)
    assert result.errors == (), result.errors
    for number, piece in enumerate(every):
        page = f"2024/01/01/s{number}.html"
        assert _printed(root / "sitegen" / page) == _printed(root / "jekyll" / page), piece
    # Read leniently, each is a warning naming its file and line, never an error.
    lax = [d for d in result.diagnostics if "read leniently" in d.message]
    assert lax and all(d.line for d in lax)
    assert any(d.path == site / "_includes/lax.html" and d.line == 1 for d in lax), lax
    code, _, _ = sitegen_main("build", "--strict", "-s", str(site), "-d", str(root / "strict"))
    assert code == 0 and (root / "strict/2024/01/01/s0.html").is_file()


_ENGINE = LiquidEngine(FilterSettings("", "", ZoneInfo("UTC"), "kramdown"), (), SiteLinks({}, {}))
_PAGE = {"page": {"n": 2, "list": [1, 2, 3], "s": "abc", "e": []}}


@given(st.integers(0, 1000).flatmap(snippets))
def test_a_lax_form_is_read_with_a_warning_never_dropped_as_broken(piece: str) -> None:
    """Without Jekyll, many more forms: none is an error, and a warning names each one
    read leniently on its line."""
    if "include" in piece:
        return
    outcome = _ENGINE.render(f"line one\n{piece}\n", _PAGE)
    assert [p.message for p in outcome.problems if not p.salvaged] == []
    assert all(problem.line == 2 for problem in outcome.problems)
    assert "{%" not in outcome.text and "{{" not in outcome.text


def test_a_broken_tag_in_an_include_is_named_in_that_file_on_its_line_as_jekyll_names_it(
    tmp_path: Path,
) -> None:
    site = write_files(
        tmp_path / "site",
        {
            "_config.yml": "title: T\n",
            "_includes/x.html": "one\ntwo {% if %}\n{% for i in (1..3) junk %}{{ i }}{% endfor %}\n",
            "_posts/2024-01-01-p.html": "---\ntitle: P\n---\na\nb {% include x.html %} c\n",
        },
    )
    result = build(site, destination=tmp_path / "out")
    broken = [d for d in result.errors if d.path == site / "_includes/x.html"]
    assert [d.line for d in broken] == [2], result.diagnostics
    assert f"included in {site / '_posts/2024-01-01-p.html'}:5" in broken[0].message
    lenient = [d for d in result.diagnostics if "read leniently" in d.message]
    assert [(d.path, d.line) for d in lenient] == [(site / "_includes/x.html", 3)]
    assert "b one\ntwo \n123\n c" in (tmp_path / "out/2024/01/01/p.html").read_text(encoding="utf-8")
    jekyll = jekyll_executable()
    if jekyll is None:
        pytest.skip("Debian's jekyll is not installed")
    completed = subprocess.run(
        [jekyll, "build", "-s", str(site), "-d", str(tmp_path / "jekyll")],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    named = re.search(r"Liquid syntax error \((\S+) line (\d+)\)", completed.stdout + completed.stderr)
    assert named is not None, completed.stderr
    assert (Path(named.group(1)), int(named.group(2))) == (site / "_includes/x.html", 2)
