"""Liquid values and objects as Jekyll 4.3 gives them, checked against `jekyll build`.

One tree (HTML files, no layout, so both tools write exactly what Liquid rendered)
probes what issue 13 listed as still different: YAML timestamps other than `date:` in
the site's zone, values printed with Ruby's `to_s`/`inspect`, tags with their YAML
types, the document keys Jekyll adds (`name`, `ext`, `draft`, `collection`,
`relative_path`, `previous`/`next`, a page's `dir`), `site.related_posts`, the site's
lists (`site.<collection>`, `site.collections`, `site.static_files`, `site.html_pages`,
`site.documents`), `{% include_relative %}`, `where_exp` with `and`/`or`, `find_exp`
and `sample`. A second tree prints a generated batch of nested YAML values.
"""

from __future__ import annotations

import random
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from sitegen.build import BuildResult
from sitegen.liquid.ruby_values import ruby_float, ruby_to_s
from tests.conftest import build, jekyll_build, write_files

NO_LAYOUT = 'defaults:\n  - scope: {path: ""}\n    values: {layout: null}\n'
CONFIG = (
    "title: T\ntimezone: America/New_York\nlaunched: 2024-08-01 23:30:00\n"
    "collections:\n  docs:\n    output: true\n" + NO_LAYOUT
)
POST_PROBE = (
    "lm={{ page.last_modified_at }}|{{ page.last_modified_at | date: '%F %R %z' }}\n"
    "at={{ page.shifted }}|{{ page.shifted | date: '%F %R %z' }}|{{ page.shifted | date_to_xmlschema }}\n"
    "quoted={{ page.quoted }}|day={{ page.day }}|launched={{ site.launched }}\n"
    "data={{ site.data.d.when }}|{{ site.data.d.shifted }}|{{ site.data.d.h }}|{{ site.data.d | jsonify }}\n"
    "tags={{ page.tags | jsonify }}|{{ page.tags }}\n"
    "doc={{ page.name }}|{{ page.ext }}|{{ page.draft }}|{{ page.collection }}|{{ page.relative_path }}"
    "|{{ page.path }}|{{ page.dir }}\n"
    "prev={{ page.previous.title }}|{{ page.previous.url }}|next={{ page.next.title }}\n"
    "related={% for r in site.related_posts %}{{ r.title }},{% endfor %}\n"
)
LISTS_PROBE = (
    "dir={{ page.dir }}|name={{ page.name }}|path={{ page.path }}|coll={{ page.collection }}\n"
    "related={{ site.related_posts | size }}\n"
    "docs={% for d in site.docs %}{{ d.title }}:{{ d.url }}:{{ d.collection }}:{{ d.relative_path }}"
    ":{{ d.previous.title }}:{{ d.next.title }},{% endfor %}\n"
    "collections={% for c in site.collections %}{{ c.label }}:{{ c.output }}:{{ c.relative_directory }}"
    ":{{ c.docs | size }}:{{ c.files | size }},{% endfor %}\n"
    "static={% for f in site.static_files %}{{ f.path }}:{{ f.name }}:{{ f.basename }}:{{ f.extname }},"
    "{% endfor %}\n"
    "html_pages={% assign urls = site.html_pages | map: 'url' | sort %}{{ urls | join: ',' }}\n"
    "documents={% for p in site.documents %}{{ p.url }},{% endfor %}\n"
    "{% assign ps = site.posts | where_exp: 'p', \"p.title == 'A' or p.title == 'C'\" %}"
    "or={{ ps | map: 'title' | join: ',' }}\n"
    "{% assign ps = site.posts | where_exp: 'p', \"p.title != 'A' and p.title != 'C'\" %}"
    "and={{ ps | map: 'title' | join: ',' }}\n"
    "{% assign ps = site.posts | where_exp: 'p', \"p.title == 'A' and p.x == 1 or p.title == 'B'\" %}"
    "mixed={{ ps | map: 'title' | join: ',' }}\n"
    "{% assign f = site.posts | find_exp: 'p', \"p.title == 'B'\" %}find={{ f.title }}\n"
    "{% assign f = site.posts | find_exp: 'p', \"p.title == 'nobody'\" %}none={{ f.title }}|{{ f == nil }}\n"
    "{% assign one = 'x' | split: ',' | sample %}sample={{ one }}\n"
    "{% assign picked = site.posts | sample %}picked={% if picked.title %}a post{% endif %}\n"
    "{% include_relative parts/note.html who='lists' %}\n"
    "{% assign r = (2..4) %}ranges={{ (1..5) }}|{{ r }}|{{ r | size }}|{{ (1..5) | sort | join: ',' }}"
    "|{{ r | reverse | join: ',' }}|{{ (1..4) | first }}{{ (1..4) | last }}|{{ (1..3) | uniq | join }}"
    "|{{ (1..3) | append: 'x' }}|{{ r | upcase }}|{{ r | split: '.' | size }}|{{ (1..5) | slice: 1 }}\n"
    "{% assign two = 'a,<b>' | split: ',' %}texts={{ two | upcase }}|{{ two | escape }}"
    "|{{ true | append: '!' }}|{{ false | upcase }}|{{ two | slice: 0 }}"
    "|{{ nil | append: 'x' }}|{{ 1.5 | append: 'x' }}\n"
    "missing={{ site.posts | map: 'nokey' | compact | size }}|{{ site.posts | map: 'nokey' | jsonify }}"
    "|{{ site.posts | map: 'x' | compact | jsonify }}\n"
)
TREE = {
    "_config.yml": CONFIG,
    "_data/d.yml": (
        "when: 2024-08-01 23:30:00\nshifted: 2024-01-01 10:00:00 +05:00\n"
        "h: {name: Me, n: 1, l: [1, 'a'], x: null}\n"
    ),
    "_posts/2024-03-04-a.html": (
        "---\ntitle: A\ndate: 2024-03-04 10:00:00 +0000\nlast_modified_at: 2024-08-01 23:30:00\n"
        'shifted: 2024-01-01 10:00:00 +05:00\nquoted: "2024-08-01 23:30:00"\nday: 2024-08-01\n'
        "tags: [1, true, 2.50]\nx: 1\n---\n" + POST_PROBE + "{% include_relative inc/part.html %}\n"
    ),
    "_posts/inc/part.html": "included {{ page.title }} {{ include.who }}",
    "_posts/2024-03-05-b.html": "---\ntitle: B\ntags: one two\n---\n" + POST_PROBE,
    "_posts/2024-03-06-c.html": "---\ntitle: C\ntag: solo\n---\n" + POST_PROBE,
    "_docs/one.html": (
        "---\ntitle: Doc One\n---\n{{ page.collection }}|{{ page.relative_path }}|{{ page.name }}"
        "|{{ page.ext }}|{{ page.id }}|{{ page.slug }}|{{ page.previous.title }}|{{ page.next.title }}\n"
    ),
    "_docs/two.html": "---\ntitle: Doc Two\n---\n{{ page.previous.title }}|{{ page.next.title }}\n",
    "sub/lists.html": "---\ntitle: L\n---\n" + LISTS_PROBE,
    "sub/parts/note.html": "note for {{ include.who }} on {{ page.title }}",
    "sub/s.txt": "static\n",
    "index.html": "---\ntitle: R\n---\nroot\n",
}
OUTPUTS = (
    "2024/03/04/a.html",
    "2024/03/05/b.html",
    "2024/03/06/c.html",
    "docs/one.html",
    "docs/two.html",
    "sub/lists.html",
)


def test_liquid_values_and_objects_are_jekylls(tmp_path: Path) -> None:
    site = write_files(tmp_path / "site", TREE)
    jekyll_build(site, tmp_path / "jekyll")
    result = build(site, destination=tmp_path / "sitegen")
    assert [d.message for d in result.diagnostics if d.level == "error"] == []
    for output in OUTPUTS:
        expected = (tmp_path / "jekyll" / output).read_text(encoding="utf-8")
        assert (tmp_path / "sitegen" / output).read_text(encoding="utf-8") == expected, output


def yaml_value(rng: random.Random, depth: int = 0) -> str:
    """One YAML value in flow style: scalars of every type, arrays and hashes nested."""
    scalars = [
        "1",
        "-7",
        "2.50",
        "100.0",
        "1.0e+16",
        "1.5e-05",
        "true",
        "false",
        "null",
        "~",
        "2024-08-01",
        "2024-08-01 23:30:00",
        "2024-08-01 23:30:00.25",
        "2024-02-29 06:00:00 -03:00",
        "2024-08-01T23:30:00Z",
        "2024-08-01T23:30:00.5Z",
        "2024-08-01 23:30:00 +00:00",
        "text",
        '"q\\"\\\\#{x}#y\\t\\u0001 中"',
        "'它''s'",
    ]
    if depth >= 3 or rng.random() < 0.5:
        return rng.choice(scalars)
    size = rng.randint(0, 3)
    if rng.random() < 0.5:
        return "[" + ", ".join(yaml_value(rng, depth + 1) for _ in range(size)) + "]"
    keys = rng.sample(["a", "b", "c", "1", "中"], size)
    return "{" + ", ".join(f"{key}: {yaml_value(rng, depth + 1)}" for key in keys) + "}"


def probed(tmp_path: Path, name: str, data: str, probe: str) -> tuple[str, str, BuildResult]:
    """The page `probe` (Liquid reading `site.data.<name>`, given by `data`) as Jekyll
    renders it, as sitegen does, and sitegen's build."""
    site = write_files(
        tmp_path / "site",
        {
            "_config.yml": "timezone: Asia/Shanghai\n" + NO_LAYOUT,
            f"_data/{name}.yml": data,
            "probe.html": "---\n---\n" + probe,
        },
    )
    jekyll_build(site, tmp_path / "jekyll")
    result = build(site, destination=tmp_path / "sitegen")
    pages = [(tmp_path / tree / "probe.html").read_text(encoding="utf-8") for tree in ("jekyll", "sitegen")]
    return pages[0], pages[1], result


def test_generated_yaml_values_print_as_ruby_prints_them(tmp_path: Path) -> None:
    rng = random.Random(13)
    values = [yaml_value(rng) for _ in range(120)]
    data = "".join(f"v{number}: {value}\n" for number, value in enumerate(values))
    # `jsonify` too (a time is its `to_s`: `… UTC` for a `Z`), where no float with an
    # exponent is in the value: `1.0e+16` is JSON `1.0e+16` in Ruby, a rule sitegen lacks.
    probe = "".join(
        f"{number}={{{{ site.data.v.v{number} }}}}"
        + ("" if "e+" in value or "e-" in value else f"|{{{{ site.data.v.v{number} | jsonify }}}}")
        + "\n"
        for number, value in enumerate(values)
    )
    jekylls, ours, _ = probed(tmp_path, "v", data, probe)
    expected, actual = jekylls.splitlines(), ours.splitlines()
    assert [(line, value) for line, value in zip(actual, values, strict=True)] == list(
        zip(expected, values, strict=True)
    )


@given(st.floats(allow_nan=False, allow_infinity=False))
def test_a_float_prints_as_ruby_writes_it(number: float) -> None:
    text = ruby_float(number)
    assert float(text) == number
    assert "." in text.split("e")[0], text


@given(st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=5), st.lists, max_leaves=8))
def test_an_array_prints_its_items_flattened(value: object) -> None:
    """`Array#join`: nested arrays flattened, nil as nothing, `true` and `false` in lower case."""
    assert ruby_to_s(value) == "".join(_leaf_text(leaf) for leaf in _leaves(value))


def _leaves(value: object) -> list[object]:
    return [leaf for item in value for leaf in _leaves(item)] if isinstance(value, list) else [value]


def _leaf_text(leaf: object) -> str:
    if leaf is None:
        return ""
    if isinstance(leaf, bool):
        return "true" if leaf else "false"
    return str(leaf)


def test_sitemap_json_ld_and_liquid_read_last_modified_at_as_one_instant(tmp_path: Path) -> None:
    """An unquoted `last_modified_at` without an offset is one UTC instant everywhere:
    what Liquid prints, the sitemap's `lastmod` and the page's `dateModified`."""
    config = "title: T\nurl: https://ex.com\ntimezone: America/New_York\n"
    body = "<p>{{ page.last_modified_at | date_to_xmlschema }}</p>\n"
    front = (
        "---\nlayout: post\ntitle: A\ndate: 2024-08-01 08:00:00 -0400\n"
        "last_modified_at: 2024-08-01 23:30:00\n---\n"
    )
    site = write_files(tmp_path / "site", {"_config.yml": config, "_posts/2024-08-01-a.html": front + body})
    build(site, destination=tmp_path / "out")
    instant = "2024-08-01T19:30:00-04:00"
    page = (tmp_path / "out" / "2024/08/01/a.html").read_text(encoding="utf-8")
    assert f"<p>{instant}</p>" in page
    assert f'"dateModified": "{instant}"' in page or f'"dateModified":"{instant}"' in page
    assert f"<lastmod>{instant}</lastmod>" in (tmp_path / "out" / "sitemap.xml").read_text(encoding="utf-8")


def test_jsonify_of_undefined_values_date_keys_and_ordered_maps_is_jekylls(tmp_path: Path) -> None:
    """`jsonify` of an undefined value is `null` (python-liquid's undefined, a mapping,
    wrote `{}`), a key that is a date or a time is its `to_s` (Python's encoder refused it
    and the tag failed), and `!!omap`/`!!pairs` read as Psych reads them."""
    data = (
        "events: {2024-01-01: New Year, 2024-12-25 10:00:00 +08:00: Xmas,"
        " 2024-08-01T23:30:00Z: z, 7: seven}\n"
        "nested: [{2024-02-29: leap}, {k: {2023-01-01: deep}}]\n"
        "omap: !!omap [{b: 1}, {a: 2}]\n"
        "pairs: !!pairs [{a: 1}, {a: 2}]\n"
    )
    probe = "".join(
        f"{expression}={{{{ {expression} | jsonify }}}}\n"
        for expression in (
            "site.data.d.events",
            "site.data.d.nested",
            "site.data.d.omap",
            "site.data.d.pairs",
            "site.nope",
            "page.nope",
            "nope",
            "site.data.nope.x",
            "site.data.d.events.nope",
        )
    )
    expected, actual, result = probed(tmp_path, "d", data, probe)
    assert not result.errors
    assert "site.nope=null" in expected
    assert actual == expected


def test_a_yaml_set_reads_as_its_mapping_the_same_every_build(tmp_path: Path) -> None:
    """`!!set` (which Jekyll refuses, Psych's safe_load loading no `Psych::Set`) was a
    Python set, printed in an order that changed from one build to the next."""
    files = {
        "_config.yml": "title: T\n" + NO_LAYOUT,
        "p.html": "---\nv: !!set {alpha, beta, gamma, delta}\n---\n{{ page.v | jsonify }}\n",
    }
    site = write_files(tmp_path / "site", files)
    results = [build(site, destination=tmp_path / f"out{n}", cache=False) for n in range(2)]
    pages = {(tmp_path / f"out{n}/p.html").read_text(encoding="utf-8") for n in range(2)}
    assert pages == {'{"alpha":null,"beta":null,"gamma":null,"delta":null}\n'}
    assert any("Jekyll refuses it" in str(d) for d in results[0].diagnostics)
