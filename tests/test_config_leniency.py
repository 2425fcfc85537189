"""A wrong value in `_config.yml` costs that setting, not the site.

Before, any wrong-typed or out-of-range value (`paginate: -1`, `url: 12`, `nav: 5`,
`defaults: {}`) stopped the whole build, where Jekyll builds the site, and `permalink: 5`
was taken as the pattern `5` (every post at `/5.html`, all but one dropped). Now each is
one diagnostic naming `_config.yml` and the key's line, and the posts are published.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from hypothesis import example, given, settings
from hypothesis import strategies as st

from sitegen.config import load_config
from sitegen.errors import ConfigError
from sitegen.jekyll.ruby_scalars import ruby_float
from tests.conftest import build, files_below, jekyll_build, post, write_files

SCALARS = st.one_of(st.integers(-5, 5), st.floats(allow_nan=False, allow_infinity=False), st.booleans())
TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=8)
CONTAINERS = st.one_of(
    st.lists(st.one_of(SCALARS, st.none()), min_size=1, max_size=3),
    st.dictionaries(st.sampled_from(["a", "b"]), SCALARS, min_size=1, max_size=2),
)
NOT_SWITCH = st.one_of(st.integers(), st.floats(allow_nan=False), TEXT, CONTAINERS)
NOT_COUNT = st.one_of(st.integers(max_value=-1), st.floats(allow_nan=False), st.booleans(), TEXT, CONTAINERS)
NOT_NAMES = st.one_of(
    st.integers(), st.floats(allow_nan=False), st.booleans(), st.dictionaries(TEXT, SCALARS, min_size=1)
)

#: Every key `sitegen.config` reads leniently, with values of the wrong type or range.
WRONG: dict[str, st.SearchStrategy[Any]] = {
    **dict.fromkeys(["title", "description", "cache_dir", "collections_dir"], CONTAINERS),
    **dict.fromkeys(["markdown_ext"], CONTAINERS),
    **dict.fromkeys(
        [
            "back_links",
            "category_dirs",
            "date_archives",
            "lazy_images",
            "future",
            "unpublished",
            "show_drafts",
        ],
        NOT_SWITCH,
    ),
    **dict.fromkeys(
        ["home_posts", "home_per_category", "nav_size", "paginate", "feed_entries", "excerpt_length"],
        NOT_COUNT,
    ),
    "author": st.lists(SCALARS, min_size=1, max_size=2),  # a mapping is jekyll-seo-tag's author
    "sitemap_max_urls": st.one_of(NOT_COUNT, st.integers(50_001, 10**9)),
    "nav": st.one_of(NOT_NAMES, st.lists(st.one_of(st.none(), st.booleans()), min_size=1, max_size=2)),
    "exclude": st.lists(st.one_of(st.none(), SCALARS), min_size=1, max_size=3),
    "url": st.one_of(SCALARS, CONTAINERS, st.sampled_from(["ftp://x", "12", "//h", "http://"])),
    "baseurl": st.one_of(CONTAINERS, st.sampled_from(["news", "a/b"])),
    "offsetless_dates": st.one_of(CONTAINERS, st.sampled_from(["local", "UTC", "x"])),
    "search": st.one_of(CONTAINERS, st.sampled_from(["lunr", "x"]), st.integers()),
    "category_titles": st.one_of(
        NOT_NAMES.filter(lambda v: not isinstance(v, dict)), TEXT, st.lists(SCALARS, min_size=1)
    ),
    "defaults": st.one_of(
        SCALARS, TEXT, st.dictionaries(TEXT, SCALARS), st.lists(st.one_of(SCALARS, TEXT), min_size=1)
    ),
    "lang": st.one_of(CONTAINERS, SCALARS, st.sampled_from(["5", "", "en us", "中文", "e", "-en"])),
    "news": st.one_of(
        st.integers(),
        TEXT.filter(lambda t: t.strip() != ""),
        st.lists(SCALARS, min_size=1),
        st.fixed_dictionaries({"language": st.one_of(st.integers(), st.floats(allow_nan=False))}),
    ),
    # `load_paths` as text is right: jekyll-sass-converter reads `Array(load_paths)`.
    "sass": st.one_of(
        st.integers(),
        TEXT,
        st.lists(SCALARS, min_size=1),
        st.fixed_dictionaries({"load_paths": st.one_of(st.integers(), st.lists(st.integers(), min_size=1))}),
    ),
    # A pattern with a placeholder no post has: Jekyll keeps `:nope` as text (every post
    # of a day at one file); sitegen says so and uses the default style.
    "permalink": st.one_of(SCALARS, CONTAINERS, st.sampled_from(["/:nope/", "/:year/:titel.html", "/:x:y"])),
}
POSTS = {f"_posts/2022-05-2{day}-p{day}.md": post(title=f"P{day}") for day in (1, 2, 3)}


def flow(value: Any) -> str:
    """`value` as one line of YAML flow style that Jekyll's Psych reads back as it is:
    JSON, but a float always with its dot (`1.0e+16`: Psych reads JSON's `1e+16` as text)."""
    if isinstance(value, float):
        return {float("inf"): ".inf", float("-inf"): "-.inf"}.get(value) or ruby_float(value)
    if isinstance(value, list):
        return "[" + ", ".join(flow(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{flow(key)}: {flow(item)}" for key, item in value.items()) + "}"
    return json.dumps(value, ensure_ascii=False)


def build_with(config: str) -> tuple[Path, Any]:
    folder = Path(tempfile.mkdtemp())
    site = write_files(folder / "site", {"_config.yml": config, **POSTS})
    return folder / "out", build(site, destination=folder / "out", cache=False)


@settings(max_examples=12)
@given(values=st.fixed_dictionaries(WRONG))
@example(values={"paginate": -1, "url": 12, "nav": 5, "defaults": {}, "permalink": 5, "exclude": [1, None]})
@example(values={"permalink": 1e16})  # JSON writes 1e+16, which Psych reads as text
@example(values={"lang": 5, "sass": {"load_paths": 5}, "news": {"language": 5}})
def test_each_wrong_setting_is_one_diagnostic_at_its_line_and_the_posts_publish(
    values: dict[str, Any],
) -> None:
    # One key a line (JSON is YAML), so one build checks every key at once.
    lines = ["title: t"] + [f"{key}: {flow(value)}" for key, value in values.items()]
    out, result = build_with("\n".join(lines) + "\n")
    notes = [d for d in result.diagnostics if d.path.name == "_config.yml" and d.line is not None]
    for number, key in enumerate(values, start=2):
        at_line = [d for d in notes if d.line == number]
        assert len(at_line) == 1, (key, values[key], [str(d) for d in notes])
        message = at_line[0].message
        assert f"'{key}'" in message or f"'{key}: " in message or f"{key} '" in message
    assert not any("Traceback" in d.message for d in result.diagnostics)
    published = files_below(out, "*.html")
    names = {path.rpartition("/")[2] for path in published}
    assert {"p1.html", "p2.html", "p3.html"} <= names, published
    for xml in out.rglob("*.xml"):
        ElementTree.parse(xml)  # well-formed


@settings(max_examples=12)
@given(posts=st.one_of(SCALARS, CONTAINERS), docs=st.one_of(SCALARS, CONTAINERS))
def test_a_collections_permalink_that_is_no_text_costs_that_permalink_only(posts: Any, docs: Any) -> None:
    """`collections: {posts: {permalink: 5}}` stopped the whole build, where the site's
    own `permalink: 5` costs that setting only: now one error at its line each, the
    site's permalink (or a collection's default) used, and every post published."""
    config = f"title: t\ncollections:\n  posts:\n    permalink: {flow(posts)}\n  docs:\n    output: true\n"
    config += f"    permalink: {flow(docs)}\n"
    out, result = build_with(config)
    errors = [d for d in result.diagnostics if d.level == "error"]
    assert sorted((d.path.name, d.line or 0) for d in errors) == [("_config.yml", 4), ("_config.yml", 7)], (
        errors
    )
    assert all("'permalink' must be text" in d.message for d in errors)
    names = {path.rpartition("/")[2] for path in files_below(out, "*.html")}
    assert {"p1.html", "p2.html", "p3.html"} <= names


#: Values Jekyll stops on too, so they stop the build: each must still name its line.
FATAL = {
    "collections": st.sampled_from(["{docs: 5}", "3"]),
    "markdown": st.sampled_from(["[x]", "Nope", "{a: 1}"]),
    "timezone": st.sampled_from(["[x]", "{a: 1}"]),
}


@given(
    keys=st.lists(st.sampled_from(sorted(FATAL)), min_size=1, unique=True),
    blanks=st.lists(st.integers(0, 2), min_size=len(FATAL), max_size=len(FATAL)),
    data=st.data(),
)
def test_each_setting_that_stops_the_build_names_its_line(
    keys: list[str], blanks: list[int], data: st.DataObject
) -> None:
    lines = ["title: t"]
    written: dict[str, int] = {}
    for key, blank in zip(keys, blanks, strict=False):
        lines += [""] * blank
        lines.append(f"{key}: {data.draw(FATAL[key])}")
        written[key] = len(lines)
    site = write_files(Path(tempfile.mkdtemp()) / "site", {"_config.yml": "\n".join(lines) + "\n"})
    try:
        load_config(site)
    except ConfigError as error:
        reported = str(error).splitlines()
    else:
        raise AssertionError("the build was not stopped")
    assert len(reported) == len(keys), reported
    for key, number in written.items():
        assert any(f"_config.yml:{number}: " in line and key in line for line in reported), (key, reported)


JEKYLL_CASES = {
    "future: 5\nexclude: [1, null, 2022-05-23-p3.md]\n": "a truthy future publishes the future post",
    'defaults: [1, "x", {values: {permalink: /d/:title.html}}]\nbaseurl: news\n': "valid sets still apply",
}


def test_lenient_settings_publish_the_posts_jekyll_publishes() -> None:
    for config, why in JEKYLL_CASES.items():
        files = {"_config.yml": "title: t\n" + config, **POSTS, "_posts/2030-01-01-later.md": post(title="L")}
        folder = Path(tempfile.mkdtemp())
        site = write_files(folder / "site", files)
        jekyll_build(site, folder / "jekyll")
        build(site, destination=folder / "sitegen", cache=False)
        jekyll_posts = {p for p in files_below(folder / "jekyll", "*.html")}
        ours = files_below(folder / "sitegen", "*.html") & {p for p in jekyll_posts}
        assert ours == jekyll_posts, why
