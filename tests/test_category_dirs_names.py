"""`category_dirs: true` redirects each category's folder URL (`/<category>/`) to its
listing. A category no folder can be named after (`.`, `..`, one over 255 bytes) has no
such URL: the build failed as a whole on `categories: .` (the URL `/./` refused), where
without `category_dirs` that post builds with a warning. Now it is one warning, and
`--strict` builds the site."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import CONFIG, build, post, write_files

ODD_NAMES = st.one_of(
    st.sampled_from([".", "..", "a/b", "a/../b", "./x", "x/.", " . ", "中" * 90, "a\\b", "~", "%2e"]),
    st.text(alphabet=st.sampled_from("./ a中\\%"), min_size=1, max_size=6),
)


@settings(max_examples=40, deadline=None)
@given(st.lists(ODD_NAMES, min_size=1, max_size=4))
def test_any_category_name_builds_with_category_dirs(names: list[str]) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        files = {"_config.yml": CONFIG + "category_dirs: true\n"}
        for index, name in enumerate(names):
            quoted = name.replace("\\", "\\\\").replace('"', '\\"')
            files[f"content/_posts/2022-05-{index + 10}-p{index}.md"] = post(
                f"第{index}篇", date=f"2022-05-{index + 10} 09:00:00 +0800", categories=f'"{quoted}"'
            )
        plain = write_files(Path(scratch) / "plain", files | {"_config.yml": CONFIG})
        site = write_files(Path(scratch) / "site", files)
        without = build(plain, strict=True)
        result = build(site, strict=True)
        # Whatever a name costs without `category_dirs` (a backslash is no URL), nothing more.
        assert [(e.message, e.path.name) for e in result.errors] == [
            (e.message, e.path.name) for e in without.errors
        ]
        assert (result.published, result.posts) == (without.published, without.posts)
