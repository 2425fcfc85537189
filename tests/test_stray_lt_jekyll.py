"""A stray `<` in a crawled post's HTML hides no text: every post reads as in Jekyll.

The crawler writes a post's body as raw HTML in a Markdown file, and a cut-off link
(`<a href="http://…` with no closing quote), a price (`<5元`), a comment or CDATA
section left open leave a `<` that starts no markup. kramdown takes a `<` as markup only
where a whole tag, end tag, closed comment or instruction starts (its `HTML_TAG_RE`,
`HTML_TAG_CLOSE_RE`, `HTML_COMMENT_RE`, `HTML_INSTRUCTION_RE`) and writes any other
`&lt;`; passed through, a browser reads it as a tag and the words after it vanish.

One generated batch of such posts is built by Jekyll (Debian's `jekyll`, the reference;
the test is skipped where it is missing) and by sitegen, and each post's visible text
(as a browser's parser reads it, white space collapsed) is the same in both; sitegen's
feed stays well-formed XML.
"""

from __future__ import annotations

import random
from pathlib import Path

from bs4 import BeautifulSoup
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from tests.conftest import CONFIG, build, jekyll_build, one_seeded_batch, write_files

BATCH_SIZE = 40
WORDS = ("央行", "发布公告", "，", "。", "价格", "上涨", "3%", "A股", "T1", "news", " ", "2024年", "元")
#: What follows a stray `<`: letters, digits, CJK, a comment or CDATA section never
#: closed, `/`, `?`, a declaration, and start tags whose quoted value never closes.
STRAYS = (
    "<y 元",
    "<b",
    "<a",
    "<5元",
    "<3 ",
    "<中文",
    "<!--注释 ",
    "<!--",
    "<![CDATA[ 内容 ",
    "</ ",
    "</b 文",
    "</",
    "<?php 价格 ",
    "<!DOCTYPE 文 ",
    "<",
    "<<",
    '<a href="http://www.pbc.gov.cn/ ',
    "<a href='http://e.x/ ",
    '<img src="https://img.example/b.jpg ',
    '<span title="注 ',
)
IMAGE = '<center><img src="https://img.example/a.jpg?x=1&y=2"></center>'
#: The reported bodies, each a post of its own.
REPORTED = (
    '<p>央行发布公告，详见<a href="http://www.pbc.gov.cn/ 。</p>\n<p>第二段正文。</p>\n'
    f"{IMAGE}\n<p>第三段正文。</p>\n",
    "<p>价格 <y 元 T1</p>\n",
    '<p>see <a href="http://e.x/ T2</p>\n<p>next T2b</p>\n',
    "<p>利率<!--注释 LOST1</p>\n<p>第二段 LOST2</p>\n",
    "<p>比较 <![CDATA[ 内容 LOST3</p>\n<p>后文 LOST4</p>\n",
)


def paragraph(rng: random.Random) -> str:
    """A crawler's line: a paragraph of words, a stray `<` somewhere in it or not, or
    the centred image."""
    if rng.random() < 0.15:
        return IMAGE
    words = [rng.choice(WORDS) for _ in range(rng.randint(1, 6))]
    for _ in range(rng.choice((0, 1, 1, 2))):
        words.insert(rng.randint(0, len(words)), rng.choice(STRAYS))
    return f"{rng.choice(('', ' '))}<p>{''.join(words)}</p>"


def body(rng: random.Random) -> str:
    """A post's body: a few crawler lines, one HTML block."""
    return "".join(f"{paragraph(rng)}\n" for _ in range(rng.randint(1, 5)))


def visible_text(page: Path) -> str:
    """The text a browser shows of a page, white space collapsed."""
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html5lib")
    return " ".join(soup.get_text().split())


@one_seeded_batch
@given(rng=st.randoms(use_true_random=True))
def test_every_post_shows_jekyll_s_text(tmp_path: Path, rng: random.Random) -> None:
    bodies = [*REPORTED, *(body(rng) for _ in range(BATCH_SIZE - len(REPORTED)))]
    files = {"_config.yml": CONFIG + "plugins: [jekyll-feed]\nfeed:\n  posts_limit: 100\n"}
    for number, text in enumerate(bodies):
        front = f"---\ntitle: 第{number}篇\ncategories: news\nlayout: none\n---\n"
        files[f"_posts/2024-03-{1 + number % 28:02d}-p{number}.md"] = front + text
    site = write_files(tmp_path / "site", files)
    jekyll_build(site, tmp_path / "jekyll")
    build(site, destination=tmp_path / "sitegen")
    for number, text in enumerate(bodies):
        page = f"news/2024/03/{1 + number % 28:02d}/p{number}.html"
        expected = visible_text(tmp_path / "jekyll" / page)
        assert visible_text(tmp_path / "sitegen" / page) == expected, text
    assert "LOST4" in visible_text(tmp_path / "sitegen" / "news/2024/03/05/p4.html")
    etree.parse(tmp_path / "sitegen" / "feed.xml")
