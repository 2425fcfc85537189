"""`page.categories`, `page.tags`, `site.categories` and `site.tags` as Jekyll 4.3 gives
them, built by both from one generated site: categories written as text with leading,
trailing and repeated whitespace (Ruby's `split` gives no empty first name), front-matter
defaults' categories before the file's own (document.rb `merge_categories!`), and the
site's names in the order they first appear from the oldest post on (site.rb
`post_attr_hash`)."""

from __future__ import annotations

import random
import re
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import build, jekyll_build, one_seeded_batch, write_files

WORDS = ("Alpha", "beta", "news", "x1", "World", "中文")
SPACES = (" ", "  ", "\t", " \n ")
TAG_SPACES = (*SPACES, "\u00a0", "\u3000")  # not whitespace to Ruby: inside one tag
SHOWN = re.compile(r"<div>(P\d+ C=\[[^\]]*\] T=\[[^\]]*\])</div>|<div>(SITE[^<]*)</div>")


def _names(rng: random.Random, spaces: tuple[str, ...]) -> str:
    words = rng.sample(WORDS, rng.randint(1, 3))
    text = "".join(word + rng.choice(spaces) for word in words)
    return rng.choice(("", *spaces)) + text


def _site(rng: random.Random) -> dict[str, str]:
    files = {
        "_layouts/default.html": "{{ content }}\n",
        "site.html": "---\n---\n<div>SITE C=[{% for c in site.categories %}{{ c[0] }}|{% endfor %}] "
        "T=[{% for t in site.tags %}{{ t[0] }}|{% endfor %}]</div>\n",
    }
    defaults = []
    for number, day in enumerate(rng.sample(range(1, 29), 8)):
        front = [
            "layout: default",
            f'categories: "{_names(rng, SPACES)}"',
            f'tags: "{_names(rng, TAG_SPACES)}"',
        ]
        if rng.random() < 0.3:
            front[1] = f"categories: [{', '.join(rng.sample(WORDS, 2))}]"
        if rng.random() < 0.5:
            values = f'"{_names(rng, SPACES)}"' if rng.random() < 0.5 else f"[{rng.choice(WORDS)}]"
            defaults.append(
                f'  - scope: {{path: "_posts/g{number}"}}\n    values: {{categories: {values}}}\n'
            )
        body = (
            f"<div>P{number} " + 'C=[{{ page.categories | join: "|" }}] T=[{{ page.tags | join: "|" }}]</div>'
        )
        files[f"_posts/g{number}/2024-01-{day:02d}-p{number}.md"] = (
            "---\n" + "\n".join(front) + "\n---\n" + body + "\n"
        )
    files["_config.yml"] = "timezone: UTC\n" + ("defaults:\n" + "".join(defaults) if defaults else "")
    return files


def _shown(tree: Path) -> set[str]:
    found: set[str] = set()
    for path in tree.rglob("*.html"):
        for match in SHOWN.finditer(path.read_text(encoding="utf-8")):
            found.add(match.group(1) or match.group(2))
    return found


@one_seeded_batch
@given(seed=st.integers(0, 2**32))
def test_categories_and_tags_are_jekylls(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    root = tmp_path
    for round_ in range(3):
        site = write_files(root / f"site{round_}", _site(rng))
        jekyll_build(site, root / f"jekyll{round_}")
        build(site, destination=root / f"sitegen{round_}")
        expected = _shown(root / f"jekyll{round_}")
        assert len(expected) == 9
        assert _shown(root / f"sitegen{round_}") == expected


def test_the_example() -> None:
    """As Jekyll 4.3 printed `categories: "  spaced  out  "` (`[spaced, out]`)."""
    from sitegen.jekyll.ruby_split import ruby_split

    assert ruby_split("  spaced  out  ") == ["spaced", "out"]
