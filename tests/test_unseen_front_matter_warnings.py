"""The warning for front matter after blank lines says what happens to the post.

Jekyll does not see front matter after blank lines (`Utils#has_yaml_header?`,
jekyll/lib/jekyll/utils.rb) and publishes the file as text at the URL its name gives;
sitegen reads that front matter. When it marks the post `published: false` (or `null`)
sitegen leaves the post out, and when it dates the post after the build sitegen holds it
back: the warning said a redirect was at Jekyll's URL in the second case (none is, until
the post is due) and did not say the post was left out in the first. Checked against one
`jekyll build` of generated sites: every URL a warning gives as Jekyll's is one Jekyll
publishes, and every redirect or page a warning promises now is in sitegen's output.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import build, jekyll_build_many, one_seeded_batch, write_files

CONFIG = "title: T\nurl: https://example.com\ntimezone: Asia/Shanghai\n"
_REDIRECT_NOW = re.compile(r"Jekyll's URL (\S+) is a redirect to its URL (\S+)$")
_LEFT_OUT = re.compile(
    r"keeps the post out, where Jekyll, seeing no front matter, publishes it as text at (\S+)$"
)
_DUE_LATER = re.compile(r"it is published at (\S+) from then on, with a redirect at Jekyll's URL (\S+)$")


def _site(rng: random.Random) -> dict[str, str]:
    files = {"_config.yml": CONFIG, "_posts/2021-12-01-plain.md": "---\ntitle: Plain\n---\nbody\n"}
    for n in range(rng.randint(2, 5)):
        front = [f'title: "Post {n}"', rng.choice(["", f"categories: news{n}", "category: old"])]
        front.append(
            rng.choice(
                ["", "published: false", "published: no", "published: ~", "published:", "published: true"]
            )
        )
        front.append(rng.choice(["", "date: 2099-03-04 10:00:00 +0800", "date: 2021-12-20 10:00:00 +0800"]))
        blank = rng.choice(["\n", "\n\n", " \n"])
        text = blank + "---\n" + "\n".join(line for line in front if line) + f"\n---\nbody {n}\n"
        files[f"_posts/2021-12-{n + 10:02d}-post{n}.md"] = text
    return files


def _urls_of(tree: Path) -> set[str]:
    return {"/" + path.relative_to(tree).as_posix() for path in tree.rglob("*.html")}


@one_seeded_batch
@given(seed=st.integers(0, 2**32))
def test_each_warning_says_what_is_published_where(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    sites = [write_files(tmp_path / f"s{n}", _site(rng)) for n in range(10)]
    jekyll_build_many(sites)
    seen = {"now": 0, "left out": 0, "later": 0}
    for site in sites:
        result = build(site, destination=site / "_sitegen", cache=False)
        ours, jekylls = _urls_of(site / "_sitegen"), _urls_of(site / "_jekyll")
        for warning in result.diagnostics:
            if "blank line(s) before the front matter" not in warning.message:
                continue
            assert warning.line == 1 and warning.path.suffix == ".md"
            if match := _REDIRECT_NOW.search(warning.message):
                jekyll_url, url = match.groups()
                assert {jekyll_url, url} <= ours and jekyll_url in jekylls
                seen["now"] += 1
            elif match := _LEFT_OUT.search(warning.message):
                (jekyll_url,) = match.groups()
                assert jekyll_url in jekylls and jekyll_url not in ours
                seen["left out"] += 1
            elif match := _DUE_LATER.search(warning.message):
                url, jekyll_url = match.groups()
                assert jekyll_url in jekylls and not {url, jekyll_url} & ours
                seen["later"] += 1
            else:  # no URL of its own: the post is published where Jekyll publishes it
                assert "redirect" not in warning.message and "keeps the post out" not in warning.message
    assert all(seen.values()), seen


def test_the_warnings_read_as_sentences(tmp_path: Path) -> None:
    files = {
        "_config.yml": CONFIG,
        "_posts/2020-01-01-a.md": "\n---\ntitle: A\ndate: 2099-01-01 08:00:00 +0800\n"
        "categories: news\n---\nx\n",
        "_posts/2020-01-02-b.md": "\n---\ntitle: B\npublished: false\ncategories: news\n---\nx\n",
    }
    result = build(write_files(tmp_path / "site", files), destination=tmp_path / "out", cache=False)
    messages = sorted(str(warning) for warning in result.diagnostics)
    assert messages == [
        "warning: "
        + str(tmp_path / "site/_posts/2020-01-01-a.md")
        + ":1: 1 blank line(s) before the front matter; Jekyll would publish it as text, sitegen reads "
        "it; dated 2099-01-01 08:00:00 +0800, it is published at /news/2099/01/01/a.html from then on, "
        "with a redirect at Jekyll's URL /2020/01/01/a.html",
        "warning: "
        + str(tmp_path / "site/_posts/2020-01-02-b.md")
        + ":1: 1 blank line(s) before the front matter; sitegen reads it, and its 'published' keeps "
        "the post out, where Jekyll, seeing no front matter, publishes it as text at /2020/01/02/b.html",
    ]
