"""A surrogate escape in front matter keeps the post: `"\\ud83d\\ude00"` (a pair, what
`json.dumps` writes for an emoji) is the emoji and a lone `"\\ud800"` is U+FFFD, as the
README promises, in front matter and in any YAML read (`_config.yml`, `_data`). libyaml
refused the whole text and the post was left out. (Psych refuses both too; Jekyll then
publishes the post without its front matter, its title and date lost.)"""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from sitegen.content.front_matter import parse_source
from sitegen.jekyll.yaml_reader import load_yaml
from tests.conftest import SiteFactory, build

#: Text with surrogates often, alone, in pairs and in reversed pairs, among characters of
#: every width (`json.dumps` escapes each as `\\uXXXX`, an emoji as a pair).
_TEXT = st.text(
    st.one_of(
        st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF, exclude_categories=()),
        st.sampled_from(("a", " ", "é", "新", "\U0001f600", "\U00010000", "\\", '"', "\t")),
    ),
    max_size=10,
)


def _expected(text: str) -> str:
    """JSON's reading of the escapes (a pair is its character), each surrogate left alone
    as U+FFFD."""
    read = json.loads(json.dumps(text))
    return "".join("\ufffd" if 0xD800 <= ord(c) <= 0xDFFF else c for c in read)


@given(titles=st.lists(_TEXT, min_size=1, max_size=4))
def test_surrogate_escapes_are_read_as_the_readme_says(titles: list[str]) -> None:
    yaml_text = "".join(f"t{index}: {json.dumps(title)}\n" for index, title in enumerate(titles))
    assert load_yaml(yaml_text) == {f"t{index}": _expected(title) for index, title in enumerate(titles)}
    document = parse_source(f"---\n{yaml_text}list: [{json.dumps(titles[0])}]\n---\nbody\n", Path("p.md"))
    assert document.front_matter is not None
    assert document.front_matter["list"] == [_expected(titles[0])]


def test_a_surrogate_escape_keeps_the_post(make_site: SiteFactory) -> None:
    site = make_site(
        {
            "_config.yml": 'title: T\nurl: "https://ex.com"\n',
            "_posts/2024-01-01-lone.md": '---\ntitle: "a \\ud800 b"\n---\nbody\n',
            "_posts/2024-01-02-pair.md": '---\ntitle: "smile \\ud83d\\ude00"\n---\nbody\n',
            "_posts/2024-01-03-escaped.md": '---\ntitle: "kept \\\\ud800"\n---\nbody\n',
        }
    )
    result = build(site)
    assert not [d for d in result.diagnostics if "YAML" in d.message]
    out = result.destination
    assert "<title>a \ufffd b" in (out / "2024/01/01/lone.html").read_text(encoding="utf-8")
    assert "<title>smile \U0001f600" in (out / "2024/01/02/pair.html").read_text(encoding="utf-8")
    assert "<title>kept \\ud800" in (out / "2024/01/03/escaped.html").read_text(encoding="utf-8")
