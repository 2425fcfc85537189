"""`page.title`, `page.slug`, `page.date` and `page.layout` as Jekyll 4.3 gives them to
Liquid, for pages, posts and collection documents.

Jekyll's `Page` adds no title or layout of its own (page.rb): an untitled page's
`page.title` is nil, so a navigation `{% if p.title %}` over `site.pages` skips it, and
`page.layout` is the front matter's value with the defaults applied, nil without one,
whatever layout the page is rendered in. A post or collection document gets its title,
slug and date from its file name where the front matter gives none
(`Document#populate_title`, document.rb): `2024-05-06-doc-dated.md` is "Doc Dated",
slug `doc-dated`, dated that day; `x.y.md` is "X.y". Hypothesis draws a batch of such
files, one Jekyll build of the batch is the reference.
"""

from __future__ import annotations

import random
import re
import tempfile
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import build, jekyll_build, one_seeded_batch, write_files

WORDS = ("doc", "plain", "x.y", "Name", "trail.", "v1", "a", "über", "ΣΑΣ", "2")
#: Front-matter values of `title` (absent, given, empty, null, false, a number).
TITLES = (None, "title: Given Title", 'title: ""', "title: ~", "title: false", "title: 2024")
SLUGS = (None, "slug: own-slug", "slug: ~", "slug: false")
LAYOUTS = (None, "layout: page", "layout: post", "layout: ~")
#: `categories`, `category`, `tags` and `tag` as sites write them (a document's lists
#: are `[]` without them: `Document#read_post_data` runs for every document).
NAMES = (
    None,
    "category: x",
    "categories: a b",
    "categories: [37800, a b]",
    "tags: q r",
    "tags: [1, true, x]",
    "tag: t1",
)
MARKER = re.compile(r"(?m)^(?:<p>)?V(\d+)=(.*?)\|END")


def _name(rng: random.Random, dated: bool) -> str:
    words = "-".join(rng.choice(WORDS) for _ in range(rng.randint(1, 3)))
    if not dated:
        return words
    return f"{rng.randint(2001, 2024)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}-{words}"


def _front(rng: random.Random, *choices: tuple[str | None, ...]) -> str:
    lines = [line for line in (rng.choice(values) for values in choices) if line is not None]
    return "---\n" + "".join(line + "\n" for line in lines) + "---\n"


def _body(number: int, date: str, *, names: bool = False) -> str:
    values = "t:{{ page.title | inspect }}|s:{{ page.slug | inspect }}|l:{{ page.layout | inspect }}"
    if names:
        values += "|c:{{ page.categories | jsonify }}|g:{{ page.tags | jsonify }}"
    return f"<p>V{number}={values}|d:{date}|END</p>\n"


def batch(rng: random.Random) -> dict[str, str]:
    """Pages, posts and `coll` documents, each printing its values under its number."""
    defaults = []
    for kind in ("pages", "posts", "coll"):
        if rng.random() < 0.5:
            defaults.append(f"  - scope: {{type: {kind}}}\n    values: {{layout: page}}\n")
    files = {
        "_config.yml": "title: T\ntimezone: Asia/Shanghai\ncollections:\n  coll:\n    output: true\n"
        + ("defaults:\n" + "".join(defaults) if defaults else ""),
        "_layouts/page.html": "{{ content }}\n",
        "_layouts/post.html": "{{ content }}\n",
    }
    stamp = '{{ page.date | date: "%Y-%m-%d %H:%M:%S %z" }}'
    for number in range(rng.randint(20, 40)):
        kind = rng.choice(("page", "post", "doc", "doc"))
        if kind == "page":
            suffix = rng.choice((".html", ".html", ".json", ".txt"))
            path = f"p{number}/{_name(rng, rng.random() < 0.3)}{suffix}"
            text = _front(rng, TITLES, LAYOUTS) + _body(number, "{{ page.date | inspect }}", names=True)
        elif kind == "post":
            path = f"_posts/{_name(rng, True)}-n{number}.html"
            text = _front(rng, TITLES, SLUGS, LAYOUTS, NAMES) + _body(number, stamp, names=True)
        else:
            dated = rng.random() < 0.5
            folder = rng.choice(("", "sub/"))
            path = f"_coll/{folder}d{number}/{_name(rng, dated)}.html"
            # An undated document is dated by the build's moment: only its presence is compared.
            date = stamp if dated else "{% if page.date %}build time{% endif %}"
            text = _front(rng, TITLES, SLUGS, LAYOUTS, NAMES) + _body(number, date, names=True)
        files[path] = text
    return files


def printed_values(root: Path) -> dict[str, set[str]]:
    """Each number's printed values, from every file below `root` (bodies only)."""
    found: dict[str, set[str]] = {}
    for path in root.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".txt"):
            for number, values in MARKER.findall(path.read_text("utf-8")):
                found.setdefault(number, set()).add(values)
    return found


@one_seeded_batch
@given(seed=st.integers(0, 2**32))
def test_document_values_match_jekyll(seed: int) -> None:
    # A seeded `random.Random`: Hypothesis's own first random is minimal (every choice
    # the first), which drew pages alone, never a post or a document.
    files = batch(random.Random(seed))
    with tempfile.TemporaryDirectory() as folder:
        site = write_files(Path(folder) / "site", files)
        jekyll_build(site, Path(folder) / "jekyll")
        build(site)
        expected = printed_values(Path(folder) / "jekyll")
        assert len(expected) >= 20
        got = printed_values(site / "_site")
        for number, values in expected.items():
            assert got.get(number) == values, (number, [p for p, t in files.items() if f"V{number}=" in t])


def test_the_reported_examples() -> None:
    """The documents, pages and defaults the differential first found."""
    files = {
        "_config.yml": "collections:\n  coll:\n    output: true\n"
        "defaults:\n  - scope: {type: pages}\n    values: {layout: page}\n",
        "_layouts/page.html": "{{ content }}\n",
        "_coll/2024-05-06-doc-dated.md": "---\n---\n" + _body(1, '{{ page.date | date: "%Y-%m-%d %H:%M" }}'),
        "_coll/plain-name.md": "---\n---\n" + _body(2, ""),
        "_coll/x.y.md": "---\n---\n" + _body(3, ""),
        "data.json": "---\n---\n" + _body(4, ""),
        "nav.html": "---\nlayout: ~\n---\nNAV[{% for p in site.pages %}{% if p.title %}{{ p.url }}"
        "{% endif %}{% endfor %}]\n",
        "docs/index.md": "---\ntitle: Docs\n---\nx\n",
        "docs/other.md": "---\n---\nx\n",
    }
    with tempfile.TemporaryDirectory() as folder:
        site = write_files(Path(folder) / "site", files)
        build(site)
        got = printed_values(site / "_site")
        assert got["1"] == {"t:&quot;Doc Dated&quot;|s:&quot;doc-dated&quot;|l:nil|d:2024-05-06 00:00"}
        assert got["2"] == {"t:&quot;Plain Name&quot;|s:&quot;plain-name&quot;|l:nil|d:"}
        assert got["3"] == {"t:&quot;X.y&quot;|s:&quot;x.y&quot;|l:nil|d:"}
        assert got["4"] == {"t:nil|s:nil|l:&quot;page&quot;|d:"}
        assert "NAV[/docs/]" in (site / "_site/nav.html").read_text("utf-8")
        # sitegen's own theme still heads the document with its title.
        shown = next((site / "_site/coll").glob("*doc-dated*")).read_text("utf-8")
        assert "<h1>Doc Dated</h1>" in shown
