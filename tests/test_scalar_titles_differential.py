"""A title (or tag, category) that YAML reads as no string prints as Jekyll prints it.

Psych reads `true`, `.inf` and `!!binary aGVsbG8=` as a boolean, a float and binary
text, and Jekyll prints them with Ruby's `to_s` (`true`, `Infinity`, `hello`); sitegen
printed Python's `str` (`True`, `inf`, `b'hello'`) in headlines and feeds. Hypothesis
writes batches of such scalars as titles and category names; one Jekyll build of the
batch is the reference.
"""

from __future__ import annotations

import base64
import tempfile
from pathlib import Path

from hypothesis import example, given, settings
from hypothesis import strategies as st
from lxml import etree

from sitegen.jekyll.ruby_scalars import ruby_scalar_text
from tests.conftest import build, jekyll_build, write_files

ATOM = "{http://www.w3.org/2005/Atom}"
#: Plain YAML scalars that are no string, in the spellings Psych and PyYAML agree on.
scalars = st.one_of(
    st.sampled_from(["true", "false", "True", "FALSE", ".inf", "-.inf", ".Inf", ".nan", ".NaN", "2.50"]),
    st.integers(-(10**6), 10**6).map(str),
    st.floats(allow_nan=False, allow_infinity=False).map(lambda number: f"{number!r}"),
    st.text("abcxyz中文", min_size=1, max_size=6).map(
        lambda text: "!!binary " + base64.b64encode(text.encode()).decode()
    ),
)


@settings(max_examples=3)
@given(titles=st.lists(scalars, min_size=1, max_size=12))
@example(titles=["true", ".inf", "!!binary aGVsbG8=", "-.inf", "1.0e+16"])
def test_scalar_titles_print_as_jekyll_prints_them(titles: list[str]) -> None:
    files = {
        "_config.yml": "title: T\nurl: https://t.example.com\n",
        "_layouts/post.html": "<h1>{{ page.title }}</h1><p>{{ page.categories | join: ',' }}</p>",
    }
    for number, title in enumerate(titles):
        front = f"layout: post\ntitle: {title}\ncategories: [{title}]\n"
        files[f"_posts/2022-01-01-p{number}.md"] = f"---\n{front}---\nbody\n"
    with tempfile.TemporaryDirectory() as folder:
        site = write_files(Path(folder) / "site", files)
        jekyll_build(site, Path(folder) / "jekyll")
        build(site)
        feed = etree.parse(str(site / "_site/feed.xml"))
        printed = {
            entry.find(f"{ATOM}link").get("href").rsplit("/", 1)[1]: entry.findtext(f"{ATOM}title")
            for entry in feed.iter(f"{ATOM}entry")
        }
        for number in range(len(titles)):
            reference = next((Path(folder) / "jekyll").rglob(f"p{number}.html")).read_text("utf-8")
            title, categories = reference.removeprefix("<h1>").removesuffix("</p>").split("</h1><p>")
            assert printed[f"p{number}.html"] == title, titles[number]
            assert ruby_scalar_text(title) == title
            assert next((site / "_site").rglob(f"p{number}.html")).parent.parent.parent.parent.name in (
                categories.split(",")[0].lower().replace(" ", "-"),
                categories.split(",")[0],
            )
