"""Broken Liquid: every error reported with its file and line, the text around it kept.

Jekyll stops at the first Liquid syntax error; sitegen publishes the page without the
broken markup. Where Jekyll's own lax reading prints something (`{{ page..title }}`),
sitegen prints the same, checked against Jekyll itself.
"""

from __future__ import annotations

import re
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from sitegen.liquid.engine import LiquidEngine, SiteLinks
from sitegen.liquid.filters import FilterSettings
from tests.conftest import build, is_utf8, jekyll_build, run_unprivileged, write_files

# An unterminated `{{` reaches the next `}` (Ruby Liquid's `{{.*?}}?`), so the one
# with no `}` after it comes last.
_BROKEN_LINES = [
    "a2 {{ page.title } b2",
    "a3 {% assign %} b3",
    "a4 {% include %} b4",
    "a5 {% nosuch x %} b5 {% include missing.html %} c5",
    "a6 {% for x in %} b6 {% endfor %} c6",
    "a7 {% endif %} b7",
    "a8 {{ 1 | divided_by: 0 }} b8",
    "a9 {% include self.html %} b9",
    "a10 {% if true %} b10",
    "a1 {{ page.title b1",
]


def _body(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    match = re.search(r'<div class="post-body">(.*?)</div>', text, re.DOTALL)
    assert match is not None
    return re.sub(r"\s+", " ", match.group(1))


def test_every_broken_tag_is_reported_on_its_line_and_the_text_around_it_kept(tmp_path: Path) -> None:
    site = write_files(
        tmp_path / "site",
        {
            "_config.yml": "title: T\n",
            "_includes/self.html": "x{% include self.html %}",
            "_posts/2024-01-01-p.html": "---\ntitle: Tt\n---\n" + "\n".join(_BROKEN_LINES) + "\n",
        },
    )
    result = build(site, destination=tmp_path / "out")
    lines = [d.line for d in result.diagnostics if d.path is not None and d.path.name == "2024-01-01-p.html"]
    # One warning per broken tag, on the file's line of that tag (line 4 is the first).
    assert lines == [4, 5, 6, 7, 7, 8, 9, 10, 11, 12, 13]
    body = _body(tmp_path / "out/2024/01/01/p.html")
    assert "{{" not in body and "{%" not in body and "%}" not in body
    for number in range(1, 11):
        assert f"a{number} " in body and f"b{number}" in body, number
    assert "c5" in body and "c6" in body
    # An include that includes itself publishes nothing, once (Jekyll: "Nesting too deep").
    assert "a9 b9" in body
    nesting = [d for d in result.diagnostics if "Nesting too deep" in d.message]
    assert len(nesting) == 1 and nesting[0].line == 11


def test_output_jekyll_reads_leniently_prints_what_jekyll_prints(tmp_path: Path) -> None:
    lenient = [
        "{{ page..title }}",
        "{{ page.title | }}",
        "{{ page.title | upcase | }}",
        "{{ page.title | | upcase }}",
    ]
    files = {"_config.yml": "title: T\n"}
    for number, markup in enumerate(lenient):
        files[f"_posts/2024-01-0{number + 1}-p{number}.html"] = f"---\ntitle: Tt\n---\nx {markup} y\n"
    site = write_files(tmp_path / "site", files)
    jekyll_build(site, tmp_path / "jekyll")
    result = build(site, destination=tmp_path / "out")
    assert len([d for d in result.diagnostics if "Liquid" in d.message]) == len(lenient)
    for number in range(len(lenient)):
        output = f"2024/01/0{number + 1}/p{number}.html"
        expected = (tmp_path / "jekyll" / output).read_text(encoding="utf-8").strip()
        assert _body(tmp_path / "out" / output).strip() == expected, lenient[number]


_BROKEN = st.sampled_from(
    [
        "{% assign %}",
        "{% include %}",
        "{% if true %}",
        "{% endif %}",
        "{% endfor %}",
        "{% for x in %}",
        "{{ page..title }}",
        "{% nosuch %}",
        "{{ | }}",
        "{% capture %}",
        "{% include missing.html %}",
        "{{ 1 | divided_by: 0 }}",
    ]
)


_ENGINE = LiquidEngine(FilterSettings("", "", ZoneInfo("UTC"), "kramdown"), (), SiteLinks({}, {}))


@given(st.lists(st.one_of(_BROKEN, st.integers(0, 99).map(lambda n: f"w{n}")), max_size=25))
# A tag that fails while it renders, inside a block, once took the rest of the block.
@example(pieces=["{% if true %}", "{% include %}", "w0", "{% endif %}"])
@example(pieces=["{% if true %}", "{% include %}", "{% include %}", "{% endif %}"])
def test_broken_tags_never_take_words_with_them(pieces: list[str]) -> None:
    outcome = _ENGINE.render(" ".join(pieces), {"page": {"title": "Tt"}})
    assert re.findall(r"w\d+", outcome.text) == [piece for piece in pieces if piece.startswith("w")]
    assert "{{" not in outcome.text and "{%" not in outcome.text
    # Each of these is broken wherever it stands, so each is one problem at least.
    always_broken = ("{% assign %}", "{% include %}", "{% nosuch %}", "{{ | }}", "{% for x in %}")
    assert len(outcome.problems) >= sum(piece in always_broken for piece in pieces)


#: The files of a Jekyll tree that Liquid, Sass or `site.data` read besides the posts.
_READ_FILES = st.sampled_from(
    ["_includes/x.html", "_posts/part.txt", "_layouts/post.html", "_sass/_p.scss", "_data/d.yml"]
)
_INCLUDED = ("_includes/x.html", "_posts/part.txt")


@given(name=_READ_FILES, data=st.binary(max_size=30) | st.text(max_size=30).map(lambda text: text.encode()))
@example(name="_includes/x.html", data=b"ok\n\xff\xfe")
@example(name="_posts/part.txt", data=b"\xc3(")
def test_any_bytes_in_an_include_or_other_read_file_build_and_a_bad_include_is_named(
    tmp_path_factory: pytest.TempPathFactory, name: str, data: bytes
) -> None:
    """An include that is not UTF-8 is a Liquid error naming it (Jekyll stops there), never
    text with its bytes replaced; no file of the tree makes the build raise."""
    files: dict[str, str | bytes] = {
        "_config.yml": "title: T\n",
        "_posts/2024-01-01-p.md": "---\nlayout: post\ntitle: Tt\n---\na {% include x.html %} b "
        "{% include_relative part.txt %} c {{ site.data.d }}\n",
        "_includes/x.html": "inc",
        "_posts/part.txt": "rel",
        "_layouts/post.html": "{{ content }}",
        "_sass/_p.scss": "a{b:c}",
        "css/s.scss": '---\n---\n@import "p";\n',
        "_data/d.yml": "k: v\n",
    }
    folder = tmp_path_factory.mktemp("site")
    site = write_files(folder / "site", {**files, name: data})
    result = build(site, destination=folder / "out", jobs=1)
    # Words, not markup: an include whose bytes hold a blank line (`\n\r`) splits the
    # paragraph, as Liquid-then-Markdown does in Jekyll too.
    words = re.sub(r"\s+", " ", re.sub(r"<[^>]*>", " ", _body(folder / "out/2024/01/01/p.html")))
    assert re.search(r"(^| )a( .*)? b( .*)? c( |$)", words), words
    if name in _INCLUDED and not is_utf8(data):
        named = [d for d in result.diagnostics if f"'{name}' is not UTF-8" in d.message]
        assert len(named) == 1 and named[0].path == site / "_posts/2024-01-01-p.md", result.diagnostics


def test_an_include_that_cannot_be_read_is_named_not_reported_missing(world_readable_tmp: Path) -> None:
    site = write_files(
        world_readable_tmp / "site",
        {
            "_config.yml": "title: T\n",
            "_posts/2024-01-01-p.md": "---\ntitle: Tt\n---\na {% include x.html %} b\n",
        },
    )
    build(site, destination=world_readable_tmp / "out")  # imports every module while it may
    write_files(site, {"_includes/x.html": "inc"})
    for path in (
        site,
        world_readable_tmp / "out",
        *site.rglob("*"),
        *(world_readable_tmp / "out").rglob("*"),
    ):
        path.chmod(0o777 if path.is_dir() else 0o666)
    (site / "_includes/x.html").chmod(0)

    def check() -> None:
        result = build(site, destination=world_readable_tmp / "out")
        messages = [d.message for d in result.diagnostics]
        assert any("'_includes/x.html' cannot be read (Permission denied)" in m for m in messages), messages

    run_unprivileged(check)
