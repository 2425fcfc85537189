"""The top bar marks the section the reader is in, for eyes and for screen readers.

`aria-current="page"` on the entry whose own page this is (a category's first page, the
home page, the directory); `aria-current="true"` on a page within it (the category's
posts and later pages); nothing when the page belongs to no entry of the bar.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.conftest import CONFIG, build, post, write_files

POSTS = {
    f"content/_posts/2022-05-{day:02d}-x{day}.md": post(
        f"新京报{day}", date=f"2022-05-{day:02d} 09:00:00 +0800"
    )
    for day in range(1, 6)
}
SITE = {
    "_config.yml": CONFIG + "baseurl: /news\nnav: [xinjingbao, caixin]\npaginate: 2\nhome_posts: 2\n",
    **POSTS,
    "content/_posts/2022-05-20-a.md": post("财新一", categories="caixin", tags="财新"),
    "content/_posts/2022-05-21-b.md": post("东财一", categories="emnews", tags="东财滚动新闻"),
}


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = write_files(tmp_path_factory.mktemp("top-bar") / "site", SITE)
    assert build(site).errors == ()
    return site / "_site"


def _marked(page: Path) -> list[tuple[str, str]]:
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    return [(str(a.get_text()), str(a["aria-current"])) for a in soup.select("nav.sections a[aria-current]")]


@pytest.mark.parametrize(
    ("page", "marked"),
    [
        ("category/xinjingbao.html", [("新京报新闻", "page")]),
        ("xinjingbao/2022/05/02/x2.html", [("新京报新闻", "true")]),
        ("category/caixin.html", [("财新", "page")]),
        ("index.html", [("首页", "page")]),
        ("category/index.html", [("全部栏目 »", "page")]),
        ("emnews/2022/05/27/b.html", []),
        ("category/emnews.html", []),
        ("tag/财新.html", []),
    ],
)
def test_the_top_bar_marks_the_current_section(out: Path, page: str, marked: list[tuple[str, str]]) -> None:
    assert _marked(out / page) == marked


def test_a_later_page_of_a_section_marks_it_as_within(out: Path) -> None:
    later = sorted(path.relative_to(out).as_posix() for path in out.rglob("*.html") if "page" in path.parts)
    category = [page for page in later if "xinjingbao" in page]
    home = [page for page in later if page.startswith("page/")]
    assert category and home, later
    assert _marked(out / category[0]) == [("新京报新闻", "true")]
    assert _marked(out / home[0]) == [("首页", "true")]
