"""A permalink with an unknown placeholder is one error, found once, at load, and the
default style is used: the rest of the site builds (Jekyll keeps `:foo` as text, every
post of a day at one file).

Before the check at load, the pattern was only expanded per post: every post was
reported with the same error and the site was published with no posts, exit 0.
"""

from __future__ import annotations

import tempfile
from datetime import UTC, datetime
from pathlib import Path

from hypothesis import example, given, settings
from hypothesis import strategies as st

from sitegen.config import config_from_mapping
from sitegen.errors import Level
from sitegen.urls import PERMALINK_STYLES, post_url_placeholders
from tests.conftest import CONFIG, post, sitegen_main, write_files

KNOWN = frozenset(post_url_placeholders(date=datetime(2022, 5, 27, tzinfo=UTC), slug="a", categories=("c",)))


def is_known(name: str) -> bool:
    """Jekyll's rule, as sitegen expands it: `:title_` is `:title` followed by `_`."""
    return name in KNOWN or name.rstrip("_") in KNOWN


unknown_name = st.from_regex(r"[a-z_]{1,12}", fullmatch=True).filter(lambda name: not is_known(name))
known_name = st.sampled_from(sorted(KNOWN))


def run_build(files: dict[str, str]) -> tuple[int, str, str]:
    """`sitegen build` in-process: exit code, stdout, stderr."""
    with tempfile.TemporaryDirectory() as folder:
        site = write_files(Path(folder) / "site", files)
        return sitegen_main("build", "-s", str(site))


@settings(max_examples=20)  # a whole build each
@given(name=unknown_name, before=known_name)
@example(name="foo", before="categories")
def test_unknown_permalink_placeholder_is_one_error_and_the_posts_publish(name: str, before: str) -> None:
    """Jekyll keeps an unknown placeholder as text; the build says so once, naming the
    key, its line and the placeholder, and publishes every post at the default style."""
    permalink = f"/:{before}/:{name}/:title.html"
    files = {
        "_config.yml": CONFIG + f"permalink: {permalink}\n",
        "content/_posts/2022-05-27-a.md": post(),
        "content/_posts/2022-05-28-b.md": post(),
    }
    code, stdout, stderr = run_build(files)
    assert code == 0, stderr
    assert "built 2 posts" in stdout
    lines = [line for line in stderr.splitlines() if line.startswith("error:")]
    assert len(lines) == 1, stderr
    assert "_config.yml:" in lines[0] and "'permalink'" in lines[0] and f":{name}" in lines[0]
    assert "sitegen uses 'date'" in lines[0]
    assert "Traceback" not in stderr


@given(names=st.lists(known_name, min_size=1, max_size=4))
def test_permalinks_of_known_placeholders_load(names: list[str]) -> None:
    permalink = "/" + "/".join(f":{name}" for name in names)
    assert config_from_mapping({"permalink": permalink}, Path("_config.yml")).permalink == permalink


@given(style=st.sampled_from(sorted(PERMALINK_STYLES)))
def test_permalink_style_names_load(style: str) -> None:
    assert config_from_mapping({"permalink": style}, Path("_config.yml")).permalink == style


def test_config_error_names_the_file_and_the_placeholder() -> None:
    config = config_from_mapping({"permalink": "/:year/:foo.html"}, Path("site/_config.yml"))
    assert config.permalink == "date"
    (note,) = config.diagnostics
    expected = "unknown permalink placeholder ':foo' in '/:year/:foo.html'"
    assert note.message == f"setting 'permalink': {expected}; sitegen uses 'date'"
    assert note.path == Path("site/_config.yml") and note.level is Level.ERROR
