"""A body that leaves HTML open (a crawled post cut off after `<script>` or `<!--`) must
not swallow the page after it: the back links, neighbours and footer stay markup.

The oracle is html5lib, a WHATWG-conformant parser independent of sitegen's scanner:
the whole built page is parsed, and its back links and footer must be elements outside
any `<template>`, `<svg>`, `<math>` or `<noscript>` (html5lib parses without scripting,
so it reads `<noscript>` as markup where a browser reads raw text: that one is tested
by example). html5lib 1.1
knows no `<template>` either (to it an end tag meets a `<div>` or `<p>` left open inside
one and is ignored, where a browser closes the template, and a `<p>` closes one up to
an outer `<p>`), so the bodies generated open at most one `<template>`, leave no such
element open inside it, and hold no closed template. It also reads `<select>` by the
rules browsers dropped for customizable dropdowns, where a `<textarea>` closes the
`<select>` (a browser keeps it open, and the textarea inside it), so no generated body
closes a textarea after a `<select>`. And it lets an end tag `</svg>` close the `<svg>`
past an HTML element left open inside an integration point (`<svg><desc><p>`), where a
browser ignores it and keeps the page inside: that one is tested by example.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path
from xml.etree.ElementTree import Element

import html5lib
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from sitegen import open_markup
from sitegen.check.hidden import hidden_links
from sitegen.check.links import check_site, format_report
from sitegen.open_markup import close_open_markup
from tests.conftest import CONFIG, build, post, write_files

BACK_LINKS = ["返回新京报新闻", "返回首页"]
_HIDING = frozenset({"template", "svg", "math", "noscript", "script", "style", "textarea", "title", "select"})

_SAFE = st.sampled_from(
    [
        "<p>正文一段。</p>\n",
        '<p><b>加粗</b> and <a href="/x/">链接</a></p>\n',
        "<!-- 注释 -->",
        "<!--->",
        "<!-->",
        "<script>var a = '<p>';</script>\n",
        "<SCRIPT type=text/javascript>if (a < b) {}</SCRIPT >",
        "<style>p { color: red }</style>",
        "<textarea><b>不是标签</b></textarea>",
        "<svg><g/><path d='M0'/></svg>",
        "<svg/>",
        "1 < 2 且 3 > 2",
        "<br>",
        "<a title='它说\"好\"'>引号</a>",
        "<svg><desc><textarea>a</textarea></desc><foreignObject><p>b</p></foreignObject></svg>",
        "<math><mi><style>p {}</style></mi></math>",
        "<select><option>一</option></select>",
    ]
)
_OPEN = st.sampled_from(
    [
        "<script>var x = 1;",
        "<script><!--<script>document.write(1)",
        "<script><!-- x",
        "<script>x</script ",
        "<script>x</script",
        "<style>p {",
        "<xmp><b>",
        "<iframe>",
        "<noembed>",
        "<noframes>",
        "<title>题",
        "<textarea>",
        "<plaintext>",
        "<!-- never closed",
        "<!-- x --",
        "<!-- x --!",
        "<!DOCTYPE html",
        "<![CDATA[x",
        "<!x",
        "<?php echo 1",
        '<a href="x',
        "<a title='y",
        "<b class=",
        "<i",
        "<template><p>t",
        "<svg><g>",
        "<math><mrow>x",
        # HTML integration points: raw text opens there as in HTML.
        "<svg><foreignObject><textarea>t",
        "<svg><desc><script>x",
        "<svg><title><style>x",
        "<math><mtext><textarea>x",
        "<math><annotation-xml encoding=text/html><style>x",
        "<select><option>x",
        "<select><textarea>x",
        "<button><form><select><optgroup>x",
        '<iframe srcdoc="<script>',
        '<img src="a.png" alt="x',
    ]
)


def _case_variant(text: str, upper: bool) -> str:
    return text.upper() if upper else text


@st.composite
def _open_body(draw: st.DrawFn, constructs: st.SearchStrategy[str] = _OPEN) -> str:
    """Safe HTML with one or more unclosed constructs at random places."""
    pieces = draw(st.lists(_SAFE, max_size=3))
    for _ in range(draw(st.integers(1, 2))):
        construct = draw(constructs)
        pieces.append(_case_variant(construct, draw(st.booleans())))
        pieces.extend(draw(st.lists(_SAFE, max_size=2)))
    body = "".join(pieces)
    assume(body.lower().count("<template") <= 1)
    assume(re.search("<select.*<textarea.*</textarea", body, re.IGNORECASE | re.DOTALL) is None)
    return body


def _visible(page: str) -> tuple[list[str], bool]:
    """The texts of the back-link `<a>`s a browser shows, and whether the footer is shown."""
    root = html5lib.parse(page, namespaceHTMLElements=False)
    links: list[str] = []
    footer = False

    def walk(element: Element, hidden: bool) -> None:
        nonlocal footer
        hidden = hidden or _name(element) in _HIDING
        if not hidden and element.tag == "nav" and element.get("class") == "back-links":
            links.extend("".join(a.itertext()) for a in element.iter("a"))
        if not hidden and element.tag == "footer" and element.get("class") == "site-footer":
            footer = True
        for child in element:
            walk(child, hidden)

    walk(root, False)
    return links, footer


def _name(element: Element) -> str:
    """An element's local name (`svg`, not `{http://www.w3.org/2000/svg}svg`); "" for a comment."""
    return element.tag.rpartition("}")[2] if isinstance(element.tag, str) else ""


def _build_posts(bodies: dict[str, str]) -> tuple[Path, dict[str, str], list[str]]:
    """Build one post per `name → body` (the name's suffix chooses Markdown or HTML):
    the site folder, each post's page, and the warnings as text."""
    root = Path(tempfile.mkdtemp())
    files = {"_config.yml": CONFIG}
    for day, (name, body) in enumerate(bodies.items(), start=1):
        files[f"_posts/2022-05-{day:02d}-{name}"] = post(
            title=f"第{day}篇", date=f"2022-05-{day:02d} 10:00:00 +0800", body=body
        )
    write_files(root / "site", files)
    result = build(root / "site", destination=root / "out")
    pages = {
        name: (
            root / "out" / "xinjingbao" / "2022" / "05" / f"{day:02d}" / f"{Path(name).stem}.html"
        ).read_text(encoding="utf-8")
        for day, name in enumerate(bodies, start=1)
    }
    return root, pages, [str(diagnostic) for diagnostic in result.diagnostics]


@settings(max_examples=8)
@given(st.lists(_open_body(), min_size=3, max_size=3), st.booleans())
def test_a_body_left_open_never_hides_the_page_after_it(bodies: list[str], markdown: bool) -> None:
    named = {
        f"p{index}.{'md' if markdown and index == 0 else 'html'}": body for index, body in enumerate(bodies)
    }
    _, pages, warnings = _build_posts(named)
    for name, page in pages.items():
        links, footer = _visible(page)
        assert links == BACK_LINKS, (named[name], links)
        assert footer, named[name]
        mine = [warning for warning in warnings if f"p{name[1]}." in warning and "never closed" in warning]
        if name.endswith(".md"):  # Markdown may escape what was open: at most one warning
            assert len(mine) <= 1, (named[name], warnings)
        else:
            assert len(mine) == _left_open(named[name]), (named[name], warnings)


@given(_open_body())
def test_closing_never_finishes_a_tag_the_body_cut(body: str) -> None:
    # A link or image to a URL the author never wrote: every attribute value of the
    # closed body ends in the body as written.
    closed = close_open_markup(body).html
    for element in html5lib.parse(closed, namespaceHTMLElements=False).iter():
        for value in element.attrib.values():
            assert any(value + end in body for end in ('"', "'", ">", "/", *_WS)), (body, value)


_WS = ("\t", "\n", "\f", " ")


def _left_open(body: str) -> int:
    """1 when a browser reads what follows `body` as anything but markup, else 0."""
    return 0 if _visible(body + '\n<footer class="site-footer">f</footer>')[1] else 1


@settings(max_examples=8)
@given(st.lists(st.lists(_SAFE, max_size=4).map("".join), min_size=3, max_size=3))
def test_a_closed_body_is_published_as_written(bodies: list[str]) -> None:
    named = {f"p{index}.html": body + "\n" for index, body in enumerate(bodies)}
    _, pages, warnings = _build_posts(named)
    assert not [warning for warning in warnings if "never closed" in warning]
    for name, page in pages.items():
        assert named[name] in page
        assert close_open_markup(named[name]).html is named[name]


def test_the_crawled_post_cut_off_in_a_script_keeps_its_back_links() -> None:
    body = "<p>text</p>\n<script>var x = 1;"
    _, pages, warnings = _build_posts(
        {
            "cut.md": "<p>前文</p>\n\n" + body,
            "comment.html": "<p>a</p>\n<!-- never closed",
            "noscript.html": "<noscript><p>请开启脚本",
        }
    )
    # A browser runs scripts, so `<noscript>` holds raw text up to `</noscript>`.
    assert "<noscript><p>请开启脚本</noscript>" in pages["noscript.html"]
    assert _visible(pages["cut.md"]) == (BACK_LINKS, True)
    assert _visible(pages["comment.html"]) == (BACK_LINKS, True)
    assert "var x = 1;</script>" in pages["cut.md"]
    assert len([w for w in warnings if "never closed" in w]) == 3, warnings
    cut = next(w for w in warnings if "cut.md" in w)
    assert cut.endswith(
        "cut.md:11: <script> opened at line 11 is never closed; closed at the end of the body"
        " so the page's links stay visible"
    ), cut
    assert any("comment.html:9: <!-- opened at line 9" in w for w in warnings), warnings


# Bodies a browser read the rest of the page into although the first closing ran: raw text
# opened at an HTML integration point of SVG or MathML (only `</svg>` was appended), an
# open dropdown, and bodies cut inside a tag (closed into a link or image to a URL the
# author never wrote, which `sitegen check` then reported broken).
_MISSED = {
    "fo.html": "<svg><foreignObject><textarea>t",
    "desc.html": "<svg><desc><script>x",
    "style.html": "<svg><desc><style>x",
    "title.html": "<svg><title><textarea>x",
    "mtext.html": "<math><mtext><textarea>x",
    "annotation.html": '<math><annotation-xml encoding="text/html"><style>x',
    "option.html": "<select><option>x",
    "select.html": "<select><textarea>x",
    "optgroup.html": "<button><form><select><optgroup>x",
    "srcdoc.html": '<iframe srcdoc="<script>',
    "paragraph.html": "<svg><desc><p>x",
    "link.html": '<a href="x',
    "image.md": '<img src="a.png" alt="x',
}


def test_raw_text_at_an_integration_point_a_dropdown_or_a_cut_tag_keeps_the_page() -> None:
    root, pages, warnings = _build_posts({name: f"<p>x</p>{body}\n" for name, body in _MISSED.items()})
    for name, page in pages.items():
        assert _visible(page) == (BACK_LINKS, True), (name, page)
    closed = [warning for warning in warnings if "never closed" in warning]
    # image.md's cut tag is text by kramdown's rule as it is converted: nothing is open.
    assert len(closed) == len(_MISSED) - 1 and not [w for w in closed if "image.md" in w], warnings
    assert "<svg><desc><script>x\n</script></svg>" in pages["desc.html"]
    assert "<option>x\n</select>" in pages["option.html"]
    assert "<svg><desc><p>x\n</p></svg>" in pages["paragraph.html"]
    for name in ("srcdoc.html", "link.html", "image.md"):  # the cut tag's text, shown as written
        assert "<p>x</p>" + _MISSED[name].replace("<", "&lt;") in pages[name], pages[name]
    assert any(
        'link.html:8: <a href="x… opened at line 8 is never closed; it is shown as text' in warning
        for warning in closed
    ), closed
    report = check_site(root / "out", jobs=1)
    assert not report.hidden and "a.png" not in format_report(report), format_report(report)


def test_check_reports_what_the_build_closes_in_jekylls_copy() -> None:
    # A quote left open ends at the page's next quote, what follows depends on the page.
    for name, body in _MISSED.items():
        if '"' not in body:
            page = f'<html><body><p>x</p>{body}\n<nav><a href="/">返回首页</a></nav></body></html>'
            assert not _home_link_shown(page), name
            assert hidden_links(page.encode()), name


def test_a_liquid_excerpt_cut_inside_a_script_does_not_hide_the_listing(tmp_path: Path) -> None:
    files = {
        "_config.yml": CONFIG,
        "_posts/2022-05-01-a.md": post(body="<p>a</p>\n<script>\nvar x = 1;\n\nvar y = 2;\n</script>\n"),
        "list.html": "---\nlayout: none\n---\n{% for post in site.posts %}{{ post.excerpt }}{% endfor %}"
        '<footer class="site-footer">end</footer>\n',
    }
    write_files(tmp_path / "site", files)
    result = build(tmp_path / "site", destination=tmp_path / "out")
    assert not [d for d in result.diagnostics if "never closed" in d.message]
    assert _visible((tmp_path / "out" / "list.html").read_text(encoding="utf-8"))[1]


# A quote left open ends at the next quote of the page, so what the page shows after it
# depends on the page; the check reports only what stays open to the page's end.
_OPEN_TO_THE_END = _OPEN.filter(lambda construct: "'" not in construct and '"' not in construct)


def _home_link_shown(page: str) -> bool:
    root = html5lib.parse(page, namespaceHTMLElements=False)

    def walk(element: Element, hidden: bool) -> bool:
        hidden = hidden or _name(element) in _HIDING
        if not hidden and element.tag == "a" and element.get("href") == "/":
            return True
        return any(walk(child, hidden) for child in element)

    return walk(root, False)


@given(st.one_of(_open_body(_OPEN_TO_THE_END), st.lists(_SAFE, max_size=4).map("".join)))
def test_check_reports_a_page_exactly_when_a_browser_hides_its_links(body: str) -> None:
    page = f'<html><body>{body}\n<nav><a href="/">返回首页</a></nav></body></html>'
    assert bool(hidden_links(page.encode())) is not _home_link_shown(page), body


def test_check_reports_jekylls_copy_of_a_cut_off_post(tmp_path: Path) -> None:
    # What `jekyll build` writes for the crawled post (the body copied as written).
    cut_off = '<html><body><p>text</p>\n<script>var x = 1;\n<a href="/">返回首页</a></body></html>\n'
    fine = '<html><body><script><!--<script></script>--></script><!--->\n<a href="/">首页</a></body></html>'
    write_files(tmp_path, {"2022/05/01/a.html": cut_off, "index.html": fine})
    report = check_site(tmp_path, jobs=1)
    why = "line 2: <script> is never closed, so a browser shows none of the links after it"
    assert report.hidden == (("2022/05/01/a.html", why),)
    assert not report.ok
    assert f"2022/05/01/a.html: {why}" in format_report(report)


#: Pieces of markup, whole and cut, of every name the scan treats apart and of others.
_PIECES = st.sampled_from(
    [
        "text", " ", "<", ">", "<p>", "</p>", "<P CLASS=x>", "<img src=a.png alt='b'>", "<br/>",
        '<a href="x">', "<a href='x>y'>", "<a b=>", "<a =b>", "<a b = \"c\" d>", '<a href="x',
        "<a href='x", "<a", "</a", "</", "</>", "</ x>", "<!-- c -->", "<!--", "<!-->", "<!--->",
        "--!>", "-->", "<!DOCTYPE html>", "<!x>", "<?x>", "<svg>", "</svg>", "<svgx>", "<math>",
        "<template>", "<select>", "<script>", "</script>", "<SCRIPT>", "<style>", "<title>",
        "<textarea>", "<plaintext>", "<xmp>", "<iframe>", "<noscript>", "<scripts>", '"', "'", "=",
        "/", "\t", "\n", "好",
    ]
)  # fmt: skip


@given(st.lists(_PIECES, max_size=24).map("".join))
def test_a_body_the_fast_path_takes_is_one_the_scan_finds_closed(body: str) -> None:
    """The one-expression path (`_PLAIN_BODY`) may say "nothing open" only where stepping
    through the body says so too; it may leave any body to the scan."""
    if open_markup._PLAIN_BODY.fullmatch(body):
        assert open_markup._scanned_end_state(body) == ((), None)


def test_a_page_cut_inside_a_single_quoted_attribute_is_reported_not_a_crash() -> None:
    """The quote runs to the end of the file over Chinese text, and the construct's name is
    shortened with `…`, which is no Latin-1 character: the check failed with a traceback."""
    page = '<p>Intro</p>\n<a href=\'x\n\n<a href="/">返回首页</a><footer>页脚</footer>\n'.encode()
    reason = hidden_links(page)
    assert reason.startswith("line 2: <a href='x") and "never closed" in reason, reason
