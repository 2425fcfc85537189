"""Odd front matter, built by Jekyll and by sitegen: the same posts, with the same titles,
tags and categories.

One Hypothesis-seeded generator writes a batch of posts that mix what crawlers and
editors leave in front matter: an empty file, a file that is only `---`, front matter
never closed, `...` as the end marker, a second `---` block in the body, `---` followed
by text on its line, trailing spaces after `---`, a BOM, CRLF line ends or carriage
returns alone (old Mac files) or a mix, unknown YAML tags on scalars, lists and
mappings, titles, tags and categories of odd types, and control characters in file
names. One `jekyll build` and one sitegen build of the tree
then publish the same post URLs, and a `.txt` page looping over `site.posts` (which both
render; sitegen does not run `_layouts/`) prints the same title, tags and categories
for each. A post Jekyll publishes that sitegen leaves out is named by exactly one
diagnostic (README: categories of the wrong type skip the file), and so is a post Jekyll
cannot read (`categories: 5`: it logs "could not read file" and publishes the file with
none of its front matter, dated the day of the build), which sitegen publishes under the
category `5`. An empty `title: ""`
is left out: sitegen heads such a post with its slug (README), where Jekyll prints "";
so are categories listing numbers (`[1.50, yes]`), which Jekyll's `page.categories`
lists twice, as written and as text (`merge_categories!` unites `[1.5, true]` with
`["1.5", "true"]`), where sitegen lists each once (the URL is the same).
"""

from __future__ import annotations

import random
import re
import subprocess
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import build, jekyll_executable, one_seeded_batch, write_files

BATCH_SIZE = 40
RECORD, FIELD = "\x1e", "\x1f"
LISTING = (
    "---\n---\n{% for p in site.posts %}"
    + RECORD
    + "{{ p.url }}"
    + FIELD
    + "{{ p.title }}"
    + FIELD
    + '{{ p.tags | join: "," }}'
    + FIELD
    + '{{ p.categories | join: "," }}{% endfor %}\n'
)

TITLES = (
    None,
    "title: Plain words",
    "title: !custom Tagged words",
    'title: !custom "quoted 3"',
    "title: !custom 42",
    "title: [one, two]",
    "title: [one, [two, three]]",
    "title: {a: 1}",
    "title: !t [x, y]",
    "title: !t {k: v}",
    "title: 12",
    "title: 1.50",
    "title: true",
    "title: ~",
    "title: 2022-05-27",
    "title: !custom",
    "title: [~, x, 2]",
    "title: [1, {a: b}]",
    "title: {a: [1, 2], b: ~}",
    "title: 1e3",
    "title: 012",
    "title: 0x1F",
    "title: 1_000",
    "title: yes",
    "title: .inf",
    "title: -.5",
    'title: "a: b"',
)
TAGS = (
    None,
    "tags: alpha beta",
    "tags: [alpha, beta]",
    "tags: [alpha, [beta, [gamma]]]",
    "tags: {a: 1}",
    "tags: 7",
    "tags: [alpha, ~, 3]",
    "tags: !x [alpha, beta]",
    "tags: !x alpha beta",
    "tags: [!x alpha, beta]",
    "tags: [alpha, {k: v}]",
    "tag: solo",
    "tag: [one, [two]]",
    "tags: true",
    "tags: [1.50, -.5, 012, yes]",
    "tags: 2022-05-27",
    "tag: 2022-05-27",
    "tag: {a: 1}",
    "tags: [[], [[]]]",
    'tags: ""',
    "tags: []",
    "!k tags: [alpha]",
)
CATEGORIES = (
    None,
    "categories: news",
    "categories: news world",
    "categories: [news, world]",
    "categories: !c news",
    "categories: !c [news, world]",
    "categories: [news, [world]]",
    "category: solo",
    "categories: 5",
    "category: [a, [b]]",
    "category: {a: 1}",
    'categories: ""',
    "categories: []",
    "categories: {a: 1}",
    "categories: 2022-05-27",
)
SHAPES = (
    "normal",
    "normal",
    "normal",
    "empty",
    "only_dashes",
    "unclosed",
    "dots",
    "text_after",
    "second_block",
)
NAME_ODDITIES = ("", "", "", "\x01", "\t", "\n", "\x7f")


def odd_post(rng: random.Random, number: int) -> tuple[str, bytes]:
    """One post's file name and bytes, drawn from `rng`."""
    name = f"_posts/2022-05-27-p{number}x{rng.choice(NAME_ODDITIES)}y.md"
    shape = rng.choice(SHAPES)
    opening = "---" + rng.choice(("", "", "  ", "\t", "\f", " \v"))
    lines = [line for line in (rng.choice(TITLES), rng.choice(TAGS), rng.choice(CATEGORIES)) if line]
    rng.shuffle(lines)
    closing = ("..." if shape == "dots" else "---") + rng.choice(("", "", " ", "\f", "\v"))
    body = ["body text"]
    if shape == "second_block":
        body += ["---", "title: not this one", "---", "more"]
    if shape == "empty":
        text = ""
    elif shape == "only_dashes":
        text = rng.choice(("---", "---\n", "---\n---", "---\n---\n"))
    elif shape == "unclosed":
        text = "\n".join([opening, *lines, *body]) + "\n"
    elif shape == "text_after":
        text = "\n".join(["--- " + "words", *lines, closing, *body]) + "\n"
    else:
        text = "\n".join([opening, *lines, closing, *body]) + "\n"
    text = _line_ends(text, rng)
    data = text.encode("utf-8")
    if rng.random() < 0.2:
        data = b"\xef\xbb\xbf" + data
    return name, data


def _line_ends(text: str, rng: random.Random) -> str:
    """`text` with LF line ends mostly, else CRLF, a carriage return alone (an old Mac
    file: Jekyll sees no front matter in it), or a mix of the three."""
    ending = rng.choice(("\n", "\n", "\n", "\n", "\n", "\n", "\r\n", "\r\n", "\r", "mixed"))
    if ending != "mixed":
        return text.replace("\n", ending)
    return "".join(
        rng.choice(("\n", "\r\n", "\r")) if part == "\n" else part for part in re.split("(\n)", text)
    )


def listed(root: Path) -> dict[str, tuple[str, str, str]]:
    """Each post's URL, with the title, tags and categories the listing printed."""
    text = (root / "list.txt").read_text(encoding="utf-8")
    posts = {}
    for record in text.split(RECORD)[1:]:
        url, title, tags, categories = record.rstrip("\n").split(FIELD)
        posts[url] = (title, tags, categories)
    return posts


@one_seeded_batch
@given(rng=st.randoms(use_true_random=True))
def test_odd_front_matter_publishes_what_jekyll_publishes(tmp_path: Path, rng: random.Random) -> None:
    files: dict[str, str | bytes] = {
        "_config.yml": "title: t\ntimezone: Asia/Shanghai\n",
        "list.txt": LISTING,
    }
    sources = dict(odd_post(rng, number) for number in range(BATCH_SIZE))
    files |= sources
    site = write_files(tmp_path / "site", files)

    unreadable = jekyll_unreadable(site, tmp_path / "jekyll", sources)
    result = build(site, destination=tmp_path / "sitegen")
    expected = listed(tmp_path / "jekyll")
    published = listed(tmp_path / "sitegen")

    assert len(expected) == BATCH_SIZE
    jekyll_posts = {_source(url, sources): (url, *shown) for url, shown in expected.items()}
    sitegen_posts = {_source(url, sources): (url, *shown) for url, shown in published.items()}
    differing = {
        source: (sources[source], jekyll_posts[source], sitegen_posts.get(source))
        for source in jekyll_posts
        if source not in unreadable and sitegen_posts.get(source) != jekyll_posts[source]
    }
    left_out = set(jekyll_posts) - set(sitegen_posts)
    shown = [
        f"{source!r} {text!r}\n  jekyll  {jekyll!r}\n  sitegen {ours!r}"
        for source, (text, jekyll, ours) in differing.items()
        if source not in left_out
    ]
    assert not shown, "\n".join(shown)
    for source in left_out | unreadable:
        naming = [d for d in result.diagnostics if d.path.as_posix().endswith(source)]
        if source in unreadable and source not in left_out:  # published, with other notes
            naming = [d for d in naming if "Jekyll cannot read" in d.message]
        assert len(naming) == 1, (source, sources[source], naming)


def jekyll_unreadable(site: Path, destination: Path, sources: dict[str, bytes]) -> set[str]:
    """Build with Jekyll; the posts it could not read (`Document#read` logs "could not read
    file", or "YAML Exception reading" for front matter Psych refuses), found
    by the `p<number>x` in their names (Jekyll's log writes a tab or newline as a space)."""
    jekyll = jekyll_executable()
    if jekyll is None:
        pytest.skip("Debian's jekyll is not installed")
    command = [jekyll, "build", "-s", str(site), "-d", str(destination)]
    completed = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
    assert completed.returncode == 0, completed.stderr
    log = completed.stdout + completed.stderr
    return {
        _source(f"p{number}x", sources)
        for number in re.findall(r"(?:could not read file|YAML Exception reading) .*?-p(\d+)x", log)
    }


def _source(url: str, sources: dict[str, bytes]) -> str:
    """The post file a URL was published from: its name holds `p<number>x`."""
    number = re.findall(r"p(\d+)x", url)[-1]
    [source] = [name for name in sources if f"-p{number}x" in name]
    return source
