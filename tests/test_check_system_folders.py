"""`sitegen check` refuses the folders `sitegen build` refuses as a destination: with
`destination: /` it walked the whole file system and ended on a permission error."""

from __future__ import annotations

import pwd
from pathlib import Path

import pytest

from tests.conftest import sitegen_main, write_files


@pytest.mark.parametrize("setting", ["/", "/.", "//", "/tmp/.."])
def test_check_refuses_the_file_system_root_as_the_built_site(tmp_path: Path, setting: str) -> None:
    site = write_files(tmp_path / "site", {"_config.yml": f"title: T\ndestination: {setting}\n"})
    code, out, err = sitegen_main("check", "-s", str(site))
    assert code == 2 and out == "", err  # refused before checking: as a bad setting
    assert len(err.splitlines()) == 1, err
    assert err.startswith("error: ") and err.rstrip().endswith(
        "refusing to use the file-system root as the destination"
    )


def test_check_refuses_a_folder_holding_the_home_folder(tmp_path: Path) -> None:
    code, _, err = sitegen_main("check", str(Path.home()))
    assert code == 2
    assert "a home folder, or a folder containing it" in err and "Traceback" not in err, err
    assert len(err.splitlines()) == 1, err  # the refusal alone, no note about its settings


def test_a_home_folder_that_does_not_exist_is_no_reason_to_refuse(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`nobody`'s home is `/nonexistent`: checking a folder that does not exist said it
    was refused as a home folder, where the fault is that no site was built there."""
    missing = tmp_path / "nonexistent"
    account = pwd.struct_passwd(("nobody", "x", 65534, 65534, "nobody", str(missing), "/usr/sbin/nologin"))
    monkeypatch.setattr(pwd, "getpwall", lambda: [account])
    code, _, err = sitegen_main("check", str(missing))
    assert code == 2 and "home folder" not in err, err
    assert "no built site here" in err, err
