"""Pages and collection documents without a permalink of their own take the ending of the
site's permalink style (`Utils.add_permalink_suffix`, jekyll/lib/jekyll/utils.rb): a
folder URL under `pretty` or a pattern ending in `/`, `.html` under `date`, `ordinal`,
`none` or a pattern ending in `:output_ext`, and no ending at all otherwise (`weekdate`,
`/:year/:title.html`), where the file written is still `about.html`.

A generated batch of sites, one per drawn site permalink, is built by one Ruby process
with Jekyll loaded and by sitegen; each page prints its `page.url`, and both the files
written and the URLs printed must be Jekyll's. Where Jekyll is missing the test is skipped.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from sitegen.check.links import check_site
from sitegen.serve.paths import resolve_request_path
from tests.conftest import build, files_below, jekyll_build_many, one_seeded_batch, write_files
from tests.served_urls import links_off_the_rule

STYLES = (
    "date",
    "pretty",
    "ordinal",
    "weekdate",
    "none",
    "/:year/:title/",
    "/:categories/:title",
    "/:year/:month/:title.html",
    "/:title:output_ext",
    "/:categories/:year/:title/",
)
PAGES = (
    "about.md",
    "sub/deep.md",
    "sub/index.md",
    "sub/index.xml",
    "plain.html",
    "feed.xml",
    "data.json",
    "x.htm",
)
DOCUMENTS = ("_coll/item-one.md", "_coll/index.md", "_coll/sub/d.html", "_coll/e.md")
BATCH_SIZE = 10
URL_LINE = re.compile(r"U=\[([^\]]*)\]")


def site_files(rng: random.Random) -> dict[str, str | bytes]:
    """One site: a drawn site permalink, some pages and documents of a published collection."""
    style = rng.choice(STYLES)
    files: dict[str, str | bytes] = {
        "_config.yml": f'title: t\ntimezone: UTC\npermalink: "{style}"\n'
        "collections:\n  coll:\n    output: true\n",
    }
    for name in rng.sample(PAGES, rng.randint(2, len(PAGES))) + rng.sample(DOCUMENTS, rng.randint(1, 3)):
        files[name] = "---\nlayout: null\n---\nU=[{{ page.url }}]\n"
    return files


def published(output: Path) -> dict[str, str]:
    """Each file written for a page or document, with the `page.url` it printed."""
    found = {}
    for path in files_below(output):
        if (output / path).is_file():
            match = URL_LINE.match((output / path).read_text(encoding="utf-8").removeprefix("<p>"))
            if match:
                found[path] = match.group(1)
    return found


@one_seeded_batch
@given(rng=st.randoms(use_true_random=True))
def test_page_and_document_urls_end_as_the_site_permalink_style_makes_them(
    tmp_path: Path, rng: random.Random
) -> None:
    sites = [write_files(tmp_path / f"site{number}", site_files(rng)) for number in range(BATCH_SIZE)]
    jekyll_build_many(sites)
    for site in sites:
        build(site, destination=site.parent / f"{site.name}-sitegen")
        config = (site / "_config.yml").read_text(encoding="utf-8").splitlines()[2]
        ours, jekyll = published(site.parent / f"{site.name}-sitegen"), published(site / "_jekyll")
        assert sorted(ours) == sorted(jekyll), config
        assert links_off_the_rule(jekyll, ours) == {}, config


def test_collection_documents_get_folder_urls_under_pretty(tmp_path: Path) -> None:
    """The example: `permalink: pretty` put `_coll/item-one.md` at `coll/item-one.html`."""
    site = write_files(
        tmp_path / "site",
        {
            "_config.yml": "permalink: pretty\ncollections:\n  coll:\n    output: true\n",
            "_coll/item-one.md": "---\nlayout: null\n---\nU=[{{ page.url }}]\n",
            "about.md": "---\nlayout: null\n---\nU=[{{ page.url }}]\n",
        },
    )
    build(site, destination=tmp_path / "out")
    assert published(tmp_path / "out") == {
        "coll/item-one/index.html": "/coll/item-one/",
        "about/index.html": "/about/",
    }


def test_page_url_has_no_extension_under_a_style_that_adds_none(tmp_path: Path) -> None:
    """The example: under `weekdate` Jekyll's `page.url` of `about.md` is `/about` (the
    file is `about.html`); sitegen said `/about.html`."""
    site = write_files(
        tmp_path / "site",
        {
            "_config.yml": "permalink: weekdate\ncollections:\n  coll:\n    output: true\n",
            "_coll/c.md": "---\nlayout: null\n---\nU=[{{ page.url }}]\n",
            "about.md": "---\nlayout: null\n---\nU=[{{ page.url }}]\n",
        },
    )
    build(site, destination=tmp_path / "out")
    assert published(tmp_path / "out") == {"coll/c.html": "/coll/c", "about.html": "/about"}


def test_extensionless_page_urls_are_served_and_pass_the_link_check(tmp_path: Path) -> None:
    """Under `weekdate` a page's URL has no extension (`/v1.2` for `v1.2.md`, written
    `v1.2.html`): the dev server answers it as Jekyll's does, trying `.html` after any
    name (it tried only names without a dot), and `sitegen check` accepts a link to it."""
    link = '---\nlayout: null\n---\nU=[{{ page.url }}] <a href="{{ page.url }}">self</a>\n'
    site = write_files(
        tmp_path / "site",
        {"_config.yml": "permalink: weekdate\n", "about.md": link, "v1.2.md": link},
    )
    out = tmp_path / "out"
    build(site, destination=out)
    urls = published(out)
    assert urls == {"about.html": "/about", "v1.2.html": "/v1.2"}
    for file, url in urls.items():
        assert resolve_request_path(out, "", url).file_path == (out / file).resolve()
    assert check_site(out, jobs=1).ok
