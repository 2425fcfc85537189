"""A settings or data file saved with a UTF-8 byte order mark: Jekyll reads only its
first key (Psych), so a site moving over is told once, naming the file, why sitegen
(which reads every key) builds it otherwise. It was read without a word."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import build, jekyll_build, write_files

KEYS = st.lists(
    st.sampled_from(["title", "url", "permalink", "author", "lang", "x_own"]), unique=True, max_size=4
)


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(keys=KEYS, bom=st.booleans(), data_bom=st.booleans())
def test_a_byte_order_mark_before_several_keys_is_one_warning_per_file(
    tmp_path_factory: pytest.TempPathFactory, keys: list[str], bom: bool, data_bom: bool
) -> None:
    values = {
        "title": "T",
        "url": "https://ex.com",
        "permalink": "/:title/",
        "author": "A",
        "lang": "zh",
        "x_own": "1",
    }
    text = "".join(f"{key}: {values[key]}\n" for key in keys) or "{}\n"
    site = tmp_path_factory.mktemp("site")
    (site / "_config.yml").write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode())
    (site / "_data").mkdir()
    (site / "_data" / "d.yml").write_bytes((b"\xef\xbb\xbf" if data_bom else b"") + b"a: 1\nb: 2\n")
    write_files(site, {"x.html": "---\n---\n{{ site.data.d.b }}\n"})
    result = build(site, destination=site / "_site")
    said = {note.path.name for note in result.diagnostics if "byte order mark" in note.message and note.path}
    expected = {"_config.yml"} if bom and len(keys) > 1 else set()
    assert said == expected | ({"d.yml"} if data_bom else set())


def test_jekyll_reads_only_the_first_key_after_the_mark(tmp_path: Path) -> None:
    """What the warning says of Jekyll, checked against it."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "_config.yml").write_bytes(b"\xef\xbb\xbftitle: B\npermalink: /:title/\nfoo: bar\n")
    write_files(site, {"x.html": "---\nlayout: null\n---\nT={{ site.title }} F={{ site.foo }}\n"})
    jekyll_build(site, tmp_path / "jekyll")
    assert (tmp_path / "jekyll" / "x.html").read_text(encoding="utf-8").strip() == "T=B F="
