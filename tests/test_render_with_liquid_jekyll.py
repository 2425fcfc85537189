"""`render_with_liquid: false` (Jekyll 4, `Document#render_with_liquid?`, document.rb;
`Convertible#render_with_liquid?`, convertible.rb): a post, page or document with it,
in its own front matter or from `defaults:`, is published with its Liquid marks as
text, where sitegen rendered them. Checked against Jekyll on a drawn batch of files."""

from __future__ import annotations

import random
import re
from pathlib import Path

from bs4 import BeautifulSoup
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import built_by_both, one_seeded_batch, write_files

BATCH_SIZE = 6
BODIES = (
    "模板代码：{{ site.title }} 与 {% if x %}y{% endif %}",
    "quoted {{ page.title }} and {% raw %}raw{% endraw %}",
    "plain text 正文",
)
FILES = {"post": "_posts/2024-01-0{n}-p{n}.md", "page": "p{n}.md", "document": "_docs/d{n}.md"}
OWN = re.compile(r"\[\[(.*?)\]\]", re.DOTALL)


def _site(rng: random.Random) -> dict[str, str]:
    by_default = rng.random() < 0.3
    config = "title: 站点\ncollections:\n  docs:\n    output: true\n"
    if by_default:
        config += "defaults:\n  - scope:\n      path: ''\n    values:\n      render_with_liquid: false\n"
    files = {"_config.yml": config}
    for number in range(1, 4):
        kind = rng.choice(sorted(FILES))
        own = rng.choice(["render_with_liquid: false\n", "render_with_liquid: true\n", ""])
        body = rng.choice(BODIES)
        path = FILES[kind].format(n=number)
        files[path] = f"---\ntitle: T{number}\nlayout: null\n{own}---\n[[{body}]]\n"
    return files


def _shown(output: Path) -> dict[str, str]:
    found = {}
    for path in output.rglob("*.html"):
        if not re.fullmatch(r"[pd][0-9]", path.stem):
            continue  # sitegen's own listings show the posts' excerpts
        text = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").get_text()
        if marks := OWN.findall(text):
            found[path.stem] = " ".join(marks[0].split())
    return found


@one_seeded_batch
@given(rng=st.randoms(use_true_random=True))
def test_render_with_liquid_false_publishes_the_marks_as_jekyll_does(
    tmp_path: Path, rng: random.Random
) -> None:
    sites = [write_files(tmp_path / f"site{number}", _site(rng)) for number in range(BATCH_SIZE)]
    for both in built_by_both(sites, cache=True):
        jekyll = _shown(both.site / "_jekyll")
        assert len(jekyll) == 3, both.site
        assert _shown(both.destination) == jekyll, (both.site / "_config.yml").read_text()
