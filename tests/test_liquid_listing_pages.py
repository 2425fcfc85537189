"""A Liquid listing page (a Jekyll page looping over the site's posts, as the user's
`emnews.md`) gives way to sitegen's listing of the category it stood for, and only then:

- a page with text of its own outside its loops (a channel's editor and address, a
  copyright line) is never replaced, and its text is published;
- the category is the one its URL names where its Liquid names that one, whatever other
  category shares its title (a misfiled post gives `aaa` the title 东财滚动新闻), else
  the one category whose title is the page's.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitegen.site.liquid_listing_pages import has_text_of_its_own
from tests.conftest import build, write_files

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "finews"
NAMES = ("emnews", "xinjingbao", "aaa")
TITLES = ("东财滚动新闻", "新京报新闻")
OWN_TEXT = st.sampled_from(
    ["本频道由张三编辑，投稿邮箱 tougao@example.com。", "## 关于本频道", "<p>版权声明</p>", "Editor: Z"]
)
STOOD_FOR = re.compile(r"sitegen's listing of category '([^']*)'")


def _loop(named: str, by_tag: bool) -> str:
    if by_tag:
        return (
            '{% for tag in site.tags %}{% if tag[0] == "' + named + '" %}<h2>{{ tag[0] }}</h2><ul>'
            '{% for post in tag[1] limit:20 %}<li><a href="{{ post.url }}">{{ post.title }}</a></li>'
            "{% endfor %}</ul>{% endif %}{% endfor %}"
        )
    return "{% for post in site.categories." + named + " %}- [{{ post.title }}]({{ post.url }})\n{% endfor %}"


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    titles=st.fixed_dictionaries({name: st.sampled_from(TITLES) for name in NAMES}),
    segment=st.sampled_from([*NAMES, "other"]),
    page_title=st.sampled_from([*TITLES, "其他"]),
    by_tag=st.booleans(),
    named_index=st.integers(0, len(NAMES) - 1),
    before=st.none() | OWN_TEXT,
    after=st.none() | OWN_TEXT,
)
def test_a_liquid_listing_page_gives_way_only_to_the_category_it_stood_for(
    tmp_path_factory: pytest.TempPathFactory,
    titles: dict[str, str],
    segment: str,
    page_title: str,
    by_tag: bool,
    named_index: int,
    before: str | None,
    after: str | None,
) -> None:
    named_category = NAMES[named_index]
    named = titles[named_category] if by_tag else named_category
    files = {"_config.yml": "title: T\nurl: https://news.example.com\n"}
    for number, name in enumerate(NAMES):
        files[f"_posts/2024-03-0{number + 1}-{name}.md"] = (
            f"---\ntitle: P{name}\ncategories: {name}\ntags: {titles[name]}\n---\n<p>x</p>\n"
        )
    body = f"{before or ''}\n\n{_loop(named, by_tag)}\n\n{after or ''}\n"
    files["channel.md"] = f"---\ntitle: {page_title}\npermalink: /{segment}/\n---\n{body}"
    site = write_files(tmp_path_factory.mktemp("site"), files)
    out = site.parent / f"{site.name}-out"
    result = build(site, destination=out, cache=False)
    stood_for = [m.group(1) for d in result.diagnostics if (m := STOOD_FOR.search(d.message))]
    page = (out / segment / "index.html").read_text(encoding="utf-8")
    own = [text for text in (before, after) if text]
    if own:
        assert not stood_for
        for text in own:
            shown = re.sub(r"<[^>]+>|^#+ ", "", text)
            assert shown in page
        return
    # A category is listed by name, or a tag (each category's one post carries its own).
    tag = titles[named_category]
    if segment in NAMES:  # the URL names a category: it decides
        listed = segment == named_category if not by_tag else titles[segment] == tag
        expected = [segment] if listed else []
    elif not by_tag:
        expected = [named_category] if page_title == _shown_title(named_category, titles) else []
    else:
        holding = [name for name in NAMES if titles[name] == tag]
        answers = {tag, *(_shown_title(name, titles) for name in holding)}
        expected = holding if len(holding) == 1 and page_title in answers else []
    assert stood_for == expected
    if not expected:
        assert "<li>" in page or "<a href" in page  # Jekyll's rendering of the page's own Liquid


def _shown_title(name: str, titles: dict[str, str]) -> str:
    """The title a category shows: its tag, kept by the first by name of those sharing it
    (the others are told apart by their name after it)."""
    sharing = sorted(other for other in titles if titles[other] == titles[name])
    return titles[name] if sharing[0] == name else f"{titles[name]}（{name}）"


@given(text=st.text(st.characters(codec="utf-8", categories=["L", "N"]), min_size=1, max_size=8))
def test_words_anywhere_are_the_pages_own_and_outputs_in_its_loops_the_listings(text: str) -> None:
    """Words, in the loops too (a disclaimer per item is no part of sitegen's listing),
    and outside every loop an output or include, are the page's own; each post's link,
    printed by the loop, is the listing's."""
    loop = "{% for post in site.posts %}<li>{{ post.title }}</li>{% endfor %}"
    assert not has_text_of_its_own(f"<ul>{loop}</ul>\n")
    assert has_text_of_its_own(f"{text}\n{loop}")
    assert has_text_of_its_own(f"{loop}\n<p>{text}</p>")
    assert has_text_of_its_own(loop.replace("</li>", f" {text}</li>"))
    assert has_text_of_its_own(f"{{{{ page.intro }}}}\n{loop}")
    assert has_text_of_its_own(f"{{% include editor.html %}}\n{loop}")


@pytest.mark.skipif(not CORPUS.is_dir(), reason="the shared finews sample is not beside this checkout")
def test_a_misfiled_post_does_not_take_emnews_its_listing(tmp_path: Path) -> None:
    """The user's `emnews.md` at `/emnews/` stays the listing of category emnews when a
    post of another category carries the tag 东财滚动新闻 (Jekyll's page is a code block
    of its own HTML: the loop's lines are indented as Markdown code)."""
    site = tmp_path / "site"
    shutil.copytree(CORPUS, site)
    (site / "_posts" / "2022-05-28-misfiled.md").write_text(
        '---\nlayout: post\ntitle: "误归类"\ndate: 2022-05-28 10:00:00 +0800\ncategories: aaa\n'
        "tags: 东财滚动新闻\n---\n<p>x</p>\n",
        encoding="utf-8",
    )
    result = build(site, destination=tmp_path / "out", cache=False)
    stood_for = [m.group(1) for d in result.diagnostics if (m := STOOD_FOR.search(d.message))]
    assert stood_for == ["emnews"]
    listing = (tmp_path / "out" / "emnews" / "index.html").read_text(encoding="utf-8")
    assert listing.count('href="/emnews/') >= 10


LOOP = "{% for post in site.categories.emnews %}<li>{{ post.title }}</li>{% endfor %}"
TAG_LOOP = (
    '{% for tag in site.tags %}{% if tag[0] == "东财滚动新闻" %}<h2>{{ tag[0] }}</h2><ul>'
    "{% for post in tag[1] %}<li>{{ post.title }}</li>{% endfor %}</ul>{% endif %}{% endfor %}"
)


@pytest.mark.parametrize(
    ("path", "front", "body", "replaced"),
    [
        ("emnews.md", "permalink: /emnews/", TAG_LOOP, True),
        ("index.html", "title: 东财滚动新闻", LOOP, False),  # the site's own home page
        (
            "all.md",
            "permalink: /emnews/",
            "{% for post in site.posts %}<li>{{ post.title }}</li>{% endfor %}",
            False,
        ),
        ("two.md", "permalink: /emnews/", LOOP + LOOP.replace("emnews", "kuaixun"), False),
        ("note.md", "permalink: /emnews/", TAG_LOOP.replace("<ul>", "<p>编者按：张三编辑</p><ul>"), False),
        ("banner.md", "permalink: /emnews/", '<img src="/banner.jpg" alt="">\n' + LOOP, False),
        (
            "frame.md",
            "permalink: /emnews/",
            TAG_LOOP.replace("<ul>", '<iframe src="/ad"></iframe><ul>'),
            False,
        ),
        ("category/emnews.md", "layout: category\ncategory: emnews\ntitle: 东财", LOOP, False),  # a stub
        (
            "not.md",
            "permalink: /emnews/",
            TAG_LOOP.replace("{% if", "{% unless").replace("endif", "endunless"),
            False,
        ),
        ("home.md", "permalink: /index.html", LOOP, False),  # the home page by another name
        ("counts.md", "permalink: /emnews/", TAG_LOOP.replace("tag[1]", "site.tags"), False),
        ("said.md", "permalink: /emnews/", LOOP.replace("</li>", " 免责声明：不构成投资建议</li>"), False),
        ("ad.md", "permalink: /emnews/", LOOP.replace("<li>", '<li><img src="/ad.png">'), False),
    ],
)
def test_only_a_page_that_is_one_categorys_listing_and_nothing_else_is_replaced(
    tmp_path: Path, path: str, front: str, body: str, replaced: bool
) -> None:
    files = {"_config.yml": "title: T\nurl: https://news.example.com\n", path: f"---\n{front}\n---\n{body}\n"}
    for number, (category, tag) in enumerate(
        [("emnews", "东财滚动新闻"), ("emnews", "东财滚动新闻"), ("kuaixun", "快讯")]
    ):
        files[f"_posts/2024-03-0{number + 1}-p{number}.md"] = (
            f"---\ntitle: P{number}\ncategories: {category}\ntags: {tag}\n---\n<p>x</p>\n"
        )
    site = write_files(tmp_path / "site", files)
    result = build(site, destination=tmp_path / "out", cache=False)
    stood_for = [m.group(1) for d in result.diagnostics if (m := STOOD_FOR.search(d.message))]
    assert stood_for == (["emnews"] if replaced else [])
    assert not result.errors, [str(error) for error in result.errors]


def test_the_url_decides_when_the_tag_is_mostly_another_categorys(tmp_path: Path) -> None:
    """`/emnews/` listing the tag 东财滚动新闻, which three misfiled xinjingbao posts carry
    too: it stays emnews's listing (both emnews posts carry the tag), never xinjingbao's."""
    files = {"_config.yml": "title: T\nurl: https://news.example.com\n"}
    files["emnews.md"] = f"---\ntitle: 东财滚动新闻\npermalink: /emnews/\n---\n{TAG_LOOP}\n"
    posts = [("emnews", 2), ("xinjingbao", 3)]
    number = 0
    for category, count in posts:
        for _ in range(count):
            number += 1
            files[f"_posts/2024-03-0{number}-p{number}.md"] = (
                f"---\ntitle: P{number}\ncategories: {category}\ntags: 东财滚动新闻\n---\n<p>x</p>\n"
            )
    site = write_files(tmp_path / "site", files)
    result = build(site, destination=tmp_path / "out", cache=False)
    assert [m.group(1) for d in result.diagnostics if (m := STOOD_FOR.search(d.message))] == ["emnews"]
