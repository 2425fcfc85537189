"""An `_includes/` file may be a link: read as its target, as the scan reads every link
(`_includes/in.html -> ../parts/in.html` was "not found"), wherever it lies, as Jekyll
reads it (include.rb); in safe mode (`safe: true`) a link out of the site is one warning
saying so, as a link to nothing always is, never "not found" and never its text."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import CONFIG, build

KINDS = (
    "file",
    "link in _includes",
    "link elsewhere in the site",
    "folder linked from elsewhere in the site",
    "link out",
    "broken link",
    "link loop",
)


def _place(site: Path, outside: Path, name: str, kind: str) -> None:
    """`_includes/<name>.html` of `kind`, its text `TEXT-<name>` wherever it lies."""
    includes = site / "_includes"
    text = f"TEXT-{name}\n"
    if kind == "file":
        (includes / f"{name}.html").write_text(text)
    elif kind == "link in _includes":
        (includes / f"real-{name}.txt").write_text(text)
        (includes / f"{name}.html").symlink_to(f"real-{name}.txt")
    elif kind == "link elsewhere in the site":
        (site / "parts" / name).mkdir(parents=True)
        (site / "parts" / name / "x.html").write_text(text)
        (includes / f"{name}.html").symlink_to(Path("..", "parts", name, "x.html"))
    elif kind == "folder linked from elsewhere in the site":  # shared partials
        (site / "shared" / name).mkdir(parents=True)
        (site / "shared" / name / f"{name}.html").write_text(text)
        (includes / name).symlink_to(Path("..", "shared", name), target_is_directory=True)
    elif kind == "link out":
        (outside / f"{name}.html").write_text(text)
        (includes / f"{name}.html").symlink_to(outside / f"{name}.html")
    elif kind == "broken link":
        (includes / f"{name}.html").symlink_to("nowhere.html")
    else:
        (includes / f"{name}.html").symlink_to(f"{name}-back.html")
        (includes / f"{name}-back.html").symlink_to(f"{name}.html")


@settings(max_examples=25, deadline=None)
@given(st.lists(st.sampled_from(KINDS), min_size=1, max_size=5), st.booleans())
def test_each_kind_of_include_is_read_or_named(kinds: list[str], safe: bool) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        site, outside = Path(scratch, "site"), Path(scratch, "outside")
        (site / "_includes").mkdir(parents=True)
        (site / "_posts").mkdir()
        outside.mkdir()
        (site / "_config.yml").write_text(CONFIG + ("safe: true\n" if safe else ""))
        names = [f"i{index}" for index in range(len(kinds))]
        for name, kind in zip(names, kinds, strict=True):
            _place(site, outside, name, kind)
        includes = "".join(
            f"{{% include {name}/{name}.html %}}"
            if kind == "folder linked from elsewhere in the site"
            else f"{{% include {name}.html %}}"
            for name, kind in zip(names, kinds, strict=True)
        )
        includes += includes  # each twice on the line: one warning each all the same
        (site / "_posts" / "2022-05-27-a.md").write_text(f"---\ntitle: a\n---\n<p>{includes}</p>\n")

        result = build(site)

        page = next((site / "_site").rglob("a.html")).read_text(encoding="utf-8")
        warnings = [str(diagnostic) for diagnostic in result.diagnostics]
        for name, kind in zip(names, kinds, strict=True):
            said = [warning for warning in warnings if f"{name}.html'" in warning]
            if kind in ("broken link", "link loop") or (kind == "link out" and safe):
                assert f"TEXT-{name}" not in page
                expected = {"link out": "link to outside the site", "broken link": "broken link"}.get(
                    kind, "link loop"
                )
                assert len(said) == 1 and expected in said[0], warnings
            else:
                assert f"TEXT-{name}" in page, (kind, warnings)
                assert not said, warnings
        assert not any("not found" in warning for warning in warnings), warnings
        assert os.path.isdir(site / "_site")
