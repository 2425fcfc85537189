"""The settings file is the one Jekyll reads: `_config.yml`, else `_config.yaml`, else
`_config.toml` (Jekyll 4.3, `Configuration#config_files`, is the reference)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from sitegen.config import load_config
from sitegen.jekyll.config_file import CONFIG_FILE_NAMES
from tests.conftest import build, files_below, jekyll_build, sitegen_main, write_files

_POST = "---\ntitle: P\n---\nx\n"
_SETTINGS = {
    "_config.yml": "title: yml\npermalink: /yml/:title/\n",
    "_config.yaml": "title: yaml\npermalink: /yaml/:title/\n",
    "_config.toml": 'title = "toml"\npermalink = "/toml/:title/"\n',
}


@given(st.sets(st.sampled_from(CONFIG_FILE_NAMES), min_size=1))
def test_the_first_of_yml_yaml_toml_is_read(present: set[str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        site = write_files(Path(folder), {name: _SETTINGS[name] for name in present})
        chosen = next(name for name in CONFIG_FILE_NAMES if name in present)
        assert load_config(site).title == chosen.removeprefix("_config.")


def test_posts_are_published_where_jekyll_publishes_them(tmp_path: Path) -> None:
    for present in (("_config.yaml",), ("_config.yml", "_config.yaml"), ("_config.toml",)):
        name = "-".join(present)
        files: dict[str, str | bytes] = {n: _SETTINGS[n] for n in present}
        site = write_files(tmp_path / name / "site", {**files, "_posts/2020-01-01-p.md": _POST})
        jekyll_build(site, tmp_path / name / "jekyll")
        result = build(site, destination=tmp_path / name / "sitegen", cache=False)
        assert not result.errors
        jekyll = files_below(tmp_path / name / "jekyll", "*.html")
        assert len(jekyll) == 1
        assert jekyll <= files_below(tmp_path / name / "sitegen", "*.html")


def test_a_broken_toml_file_is_one_error_naming_its_line(tmp_path: Path) -> None:
    site = write_files(tmp_path / "site", {"_config.toml": 'title = "t"\npermalink = \n'})
    code, out, err = sitegen_main("build", "-s", str(site), "-d", str(tmp_path / "out"))
    assert code != 0
    assert "_config.toml:2: not valid TOML" in out + err
    assert "Traceback" not in out + err
