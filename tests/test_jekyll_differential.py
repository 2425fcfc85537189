"""Odd names, permalinks and layouts: the same tree built by Jekyll and by sitegen
publishes every post at the same path.

Jekyll (Debian's `jekyll`) is the reference for URL rules. In CI it must be installed
(`.ci/run` installs it); elsewhere the test is skipped where it is missing.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import build, files_below, jekyll_build, write_files

#: Front matter of posts whose URLs exercise a rule: `..` and `.` in names and
#: permalinks, names that are not file names, layouts that do not exist.
CASES = (
    "categories: ../../etc",
    "categories: a..b",
    "categories: [Finance, Markets]",
    'categories: "中欧/贸易"',
    'tags: ["中欧/贸易", "经贸"]',
    "permalink: /../../outside.html",
    "permalink: /a/./b/dots.html",
    "permalink: /:categories/:title/",
    "layout: nonexistent",
    "layout: default",
    "date: 2022-05-28",
    "date: 2022-05-28 23:30:00 +0800",
    "title: 标题",
    "permalink: /n/:name/",
    "permalink: /p/:path/",
    "categories: [News, Two Words, 中文]\npermalink: /s/:slugified_categories/:title/",
    "slug: Other Slug\npermalink: /o/:name/:slug/:title/",
    "slug: cocos2dx-3.x-2-ccbi_under\npermalink: /:categories/:year-:month-:day/:title",
    "permalink: /%E6%96%B0%20x.html",
)


def test_every_post_is_published_where_jekyll_publishes_it(tmp_path: Path) -> None:
    files: dict[str, str | bytes] = {"_config.yml": "title: t\ntimezone: Asia/Shanghai\n"}
    for number, front_matter in enumerate(CASES):
        extra = front_matter if front_matter.startswith("categories") else f"categories: news\n{front_matter}"
        if not front_matter.startswith("date"):
            extra += "\ndate: 2022-05-27 10:00:00 +0800"
        files[f"_posts/2022-05-27-case{number}.md"] = f"---\nlayout: post\n{extra}\n---\n正文{number}\n"
    site = write_files(tmp_path / "site", files)

    jekyll_build(site, tmp_path / "jekyll")
    jekyll_posts = files_below(tmp_path / "jekyll", "*.html")

    result = build(site, destination=tmp_path / "sitegen")
    assert not result.errors
    sitegen_files = files_below(tmp_path / "sitegen")
    assert len(jekyll_posts) == len(CASES)
    assert jekyll_posts <= sitegen_files, sorted(jekyll_posts - sitegen_files)


#: Drafts' names and front matter: a date in the name or none, `date:` or none, spaces,
#: unpadded dates, trailing periods, a sub-folder, a category, a date still to come.
DRAFTS = {
    "2020-02-02-dated.md": "",
    "2020-02-02-with space.md": "",
    "2020-2-3-un padded.md": "",
    "2020-02-02-trailing period..md": "",
    "2020-02-02-front date.md": "date: 2021-03-04 05:06:07 +0800\n",
    "2020-02-02-own slug.md": "slug: mine\n",
    "2020-02-02-in category.md": "categories: news\n",
    "sub folder/2020-02-03-in sub.md": "",
    "2099-01-01-to come.md": "",
    "no date here.md": "",
    "no date but front.md": "date: 2019-01-01 10:00:00 +0800\n",
    "undated period..md": "",
}


def test_every_draft_is_published_where_jekyll_publishes_it(tmp_path: Path) -> None:
    """`--drafts`: a draft is named and dated as a post (`Document#populate_title`): a
    `YYYY-MM-DD-` name gives the slug after the date and the date, which `date:` beats;
    an undated name is its own slug, dated by `date:` or its file's modification time."""
    body = '{{ page.slug }};{{ page.date | date: "%F %T %z" }};{{ page.categories | join: "," }}\n'
    files: dict[str, str | bytes] = {"_config.yml": "title: t\ntimezone: Asia/Shanghai\n"}
    for name, front in DRAFTS.items():
        files[f"_drafts/{name}"] = f"---\nlayout: null\n{front}---\n{body}"
    site = write_files(tmp_path / "site", files)
    for name in DRAFTS:
        os.utime(site / "_drafts" / name, (1_531_041_011, 1_531_041_011))  # 2018-07-08 17:10:11 +0800

    jekyll_build(site, tmp_path / "jekyll", "--drafts")
    jekyll_posts = files_below(tmp_path / "jekyll", "*.html")
    result = build(site, destination=tmp_path / "sitegen", drafts=True)
    assert not result.errors
    assert len(jekyll_posts) == len(DRAFTS) - 1  # the draft still to come is not published
    assert "2020/02/02/with-space.html" in jekyll_posts
    for path in sorted(jekyll_posts):
        expected = (tmp_path / "jekyll" / path).read_text(encoding="utf-8")
        assert (tmp_path / "sitegen" / path).read_text(encoding="utf-8") == expected, path


@pytest.mark.parametrize("style", ["pretty", "date", "/:categories/:title/"])
def test_every_page_is_published_where_jekyll_publishes_it(tmp_path: Path, style: str) -> None:
    """Pages follow the site's permalink style (folder URLs when it ends in `/`), expand
    their own `:path`, `:basename` and `:output_ext`, and keep `.htm`."""
    page = "---\ntitle: 页\n{extra}---\n<p>页</p>\n"
    files: dict[str, str | bytes] = {
        "_config.yml": f"title: t\ntimezone: Asia/Shanghai\npermalink: '{style}'\n",
        "_posts/2022-05-27-a.md": "---\ncategories: news\n---\n正文\n",
        "_posts/2022-05-27-b.md": "---\ncategories: news\npermalink: pretty\n---\n正文\n",
        "about.md": page.format(extra=""),
        "sub/page.html": page.format(extra=""),
        "sub/index.md": page.format(extra=""),
        "notes/page.htm": page.format(extra=""),
        "docs/foo.md": page.format(extra="permalink: /glob/:basename/\n"),
        "sec/other.md": page.format(extra="permalink: /:path/:basename:output_ext\n"),
    }
    site = write_files(tmp_path / "site", files)
    jekyll_build(site, tmp_path / "jekyll")
    jekyll_files = files_below(tmp_path / "jekyll")
    result = build(site, destination=tmp_path / "sitegen")
    assert not result.errors
    sitegen_files = files_below(tmp_path / "sitegen")
    assert jekyll_files <= sitegen_files, sorted(jekyll_files - sitegen_files)


def test_every_collection_document_is_published_where_jekyll_publishes_it(tmp_path: Path) -> None:
    """Collections with `output: true` (Jekyll's documentation has `docs` and `tutorials`),
    at their own permalink or Jekyll's default; one without `output` publishes nothing."""
    doc = "---\ntitle: 文档\n{extra}---\n正文\n"
    config = (
        "title: t\ntimezone: Asia/Shanghai\ncollections:\n"
        "  docs:\n    output: true\n    permalink: /:collection/:path/\n"
        "  tutorials:\n    output: true\n"
        "  things:\n    output: false\n"
        "defaults:\n  - scope: {path: '', type: tutorials}\n    values: {permalink: '/learn/:name/'}\n"
    )
    site = write_files(
        tmp_path / "site",
        {
            "_config.yml": config,
            "_posts/2022-05-27-a.md": "---\ncategories: news\n---\n正文\n",
            "_docs/install.md": doc.format(extra=""),
            "_docs/guide/deep.md": doc.format(extra=""),
            "_docs/own.md": doc.format(extra="permalink: /elsewhere/:name/\n"),
            "_tutorials/first-steps.md": doc.format(extra=""),
            "_things/hidden.md": doc.format(extra=""),
        },
    )
    jekyll_build(site, tmp_path / "jekyll")
    jekyll_files = files_below(tmp_path / "jekyll", "*.html")
    result = build(site, destination=tmp_path / "sitegen")
    assert not result.errors
    sitegen_files = files_below(tmp_path / "sitegen")
    assert len(jekyll_files) == 5
    assert jekyll_files <= sitegen_files, sorted(jekyll_files - sitegen_files)
    assert not any("hidden" in path for path in sitegen_files)


def test_site_data_reads_as_jekyll_reads_it(tmp_path: Path) -> None:
    """`_data/*.yml` and `*.json`, sub-folders as nested mappings: the same text as Jekyll."""
    body = (
        "{% for m in site.data.members %}<p>{{ m.name }}-{{ m.role }}</p>{% endfor %}"
        "<p>{{ site.data.team.leads.chief }}</p><p>{{ site.data.missing }}</p>\n"
    )
    site = write_files(
        tmp_path / "site",
        {
            "_config.yml": "title: t\ntimezone: Asia/Shanghai\n",
            "_data/members.yml": "- {name: 张三, role: 编辑}\n- {name: 李四, role: 记者}\n",
            "_data/team/leads.json": '{"chief": "王五"}',
            "_data/broken.yml": "a: [unclosed\n",
            "_posts/2022-05-27-a.html": "---\nlayout: null\ncategories: news\n---\n" + body,
        },
    )
    (site / "_data/broken.yml").unlink()  # Jekyll stops on it; sitegen's error is tested below
    jekyll_build(site, tmp_path / "jekyll")
    expected = (tmp_path / "jekyll/news/2022/05/27/a.html").read_text(encoding="utf-8")
    write_files(site, {"_data/broken.yml": "a: [unclosed\n"})
    result = build(site, destination=tmp_path / "sitegen")
    assert (tmp_path / "sitegen/news/2022/05/27/a.html").read_text(encoding="utf-8") == expected
    assert "张三-编辑" in expected and "王五" in expected
    # An error, as Jekyll stops on it (`--strict` publishes nothing); the rest is built.
    assert [e.path.name for e in result.errors if e.path is not None] == ["broken.yml"]


def test_a_plain_tree_publishes_the_same_files_as_jekyll(tmp_path: Path) -> None:
    """What a scan leaves out is Jekyll's default `exclude` plus the site's own, nothing
    else: folders that happen to be named like this repository's (`tests`, `bench`,
    `sitegen`) and files such as `Makefile` or `README.md` are published as Jekyll
    publishes them, and `vendor/bundle` is left out while `vendor/keep.txt` is not."""
    copied = (
        "README.md",
        "Makefile",
        "LICENSE",
        "tests/a.txt",
        "bench/b.txt",
        "sitegen/c.txt",
        "vendor/keep.txt",
        "vendor/bundle/gem.txt",
        "vendor/ruby/gem.txt",
        "node_modules/x.js",
        "Gemfile",
        "private/secret.txt",
        "deep/private/kept.txt",
    )
    files: dict[str, str | bytes] = {"_config.yml": "title: t\nexclude: [private/]\n"}
    files |= {name: f"{name}\n" for name in copied}
    files["_posts/2022-05-27-a.md"] = "---\ntitle: a\n---\nbody\n"
    site = write_files(tmp_path / "site", files)

    jekyll_build(site, tmp_path / "jekyll")
    build(site, destination=tmp_path / "sitegen")
    jekyll_copied = {name for name in copied if (tmp_path / "jekyll" / name).is_file()}
    sitegen_copied = {name for name in copied if (tmp_path / "sitegen" / name).is_file()}
    assert "vendor/keep.txt" in jekyll_copied and "private/secret.txt" not in jekyll_copied
    assert sitegen_copied == jekyll_copied


TITLE_FORMS = ("", "title:\n", "title: ~\n", "title: null\n", "title: false\n", "title: 标题 Two\n")
"""A post's front matter for its title: none, null three ways, one given. (An empty
`title: ""` is a title to Jekyll and published as such; sitegen heads the page with the
slug instead, see README.)"""


@settings(max_examples=4, deadline=None)
@given(
    slugs=st.lists(
        st.from_regex(r"[a-zA-Z0-9éÄ中]{1,6}(-[a-zA-Z0-9éÄ中]{1,6}){0,3}-{0,2}", fullmatch=True),
        min_size=1,
        max_size=6,
        unique_by=str.lower,
    ),
    forms=st.lists(st.sampled_from(TITLE_FORMS), min_size=6, max_size=6),
)
def test_a_post_without_a_title_is_titled_as_jekyll_titles_it(slugs: list[str], forms: list[str]) -> None:
    """Jekyll titles a post with none (or a null one) from its file name's slug, each word
    capitalised (`hello-world` → `Hello World`); sitegen used the slug as it was."""
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        files = {"_config.yml": "title: t\ntimezone: Asia/Shanghai\n"}
        for index, (slug, form) in enumerate(zip(slugs, forms, strict=False)):
            files[f"_posts/2022-05-{index + 10}-{slug}.html"] = (
                f"---\nlayout: null\ncategories: news\n{form}---\n<p>[{{{{ page.title }}}}]</p>\n"
            )
        site = write_files(root / "site", files)
        jekyll_build(site, root / "jekyll")
        build(site, destination=root / "sitegen")
        for index in range(len(slugs)):  # one post a day: the titles, wherever the URL
            day = f"news/2022/05/{index + 10}"
            [jekyll_page] = (root / "jekyll" / day).iterdir()
            [sitegen_page] = (root / "sitegen" / day).iterdir()
            assert sitegen_page.read_text(encoding="utf-8") == jekyll_page.read_text(encoding="utf-8"), day


@settings(max_examples=4, deadline=None)
@given(
    suffixes=st.lists(
        st.sampled_from(["html", "htm", "xhtml", "txt", "xml", "md", "markdown", "json"]).flatmap(
            lambda suffix: st.tuples(*(st.sampled_from([c.lower(), c.upper()]) for c in suffix)).map("".join)
        ),
        min_size=1,
        max_size=6,
        unique_by=str.lower,
    ),
    pretty=st.booleans(),
)
def test_posts_and_pages_of_any_extension_in_any_case_are_where_jekyll_puts_them(
    suffixes: list[str], pretty: bool
) -> None:
    """A converter that is not Markdown's keeps the file's own extension, its case too
    (`Converters::Identity#output_ext`): `x.HTML` is published as `x.HTML`, which
    sitegen wrote as `x.html`. Only `.html`, `.htm` and `.xhtml`, in lower case, are
    HTML to `permalink: pretty`."""
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        files = {
            "_config.yml": "title: t\ntimezone: Asia/Shanghai\n" + ("permalink: pretty\n" if pretty else "")
        }
        for index, suffix in enumerate(suffixes):
            files[f"_posts/2022-05-{index + 10}-p{index}.{suffix}"] = (
                "---\ntitle: p\nlayout: null\n---\nbody\n"
            )
            files[f"page{index}.{suffix}"] = "---\ntitle: q\nlayout: null\n---\nbody\n"
        site = write_files(root / "site", files)
        jekyll_build(site, root / "jekyll")
        build(site, destination=root / "sitegen")
        assert _published_documents(root / "sitegen") == _published_documents(root / "jekyll")


def _published_documents(output: Path) -> set[str]:
    """The files written for the posts `pN` and pages `pageN` below `output`."""
    return {
        path
        for path in files_below(output)
        if (output / path).is_file() and re.search(r"(^|/)(p|page)\d+(/|\.)", path)
    }
