"""A destination in a folder this user may not write in.

- Not there yet: it cannot be made, and that is said before anything is built, naming
  the folder that refuses (it was said once every page was rendered, as "cannot make
  the staging folder: Permission denied", naming neither).
- There already, and this user's (`/var/www/html` below root's `/var/www`, the usual
  web server layout): it is published, journaled inside it, as a mount point is (by the
  dev server, replaced in place). Every publish failed, since a swap needs a staging
  folder beside the destination.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import (
    CONFIG,
    build,
    generated_posts,
    post,
    run_with_modes_applied,
    sitegen_main,
    tree_bytes,
    write_files,
)

ONE_POST = {"_config.yml": CONFIG, "content/_posts/2022-05-27-a.md": post("甲")}


@given(missing=st.lists(st.sampled_from(["out", "站点", "a b"]), min_size=1, max_size=3))
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=10)
def test_a_destination_that_cannot_be_made_is_said_before_building(
    tmp_path_factory: pytest.TempPathFactory, missing: list[str]
) -> None:
    root = tmp_path_factory.mktemp("rights")
    site = write_files(root / "site", ONE_POST)
    locked = root / "locked"
    locked.mkdir(mode=0o555)
    wanted = locked.joinpath(*missing)

    def check() -> None:
        code, stdout, stderr = sitegen_main("build", "-s", str(site), "-d", str(wanted))
        assert code == 2 and "Traceback" not in stderr  # refused before building: as a bad setting
        errors = [line for line in stderr.splitlines() if line.startswith("error:")]
        said = f"the destination cannot be made: this user may not write in {locked}"
        assert errors == [f"error: {wanted}: {said}"]
        assert "built" not in stdout
        # Refused before the build began: no cache made, nothing loaded or rendered.
        assert not (site / ".sitegen-cache").exists()

    run_with_modes_applied(check)
    assert list(locked.iterdir()) == []


@given(
    first=st.integers(min_value=1, max_value=6),
    then=st.lists(st.sampled_from(["edit", "add one", "add many", "delete"]), min_size=1, max_size=3),
    built_before=st.booleans(),
    served=st.booleans(),
)
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=8)
def test_a_destination_in_a_folder_this_user_may_not_write_in_is_published(
    tmp_path_factory: pytest.TempPathFactory, first: int, then: list[str], built_before: bool, served: bool
) -> None:
    root = tmp_path_factory.mktemp("www")
    posted = generated_posts(first, month=5, categories=2, tags=2, body="<p>正文</p>\n")
    site = write_files(root / "site", {"_config.yml": CONFIG, **posted})
    html = root / "www" / "html"
    html.mkdir(parents=True)
    if built_before:  # a site published there while the folder above was still writable
        assert not build(site, destination=html).errors
    (root / "www").chmod(0o555)
    posts = site / "content" / "_posts"

    def change(step: int, kind: str) -> None:
        if kind == "edit":
            edited = sorted(posts.iterdir())[0]
            edited.write_text(edited.read_text("utf-8") + f"<p>改 {step}</p>\n", "utf-8")
        elif kind == "add one":
            (posts / f"2022-06-01-n{step}.md").write_text(post(f"新 {step}", "2022-06-01 10:00:00 +0800"))
        elif kind == "add many":
            for number in range(first + 3):
                (posts / f"2022-07-{number % 28 + 1:02d}-m{step}-{number}.md").write_text(
                    post(f"多 {step} {number}", f"2022-07-{number % 28 + 1:02d} 10:00:00 +0800"), "utf-8"
                )
        elif len(list(posts.iterdir())) > 1:  # "delete": never the last post, which "edit" needs
            sorted(posts.iterdir())[-1].unlink()

    def check() -> None:
        for step, kind in enumerate(["none", *then]):
            if step:
                change(step, kind)
            if served:  # as the dev server publishes each rebuild
                assert not build(site, destination=html, atomic_publish=False).errors
            else:
                code, stdout, stderr = sitegen_main("build", "-s", str(site), "-d", str(html))
                assert code == 0 and "error" not in stderr, stderr
                assert "published" in stdout or "nothing changed" in stdout, stdout
            clean = build(site, destination=root / f"clean{step}", cache=False)
            assert not clean.errors
            assert tree_bytes(html) == tree_bytes(root / f"clean{step}")

    try:
        run_with_modes_applied(check)
    finally:
        (root / "www").chmod(0o755)
    assert sorted(path.name for path in (root / "www").iterdir()) == ["html"]
