"""Post and draft file names Jekyll's post reader leaves out: a `.yml` or `.yaml` post
is read as data with no content (`Document#yaml_file?`), and a draft needs an extension
(`DATELESS_FILENAME_MATCHER`). sitegen published `_posts/2022-01-01-a.yml` and
`_drafts/noext`."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import build, jekyll_build, write_files
from tests.published_sources import marked, published_sources

NAMES = (
    "_posts/2022-01-01-a.yml",
    "_posts/2022-01-02-b.yaml",
    "_posts/2022-01-03-c.YML",
    "_posts/2022-01-04-d.md",
    "_posts/2022-01-05-e.yml.md",
    "_drafts/noext",
    "_drafts/dotted.",
    "_drafts/idea.md",
    "_drafts/2022-01-06-dated",
    "_drafts/x.yaml",
)


def test_post_and_draft_names_jekyll_leaves_out_are_left_out(tmp_path: Path) -> None:
    files = {"_config.yml": "title: T\nshow_drafts: true\n"}
    files.update(
        {name: marked("POST", index, "title: P\ndate: 2022-01-07\n") for index, name in enumerate(NAMES)}
    )
    site = write_files(tmp_path / "site", files)
    jekyll_build(site, tmp_path / "jekyll")
    result = build(site, destination=tmp_path / "sitegen", cache=False)
    assert not result.errors, result.errors
    assert published_sources(tmp_path / "sitegen") == published_sources(tmp_path / "jekyll")


def test_an_impossible_date_in_the_name_is_not_read_when_front_matter_gives_one(tmp_path: Path) -> None:
    """Jekyll reads the name's date only where front matter has none
    (`Document#modify_date`): `0000-00-00-zero.md` with a `date:` is published."""
    names = ("_posts/0000-00-00-zero.md", "_posts/2022-13-45-bad.md", "_drafts/2022-13-45-x.md")
    files = {"_config.yml": "title: T\nshow_drafts: true\n"}
    files.update(
        {
            name: marked("POST", index, f"title: P\ndate: 2022-01-0{index + 1}\n")
            for index, name in enumerate(names)
        }
    )
    files["_posts/2022-13-45-nodate.md"] = marked("POST", 9, "title: N\n")  # no date: the name is read
    site = write_files(tmp_path / "site", files)
    result = build(site, destination=tmp_path / "sitegen", cache=False)
    published = published_sources(tmp_path / "sitegen")
    assert sorted(published.values()) == ["POST0", "POST1", "POST2"], published
    assert [error.path.name for error in result.errors if error.path] == ["2022-13-45-nodate.md"]
