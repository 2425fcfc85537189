"""A post whose URL needs the path of a generated extra as a folder is published.

Jekyll publishes a post of category `sitemap.xml` at `/sitemap.xml/2024/12/01/p.html`.
sitegen reserved `/sitemap.xml` (and the feed, robots.txt, the news sitemap, the 404
page) for its own files and left such a post out: content lost for a file the site lives
without. Now the post takes the path and the extra is not published, with one warning
naming the post; nothing links to the extra left out (robots.txt does not name a sitemap
that is not there, pages do not link a feed that is not there). The home page stays
reserved: a post below `/index.html/` is still an error.
"""

from __future__ import annotations

import random
import xml.dom.minidom
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import build, jekyll_build_many, one_seeded_batch, sitegen_main, tree_bytes, write_files

EXTRAS = ("sitemap.xml", "robots.txt", "feed.xml", "sitemap-news.xml", "404.html")
CONFIG = "title: S\nurl: https://example.com\n"


def _files(categories: list[str]) -> dict[str, str]:
    files = {
        "_config.yml": CONFIG,
        "_posts/2024-12-01-plain.md": "---\ntitle: plain\ncategories: news\n---\nx\n",
    }
    for n, category in enumerate(categories):
        files[f"_posts/2024-12-{n + 2:02d}-p{n}.md"] = (
            f"---\ntitle: p{n}\ncategories: {category}\n---\nbody {n}\n"
        )
    return files


def _check_published(site: Path, out: Path, categories: list[str], messages: list[str]) -> None:
    for n, category in enumerate(categories):
        assert (out / f"{category}/2024/12/{n + 2:02d}/p{n}.html").is_file(), category
        assert any(
            f"p{n}.md" in message and f"needs {category} as a folder" in message for message in messages
        )
    for extra in set(EXTRAS) - set(categories):
        assert (out / extra).is_file(), extra
    robots = out / "robots.txt"
    if robots.is_file():
        for line in robots.read_text().splitlines():
            if line.startswith("Sitemap: "):
                assert (out / line.removeprefix("Sitemap: https://example.com/")).is_file(), line
    home = (out / "index.html").read_text()
    assert ('href="/feed.xml"' in home) == (out / "feed.xml").is_file()
    for feed in [out / "feed.xml", *(out / "feed").glob("*.xml")]:
        if feed.is_file():
            xml.dom.minidom.parse(str(feed))
    code, printed, errors = sitegen_main("check", str(out), "-s", str(site))
    assert code == 0, printed + errors


@settings(max_examples=6, deadline=None)
@given(st.lists(st.sampled_from(EXTRAS), unique=True, min_size=1))
def test_a_post_takes_an_extras_path_as_its_folder(tmp_path_factory: object, categories: list[str]) -> None:
    root = Path(tmp_path_factory.mktemp("extras"))  # type: ignore[attr-defined]
    site = write_files(root / "site", _files(categories))
    result = build(site, destination=root / "out", cache=False)
    _check_published(site, root / "out", categories, [str(d) for d in result.diagnostics])


def test_incremental_equals_clean_as_the_post_comes_and_goes(tmp_path: Path) -> None:
    site = write_files(tmp_path / "site", _files([]))
    out = tmp_path / "out"
    build(site, destination=out)
    post = site / "_posts/2024-12-09-s.md"
    for text in (
        "---\ntitle: s\ncategories: sitemap.xml\n---\nx\n",
        None,
        "---\ntitle: s\ncategories: feed.xml\n---\nx\n",
    ):
        if text is None:
            post.unlink()
        else:
            post.write_text(text)
        build(site, destination=out)
        clean = tmp_path / f"clean{len(list(tmp_path.iterdir()))}"
        build(site, destination=clean, cache=False)
        assert tree_bytes(out) == tree_bytes(clean)


def test_the_home_page_stays_reserved(tmp_path: Path) -> None:
    site = write_files(tmp_path / "site", _files(["index.html"]))
    result = build(site, destination=tmp_path / "out", cache=False)
    assert (tmp_path / "out/index.html").is_file()
    said = [str(d) for d in result.diagnostics if "the home page" in str(d)]
    assert len(said) == 1 and "needs index.html as a folder, where the home page is" in said[0], said


@one_seeded_batch
@given(seed=st.integers(0, 2**32))
def test_every_post_jekyll_publishes_there_is_published(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    sites = [write_files(tmp_path / f"s{n}", _files(rng.sample(EXTRAS, rng.randint(1, 3)))) for n in range(4)]
    jekyll_build_many(sites)
    for site in sites:
        build(site, destination=site / "_sitegen", cache=False)
        posts = {p.relative_to(site / "_jekyll") for p in (site / "_jekyll").rglob("p*.html")}
        assert posts and all((site / "_sitegen" / post).is_file() for post in posts)


@settings(max_examples=5, deadline=None)
@given(st.lists(st.sampled_from(EXTRAS), unique=True, min_size=1))
def test_a_static_file_takes_an_extras_path_as_its_folder(
    tmp_path_factory: object, extras: list[str]
) -> None:
    root = Path(tmp_path_factory.mktemp("statics"))  # type: ignore[attr-defined]
    files = {**_files([]), **{f"{extra}/logo.png": "png" for extra in extras}}
    site = write_files(root / "site", files)
    result = build(site, destination=root / "out", cache=False)
    assert not result.errors
    for extra in extras:
        assert (root / "out" / extra / "logo.png").is_file()
        assert any(
            f"needs {extra} as a folder" in str(d) and "logo.png" in str(d) for d in result.diagnostics
        )
    code, printed, errors = sitegen_main("check", str(root / "out"), "-s", str(site))
    assert code == 0, printed + errors
