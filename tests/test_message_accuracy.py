"""Messages that said the wrong thing: a post saved as UTF-16 was "binary", a config
in `_config.toml` was called `_config.yml`, and `sitegen init` on a file said the
"folder" was not empty."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sitegen.content.front_matter import decode_source
from sitegen.errors import ContentError
from tests.conftest import build, sitegen_main, write_files


@given(st.sampled_from(["utf-16", "utf-32", "utf-16-be", "utf-32-be"]), st.text(max_size=20))
def test_a_post_saved_as_utf16_or_utf32_is_told_to_be_saved_as_utf8(encoding: str, body: str) -> None:
    mark = {"utf-16-be": b"\xfe\xff", "utf-32-be": b"\x00\x00\xfe\xff"}.get(encoding, b"")
    data = mark + f"---\ntitle: a\n---\n{body}\n".encode(encoding, "surrogatepass")
    with pytest.raises(ContentError, match="UTF-16 or UTF-32 text; save the file as UTF-8"):
        decode_source(data, Path("_posts/2022-12-01-a.md"))


def test_the_no_url_warning_names_the_config_file_the_site_has(tmp_path: Path) -> None:
    site = write_files(
        tmp_path / "site", {"_config.toml": 'title = "T"\n', "_posts/2022-12-01-a.md": "---\n---\nx\n"}
    )
    result = build(site, destination=tmp_path / "out", cache=False)
    (said,) = [d.message for d in result.diagnostics if "no 'url'" in d.message]
    assert said.startswith("no 'url' in _config.toml:"), said


def test_init_on_a_file_says_it_is_no_folder(tmp_path: Path) -> None:
    target = tmp_path / "afile"
    target.write_text("x", encoding="utf-8")
    code, _, err = sitegen_main("init", str(target))
    assert code == 2 and "exists and is not a folder" in err and "not empty" not in err, err
    assert target.read_text(encoding="utf-8") == "x"
