"""An incremental build never publishes a stale page, whatever sequence of edits led to it.

A Hypothesis state machine edits a small site that overrides the theme (its own
`base.html`, a partial, a `post.html` choosing a partial at run time) in random
sequences: template and partial edits, a template added in the site that shadows the
theme's and then removed, posts added, edited, renamed, moved, re-tagged, unpublished
and deleted, a tag made to repeat one category's posts (its listing then stubs to the
category's) and broken apart again, a category retitled by its stub page, config and
static-file changes. After every step the incremental build's
tree must be byte-identical to a clean build of the same source in a fresh folder. The
same machine drives the dev server's publishing (changed files replaced in place).
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from sitegen.build import BuildOptions, build_site
from sitegen.theme import default_theme_dir
from tests.conftest import CONFIG, NOW, build, post, tree_bytes, write_files

THEME = default_theme_dir()
CATEGORIES = ("finance", "tech", "world")
TAGS = ("新闻", "财经", "科技")


def _theme(name: str) -> str:
    return (THEME / name).read_text(encoding="utf-8")


class IncrementalBuilds(RuleBasedStateMachine):
    """Atomic publishing, as `sitegen build` does it."""

    atomic_publish = True

    def __init__(self) -> None:
        super().__init__()
        self.root = Path(tempfile.mkdtemp(prefix="sitegen-stateful-"))
        self.site = self.root / "site"
        self.posts: dict[str, tuple[int, str, str, str]] = {}
        """File stem → (day, category, tag, title) of each post in the site."""
        self.counter = 0

    @initialize()
    def write_site(self) -> None:
        post_template = _theme("post.html").replace(
            '{% include "_back_links.html" %}', '{% include ["_extra.html", "_back_links.html"] %}'
        )
        assert post_template != _theme("post.html"), (
            "the theme's post.html no longer includes _back_links.html"
        )
        write_files(
            self.site,
            {
                "_config.yml": CONFIG + "paginate: 2\n",
                "templates/base.html": _theme("base.html").replace("</footer>", "<p>页脚 0</p></footer>"),
                "templates/_back_links.html": _theme("_back_links.html") + "<!-- 返回 0 -->\n",
                "templates/post.html": post_template,
                "content/assets/site.css": "body { color: #111; }\n",
                "content/about.md": "---\ntitle: 关于\n---\n关于本站\n",
                # Liquid reads other posts and an include: its page depends on both.
                "content/_posts/2022-05-28-liquid.md": post(
                    "目录",
                    date="2022-05-28 09:00:00 +0800",
                    categories="world",
                    body="<p>共 {{ site.posts | size }} 篇："
                    "{% for p in site.posts %}{{ p.title }} {% endfor %}</p>"
                    '{% include note.html word="注" %}\n',
                ),
                "content/_includes/note.html": "<p>{{ include.word }} 0</p>\n",
            },
        )
        for _ in range(3):
            self._write_post(self._new_stem(), 1 + self.counter, CATEGORIES[0], TAGS[0], "初始")

    def teardown(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)

    # -- helpers ------------------------------------------------------------------------

    def _new_stem(self) -> str:
        self.counter += 1
        return f"p{self.counter}"

    def _post_path(self, stem: str, day: int) -> Path:
        return self.site / f"content/_posts/2022-05-{day:02d}-{stem}.md"

    def _write_post(self, stem: str, day: int, category: str, tag: str, title: str, extra: str = "") -> None:
        old = self.posts.get(stem)
        if old is not None and old[0] != day:
            self._post_path(stem, old[0]).unlink()
        self.posts[stem] = (day, category, tag, title)
        text = post(
            title, date=f"2022-05-{day:02d} 10:00:00 +0800", categories=category, tags=tag, extra=extra
        )
        write_files(self.site, {str(self._post_path(stem, day).relative_to(self.site)): text})

    # -- templates ------------------------------------------------------------------------

    @rule(number=st.integers(1, 3))
    def edit_base_template_footer(self, number: int) -> None:
        path = self.site / "templates/base.html"
        text = path.read_text(encoding="utf-8")
        start = text.index("<p>页脚 ")
        end = text.index("</p>", start)
        path.write_text(text[:start] + f"<p>页脚 {number}" + text[end:], encoding="utf-8")

    @rule(number=st.integers(1, 3))
    def edit_partial(self, number: int) -> None:
        path = self.site / "templates/_back_links.html"
        text = path.read_text(encoding="utf-8").rsplit("<!-- 返回 ", 1)[0]
        path.write_text(text + f"<!-- 返回 {number} -->\n", encoding="utf-8")

    @rule(number=st.integers(1, 3))
    def edit_a_liquid_include(self, number: int) -> None:
        (self.site / "content/_includes/note.html").write_text(
            f"<p>{{{{ include.word }}}} {number}</p>\n", encoding="utf-8"
        )

    @rule(present=st.booleans())
    def add_or_remove_a_partial_chosen_at_run_time(self, present: bool) -> None:
        path = self.site / "templates/_extra.html"
        if present:
            path.write_text("<p class=extra>另见</p>\n", encoding="utf-8")
        else:
            path.unlink(missing_ok=True)

    @rule(present=st.booleans())
    def shadow_or_unshadow_the_themes_tag_template(self, present: bool) -> None:
        path = self.site / "templates/tag.html"
        if present:
            path.write_text(
                "{% extends 'base.html' %}{% block content %}TAG {{ listing.title }}{% endblock %}\n"
            )
        else:
            path.unlink(missing_ok=True)

    # -- posts ------------------------------------------------------------------------------

    @rule(day=st.integers(1, 28), category=st.sampled_from(CATEGORIES), tag=st.sampled_from(TAGS))
    def add_a_post(self, day: int, category: str, tag: str) -> None:
        self._write_post(self._new_stem(), day, category, tag, f"新文{self.counter}")

    @precondition(lambda self: bool(self.posts))
    @rule(data=st.data())
    def edit_a_post(self, data: st.DataObject) -> None:
        stem = data.draw(st.sampled_from(sorted(self.posts)))
        day, category, tag, _ = self.posts[stem]
        change = data.draw(st.sampled_from(["title", "date", "category", "tag", "unpublish"]))
        if change == "title":
            self._write_post(stem, day, category, tag, data.draw(st.sampled_from(["甲", "乙", "丙丁"])))
        elif change == "date":
            self._write_post(stem, data.draw(st.integers(1, 28)), category, tag, self.posts[stem][3])
        elif change == "category":
            self._write_post(stem, day, data.draw(st.sampled_from(CATEGORIES)), tag, self.posts[stem][3])
        elif change == "tag":
            self._write_post(stem, day, category, data.draw(st.sampled_from(TAGS)), self.posts[stem][3])
        else:
            self._write_post(stem, day, category, tag, self.posts[stem][3], extra="published: false\n")

    @precondition(lambda self: bool(self.posts))
    @rule(data=st.data())
    def give_one_category_a_tag_of_its_own(self, data: st.DataObject) -> None:
        """Tag every post of one category, and no other post, alike: the tag then repeats
        the category, so its listing becomes stubs to the category's and post pages link
        the category instead, until a later step (a post added, re-tagged, moved) makes it
        a listing of its own again."""
        category = data.draw(st.sampled_from(sorted({shape[1] for shape in self.posts.values()})))
        tag = data.draw(st.sampled_from(TAGS))
        other = next(name for name in TAGS if name != tag)
        for stem, (day, its_category, its_tag, title) in sorted(self.posts.items()):
            if its_category == category and its_tag != tag:
                self._write_post(stem, day, its_category, tag, title)
            elif its_category != category and its_tag == tag:
                self._write_post(stem, day, its_category, other, title)

    @precondition(lambda self: bool(self.posts))
    @rule(data=st.data())
    def rename_a_post(self, data: st.DataObject) -> None:
        stem = data.draw(st.sampled_from(sorted(self.posts)))
        day = self.posts[stem][0]
        new_stem = self._new_stem()
        self._post_path(stem, day).rename(self._post_path(new_stem, day))
        self.posts[new_stem] = self.posts.pop(stem)

    @precondition(lambda self: bool(self.posts))
    @rule(data=st.data())
    def delete_a_post(self, data: st.DataObject) -> None:
        stem = data.draw(st.sampled_from(sorted(self.posts)))
        self._post_path(stem, self.posts.pop(stem)[0]).unlink()

    @rule(category=st.sampled_from(CATEGORIES), title=st.sampled_from(["", "甲栏目", "乙栏目"]))
    def retitle_a_category(self, category: str, title: str) -> None:
        """A category stub page titles its category (no title: the stub removed); only
        the pages that show the category's title or link must change."""
        stub = self.site / f"content/category/{category}.md"
        if title:
            text = f"---\nlayout: category\ncategory: {category}\ntitle: {title}\n---\n"
            write_files(self.site, {str(stub.relative_to(self.site)): text})
        else:
            stub.unlink(missing_ok=True)

    # -- config and static files --------------------------------------------------------------

    @rule(
        title=st.sampled_from(["测试站", "新站名"]),
        paginate=st.sampled_from([2, 3, 0]),
        nav_size=st.sampled_from([1, 10]),
        titled=st.sampled_from(["", *CATEGORIES]),
    )
    def change_the_config(self, title: str, paginate: int, nav_size: int, titled: str) -> None:
        # nav_size changes the section bar of every page and the home page's blocks; a
        # category titled in the config is shown by the pages that read its title.
        text = (
            CONFIG.replace("title: 测试站", f"title: {title}")
            + f"paginate: {paginate}\nnav_size: {nav_size}\n"
            + (f"category_titles:\n  {titled}: 配置的栏目名\n" if titled else "")
        )
        (self.site / "_config.yml").write_text(text, encoding="utf-8")

    @rule(color=st.sampled_from(["#111", "#222"]), present=st.booleans())
    def change_static_files(self, color: str, present: bool) -> None:
        (self.site / "content/assets/site.css").write_text(f"body {{ color: {color}; }}\n", encoding="utf-8")
        extra = self.site / "content/assets/extra.txt"
        if present:
            extra.write_text("附件\n", encoding="utf-8")
        else:
            extra.unlink(missing_ok=True)

    # -- the promise ------------------------------------------------------------------------

    @invariant()
    def incremental_build_equals_a_clean_build(self) -> None:
        if not self.site.exists():
            return  # before `initialize`
        incremental = self.root / "published"
        build_site(
            BuildOptions(
                source=self.site, destination=incremental, now=NOW, jobs=1, atomic_publish=self.atomic_publish
            )
        )
        clean = self.root / "clean"
        shutil.rmtree(clean, ignore_errors=True)
        # Template code compiled by earlier clean builds only (see `tests.conftest.build`).
        build(self.site, destination=clean, jobs=1, cache=False)
        published, reference = tree_bytes(incremental), tree_bytes(clean)
        stale = sorted(
            path for path in published.keys() | reference.keys() if published.get(path) != reference.get(path)
        )
        assert not stale, f"stale or missing after an incremental build: {stale[:10]}"


class DevServerBuilds(IncrementalBuilds):
    """The dev server's publishing: changed files replaced in place."""

    atomic_publish = False


SETTINGS = settings(max_examples=20, stateful_step_count=12)
TestIncrementalBuilds = IncrementalBuilds.TestCase
TestIncrementalBuilds.settings = SETTINGS
TestDevServerBuilds = DevServerBuilds.TestCase
TestDevServerBuilds.settings = SETTINGS
