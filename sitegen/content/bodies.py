"""Body fix-ups: every link in a post resolves inside the built tree, images load lazily.

Crawler-written posts end with their own back links (`[返回新京报新闻](…)｜[返回首页](…)`),
with host-absolute, root-relative or relative targets; the relative ones are broken on
the live Jekyll site. That trailing paragraph is recognised in the source text and
dropped, and the theme writes back links whose targets are known to exist. Only links
that lead into the site are touched, here and when links to the site's own origin are
written root-relative: which those are is `sitegen.urls.own_origin`'s one rule.
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Callable, Mapping
from functools import cache
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit

from sitegen.content.invisible_tail import invisible_tail_start
from sitegen.content.markup import TAG_ATTRIBUTES
from sitegen.urls.own_origin import SiteOrigin, leads_into_site, site_origin

BLANK_CHARACTERS = frozenset(
    "\t\u0020\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u200b\u200c\u200d\u202f\u205f\u2060\u3000\ufeff"
)
"""What a reader sees as nothing or as a space on one line: the Unicode spaces (the
full-width U+3000 of Chinese text, the no-break U+00A0), and the zero-width ones
(U+200B, U+FEFF) crawled text carries. A back link followed by any of them was kept, its
relative target broken on every page."""
_BLANK_NAMES: tuple[str, ...] = (
    *("nbsp", "ensp", "emsp", "emsp13", "emsp14", "numsp", "puncsp", "thinsp", "hairsp"),
    *("ZeroWidthSpace", "zwnj", "zwj", "NoBreak", "MediumSpace"),
)
# One blank: a blank character, or a character reference to one (`&nbsp;`, `&#12288;`,
# `&#x200b;`); `<br>` in any case, and an HTML comment on the line, count too.
_BLANK = "(?:{}|&(?:{});|<[bB][rR]\\s*+/?>|<!--(?:(?!-->)[^\\n])*+-->)".format(
    "[" + "".join(f"\\u{ord(character):04x}" for character in sorted(BLANK_CHARACTERS)) + "]",
    "|".join(
        [*_BLANK_NAMES]
        + [f"#0*{ord(character)}" for character in sorted(BLANK_CHARACTERS)]
        + [f"#[xX]0*(?i:{ord(character):x})" for character in sorted(BLANK_CHARACTERS)]
    ),
)
# Inline (`[返回X](/x/)`) or by reference (`[返回X][1]`, defined below: `invisible_tail`).
_MARKDOWN_BACK_LINK = rf"\[{_BLANK}*+返回[^\]\n]*+\](?:\([^)\n]*+\)|\[[^\]\n]*+\])"
_HTML_BACK_LINK = rf"<a\s[^>\n]*+>{_BLANK}*+返回[^<\n]*+</a>"
# Between links on a line: blanks, or a full-width or ASCII bar.
_SEPARATOR = rf"(?:{_BLANK}|｜|\|)"
# One line of a back-link paragraph: links and separators only, the paragraph's `<p>`
# and `</p>` allowed at its ends. Each piece is told from the others by its first
# character, and the quantifiers are possessive, so a line is read once.
_BACK_LINK_LINE = re.compile(
    rf"{_BLANK}*+(?P<open><p>)?+(?:{_SEPARATOR}|{_MARKDOWN_BACK_LINK}|{_HTML_BACK_LINK})*+(?P<close></p>)?+"
)
# A line a reader sees nothing on: blanks only, in a paragraph of its own or not.
_BLANK_LINE = re.compile(rf"{_BLANK}*+(?:<p>{_BLANK}*+</p>)?+{_BLANK}*+")
_BACK_LINK_TEXT = "返回"
# One piece of a back-link line, the links named: as `_BACK_LINK_LINE` reads the line,
# each piece told from the others by its first character.
_BACK_LINK_PIECE = re.compile(
    rf"(?P<markdown>{_MARKDOWN_BACK_LINK})|(?P<html>{_HTML_BACK_LINK})|{_SEPARATOR}|</?p>"
)
_INLINE_TARGET = re.compile(r"\]\((?P<target>[^)\n]*+)\)\Z")
_REFERENCE = re.compile(r"\[(?P<text>[^\]\n]*+)\]\[(?P<label>[^\]\n]*+)\]\Z")
_DEFINITION = re.compile(r"^ {0,3}\[(?P<label>[^\]\n]++)\]:[ \t]*+(?P<target><[^>\n]*+>|\S++)", re.MULTILINE)

_Definitions = Callable[[], Mapping[str, tuple[str, ...]]]


def strip_trailing_back_links(source_body: str, site_url: str) -> tuple[str, bool]:
    """Remove the body's last paragraphs while each holds only 返回 links into the site.

    Returns the new body and whether such a paragraph was found. Anything else in a
    paragraph (text, another link, a 返回 link leading off the site: "cash back" at a
    bank, by `sitegen.urls.own_origin`'s rule) keeps it, since then it is content, not
    navigation; only whole lines go, so a text line above the links stays (and they
    with it). Lines a reader sees nothing on (`&nbsp;`, a comment) are no paragraph
    between them, and the links split into paragraphs (`[返回X](../x/)`, a blank line,
    `[返回首页](../)`) all go: the first paragraph kept, its relative link was broken. What no reader sees
    after them (a script, a style, an empty element, reference definitions:
    `sitegen.content.invisible_tail`) does not hide them, and is kept."""
    tail_start = invisible_tail_start(source_body, _BLANK_LINE)
    end = _stripped_end(source_body, tail_start)
    kept_end = end
    origin = site_origin(site_url)
    definitions = cache(lambda: _definitions(source_body))
    while (start := _back_links_start(source_body, kept_end)) is not None:
        if not _all_lead_into_site(source_body[start:kept_end], origin, definitions):
            break
        kept_end = _stripped_end(source_body, start)
    if kept_end == end:
        return source_body, False
    tail = source_body[tail_start:].rstrip()  # from a block's first character
    return source_body[:kept_end] + "\n" + (f"\n{tail}\n" if tail else ""), True


def _stripped_end(text: str, end: int) -> int:
    """Where `text[:end].rstrip()` ends, without copying it."""
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end


def _back_links_start(source_body: str, end: int) -> int | None:
    """Where the last paragraph of `source_body[:end]` starts when it holds only 返回
    links (lines showing nothing below it skipped), else None.

    The paragraph is read line by line upwards from the end, each line once: a search
    for the pattern of the whole paragraph would start again at every line break, and
    on a long paragraph of links with something else at its end that is quadratic."""
    while end > 0:  # trailing lines that show nothing
        line_start = source_body.rfind("\n", 0, end) + 1
        if not _BLANK_LINE.fullmatch(source_body, line_start, end):
            break
        end = _stripped_end(source_body, line_start)
    paragraph_start = -1  # where the back-link lines found so far start
    line_end = end
    while line_end >= 0:
        line_start = source_body.rfind("\n", 0, line_end) + 1
        line = _BACK_LINK_LINE.fullmatch(source_body, line_start, line_end)
        # `</p>` may close only the last line; a blank line ends the paragraph.
        if line is None or (line.group("close") and line_end != end):
            break
        if not source_body[line_start:line_end].strip("".join(BLANK_CHARACTERS)):
            break
        paragraph_start = line_start
        if line.group("open"):  # the paragraph's first line
            break
        line_end = line_start - 1
    if paragraph_start < 0 or _BACK_LINK_TEXT not in source_body[paragraph_start:end]:
        return None
    return paragraph_start


def _all_lead_into_site(paragraph: str, origin: SiteOrigin | None, definitions: _Definitions) -> bool:
    """Whether every link of a back-link paragraph leads into the site."""
    for piece in _BACK_LINK_PIECE.finditer(paragraph):
        if piece.group("markdown"):
            targets = _markdown_targets(piece.group("markdown"), definitions)
        elif piece.group("html"):
            targets = _html_targets(piece.group("html"))
        else:
            continue
        if not all(leads_into_site(target, origin) for target in targets):
            return False
    return True


def _markdown_targets(link: str, definitions: _Definitions) -> tuple[str, ...]:
    """Where a Markdown link leads, as kramdown writes its `href`: an inline link's
    destination (`(<url> "title")`), or every definition of a reference link's label
    (none: it is no link, only text)."""
    inline = _INLINE_TARGET.search(link)
    if inline is not None:
        return (_destination(inline.group("target")),)
    reference = _REFERENCE.search(link)
    assert reference is not None  # `_MARKDOWN_BACK_LINK` is one or the other
    label = reference.group("label") or reference.group("text")
    return definitions().get(_label_key(label), ())


def _destination(written: str) -> str:
    """A Markdown link destination without its angle brackets or title, entities decoded."""
    written = written.strip()
    if written.startswith("<"):
        return html.unescape(written[1:].split(">", 1)[0])
    return html.unescape(written.split(maxsplit=1)[0] if written else "")


def _definitions(source_body: str) -> dict[str, tuple[str, ...]]:
    """Every reference definition's targets by label, as kramdown matches labels
    (white space collapsed, case ignored)."""
    found: dict[str, tuple[str, ...]] = {}
    for definition in _DEFINITION.finditer(source_body):
        key = _label_key(definition.group("label"))
        found[key] = (*found.get(key, ()), _destination(definition.group("target")))
    return found


def _label_key(label: str) -> str:
    return " ".join(label.split()).lower()


class _FirstHref(HTMLParser):
    """The `href` of a start tag as a browser reads it: the first one, entities decoded."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.href: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.href = next((value or "" for name, value in attrs if name == "href"), None)


def _html_targets(link: str) -> tuple[str, ...]:
    """Where an `<a>` back link leads: its `href` (none: no link, only text)."""
    parser = _FirstHref()
    parser.feed(link)
    parser.close()
    return () if parser.href is None else (parser.href,)


# A quoted `href`/`src` value written absolute or scheme-relative: the parts before its
# path are judged by `sitegen.urls.own_origin`; anything else is kept as written.
_ABSOLUTE_LINK = re.compile(
    r"""(?P<attr>\b(?:href|src)\s*=\s*)(?P<quote>["'])(?P<url>(?:https?:)?//(?P<authority>[^/?#"'\\]*+)"""
    r"""(?P<path>[^"']*+))(?P=quote)""",
    re.IGNORECASE,
)


def relativise_own_links(body_html: str, site_url: str, baseurl: str) -> str:
    """Write links to the site's own origin (`//host/x`, `https://host/x`) root-relative.

    The built tree then works on any host and in local preview; `baseurl` is prefixed so
    a site served from a sub-folder keeps working, unless the path already starts with
    it (`https://host/news/a.html` under `baseurl: /news` is `/news/a.html`, not
    `/news/news/a.html`). Only a link whose host and port are the site's `url`'s
    (`sitegen.urls.own_origin`) is ours: `//host:8080/admin/` is another server, and
    Jekyll keeps every link as written, as sitegen keeps it then."""
    origin = site_origin(site_url)
    if origin is None or "//" not in body_html:
        return body_html
    lowered = body_html.lower()
    if not any(spelling in lowered for spelling in _host_spellings(origin)):
        return body_html  # no link to it (one in full-width letters stays as written: it works)

    def replace(match: re.Match[str]) -> str:
        path = _own_path(match, origin)
        if path is None:
            return match.group(0)
        if not _below(path, baseurl):
            path = f"{baseurl}{path}"
        return f"{match.group('attr')}{match.group('quote')}{path}{match.group('quote')}"

    return _ABSOLUTE_LINK.sub(replace, body_html)


def _below(path: str, baseurl: str) -> bool:
    """Whether a path is `baseurl` or below it, as a browser asks for it: `/%E6%96%B0%E9%97%BB/x`
    (either case of hex digits) is below `/新闻`."""
    asked, base = unquote(path), unquote(baseurl)
    return asked == base or asked.startswith(f"{base}/")


@functools.lru_cache(maxsize=16)
def _host_spellings(origin: SiteOrigin) -> tuple[str, ...]:
    """The origin's host as a body writes it, lower case: its ASCII form, and its Unicode
    form where that differs (`xn--…` written `新闻.example`)."""
    try:
        unicode_host = origin.host.encode("ascii").decode("idna").lower()
    except UnicodeError:
        unicode_host = origin.host
    return tuple(dict.fromkeys((origin.host, unicode_host)))


@functools.lru_cache(maxsize=1024)
def _own_authority(origin: SiteOrigin, authority: str) -> bool:
    """Whether an authority as written (`finews.withounder.com`, `img.example:8080`) is the
    origin's: a crawled site links to a few hosts thousands of times, each asked once."""
    if not any(spelling in authority.lower() for spelling in _host_spellings(origin)):
        return False  # as `relativise_own_links` passes a body naming no spelling of it
    try:
        return origin.is_own_authority(urlsplit(f"//{authority}"))
    except ValueError:
        return False


def _own_path(link: re.Match[str], origin: SiteOrigin) -> str | None:
    """The root-relative path of an absolute link to the site's origin, or None when it
    is not one, or when written root-relative it would lead elsewhere (`//x`, `/\\x`
    name host `x`)."""
    if not _own_authority(origin, link.group("authority")):
        return None
    as_read = html.unescape(link.group("url"))  # what a browser follows
    if not origin.leads_into_site(as_read):
        return None
    path = link.group("path")
    path = path if path.startswith("/") else f"/{path}"
    return None if path[1:2] in ("/", "\\") else path


# An `<img>` start tag; quoted values may hold `>`. One left open runs to the end of the
# body (see `TAG_ATTRIBUTES`) and is left alone: it is no image.
_IMG_TAG = re.compile(rf"<img(?![^\s/>]){TAG_ATTRIBUTES}(?P<end>>)?", re.IGNORECASE)
_IMG_ATTRIBUTE = r"""(?<![\w:-]){name}\s*=\s*(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<bare>[^\s"'>]+))"""
_LOADING = re.compile(_IMG_ATTRIBUTE.format(name="loading"), re.IGNORECASE)
_REFERRER_POLICY = re.compile(_IMG_ATTRIBUTE.format(name="referrerpolicy"), re.IGNORECASE)
_SRC = re.compile(_IMG_ATTRIBUTE.format(name="src"), re.IGNORECASE)
_IMG_NAME_LENGTH = len("<img")


def add_image_attributes(body_html: str) -> str:
    """Give each `<img>` `loading="lazy"` and `referrerpolicy="no-referrer"` unless it has them.

    Only the start tags of images change, and only by attributes inserted right after
    `<img`; every other byte of the body stays as it was. No referrer lets images from
    news sites with hot-link protection show; lazy loading keeps long posts fast on phones."""

    def extend(match: re.Match[str]) -> str:
        tag = match.group(0)
        if match.group("end") is None:
            return tag
        added = ""
        if _LOADING.search(tag) is None:
            added += ' loading="lazy"'
        if _REFERRER_POLICY.search(tag) is None:
            added += ' referrerpolicy="no-referrer"'
        return tag[:_IMG_NAME_LENGTH] + added + tag[_IMG_NAME_LENGTH:] if added else tag

    return _IMG_TAG.sub(extend, body_html)


def first_image_src(body_html: str) -> str:
    """The `src` of the body's first image with a usable one (not a `data:` URI), or "".

    Entities are decoded (`&amp;` → `&`): this is the address, not HTML."""
    for tag in _IMG_TAG.finditer(body_html):
        found = _SRC.search(tag.group(0))
        if found is None or tag.group("end") is None:
            continue
        src = html.unescape(found.group("dq") or found.group("sq") or found.group("bare") or "").strip()
        if src and not src.lower().startswith("data:"):
            return src
    return ""
