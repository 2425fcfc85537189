"""Category titles a reader sees alike are told apart and warned, whatever tells their
text apart: invisible format characters, runs of blank space HTML collapses, or the
owner's own `category_titles` giving one title twice (`sitegen.display_text.visible_form`)."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup
from hypothesis import example, given, settings
from hypothesis import strategies as st

from sitegen.config import load_config
from sitegen.display_text import visible_form
from sitegen.site.index import build_index
from tests.bare_post import numbered_post
from tests.conftest import CONFIG, SiteFactory, build, post, select_first

#: What a reader sees as nothing, and what a reader sees as one gap between words.
_UNSEEN = st.sampled_from(["", " ", "\t", "\u200b", "\u200d", "\ufeff", "\u00a0", "\u3000", "\n"])
_GAPS = st.sampled_from([" ", "  ", "\t", "\u00a0", "\u3000", " \u200b ", "\u2003"])
_WORDS = st.sampled_from(["Tech", "News", "财经", "华尔街见闻"])


@st.composite
def _look_alike(draw: st.DrawFn) -> str:
    """One of a few titles (`Tech News`, `财经` …) with unseen characters at its ends and
    inside a word (`Te\u200bch`), and any gap between its words."""
    words = [
        "\u200b".join(word) if draw(st.booleans()) and len(word) > 1 else word
        for word in draw(st.lists(_WORDS, min_size=1, max_size=2))
    ]
    text = words[0] + "".join(draw(_GAPS) + word for word in words[1:])
    return draw(_UNSEEN) + text + draw(_UNSEEN)


_CATEGORIES = ("a", "b", "c", "d")


@settings(max_examples=60)
@given(
    st.lists(st.tuples(st.sampled_from(_CATEGORIES), _look_alike()), min_size=1, max_size=6),
    st.dictionaries(st.sampled_from(_CATEGORIES), _look_alike(), max_size=3),
)
def test_titles_that_look_alike_are_told_apart_and_warned(
    pairs: list[tuple[str, str]], configured: dict[str, str]
) -> None:
    posts = [
        numbered_post(number, categories=(name,), tags=(tag,)) for number, (name, tag) in enumerate(pairs)
    ]
    index = build_index(posts, configured)
    seen = [visible_form(title) for title in index.category_titles.values()]
    assert len(seen) == len(set(seen)), index.category_titles
    warned = {name for clash in index.title_clashes for name in clash.names}
    for name, title in index.category_titles.items():
        if "（" in title:  # told apart: the clash that did it names it
            assert name in warned
    for clash in index.title_clashes:
        assert len(clash.names) >= 2
        assert [visible_form(shown) for shown in clash.shown].count(clash.title) == 1


def _nav_labels(site: Path) -> dict[str, str]:
    page = BeautifulSoup((site / "_site/index.html").read_text(encoding="utf-8"), "lxml")
    return {str(link["href"]): link.get_text() for link in select_first(page, "nav.sections").select("a")}


def test_a_zero_width_space_and_a_double_space_make_no_new_title(make_site: SiteFactory) -> None:
    files = {"_config.yml": CONFIG}
    for number, (category, tag) in enumerate(
        [("aa", "Tech News"), ("bb", "Tech  News"), ("cc", "Tech\u200bNews")]
    ):
        files[f"content/_posts/2022-06-0{number + 1}-p{number}.md"] = post(
            f"p{number}", date=f"2022-06-0{number + 1} 10:00:00 +0800", categories=category, tags=f'["{tag}"]'
        )
    files["content/_posts/2022-06-05-d.md"] = post(
        "d", date="2022-06-05 10:00:00 +0800", categories="dd", tags='["TechNews"]'
    )
    site = make_site(files)
    result = build(site)
    labels = _nav_labels(site)
    assert labels["/category/aa.html"] == "Tech News"
    assert labels["/category/bb.html"] == "Tech  News（bb）"
    assert labels["/category/cc.html"] == "Tech\u200bNews"
    assert labels["/category/dd.html"] == "TechNews（dd）"
    warnings = [str(d) for d in result.diagnostics if "would all be titled" in str(d)]
    assert len(warnings) == 2, warnings


def test_a_title_the_settings_give_twice_is_warned_at_its_line(make_site: SiteFactory) -> None:
    config = CONFIG + 'category_titles:\n  gg: 财经\n  hh: " 财经"\n'
    files = {"_config.yml": config}
    for number, category in enumerate(("gg", "hh")):
        files[f"content/_posts/2022-06-0{number + 1}-p{number}.md"] = post(
            f"p{number}", date=f"2022-06-0{number + 1} 10:00:00 +0800", categories=category
        )
    site = make_site(files)
    result = build(site)
    labels = _nav_labels(site)
    assert labels["/category/gg.html"] == "财经"
    assert labels["/category/hh.html"] == " 财经（hh）"
    warnings = [d for d in result.diagnostics if "财经" in d.message]
    assert len(warnings) == 1, warnings
    assert warnings[0].line == 6 and "'hh' and 'gg'" in warnings[0].message


def test_a_title_that_is_a_list_is_named_with_its_line(tmp_path: Path) -> None:
    (tmp_path / "_config.yml").write_text(
        "title: t\ncategory_titles:\n  ok: 好\n  zhanwu: [x]\n", encoding="utf-8"
    )
    config = load_config(tmp_path)
    assert dict(config.category_titles) == {"ok": "好"}
    [note] = config.diagnostics
    assert note.line == 4
    assert "the value of 'zhanwu' is a list" in note.message and "not a mapping" not in note.message


@settings(max_examples=40, deadline=None)
@given(tags=st.lists(_look_alike(), min_size=1, max_size=5))
def test_tags_that_look_alike_are_warned_naming_a_post(tags: list[str]) -> None:
    """A tag's text is its name, and Jekyll keeps `新闻` and `新闻` + U+200B apart, each with
    its own listing: their link texts look the same, so the build warns, naming a post
    that carries one, with the invisible characters spelled out."""
    posts = [numbered_post(number, tags=(tag,)) for number, tag in enumerate(tags)]
    index = build_index(posts, {})
    groups: dict[str, set[str]] = {}
    for tag in tags:
        groups.setdefault(visible_form(tag), set()).add(tag)
    warned = list(index.lookalike_tags)
    assert all(clash.tags for clash in warned)
    assert sorted(clash.title for clash in warned) == sorted(
        form for form, names in groups.items() if len(names) > 1
    )
    for clash in warned:
        assert set(clash.names) == groups[clash.title]
        assert clash.where is not None and clash.names[-1] in next(
            post.tags for post in posts if post.source_path == clash.where
        )
        assert "\u200b" not in clash.message and "\ufeff" not in clash.message


@settings(max_examples=30, deadline=None)
@given(names=st.lists(_look_alike(), min_size=2, max_size=4, unique=True))
@example(names=["Tech News", "Tech  News", " Tech News", "Tech\u200bNews"])
def test_categories_named_alike_are_told_apart_by_what_a_reader_sees(names: list[str]) -> None:
    """Categories whose names differ only in what a reader cannot see, all titled by one
    tag: each told-apart title carries its name with the invisible characters spelled
    out, so no two titles a page shows look the same (`财经（caijing）` twice did)."""
    posts = [numbered_post(number, categories=(name,), tags=("财经",)) for number, name in enumerate(names)]
    index = build_index(posts, {})
    shown = [visible_form(title) for title in index.category_titles.values()]
    assert len(shown) == len(set(shown)), index.category_titles
