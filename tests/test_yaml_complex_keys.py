"""YAML that Jekyll (Psych) reads and PyYAML refused is read as Psych reads it:

- a mapping key that is a list or mapping (`? [a, b]`) is kept, written as Ruby writes
  the key (`["a", "b"]`, what Jekyll's `jsonify` prints), never "found unhashable key"
  and a dropped post or data file;
- only the first document is read (Psych's `safe_load`): after `---`, or a `%YAML`
  directive line, nothing more is read, so a fault there is never seen. Front matter is
  handed to Psych with its opening `---`, so a `%YAML 1.1` line in it ends it.

Generated texts are read by Psych (one Ruby process, in a batch) and by sitegen.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sitegen.jekyll.yaml_reader import YamlProblem, load_yaml
from tests.conftest import build, files_below, jekyll_build, write_files
from tests.ruby_process import RubyProcess, ruby_process

PSYCH = r"""
require "json"
require "yaml"
STDOUT.sync = true
STDIN.each_line do |line|
  begin
    puts JSON.generate(["ok", YAML.safe_load(JSON.parse(line)[0])])
  rescue Psych::Exception => e
    puts JSON.generate(["error"])
  end
end
"""

_SCALAR = st.sampled_from(["a", "b c", "1", "2.5", "null", "true", "'q'", "-3"])
_KEY = st.one_of(
    _SCALAR.map(lambda text: f"x{sum(map(ord, text)) % 7}"),  # not `hash`: seeded per process
    st.lists(_SCALAR, max_size=3).map(lambda items: "[" + ", ".join(items) + "]"),
    st.lists(st.tuples(st.sampled_from(["k", "m"]), _SCALAR), max_size=2).map(
        lambda pairs: "{" + ", ".join(f"{key}: {value}" for key, value in dict(pairs).items()) + "}"
    ),
)
_TAIL = st.sampled_from(["", "---\nz: 1\n", "--- [\n", "%YAML 1.1\n", "%YAML 1.1\n---\nz: 2\n", "...\n"])


@pytest.fixture(scope="module")
def psych() -> Iterator[RubyProcess]:
    with ruby_process(PSYCH) as process:
        yield process


def _ours(text: str) -> object:
    try:
        return ["ok", json.loads(json.dumps(load_yaml(text)))]
    except YamlProblem:
        return ["error"]


@given(st.lists(st.lists(st.tuples(_KEY, _SCALAR), min_size=1, max_size=4), min_size=20, max_size=20), _TAIL)
def test_complex_keys_and_later_documents_read_as_psych_reads_them(
    psych: RubyProcess, mappings: list[list[tuple[str, str]]], tail: str
) -> None:
    texts = ["".join(f"? {key}\n: {value}\n" for key, value in pairs) + tail for pairs in mappings]
    texts += ["---\n" + text for text in texts[:5]]
    assert psych.mismatches([(text,) for text in texts], _ours) == []


_PAIRS = st.lists(st.tuples(st.sampled_from(["k", "m", "n"]), _SCALAR), min_size=1, max_size=3).map(dict)


@given(st.lists(st.tuples(_PAIRS, st.permutations(range(3)), st.booleans()), min_size=20, max_size=20))
def test_a_mapping_key_written_again_in_another_order_is_one_key_as_in_psych(
    psych: RubyProcess, keys: list[tuple[dict[str, str], list[int], bool]]
) -> None:
    """Ruby's `Hash#eql?` ignores the order of the pairs: `? {k: 1, m: 2}` and
    `? {m: 2, k: 1}` are one key (the later value kept under the first text)."""
    texts = []
    for pairs, order, nested in keys:
        items = list(pairs.items())
        again = [items[index] for index in order if index < len(items)]
        first, second = ("{" + ", ".join(f"{k}: {v}" for k, v in each) + "}" for each in (items, again))
        if nested:
            first, second = f"[1, {first}]", f"[1, {second}]"
        texts.append(f"? {first}\n: one\nz: 0\n? {second}\n: two\n")
    assert psych.mismatches([(text,) for text in texts], _ours) == []


def test_posts_and_data_with_list_keys_or_a_directive_publish_as_in_jekyll(tmp_path: Path) -> None:
    body = "<p>{{ page.title }}</p>\n"
    files = {
        "_config.yml": "title: t\n",
        "_posts/2022-05-01-ck.html": f"---\ntitle: K\ncategories: caixin\n? [a, b]\n: c\n---\n{body}",
        "_posts/2022-05-02-yd.html": f"---\n%YAML 1.1\ntitle: Z\ncategories: caixin\n---\n{body}",
        "_data/k.yml": "? [a, b]\n: c\nname: N\n",
        "k.html": "---\n---\nK={{ site.data.k.name }}|{{ site.data.k | jsonify }}\n",
    }
    site = write_files(tmp_path / "site", files)
    jekyll_build(site, tmp_path / "jekyll")
    result = build(site, destination=tmp_path / "sitegen")
    assert [note for note in result.diagnostics if note.level == "error"] == []
    posts = {name for name in files_below(tmp_path / "jekyll") if name.endswith("html") and "/" in name}
    assert posts == {"caixin/2022/05/01/ck.html", "2022/05/02/yd.html"}
    assert posts <= files_below(tmp_path / "sitegen")
    page = (tmp_path / "sitegen/k.html").read_text(encoding="utf-8")
    assert (tmp_path / "jekyll/k.html").read_text(encoding="utf-8").strip() in page
