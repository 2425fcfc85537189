"""A partial the theme's templates include is a dependency of every page it renders,
whatever its name: one not compiled up front (`.css`, `.svg`, `.inc`, no extension, or
any partial behind a folder link, which Jinja's listing does not follow) was recorded as
absent, so from its second edit on no rebuild saw it change, in `sitegen build` and in
the dev server alike, and every post page stayed stale."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.theme import default_theme_dir
from tests.conftest import CONFIG, build, post, tree_bytes, write_files

_NAMES = ("_part.css", "_part.svg", "_part.inc", "_part", "_part.html")


def _site(root: Path, partial: str, linked: bool, text: str) -> Path:
    theme_post = (default_theme_dir() / "post.html").read_text(encoding="utf-8")
    included = f"parts/{partial}" if linked else partial
    style = f'<style>{{% include "{included}" %}}</style>'
    post_template = theme_post.replace("</article>", style + "</article>", 1)
    assert post_template != theme_post
    site = write_files(
        root / "site",
        {
            "_config.yml": CONFIG,
            "content/_posts/2022-05-27-a.md": post("甲", "2022-05-27 10:00:00 +0800"),
            "templates/post.html": post_template,
        },
    )
    if linked:
        write_files(root / "shared", {partial: text})
        (site / "templates/parts").symlink_to(root / "shared", target_is_directory=True)
    else:
        write_files(site / "templates", {partial: text})
    return site


@settings(max_examples=10)
@given(
    partial=st.sampled_from(_NAMES),
    linked=st.booleans(),
    texts=st.lists(
        st.sampled_from(["b{color:red}", "b{color:blue}", "b{color:green}", "i{}"]), min_size=2, max_size=4
    ),
)
def test_every_edit_of_any_partial_is_published(partial: str, linked: bool, texts: list[str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        site = _site(root, partial, linked, texts[0])
        build(site, destination=root / "out")
        edited = (root / "shared" if linked else site / "templates") / partial
        for text in texts[1:]:
            edited.write_text(text, encoding="utf-8")
            build(site, destination=root / "out")
            shutil.rmtree(root / "clean", ignore_errors=True)
            build(site, destination=root / "clean", cache=False)
            published = tree_bytes(root / "out")
            assert published == tree_bytes(root / "clean"), (partial, linked, text)
            assert any(text.encode() in content for content in published.values())
