"""A `_data` folder or file the build may not read is an error line naming it, so
`--strict` publishes nothing: it was a warning, and pages reading `site.data` were
republished without the data. A data file whose name is not UTF-8 is one warning (it
was left out without a line; Jekyll stops the build on it)."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from sitegen.content.site_data import data_key, read_site_data
from sitegen.errors import Level
from tests.conftest import CONFIG, run_with_modes_applied, sitegen_main, write_files

_PARTS = ("_data", "_data/sub", "_data/d.yml", "_data/sub/e.json")


def test_every_unreadable_data_source_is_one_error_naming_it() -> None:
    """A property over which folder or file of `_data` the build may not read."""

    @given(part=st.sampled_from(_PARTS), mode=st.sampled_from([0o000, 0o600, 0o644]))
    def each(part: str, mode: int) -> None:
        site = Path(tempfile.mkdtemp(prefix="sitegen-test-"))
        try:
            write_files(site, {"_data/d.yml": "k: 1\n", "_data/sub/e.json": '{"j": 2}'})
            # A folder listed but not entered (600, 644) as one not listed at all (000).
            (site / part).chmod(mode if (site / part).is_dir() else 0)
            data, diagnostics = read_site_data((site / "_data",))
            errors = [d for d in diagnostics if d.level is Level.ERROR]
            assert [(d.path, d.level) for d in diagnostics] == [(site / part, Level.ERROR)], diagnostics
            assert "Permission denied" in errors[0].message
            if part != "_data":
                assert data  # the rest of the data is read
        finally:
            for path in (site / "_data", site / "_data/sub"):
                path.chmod(0o755)
            shutil.rmtree(site)

    run_with_modes_applied(each)


@given(name=st.binary(min_size=1, max_size=6).filter(lambda raw: b"/" not in raw and b"\0" not in raw))
def test_a_data_file_whose_name_is_not_utf8_is_one_warning(name: bytes) -> None:
    site = Path(tempfile.mkdtemp(prefix="sitegen-test-"))
    try:
        write_files(site, {"_data/ok.yml": "k: 1\n"})
        raw = name + b".yml"
        if raw.startswith((b".", b"_", b"#", b"~")) or raw == b"ok.yml":
            return
        with open(os.path.join(os.fsencode(site / "_data"), raw), "wb") as file:
            file.write(b"a: 1\n")
        data, diagnostics = read_site_data((site / "_data",))
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError:
            assert [d.message for d in diagnostics] == [
                "has a name that is not UTF-8 text; left out of site.data"
            ]
            assert os.fsencode(diagnostics[0].path).endswith(raw)
            assert data == {"ok": {"k": 1}}
        else:
            # A UTF-8 name is read, under the key Jekyll makes of it (`data_key`).
            assert not any("UTF-8" in d.message for d in diagnostics)
            assert data_key(raw.decode("utf-8").removesuffix(".yml")) in data
    finally:
        shutil.rmtree(site)


def test_an_unreadable_data_folder_fails_a_strict_build_and_reads_again_once_readable(tmp_path: Path) -> None:
    """The reported tree: `_data/` at mode 000 republished `about [VALUE]` as `about []`
    under a warning, `--strict` too (exit 0)."""

    def check() -> None:
        site = write_files(
            tmp_path / "s",
            {
                "_config.yml": CONFIG,
                "_data/d.yml": "k: VALUE\n",
                "about.md": "---\ntitle: About\nlayout: null\n---\nabout [{{ site.data.d.k }}]\n",
            },
        )
        destination = tmp_path / "out"
        code, _, err = sitegen_main("build", "-s", str(site), "-d", str(destination))
        assert code == 0 and "[VALUE]" in (destination / "about.html").read_text(), err
        (site / "_data").chmod(0)
        try:
            code, _, err = sitegen_main("build", "--strict", "-s", str(site), "-d", str(destination))
        finally:
            (site / "_data").chmod(0o755)
        errors = [line for line in err.splitlines() if line.startswith("error: ")]
        assert errors == [
            f"error: {site / '_data'}: cannot read this data source (Permission denied); "
            "site.data is built without it"
        ], err
        assert code == 1 and "[VALUE]" in (destination / "about.html").read_text()
        code, _, err = sitegen_main("build", "-s", str(site), "-d", str(destination))
        assert code == 0 and "[VALUE]" in (destination / "about.html").read_text(), err

    run_with_modes_applied(check)
