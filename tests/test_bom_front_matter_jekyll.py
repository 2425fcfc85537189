"""A file that starts with a UTF-8 byte order mark and then `---` front matter.

Jekyll's `Utils.has_yaml_header?` reads the first line as bytes, so the mark hides the
front matter: a page, or a document of an `output: true` collection, is copied as it is,
mark and front matter included (at `/about.md`, below the collection's URL for a
document). A post is read with `bom|utf-8` (`Document#read_content`) and published as a
post. sitegen rendered the pages and documents; now it copies them as Jekyll does, with
one warning naming each, and keeps publishing the posts. Checked against Jekyll on
generated sites: the same rendered files at the same paths, and each copy byte for byte
where Jekyll writes it.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import built_by_both, write_files
from tests.published_sources import marked

BOM = b"\xef\xbb\xbf"
CONFIG = "title: T\ncollections:\n  docs:\n    output: true\n"
#: Where a file of each kind is written (`{n}` its number) and where Jekyll copies it
#: when it sees no front matter in it.
KINDS = {
    "page": ("p{n}.md", "p{n}.md"),
    "html page": ("sub/h{n}.html", "sub/h{n}.html"),
    "document": ("_docs/d{n}.md", "docs/d{n}.md"),
    "post": ("_posts/2022-05-{day:02d}-post{n}.md", None),
}
FILES = st.lists(
    st.tuples(st.sampled_from(sorted(KINDS)), st.booleans(), st.sampled_from(("", "\n"))),
    min_size=1,
    max_size=6,
)


@settings(max_examples=12, deadline=None)
@given(files=FILES)
def test_a_bom_before_front_matter_is_read_as_jekyll_reads_it(
    tmp_path_factory: pytest.TempPathFactory, files: list[tuple[str, bool, str]]
) -> None:
    root = tmp_path_factory.mktemp("bom")
    sources: dict[str, str | bytes] = {"_config.yml": CONFIG}
    copied: dict[str, bytes] = {}  # where Jekyll copies a file as it is: its bytes
    for n, (kind, bom, blank) in enumerate(files, start=1):
        name, copy = KINDS[kind]
        path = name.format(n=n, day=n)
        front = "title: A\n" if kind == "post" else ""
        # Blank lines before front matter are a difference of their own (sitegen reads
        # such front matter: `tests/test_unseen_page_front_matter_jekyll.py`): only after a mark.
        blank = blank if bom and kind != "post" else ""
        text = blank + marked({"post": "POST", "document": "DOC"}.get(kind, "PAGE"), n, front)
        data = (BOM if bom else b"") + text.encode()
        sources[path] = data
        if bom and copy is not None:
            copied[copy.format(n=n)] = data
    site = write_files(root / "site", sources)
    (both,) = built_by_both([site])
    result = both.result
    assert both.sitegen == both.jekyll
    for path, data in copied.items():
        assert (site / "_jekyll" / path).read_bytes() == data, path
        assert (both.destination / path).read_bytes() == data, path
    said = sorted(
        (d.path.relative_to(site).as_posix(), d.line)
        for d in result.diagnostics
        if d.path is not None and "byte order mark" in d.message
    )
    expected = sorted(
        (str(name), 1) for name, data in sources.items() if isinstance(data, bytes) and data.startswith(BOM)
        and not str(name).startswith("_posts/")
    )  # fmt: skip
    assert said == expected
