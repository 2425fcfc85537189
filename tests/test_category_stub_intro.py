"""A category stub page's body (`category/<name>.md`: `layout: category`, `category:
name`) is shown above its listing's first page, as Jekyll's `category` layout shows the
page's `content`; sitegen dropped it without a word, and dropped a stub with Liquid in
it altogether (its category lost its title). The crawler's stubs have no body, and show
nothing more."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import build, write_files

INTRO = st.sampled_from(
    [
        "本栏目介绍：联系 tougao@example.com。",
        "**编辑部** 主编：李四",
        "Editors' note 7",
        "欢迎来到{{ site.title }}频道",
    ]
)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    intro=st.none() | st.just("  \n") | INTRO,
    posts=st.integers(0, 5),
    paginate=st.sampled_from([None, 2]),
    listed=st.booleans(),
)
def test_a_stub_pages_body_shows_on_its_listings_first_page_only(
    tmp_path_factory: pytest.TempPathFactory,
    intro: str | None,
    posts: int,
    paginate: int | None,
    listed: bool,
) -> None:
    config = "title: T\nurl: https://news.example.com\n" + (f"paginate: {paginate}\n" if paginate else "")
    files = {"_config.yml": config}
    for number in range(posts):
        category = "xinjingbao" if listed else "other"
        files[f"_posts/2024-01-0{number + 1}-p{number}.md"] = (
            f"---\ntitle: P{number}\ncategories: {category}\ntags: 新京报新闻\n---\n<p>x</p>\n"
        )
    body = intro if intro is not None else ""
    files["category/xinjingbao.md"] = (
        f"---\nlayout: category\ntitle: 新京报\ncategory: xinjingbao\n---\n{body}"
    )
    site = write_files(tmp_path_factory.mktemp("site"), files)
    out = site.parent / f"{site.name}-out"
    build(site, destination=out, cache=False)
    first = out / "category" / "xinjingbao.html"
    shown = {
        str(path.relative_to(out))
        for path in out.rglob("*.html")
        if "listing-intro" in path.read_text(encoding="utf-8")
    }
    if intro is None or not intro.strip():
        assert shown == set()
        return
    assert shown == {"category/xinjingbao.html"}
    words = intro.replace("**", "").replace("{{ site.title }}", "T").split()[-1]
    assert words in first.read_text(encoding="utf-8")
