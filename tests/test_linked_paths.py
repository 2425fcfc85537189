"""The user's own way to the site and to the destination may go through links
(`-s releases/current`, `-d public/_site` with `public` a link to a mounted disk): the
build follows them. Only below the destination, in the tree sitegen writes, is a link
never followed (`tests/test_publish_safety.py`)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import CONFIG, build, post, tree_bytes, write_files

LINKED = st.lists(st.booleans(), min_size=3, max_size=3)


def _way(base: Path, name: str, linked: list[bool]) -> Path:
    """A folder reached as `base/NAME/a/b/c`, where each level `linked` says is a link
    to a real folder elsewhere in `base` (`a -> ../store-NAME-a`), the levels below it
    made in there."""
    current = base / name
    current.mkdir()
    for level, is_link in zip("abc", linked, strict=True):
        if is_link:
            store = base / f"store-{name}-{level}"
            store.mkdir()
            (current / level).symlink_to(store, target_is_directory=True)
        else:
            (current / level).mkdir()
        current = current / level
    return current


@settings(deadline=None, max_examples=30)
@given(LINKED, LINKED)
def test_a_site_and_a_destination_reached_through_links_build_and_rebuild(
    source_links: list[bool], destination_links: list[bool]
) -> None:
    """`cannot make the destination: Not a directory` was every build whose destination's
    folder was a link (as it is for a site reached through one, `_site` inside it); a
    rebuild keeps the files that did not change, and equals a clean build."""
    with tempfile.TemporaryDirectory() as scratch:
        base = Path(scratch)
        site = _way(base, "site", source_links)
        destination = _way(base, "out", destination_links) / "_site"
        write_files(site, {"_config.yml": CONFIG, "content/_posts/2022-05-27-a.md": post("甲")})

        first = build(site, destination=destination)
        assert not first.diagnostics and first.published
        assert (destination / "xinjingbao/2022/05/27/a.html").is_file()

        write_files(site, {"content/_posts/2022-05-28-b.md": post("乙", date="2022-05-28 10:00:00 +0800")})
        again = build(site, destination=destination)
        assert not again.diagnostics
        assert again.files_unchanged > 0

        clean = build(site, destination=base / "clean" / "_site", cache_dir=base / "clean-cache")
        assert tree_bytes(destination) == tree_bytes(clean.destination)
