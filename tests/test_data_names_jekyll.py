"""`site.data` keys and which source wins a key, as Jekyll 4.3 reads `_data/`
(data_reader.rb): the files of each suffix in turn (`*.yaml`, `*.yml`, `*.json`, `*.csv`,
`*.tsv`, each sorted, the suffix matched as written), then every folder, a later source
replacing an earlier one of the same key; each key is `sanitize_filename` of the file's
name without its last suffix, or of the folder's whole name. Built by both from one
generated `_data/` tree of many cases, compared as JSON with its keys in order."""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sitegen.content.site_data import data_key, read_site_data
from tests.conftest import build, jekyll_build, one_seeded_batch, write_files
from tests.ruby_process import RubyProcess, ruby_process

PIECES = ("a", "b", "B", "x1", " ", "  ", ".", "-", "_", "#", "栏目", "é", "\t", "v2")
SUFFIXES = (".yml", ".yaml", ".json", ".csv", ".tsv", ".YML", ".Json")
_PAGE = "---\n---\nDATA{{ site.data | jsonify }}END\n"


def _name(rng: random.Random) -> str:
    name = "".join(rng.choice(PIECES) for _ in range(rng.randint(1, 4)))
    return name if not name.startswith(".") else "n" + name


def _value(path: str, number: int) -> str:
    if path.endswith((".csv", ".tsv")):
        separator = "," if path.endswith(".csv") else "\t"
        return f"v{separator}w\n{number}{separator}x\n"
    if path.lower().endswith(".json"):
        return json.dumps({"v": number})
    return f"v: {number}\n"


def _cases(rng: random.Random, count: int) -> dict[str, str]:
    """`count` folders below `_data/`, each with a few files and folders whose names
    often make one key."""
    files: dict[str, str] = {}
    number = 0
    for case in range(count):
        stems = [_name(rng) for _ in range(rng.randint(1, 3))]
        for _ in range(rng.randint(1, 5)):
            number += 1
            stem = rng.choice(stems)
            if rng.random() < 0.2:
                path = f"_data/c{case}/{stem}{rng.choice(('', '.yml'))}/inner.yml"
            else:
                path = f"_data/c{case}/{stem}{rng.choice(SUFFIXES)}"
            if not any(other.startswith(path + "/") or path.startswith(other + "/") for other in files):
                files[path] = _value(path, number)
    return files


def _shown(page: Path) -> object:
    text = page.read_text(encoding="utf-8")
    data = text[text.index("DATA") + 4 : text.index("END")]
    return json.loads(data, object_pairs_hook=lambda pairs: [list(pair) for pair in pairs])


@one_seeded_batch
@given(seed=st.integers(0, 2**32))
def test_data_keys_and_precedence_are_jekylls(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    files = {"_config.yml": "timezone: UTC\n", "d.txt": _PAGE, **_cases(rng, 40)}
    site = write_files(tmp_path / "site", files)
    jekyll_build(site, tmp_path / "jekyll")
    build(site, destination=tmp_path / "sitegen")
    assert _shown(tmp_path / "sitegen/d.txt") == _shown(tmp_path / "jekyll/d.txt")


def test_the_reported_clashes(tmp_path: Path) -> None:
    """As reported: Jekyll read `x.csv` over `x.yml` and `x.json`, and the
    folder `y/` over `y.yml`; sitegen kept the `.yml`, with no line."""
    site = write_files(
        tmp_path,
        {
            "_data/x.yml": "v: yml\n",
            "_data/x.json": '{"v": "json"}',
            "_data/x.csv": "v\ncsv\n",
            "_data/y.yml": "v: yml\n",
            "_data/y/z.yml": "v: z\n",
        },
    )
    data, diagnostics = read_site_data((site / "_data",))
    assert data == {"x": [{"v": "csv"}], "y": {"z": {"v": "z"}}}
    said = sorted((d.path.name, d.message.split(" (")[0]) for d in diagnostics)
    assert said == [
        ("x.csv", "replaces x.json as site.data key 'x'"),
        ("x.json", "replaces x.yml as site.data key 'x'"),
        ("y", "replaces y.yml as site.data key 'y'"),
    ]


RUBY_SANITIZE = r"""
$stdout.sync = true
STDIN.each_line do |line|
  name = JSON.parse(line)[0]
  puts JSON.generate(name.gsub(%r![^\w\s-]+|(?<=^|\b\s)\s+(?=$|\s?\b)!, "").gsub(%r!\s+!, "_"))
end
"""
"""`Jekyll::DataReader#sanitize_filename`'s two substitutions, answering one name a line."""

NAME_CHARACTERS = "ab_-9 \t\n\v\f\r.#$栏é\u00a0\u3000\u0301\u0663\u203f\u2160\u00b2\u200d\U0001f600\u2028"


@pytest.fixture(scope="module")
def ruby() -> Iterator[RubyProcess]:
    with ruby_process(RUBY_SANITIZE, "-rjson") as process:
        yield process


@given(names=st.lists(st.text(st.sampled_from(NAME_CHARACTERS), max_size=8), min_size=1, max_size=50))
def test_a_key_is_what_jekyll_makes_of_the_name(ruby: RubyProcess, names: list[str]) -> None:
    assert not ruby.mismatches([(name,) for name in names], data_key)
