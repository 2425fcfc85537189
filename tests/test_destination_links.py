"""Links and the destination: a first build and a rebuild agree on what they refuse.

A link reads one file (its folder is no source), a linked folder is walked (a
destination inside it would be read as sources), and a link into the destination is
refused even while it still leads nowhere; a link to the destination itself is the
output, skipped.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import sitegen_main, write_files


@pytest.mark.parametrize(
    ("link", "target_text"),
    [
        ("assets/logo.txt", "logo\n"),
        ("_posts/2022-05-02-b.md", "---\ntitle: b\n---\nb\n"),
        ("b.md", "---\ntitle: b\n---\nb\n"),
    ],
)
def test_a_destination_inside_the_folder_a_linked_source_leads_to_is_no_threat(
    tmp_path: Path, link: str, target_text: str
) -> None:
    """`assets/logo.txt -> /srv/shared/logo.txt` reads that one file, not its folder: a
    first build into `/srv/shared/public` replaces nothing the build reads. It was
    refused there ("inside …, which holds source files") where a rebuild into such a
    folder made before the link was not: a clean build and a rebuild must agree."""
    outer = tmp_path / "outer"
    write_files(outer, {"shared/target": target_text})
    files = {"_config.yml": "title: t\n", "_posts/2022-05-01-a.md": "---\n---\nx\n"}
    site = write_files(outer / "site", files)
    (site / link).parent.mkdir(parents=True, exist_ok=True)
    (site / link).symlink_to(outer / "shared" / "target")
    for fresh in ("public", "public-2"):
        for _ in range(2):  # the first build there, then a rebuild
            code, _, errors = sitegen_main("build", "-s", str(site), "-d", str(outer / "shared" / fresh))
            assert code == 0 and "holds source files" not in errors, errors
    assert (outer / "shared" / "target").read_text(encoding="utf-8") == target_text
    # That folder itself is refused: publishing would replace the file the link leads to.
    code, _, errors = sitegen_main("build", "-s", str(site), "-d", str(outer / "shared"), "--force")
    assert code != 0 and "which holds source files" in errors, errors
    assert (outer / "shared" / "target").read_text(encoding="utf-8") == target_text


@pytest.mark.parametrize("under", ["", "sub/"])
def test_a_destination_inside_a_linked_source_folder_is_refused_on_a_rebuild_too(
    tmp_path: Path, under: str
) -> None:
    """`content/shared -> /srv/shared` makes the scan walk `/srv/shared`, so a destination
    inside it would be read as sources. A first build there was refused only when a
    source lay directly in that folder, and a rebuild into such a destination made before
    the link went ahead: every build now refuses it, and nothing there is touched."""
    outer = tmp_path / "outer"
    write_files(outer, {f"shared/{under}a.txt": "hi\n"})
    site = write_files(
        outer / "site", {"_config.yml": "title: t\n", "_posts/2022-05-01-a.md": "---\n---\nx\n"}
    )
    made_before = outer / "shared" / "public"
    assert sitegen_main("build", "-s", str(site), "-d", str(made_before))[0] == 0
    (site / "shared").symlink_to(outer / "shared")
    for destination in (made_before, outer / "shared" / "fresh"):
        code, _, errors = sitegen_main("build", "-s", str(site), "-d", str(destination))
        assert code != 0 and "which holds source files" in errors, errors
    assert (outer / "shared" / under / "a.txt").read_text(encoding="utf-8") == "hi\n"
    assert not (outer / "shared" / "fresh").exists()
    assert sitegen_main("build", "-s", str(site))[0] == 0  # the default destination is fine


@pytest.mark.parametrize("link", ["r.txt", "assets/y.css", "_posts/2022-05-02-b.md"])
def test_a_link_into_the_destination_is_refused_before_its_target_exists_too(
    tmp_path: Path, link: str
) -> None:
    """A link leading to a file the build will publish (`r.txt -> <destination>/robots.txt`)
    dangled on the first build, which skipped it with a warning and published; every
    later build found it a source inside the destination and was refused. Every build
    now refuses it, the first one too, and nothing is published."""
    site = write_files(
        tmp_path / "site", {"_config.yml": "title: t\n", "_posts/2022-05-01-a.md": "---\n---\nx\n"}
    )
    destination = tmp_path / "out" / "public"
    (site / link).parent.mkdir(parents=True, exist_ok=True)
    (site / link).symlink_to(destination / "robots.txt")
    for _ in range(2):
        code, _, errors = sitegen_main("build", "-s", str(site), "-d", str(destination))
        assert code != 0 and "leads into the destination" in errors, errors
        assert not destination.exists()
    (site / link).unlink()
    assert sitegen_main("build", "-s", str(site), "-d", str(destination))[0] == 0
    (site / link).symlink_to(destination / "robots.txt")  # made after: refused as ever
    code, _, errors = sitegen_main("build", "-s", str(site), "-d", str(destination))
    assert code != 0 and "the destination" in errors, errors


def test_a_link_to_the_destination_itself_is_skipped_before_and_after_it_exists(tmp_path: Path) -> None:
    """`preview -> ../_site` is the output, never read: skipped on the first build (it
    leads nowhere yet) and on every later one, never refused."""
    site = write_files(
        tmp_path / "site", {"_config.yml": "title: t\n", "_posts/2022-05-01-a.md": "---\n---\nx\n"}
    )
    (site / "preview").symlink_to("_site", target_is_directory=True)
    for _ in range(2):
        code, _, errors = sitegen_main("build", "-s", str(site))
        assert code == 0, errors
    assert not (site / "_site" / "preview").exists()
