"""Lines that hold only spaces (two spaces, a tab, U+00A0, U+3000) before a file's
opening `---` are read as empty lines are: Jekyll's front-matter test needs `---` at the
very start (`Utils#has_yaml_header?`), so to Jekyll neither kind of line leaves front
matter. A post is warned and keeps Jekyll's URL as a redirect; a page, which Jekyll
copies as a static file, is warned naming the file and line (compared with Jekyll)."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.content.front_matter import has_front_matter, parse_source
from tests.conftest import build, files_below, jekyll_build_many, write_files

_LINE = st.text(alphabet=" \t\u00a0\u3000\u2003", max_size=3).map(lambda text: text + "\n")
_DOCUMENT = "---\ntitle: 标题\ncategories: news\n---\n正文\n"


@settings(max_examples=40)
@given(st.lists(_LINE, max_size=4))
def test_a_line_of_spaces_before_front_matter_is_an_empty_line(lines: list[str]) -> None:
    spaced = parse_source("".join(lines) + _DOCUMENT, Path("p.md"))
    empty = parse_source("\n" * len(lines) + _DOCUMENT, Path("p.md"))
    assert spaced == empty
    assert spaced.leading_blank_lines == len(lines) and spaced.front_matter == {
        "title": "标题",
        "categories": "news",
    }
    assert has_front_matter("".join(lines) + _DOCUMENT)


_PREFIXES = {"spaces": "  \n", "tab": "\t\n", "nbsp": "\u00a0\n", "ideographic": "\u3000\n", "empty": "\n"}


def test_each_kind_is_warned_and_jekylls_url_still_opens(tmp_path: Path) -> None:
    site = tmp_path / "site"
    files = {"_config.yml": "title: t\n"}
    for number, (kind, prefix) in enumerate(_PREFIXES.items(), start=1):
        files[f"_posts/2022-06-0{number}-{kind}.md"] = (
            f"{prefix}---\ntitle: {kind}\ncategories: news\n---\n正文\n"
        )
        files[f"{kind}.md"] = f"{prefix}---\ntitle: {kind}\n---\n页面\n"
    write_files(site, files)
    jekyll_build_many([site])
    jekyll = files_below(site / "_jekyll")
    result = build(site)
    ours = files_below(site / "_site")
    messages = {
        str(d.path.name): d for d in result.diagnostics if d.path is not None and "blank line" in d.message
    }
    for number, kind in enumerate(_PREFIXES, start=1):
        jekyll_post = f"2022/06/0{number}/{kind}.html"
        assert jekyll_post in jekyll  # Jekyll sees no front matter: no category in the URL
        assert jekyll_post in ours  # a redirect there, to where sitegen publishes the post
        assert f"news/2022/06/0{number}/{kind}.html" in ours
        assert f"2022-06-0{number}-{kind}.md" in messages
        assert f"{kind}.md" in jekyll  # Jekyll copies the page as it is
        page_warning = messages[f"{kind}.md"]
        assert page_warning.line == 1 and f"/{kind}.md" in page_warning.message


_YAML_TEXT = st.text(alphabet="ab: -[]{}'\"\t\n#&*!|>%@`\x0c", max_size=30)


@settings(max_examples=60)
@given(lines=st.lists(_LINE, min_size=1, max_size=3), yaml_text=_YAML_TEXT)
def test_front_matter_after_blank_lines_never_loses_the_file(lines: list[str], yaml_text: str) -> None:
    """Jekyll reads no front matter after blank lines and publishes the whole file; where
    sitegen's reading of it fails (invalid YAML, not a mapping, a control character), the
    post was an error and not published. Now the whole file is the body, with a warning."""
    text = "".join(lines) + f"---\n{yaml_text}\n---\n正文\n"
    document = parse_source(text, Path("p.md"))  # never raises
    if document.front_matter is None:
        assert document.body == text
        (warning,) = document.warnings
        assert warning.message.endswith("the whole file is the body, as in Jekyll")


_BAD_YAML = {
    "flow": "title: [bad\n",
    "list": "- a\n- b\n",
    "tab": "title: a\n\tb: c\n",
    # Valid YAML whose values sitegen cannot use: Jekyll never reads them either.
    "date": "title: x\ndate: 2022-02-32\n",
    "categories": "title: x\ncategories: {a: 1}\n",
    "permalink": "title: x\npermalink: [a]\n",
}


def test_posts_whose_front_matter_after_blank_lines_is_unreadable_are_where_jekyll_puts_them(
    tmp_path: Path,
) -> None:
    site = tmp_path / "site"
    files = {"_config.yml": "title: t\n"}
    for number, (kind, yaml_text) in enumerate(_BAD_YAML.items(), start=1):
        files[f"_posts/2022-07-{number:02d}-{kind}.md"] = f"\n---\n{yaml_text}---\n正文{kind}\n"
    write_files(site, files)
    jekyll_build_many([site])
    jekyll = files_below(site / "_jekyll")
    result = build(site)
    assert result.errors == ()
    for number, kind in enumerate(_BAD_YAML, start=1):
        url = f"2022/07/{number:02d}/{kind}.html"
        assert url in jekyll
        assert f"正文{kind}" in (site / "_site" / url).read_text(encoding="utf-8")
        assert any(
            d.path is not None and d.path.name == f"2022-07-{number:02d}-{kind}.md" for d in result.warnings
        )
