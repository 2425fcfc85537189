"""Liquid's `site.collections` is Jekyll's: each collection answers its own settings as
written (`sort_by`, a `title`, any key of the site's), `output` as the truthiness of its
`output` setting, and the `posts` collection its permalink as Jekyll expands the site's
style (`Drops::CollectionDrop`, collection_drop.rb; `Collection#extract_metadata`,
collection.rb; `Configuration#add_default_collections`, configuration.rb).

A drawn batch of sites, each with drawn collection settings, is built by Jekyll and by
sitegen; a page prints what every collection answers, and both must print the same.
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import build, built_by_both, one_seeded_batch, tree_bytes, write_files

BATCH_SIZE = 12
KEYS = ("label", "output", "relative_directory", "permalink", "sort_by", "title", "order", "extra", "nested")
#: What each collection's own settings may hold, by key.
SETTINGS: dict[str, tuple[object, ...]] = {
    "output": (True, False, "yes", None, 0),
    "permalink": ("/:collection/:name/", "/d/:path:output_ext", "pretty", None),
    "sort_by": ("title", "order"),
    "title": ("文档", "Docs", 3),
    "extra": ([1, "a"], {"k": "v"}, None, True),
    "nested": ({"a": {"b": [1, 2]}},),
}
SITE_PERMALINKS = ("date", "pretty", "none", "ordinal", "/:year/:title/", None)
PAGE = (
    "---\n---\n{% for c in site.collections %}"
    + "".join(f"<<{{{{ c.label }}}}.{key}={{{{ c.{key} | jsonify }}}}>>" for key in KEYS)
    + "<<{{ c.label }}.docs={{ c.docs | size }}>>{% endfor %}\n"
)
PRINTED = re.compile(r"<<([^.<>]*)\.([a-z_]+)=(.*?)>>", re.DOTALL)


def _settings(rng: random.Random) -> dict[str, object]:
    keys = rng.sample(sorted(SETTINGS), rng.randint(0, len(SETTINGS)))
    return {key: rng.choice(SETTINGS[key]) for key in keys}


def _site(rng: random.Random) -> dict[str, str]:
    labels = rng.sample(["docs", "team", "notes"], rng.randint(0, 3))
    config: dict[str, object] = {"title": "T"}
    if rng.random() < 0.2:
        config["collections"] = labels
    else:
        collections: dict[str, object] = {label: _settings(rng) or None for label in labels}
        if rng.random() < 0.4:
            collections["posts"] = _settings(rng)
        config["collections"] = collections
    permalink = rng.choice(SITE_PERMALINKS)
    if permalink is not None:
        config["permalink"] = permalink
    files = {
        "_config.yml": yaml.safe_dump(config, allow_unicode=True),
        "collections.html": PAGE,
        "_posts/2024-01-02-a.md": "---\ntitle: A\n---\na\n",
    }
    for label in labels:
        files[f"_{label}/one.md"] = "---\ntitle: One\norder: 1\n---\none\n"
    return files


def _printed(output: Path) -> dict[tuple[str, str], object]:
    found = [path for path in output.rglob("*") if path.is_file() and "collections" in path.parts[-1]]
    if not found:
        found = [path for path in output.rglob("index.html") if path.parent.name == "collections"]
    (path,) = found
    text = path.read_text(encoding="utf-8")
    return {(label, key): json.loads(value) for label, key, value in PRINTED.findall(text)}


@one_seeded_batch
@given(rng=st.randoms(use_true_random=True))
def test_every_collection_answers_as_in_jekyll(tmp_path: Path, rng: random.Random) -> None:
    sites = [write_files(tmp_path / f"site{number}", _site(rng)) for number in range(BATCH_SIZE)]
    for both in built_by_both(sites, cache=True):
        jekyll = _printed(both.site / "_jekyll")
        assert ("posts", "label") in jekyll, both.site
        config = (both.site / "_config.yml").read_text(encoding="utf-8")
        assert _printed(both.destination) == jekyll, config


MEMBERS = (
    "---\nlayout: null\n---\n{% for m in site.team %}"
    "[[{{ m.name }};{{ m.title }};{{ m.url }};{{ m.content | strip }};{{ m.output | strip }}]]{% endfor %}"
    "{{ site.documents | size }}\n{{ site.static_files | size }}\n"
    "{% for c in site.collections %}{{ c.files | size }}\n{% endfor %}"
)
TEAM_NAMES = ("Ann", "", "null", "false", "张三", None)


def _team_site(rng: random.Random) -> dict[str, str]:
    output = rng.choice(("false", "true", "0", "null", None))
    settings = "    sort_by: title\n" if output is None else f"    output: {output}\n"
    files = {
        "_config.yml": f"title: T\ncollections:\n  team:\n{settings}",
        "members.html": MEMBERS,
        "_team/photo.txt": "no front matter\n",
    }
    for number in range(rng.randint(0, 3)):
        name = rng.choice(TEAM_NAMES)
        front = "" if name is None else f"name: {name}\n"
        body = rng.choice([f"Bio {number}.", f"{{{{ site.title }}}} **{{{{ page.title }}}}** {number}"])
        files[f"_team/m{number}.md"] = f"---\n{front}title: M{number}\n---\n{body}\n"
    return files


def _published_team(output: Path) -> set[str]:
    return {
        str(path.relative_to(output)) for path in output.rglob("*") if path.is_file() and "team" in path.parts
    }


@one_seeded_batch
@given(rng=st.randoms(use_true_random=True))
def test_an_unpublished_collection_is_read_for_liquid_and_not_written(
    tmp_path: Path, rng: random.Random
) -> None:
    """`site.team` lists the documents of a collection Jekyll does not write, each with
    its `name` (the front matter's where true in Ruby, else the file's), URL and content;
    neither its documents nor its other files are published."""
    sites = [write_files(tmp_path / f"site{number}", _team_site(rng)) for number in range(BATCH_SIZE)]
    for both in built_by_both(sites, cache=True):
        site, ours = both.site, both.destination
        jekyll = (site / "_jekyll" / "members.html").read_text(encoding="utf-8")
        config = (site / "_config.yml").read_text(encoding="utf-8")
        assert SEEN_MEMBERS.findall(
            (ours / "members.html").read_text(encoding="utf-8")
        ) == SEEN_MEMBERS.findall(jekyll), config
        assert _published_team(ours) == _published_team(site / "_jekyll"), config


SEEN_MEMBERS = re.compile(r"\[\[.*?\]\]|[0-9]+$", re.MULTILINE)


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    edits=st.lists(
        st.tuples(st.sampled_from(["m0", "m1", "m2"]), st.sampled_from(TEAM_NAMES[:2]) | st.none()),
        min_size=1,
        max_size=4,
    )
)
def test_an_unpublished_collection_rebuilt_equals_a_clean_build(
    tmp_path_factory: pytest.TempPathFactory, edits: list[tuple[str, str | None]]
) -> None:
    """An edit, addition or removal in `_team/` (None removes the file) reaches the page
    listing the team at the next build, as a clean build of the same files has it."""
    site = write_files(
        tmp_path_factory.mktemp("site"),
        {"_config.yml": "title: T\ncollections:\n  team:\n    output: false\n", "members.html": MEMBERS},
    )
    out = site.parent / f"{site.name}-out"
    build(site, destination=out)
    for member, name in edits:
        path = site / "_team" / f"{member}.md"
        if name is None:
            path.unlink(missing_ok=True)
        else:
            write_files(site, {f"_team/{member}.md": f"---\nname: {name}\n---\nBio of {name}.\n"})
        build(site, destination=out)
    clean = site.parent / f"{site.name}-clean"
    build(site, destination=clean, cache=False)
    assert tree_bytes(out) == tree_bytes(clean)
    assert not _published_team(out)


ORDER_PAGE = (
    "---\nlayout: null\n---\n{% for d in site.team %}"
    "<<{{ d.title }}:{{ d.previous.title }}:{{ d.next.title }}>>{% endfor %}\n"
)


def _ordered_site(rng: random.Random) -> dict[str, str]:
    names = rng.sample(["a", "b", "c", "d", "e"], rng.randint(1, 5))
    settings = rng.choice(["", "    sort_by: rank\n", "    sort_by: title\n", "ORDER"])
    if settings == "ORDER":
        listed = rng.sample([*names, "gone"], rng.randint(0, len(names)))
        settings = "    order:\n" + "".join(f"      - {name}.md\n" for name in listed)
    output = rng.choice(["true", "false"])
    files = {
        "_config.yml": f"title: T\ncollections:\n  team:\n    output: {output}\n{settings}",
        "order.html": ORDER_PAGE,
    }
    for name in names:
        front = f"title: T{name}\n"
        if rng.random() < 0.7:
            front += f"rank: {rng.choice([1, 2, 3, '2', 'x'])}\n"
        if rng.random() < 0.5:
            front += f"date: 2024-01-0{rng.randint(1, 3)}\n"
        files[f"_team/{name}.md"] = f"---\n{front}---\n{name}\n"
    return files


@one_seeded_batch
@given(rng=st.randoms(use_true_random=True))
def test_a_collections_documents_are_in_jekylls_order(tmp_path: Path, rng: random.Random) -> None:
    """`sort_by`, `order` and the default (date, then path) order `site.team` and each
    document's `previous` and `next` as Jekyll's `Collection#sort_docs!` does."""
    sites = [write_files(tmp_path / f"site{number}", _ordered_site(rng)) for number in range(BATCH_SIZE)]
    for both in built_by_both(sites, cache=True):
        jekyll = re.findall(r"<<.*?>>", (both.site / "_jekyll" / "order.html").read_text(encoding="utf-8"))
        ours = re.findall(r"<<.*?>>", (both.destination / "order.html").read_text("utf-8"))
        assert jekyll, both.site
        assert ours == jekyll, (both.site / "_config.yml").read_text(encoding="utf-8")
