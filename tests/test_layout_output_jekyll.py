"""Which pages and posts are placed in a layout at all, checked against Jekyll.

Jekyll lays a file out only when its `layout` (own or from `defaults:`) names a layout
that exists (`Renderer#place_in_layouts`); the output's extension plays no part. sitegen
adds a theme, so an HTML page without a layout still gets the theme's page; but an output
that is not HTML (`/rss.xml` from `rss.html`, `/search.json`) must be what Jekyll writes:
its content alone unless its layout exists, or the XML is not well-formed and the JSON
does not parse. One generated site of many cases is built once by each.
"""

from __future__ import annotations

import json
import random
import xml.dom.minidom
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sitegen.urls import permalink_ext
from tests.conftest import build, jekyll_build, one_seeded_batch, write_files

SUFFIXES = (".md", ".html")
ENDINGS = (".xml", ".json", ".rss", ".txt", ".xhtml", ".html", ".htm", "", "/")
#: `None`: no `layout` key. Jekyll's site has `page`, `post` and `default` layouts.
LAYOUTS = (None, "null", "page", "post", "default", "nonexistent")
KINDS = ("page", "post", "default_page")

#: The faults' own shapes: an `rss.html` at `/rss.xml`, a `search.html` at `/search.json`.
FIXED = (
    ("page", ".html", ".xml", None),
    ("page", ".html", ".json", None),
    ("page", ".md", ".json", "nonexistent"),
    ("post", ".md", ".xml", None),
    ("default_page", ".html", ".json", "page"),
)

JEKYLL_LAYOUTS = ("page", "post", "default")
LAYOUT_FILE = "<!doctype html><html><body>{{ content }}</body></html>\n"


def random_case(rng: random.Random) -> tuple[str, str, str, str | None]:
    return (rng.choice(KINDS), rng.choice(SUFFIXES), rng.choice(ENDINGS), rng.choice(LAYOUTS))


def site_files(cases: list[tuple[str, str, str, str | None]]) -> dict[str, str | bytes]:
    files: dict[str, str | bytes] = {f"_layouts/{name}.html": LAYOUT_FILE for name in JEKYLL_LAYOUTS}
    defaults = []
    for number, (kind, suffix, ending, layout) in enumerate(cases):
        front = f"title: case{number}\npermalink: /c{number}/x{ending}\n"
        path = f"_posts/2022-05-27-case{number}{suffix}" if kind == "post" else f"pages/case{number}{suffix}"
        if layout is not None and kind == "default_page":
            defaults.append(f"  - scope: {{path: '{path}'}}\n    values: {{layout: '{layout}'}}\n")
        elif layout is not None:
            front += f"layout: {layout}\n"
        files[path] = f"---\n{front}---\nCASE{number}\n"
    scopes = "defaults:\n" + "".join(defaults) if defaults else ""
    files["_config.yml"] = "title: t\nurl: https://ex.com\n" + scopes
    return files


def written(root: Path, number: int) -> tuple[str, str]:
    """The one file case `number` wrote, and its text."""
    (path,) = [path for path in (root / f"c{number}").rglob("*") if path.is_file()]
    return path.relative_to(root).as_posix(), path.read_text(encoding="utf-8")


def laid_out(text: str, number: int) -> bool:
    return not text.lstrip().startswith((f"CASE{number}", f"<p>CASE{number}"))


@one_seeded_batch
@given(seed=st.integers(0, 2**32))
def test_only_a_layout_that_exists_wraps_an_output_that_is_not_html(
    tmp_path_factory: pytest.TempPathFactory, seed: int
) -> None:
    rng = random.Random(seed)  # Hypothesis's own first random makes every choice the first
    root = tmp_path_factory.mktemp("layout-output")
    cases = [*FIXED, *(random_case(rng) for _ in range(60))]
    site = write_files(root / "site", site_files(cases))
    jekyll_build(site, root / "jekyll")
    result = build(site, destination=root / "sitegen")
    assert not result.errors, result.errors
    for number, (_kind, suffix, ending, layout) in enumerate(cases):
        path, jekyll_text = written(root / "jekyll", number)
        assert written(root / "sitegen", number)[0] == path
        ours = written(root / "sitegen", number)[1]
        extension = permalink_ext(f"/x{ending}") or ".html"
        case = (number, suffix, ending, layout, path)
        if extension.lower() in (".html", ".htm"):
            # sitegen's theme: an HTML page is wrapped unless `layout: null` asks for none.
            assert laid_out(ours, number) == (layout != "null"), case
        else:
            assert laid_out(ours, number) == laid_out(jekyll_text, number), case
            if not laid_out(ours, number) and ending in (".xml", ".rss"):
                xml.dom.minidom.parseString(f"<r>{ours}</r>")


def test_an_xml_page_without_a_layout_replaces_the_sitemap_as_xml(tmp_path: Path) -> None:
    """The fault's worst case: `sm.html` at `/sitemap.xml` replaced the generated sitemap
    with an HTML page; now the site's own XML is published as written."""
    sitemap = (
        '<?xml version="1.0"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        "<url><loc>{{ site.url }}/</loc></url></urlset>\n"
    )
    site = write_files(
        tmp_path / "site",
        {
            "_config.yml": "title: T\nurl: https://ex.com\n",
            "_posts/2024-01-01-p.md": "---\ntitle: p\n---\nb\n",
            "sm.html": f"---\npermalink: /sitemap.xml\n---\n{sitemap}",
            "search.html": (
                "---\npermalink: /search.json\n---\n"
                '[{% for p in site.posts %}{"t":{{ p.title | jsonify }}}{% endfor %}]\n'
            ),
        },
    )
    result = build(site, destination=tmp_path / "out")
    assert not result.errors, result.errors
    text = (tmp_path / "out" / "sitemap.xml").read_text(encoding="utf-8")
    root_element = xml.dom.minidom.parseString(text).documentElement
    assert root_element is not None and root_element.tagName == "urlset"
    assert json.loads((tmp_path / "out" / "search.json").read_text(encoding="utf-8")) == [{"t": "p"}]
