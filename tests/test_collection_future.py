"""A collection document follows the posts' rules for `future`, `published` and
`unpublished`: one dated after the build's moment (its front matter's `date`, else a
`YYYY-MM-DD-` file name) is not published unless `future` is set (Jekyll's
`Publisher#hidden_in_the_future?`, publisher.rb, asked by `Document#write?`), and the
build's `valid_until` is the moment the first such document falls due."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import NOW, build, jekyll_build, write_files

_CONFIG = "title: C\nurl: https://c.example.com\ncollections:\n  notes:\n    output: true\n"
_DOCS = {
    "_notes/embargo.md": "---\ntitle: E\ndate: 2099-01-01\n---\nnot yet\n",
    "_notes/past.md": "---\ntitle: P\ndate: 2020-01-01\n---\nok\n",
    "_notes/2099-05-05-named.md": "---\ntitle: N\n---\nnot yet\n",
    "_notes/2020-05-05-old.md": "---\ntitle: O\n---\nok\n",
    "_notes/hidden.md": "---\ntitle: H\npublished: false\n---\nno\n",
    "_notes/plain.md": "---\ntitle: Plain\n---\nok\n",
}


def _notes(destination: Path) -> set[str]:
    return {path.relative_to(destination).as_posix() for path in (destination / "notes").rglob("*.html")}


@pytest.mark.parametrize("flags", [(), ("future", "unpublished")])
def test_collection_documents_are_held_back_as_jekyll_holds_them(
    tmp_path: Path, flags: tuple[str, ...]
) -> None:
    config = _CONFIG + "".join(f"{flag}: true\n" for flag in flags)
    site = write_files(tmp_path / "site", {"_config.yml": config, **_DOCS})
    build(site, destination=tmp_path / "sg")
    jekyll_build(site, tmp_path / "jk")
    assert _notes(tmp_path / "sg") == _notes(tmp_path / "jk")
    assert ("notes/embargo.html" in _notes(tmp_path / "sg")) == bool(flags)


_OFFSETS = st.sampled_from([-800, -2, 2, 800])
"""Days from the build's moment: well past, just past, just ahead, far ahead."""


@settings(max_examples=15)
@given(
    documents=st.lists(
        st.tuples(_OFFSETS, st.booleans(), st.sampled_from([None, True, False])), min_size=1, max_size=4
    ),
    future=st.booleans(),
    unpublished=st.booleans(),
    collection=st.sampled_from(["notes", "docs"]),
)
def test_every_collection_document_follows_the_posts_rules(
    tmp_path_factory: pytest.TempPathFactory,
    documents: list[tuple[int, bool, bool | None]],
    future: bool,
    unpublished: bool,
    collection: str,
) -> None:
    root = tmp_path_factory.mktemp("future")
    config = f"title: C\nurl: https://c.example.com\ncollections:\n  {collection}:\n    output: true\n"
    config += f"unpublished: {str(unpublished).lower()}\n"
    files = {"_config.yml": config}
    expected: set[str] = set()
    due = []
    for number, (offset, in_name, published) in enumerate(documents):
        day = (NOW + timedelta(days=offset)).date().isoformat()
        front = "" if published is None else f"published: {str(published).lower()}\n"
        if in_name:
            name = f"{day}-d{number}"
        else:
            name, front = f"d{number}", front + f"date: {day}\n"
        files[f"_{collection}/{name}.md"] = f"---\ntitle: T{number}\n{front}---\nbody\n"
        shown = published is not False or unpublished
        if shown and (offset < 0 or future):
            expected.add(f"{collection}/{name}.html")
        elif shown:
            due.append(day)
    write_files(root / "site", files)
    result = build(root / "site", destination=root / "out", future=future)
    published_now = {
        path.relative_to(root / "out").as_posix() for path in (root / "out").rglob(f"{collection}/*.html")
    }
    assert published_now == expected
    if due:
        assert result.valid_until is not None and result.valid_until.date().isoformat() == min(due)


def test_a_due_document_is_published_by_the_next_build(tmp_path: Path) -> None:
    site = write_files(tmp_path / "site", {"_config.yml": _CONFIG, **_DOCS})
    first = build(site, destination=tmp_path / "out")
    assert first.valid_until is not None and first.valid_until.year == 2099
    build(site, destination=tmp_path / "out", now=first.valid_until + timedelta(seconds=1))
    assert "notes/embargo.html" in _notes(tmp_path / "out")
