"""A page whose front matter is no YAML Psych reads.

Jekyll's `Convertible#read_yaml` (jekyll/lib/jekyll/convertible.rb) warns ("YAML
Exception reading …") and publishes the page anyway: its body, cut after the front
matter, with no data of its own (no layout, title or permalink; `defaults:` still
apply). sitegen left such a page out with an error. Checked against Jekyll on generated
pages: the same files at the same paths, and one warning naming each page and a line of
its front matter.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import built_by_both, write_files

CONFIG = "title: T\ndefaults:\n  - scope: {path: ''}\n    values: {layout: null}\n"
#: Front matter lines Psych refuses, each alone enough to fail the whole block.
BROKEN = (
    "title: [unclosed\n",
    "a: b: c\n",
    'title: "open\n',
    "tags: {a: 1\n",
    "key: 1\n key2: 2\n",
    "\tindented: tab\n",
    "a: @b\n",
)
#: Front matter lines Jekyll never reads from a page whose YAML fails (`{n}`: the page's
#: number, so two pages whose YAML reads never claim one URL, which sitegen refuses).
OWN = ("", "permalink: /moved{n}/\n", "published: false\n", "title: Own\n")


@settings(max_examples=12, deadline=None)
@given(
    pages=st.lists(
        st.tuples(st.sampled_from(OWN), st.sampled_from((None, *BROKEN)), st.sampled_from((".md", ".html"))),
        min_size=1,
        max_size=5,
    )
)
def test_a_page_with_yaml_jekyll_cannot_read_is_published_as_jekyll_publishes_it(
    tmp_path_factory: pytest.TempPathFactory, pages: list[tuple[str, str | None, str]]
) -> None:
    root = tmp_path_factory.mktemp("yaml")
    files = {"_config.yml": CONFIG}
    broken = {}
    for n, (own, fault, suffix) in enumerate(pages, start=1):
        name = f"{'sub/' if n % 2 else ''}p{n}{suffix}"
        files[name] = f"---\n{own.format(n=n)}{fault or ''}---\nPAGE{n}\n"
        if fault is not None:
            broken[name] = files[name].count("\n", 0, files[name].index("---\nPAGE")) + 1
    site = write_files(root / "site", files)
    (both,) = built_by_both([site])
    result = both.result
    assert both.sitegen == both.jekyll
    assert not result.errors, [str(e) for e in result.errors]
    said = {
        d.path.relative_to(site).as_posix(): d.line
        for d in result.warnings
        if d.path is not None and "without this front matter" in d.message
    }
    assert set(said) == set(broken)
    assert all(line is not None and 1 < line < broken[name] for name, line in said.items()), said
