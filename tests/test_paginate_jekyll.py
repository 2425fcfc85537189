"""jekyll-paginate as Jekyll runs it: the site's `index.html` published once per page of
posts, each with its own `paginator`, at the URLs jekyll-paginate 1.1 gives them
(`sitegen.liquid.paginate`). Before, sitegen gave the first page a `paginator` whose
`next_page_path` led to a page it never published, and gave one to sites that had not
turned the plugin on."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import build, built_by_both, jekyll_build, one_seeded_batch, write_files

NO_LAYOUT = 'defaults:\n  - scope: {path: ""}\n    values: {layout: null}\n'
PROBE = (
    "{% for p in paginator.posts %}{{ p.title }},{% endfor %}|{{ paginator.page }}/"
    "{{ paginator.total_pages }}|{{ paginator.per_page }}|{{ paginator.total_posts }}|"
    "{{ paginator.previous_page }}[{{ paginator.previous_page_path }}]|"
    "{{ paginator.next_page }}[{{ paginator.next_page_path }}]|{{ page.url }}|{{ page.path }}|{{ page.dir }}"
)
PATHS = (
    "/page:num",
    "/page:num/",
    "page/:num",
    "/blog/page:num",
    "/blog/page/:num/",
    "/page/:num/",
    "/页:num",
    "/p:num.html",
)
PER_PAGE = ("1", "2", "3", "5", '"2"', "2.9", '"3 posts"')


def _site(rng: random.Random, number: int) -> dict[str, str]:
    """A site with jekyll-paginate on, `index.html` probes in the folders the path may
    pick among (and an `index.md` it never picks), some posts hidden."""
    path = rng.choice(PATHS)
    config = f"title: T\nplugins: [jekyll-paginate]\npaginate: {rng.choice(PER_PAGE)}\n"
    config += f"paginate_path: {path!r}\n" if path != "/page:num" or rng.random() < 0.5 else ""
    files = {"_config.yml": config + NO_LAYOUT}
    # No two sibling folders: Jekyll lists their pages in the file system's order.
    for folder in rng.sample(["", "blog/", "blog/page/"], rng.randint(1, 3)):
        files[f"{folder}index.html"] = f"---\n---\nPG{number}:{folder}|{PROBE}\n"
    files["about/index.md"] = f"---\n---\nPG{number}:md|{PROBE}\n"
    # jekyll-paginate adds its copies to `site.pages` after the pages Jekyll read.
    files["z.html"] = f"---\n---\nPG{number}:z|{{% for p in site.pages %}}{{{{ p.url }}}} {{% endfor %}}\n"
    for day in range(1, rng.randint(0, 9) + 1):
        hidden = "hidden: true\n" if rng.random() < 0.2 else ""
        files[f"_posts/2024-03-{day:02d}-p{day}.html"] = f"---\ntitle: P{day}\n{hidden}---\nx\n"
    return files


def _probes(root: Path, number: int) -> dict[str, str]:
    """Every published file a probe page wrote, with what it printed."""
    marker = f"PG{number}:"
    found = {}
    for path in root.rglob("*"):
        if path.is_file() and path.suffix in (".html", ""):
            text = path.read_text(encoding="utf-8", errors="replace")
            if text.startswith(marker):
                found[path.relative_to(root).as_posix()] = text.strip()
    return found


@one_seeded_batch
@given(seed=st.integers(0, 2**32))
def test_paginated_pages_are_jekylls(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    sites = [write_files(tmp_path / f"s{number}", _site(rng, number)) for number in range(14)]
    for number, both in enumerate(built_by_both(sites)):
        expected = _probes(both.site / "_jekyll", number)
        assert expected, number  # every site publishes its probes
        assert _probes(both.destination, number) == expected, (number, both.site)
        assert not both.result.errors, both.result.errors


def test_the_plugin_off_gives_no_paginator(tmp_path: Path) -> None:
    """Without `plugins: [jekyll-paginate]` Jekyll 4 paginates nothing (it only says the
    plugin is missing), whatever `paginate` says: `paginator` is nil, and no page 2."""
    files = {
        "_config.yml": "title: T\npaginate: 1\n" + NO_LAYOUT,
        "index.html": f"---\n---\nPG0:|{PROBE}\n",
        **{f"_posts/2024-03-0{day}-p{day}.html": f"---\ntitle: P{day}\n---\nx\n" for day in (1, 2)},
    }
    site = write_files(tmp_path / "site", files)
    jekyll_build(site, tmp_path / "jekyll")
    build(site, destination=tmp_path / "sitegen")
    expected = _probes(tmp_path / "jekyll", 0)
    assert list(expected) == ["index.html"]
    assert _probes(tmp_path / "sitegen", 0) == expected


@pytest.mark.parametrize(
    ("setting", "warned"),
    [
        ("paginate: 0\n", "paginate: 0 is not a number of posts above 0"),
        ("paginate: true\n", "paginate: true is not a number of posts above 0"),
        ("paginate: 2\npaginate_path: [a]\n", 'paginate_path: ["a"] is not a path'),
        ("paginate: 2\npaginate_path: /blog/\n", "which has no :num"),
    ],
)
def test_a_setting_jekyll_stops_on_is_one_warning(tmp_path: Path, setting: str, warned: str) -> None:
    """Where Jekyll stops (`paginate: 0` divides by zero) or would write every page to
    one file, sitegen publishes the first page, its `paginator` nil, with one warning."""
    files = {
        "_config.yml": "title: T\nplugins: [jekyll-paginate]\n" + setting + NO_LAYOUT,
        "index.html": f"---\n---\nPG0:|{PROBE}\n",
        "blog/index.html": f"---\n---\nPG0:blog|{PROBE}\n",
        **{f"_posts/2024-03-0{day}-p{day}.html": f"---\ntitle: P{day}\n---\nx\n" for day in (1, 2, 3)},
    }
    result = build(write_files(tmp_path / "site", files), destination=tmp_path / "out")
    lines = [str(diagnostic) for diagnostic in result.diagnostics if "jekyll-paginate" in diagnostic.message]
    assert len(lines) == 1 and warned in lines[0], lines
    assert set(_probes(tmp_path / "out", 0)) == {"index.html", "blog/index.html"}
    assert (tmp_path / "out" / "index.html").read_text(encoding="utf-8").startswith("PG0:||/|||[]|[]|/|")


def test_a_rebuild_after_a_new_post_equals_a_clean_build(tmp_path: Path) -> None:
    """Every page of posts shifts when a post is added: the copies share their file's
    cache key, so none is kept stale."""
    files = {
        "_config.yml": "title: T\nplugins: [jekyll-paginate]\npaginate: 2\n" + NO_LAYOUT,
        "index.html": f"---\n---\nPG0:|{PROBE}\n",
        **{f"_posts/2024-03-0{day}-p{day}.html": f"---\ntitle: P{day}\n---\nx\n" for day in range(1, 6)},
    }
    site = write_files(tmp_path / "site", files)
    build(site, destination=tmp_path / "out")
    (site / "_posts" / "2024-03-07-p7.html").write_text("---\ntitle: P7\n---\nx\n", encoding="utf-8")
    build(site, destination=tmp_path / "out")
    build(site, destination=tmp_path / "clean", cache=False)
    assert _probes(tmp_path / "out", 0) == _probes(tmp_path / "clean", 0)
    assert _probes(tmp_path / "out", 0)["page3/index.html"].startswith("PG0:|P2,P1,|3/3|")


def test_the_pages_take_page_n_from_sitegens_own_home_pages(tmp_path: Path) -> None:
    """`/page/:num/` is where sitegen's own home page continues (`/page/2/`); beside a
    site's own index those pages lead nowhere, and jekyll-paginate's pages take the URLs."""
    files = {
        "_config.yml": "title: T\nplugins: [jekyll-paginate]\npaginate: 3\npaginate_path: /page/:num/\n"
        + NO_LAYOUT,
        "index.html": f"---\n---\nPG0:|{PROBE}\n",
        **{f"_posts/2024-03-{day:02d}-p{day}.html": f"---\ntitle: P{day}\n---\nx\n" for day in range(1, 29)},
        **{f"_posts/2024-04-{day:02d}-q{day}.html": f"---\ntitle: Q{day}\n---\nx\n" for day in range(1, 9)},
    }
    site = write_files(tmp_path / "site", files)
    jekyll_build(site, tmp_path / "jekyll")
    result = build(site, destination=tmp_path / "sitegen")
    assert not result.errors, [str(error) for error in result.errors]
    expected = _probes(tmp_path / "jekyll", 0)
    assert len(expected) == 12
    assert _probes(tmp_path / "sitegen", 0) == expected
