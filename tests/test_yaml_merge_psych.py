"""`=`, `<<` and `!!binary` read as Psych reads them, in front matter, `_config.yml`
and `_data` alike (one reader, `sitegen.jekyll.psych_mapping`).

PyYAML typed a plain `=` and `<<` as YAML 1.1's "value" and "merge" and had no
constructor for them, so `permalink: =` or `tags: [<<]` lost the whole post with
"invalid value: 'tag:yaml.org,2002:value'"; Psych reads both as text. A `<<` key merges
by Psych's rule (`revive_hash`): in place, quoted or not, and only a mapping or a
written list of mappings; anything else stays under the key `<<`.

Hypothesis writes documents mixing these scalars at any position (values, keys, list
items, block and flow, quoted and not, tagged, aliased); one Ruby process reads each
with `Psych.safe_load` as Jekyll's `Utils.safe_load_yaml` does, and answers its JSON,
whose key order must be ours too.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.jekyll.psych_mapping import ruby_unpack_base64
from sitegen.jekyll.yaml_reader import YamlProblem, load_yaml
from tests.conftest import build, write_files
from tests.ruby_process import RubyProcess, ruby_process

#: Reads JSON `[kind, text]` lines. For `yaml`: `["ok", JSON of the value]` or
#: `["error"]`; for `base64`: the bytes of `unpack("m")`, as a list of numbers.
PSYCH = r"""
require "json"
require "yaml"
require "date"
STDOUT.sync = true
STDIN.each_line do |line|
  kind, text = JSON.parse(line)
  if kind == "base64"
    puts JSON.generate(text.unpack("m").first.bytes)
    next
  end
  begin
    value = Psych.safe_load(text, permitted_classes: [Date, Time], aliases: true)
    puts JSON.generate(["ok", JSON.generate(value)])
  rescue StandardError, Psych::Exception
    puts JSON.generate(["error"])
  end
end
"""

SCALARS = (
    "=", "<<", "'='", '"<<"', "'<<'", "!!str <<", "!!str =", "!!merge <<", "!!value =", "a", "1",
    "= =", "<<x", "x<<", "!!binary aGVsbG8=", "!binary aGk=", "!!binary aGVsbG8", "~",
)  # fmt: skip
KEYS = ("a", "b", "c", "=", "<<", "<<", "'<<'", '"<<"', "!!str <<", "!!merge <<", "'='")
ANCHORS = "anchors: {m: &m {a: =, b: 1}, n: &n {b: <<, c: 2}, s: &s [{a: 3}], x: &x <<}\n"
ALIASES = ("*m", "*n", "*s", "*x")

Tree = tuple[str, object]


def trees() -> st.SearchStrategy[Tree]:
    """A value: a scalar, an alias, or a list or mapping (block or flow) of values."""
    leaves = st.one_of(
        st.sampled_from(SCALARS).map(lambda text: ("scalar", text)),
        st.sampled_from(ALIASES).map(lambda text: ("scalar", text)),
    )

    def grow(children: st.SearchStrategy[Tree]) -> st.SearchStrategy[Tree]:
        pairs = st.lists(st.tuples(st.sampled_from(KEYS), children), min_size=0, max_size=4)
        return st.one_of(
            st.tuples(st.sampled_from(("bseq", "fseq")), st.lists(children, max_size=3)),
            st.tuples(st.sampled_from(("bmap", "fmap")), pairs),
        )

    return st.recursive(leaves, grow, max_leaves=10)


def flow(tree: Tree) -> str:
    kind, content = tree
    if kind == "scalar":
        return str(content)
    if kind in ("bseq", "fseq"):
        return "[" + ", ".join(flow(item) for item in content) + "]"  # type: ignore[attr-defined]
    return "{" + ", ".join(f"{key}: {flow(value)}" for key, value in content) + "}"  # type: ignore[attr-defined]


def block(tree: Tree, indent: str) -> str:
    """`tree` as the text after a `key:` or `-` (a space and a flow value, or a new line
    and indented block lines)."""
    kind, content = tree
    if kind == "bseq" and content:
        return "\n" + "".join(f"{indent}-{block(item, indent + '  ')}" for item in content)  # type: ignore[attr-defined]
    if kind == "bmap" and content:
        return "\n" + "".join(f"{indent}{key}:{block(value, indent + '  ')}" for key, value in content)  # type: ignore[attr-defined]
    return f" {flow(tree)}\n"


def document(pairs: list[tuple[str, Tree]]) -> str:
    return ANCHORS + "".join(f"{key}:{block(value, '  ')}" for key, value in pairs)


@pytest.fixture(scope="module")
def psych() -> Iterator[RubyProcess]:
    with ruby_process(PSYCH) as process:
        yield process


def ours(kind: str, text: str) -> object:
    if kind == "base64":
        return list(ruby_unpack_base64(text))
    try:
        value = load_yaml(text)
    except YamlProblem:
        return ["error"]
    return ["ok", json.dumps(value, ensure_ascii=False, separators=(",", ":"))]


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.lists(st.tuples(st.sampled_from(KEYS), trees()), min_size=1, max_size=4), min_size=10, max_size=10
    )
)
def test_documents_with_equals_and_merge_keys_read_as_psych_reads_them(
    psych: RubyProcess, documents: list[list[tuple[str, Tree]]]
) -> None:
    texts = [document(pairs) for pairs in documents]
    assert psych.mismatches([("yaml", text) for text in texts], ours) == []


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from((*SCALARS, "8:00", "'yes'")), min_size=1, max_size=6))
def test_flat_front_matter_with_equals_and_merge_reads_as_psych_reads_it(
    psych: RubyProcess, values: list[str]
) -> None:
    """One level of `key: value` lines, which a fast path reads without PyYAML's parser."""
    texts = ["".join(f"k{i}: {value}\n" for i, value in enumerate(values)), f"<<: {{k: {values[0]}}}\n"]
    assert psych.mismatches([("yaml", text) for text in texts], ours) == []


@settings(max_examples=40, deadline=None)
@given(st.lists(st.text(alphabet="aGVsbG8=/+!_ \n-", max_size=12), min_size=10, max_size=10))
def test_binary_is_decoded_as_ruby_unpacks_base64(psych: RubyProcess, texts: list[str]) -> None:
    assert psych.mismatches([("base64", text) for text in texts], ours) == []


REPORTED = (
    "permalink: =\n",
    "title: <<\n",
    "tags: [=]\n",
    "title: <<\nx: [1]\n",
    "a: 2\n<<: {a: 1}\n",
    "'<<': {a: 1}\n",
    "<<: x\n",
    "<<: [{a: 1}, {a: 2, b: 3}]\n",
    "s: &s [{a: 1}]\n<<: *s\n",
    "x: &x {b: 1}\n<<: *x\n",
)


def test_the_reported_examples_read_as_psych_reads_them(psych: RubyProcess) -> None:
    assert psych.mismatches([("yaml", text) for text in REPORTED], ours) == []


def test_a_post_config_and_data_file_with_equals_and_merge_build(tmp_path: Path) -> None:
    """Jekyll 4.3 publishes this post at `/=/` with `<<|["=","<<"]|=|me|{"x":["=","<<"],"y":1}`."""
    shown = "{{ page.title }}|{{ page.tags | jsonify }}|{{ site.title }}|{{ site.author }}|"
    shown += "{{ site.data.d | jsonify }}"
    site = write_files(
        tmp_path / "site",
        {
            "_config.yml": "title: =\n<<: {author: me}\n",
            "_data/d.yml": "x: [=, '<<']\n<<: {y: 1}\n",
            "_posts/2022-05-27-p.html": (
                f"---\nlayout: none\npermalink: /=/\ntitle: <<\ntags: [=, <<]\n---\n{shown}\n"
            ),
        },
    )
    result = build(site)
    assert not [str(d) for d in result.diagnostics if "front matter" in str(d)]
    published = (site / "_site/=/index.html").read_text().strip()
    assert published == '<<|["=","<<"]|=|me|{"x":["=","<<"],"y":1}'


@st.composite
def redefined_anchors(draw: st.DrawFn) -> str:
    """Keys each defining an anchor (some names again) or aliasing one defined above."""
    lines: list[str] = []
    defined: set[str] = set()
    for number in range(draw(st.integers(2, 8))):
        name = draw(st.sampled_from("xyz"))
        aliased: bool = draw(st.booleans())
        if defined and aliased:
            alias = draw(st.sampled_from(sorted(defined)))
            lines.append(
                draw(st.sampled_from([f"k{number}: *{alias}", f"k{number}: {{<<: *{alias}, q: 1}}"]))
            )
        else:
            value = draw(st.sampled_from(["{p: 1}", "{p: 2, r: [1]}", "[a, b]", "text", "7"]))
            lines.append(f"k{number}: &{name} {value}")
            defined.add(name)
    return "".join(line + "\n" for line in lines)


@settings(max_examples=25, deadline=None)
@given(st.lists(redefined_anchors(), min_size=10, max_size=10))
def test_an_anchor_defined_again_names_the_latest_as_in_psych(psych: RubyProcess, texts: list[str]) -> None:
    """libyaml refused a second `&x` ("found duplicate anchor"), losing the post, and the
    whole site for one in `_config.yml`; Psych lets aliases name the latest definition."""
    assert psych.mismatches([("yaml", text) for text in texts], ours) == []
