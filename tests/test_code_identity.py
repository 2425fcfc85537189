"""The build cache names the code that filled it by the code's bytes, not its release
number: a loader fixed under the same number (a checkout, a fix installed again) kept
serving posts loaded under the old rule, so a rebuild differed from a clean build."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import sitegen
from sitegen.incremental import loading
from sitegen.incremental.code_identity import package_identity
from tests.conftest import CONFIG, build, post, write_files

PACKAGE = Path(sitegen.__file__).resolve().parent
MODULES = sorted(path.relative_to(PACKAGE).as_posix() for path in PACKAGE.rglob("*.py"))


@settings(max_examples=20, deadline=None)
@given(module=st.sampled_from(MODULES), edit=st.binary(min_size=1, max_size=8), at=st.floats(0, 1))
def test_any_edit_of_any_module_changes_the_identity_and_a_new_stamp_does_not(
    module: str, edit: bytes, at: float
) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        package = Path(scratch) / "sitegen"
        shutil.copytree(PACKAGE, package, ignore=shutil.ignore_patterns("__pycache__"))
        before = package_identity(package)
        target = package / module
        text = target.read_bytes()
        os.utime(target, ns=(1, 1))  # a fresh install of the same code: new stamps
        package_identity.cache_clear()
        assert package_identity(package) == before
        cut = int(len(text) * at)
        target.write_bytes(text[:cut] + edit + text[cut:])
        package_identity.cache_clear()
        assert package_identity(package) != before
        package_identity.cache_clear()


def test_a_change_of_the_code_loads_every_post_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The load cache's key holds the code's identity: the same code hits, other code
    (simulated: another identity) misses for every post."""
    site = write_files(
        tmp_path / "site",
        {
            "_config.yml": CONFIG,
            "content/_posts/2022-05-27-a.md": post("第一篇"),
            "content/_posts/2022-05-28-b.md": post("第二篇", date="2022-05-28 09:00:00 +0800"),
        },
    )
    build(site)
    (site / "_config.yml").write_text(CONFIG + "description: 改过\n", encoding="utf-8")
    assert build(site).sources_from_cache == 2
    monkeypatch.setattr(loading, "code_identity", lambda: "0.1.0+another")
    (site / "_config.yml").write_text(CONFIG + "description: 又改过\n", encoding="utf-8")
    assert build(site).sources_from_cache == 0
