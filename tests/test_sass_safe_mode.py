"""With `safe: true` no Sass `@import` reads a file outside the site folder.

Jekyll's safe mode keeps the converter's load paths inside the site (`sass_load_paths`
sanitizes them), but libsass itself read an absolute or `../` import from anywhere: a
hostile stylesheet published another file's rules, or printed the start of any readable
file (`@import "/etc/passwd"`) into the build's error line, and so into a public CI log.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import build, write_files

SECRET = "secret-rule { leaked: yes }\n"

#: How a stylesheet in `css/` may name the file beside the site (`outer/outside.scss`).
_WAYS = st.sampled_from(
    ["{outer}/outside", "{outer}/outside.scss", "../outside", "../outside.scss", "/{outer}/x/../outside"]
)


@settings(max_examples=20, deadline=None)
@given(way=_WAYS, load_path=st.booleans(), safe=st.booleans())
def test_safe_mode_imports_nothing_outside_the_site(way: str, load_path: bool, safe: bool) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        outer = Path(scratch).resolve()
        (outer / "outside.scss").write_text(SECRET, encoding="utf-8")
        config = "title: t\n" + ("safe: true\n" if safe else "")
        importing = way.format(outer=outer).replace("//", "/")
        if load_path:  # the folder as a load path, the import by name
            config += f"sass:\n  load_paths: [{outer}]\n"
            importing = "outside"
        site = write_files(
            outer / "site",
            {"_config.yml": config, "css/a.scss": f'---\n---\n@import "{importing}";\nb {{ c: d }}\n',
             "css/in.scss": '---\n---\n@import "part";\n', "_sass/_part.scss": "e { f: g }\n"},
        )  # fmt: skip
        result = build(site, destination=outer / "out", cache=False)
        css = outer / "out/css/a.css"
        said = " ".join(d.message for d in result.diagnostics)
        assert (outer / "out/css/in.css").read_text(encoding="utf-8").strip() == "e { f: g; }"
        if safe:
            assert not css.exists() and "leaked" not in said, said
            assert "nothing outside the site folder is imported" in said, said
        else:  # as in Jekyll: read where the import leads
            assert "leaked: yes" in css.read_text(encoding="utf-8"), said
