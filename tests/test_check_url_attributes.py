"""`sitegen check` reads every URL a browser fetches or follows, and resolves it as a browser.

The checker read only `href`/`src` of six tags: a missing `srcset` variant, `<area href>`,
`<video poster>`, `<object data>` or refresh target passed, and `/../img/a.png` (which
every browser requests as `/img/a.png`) was reported broken. The property: for drawn
pages linking, in every URL attribute of the HTML standard, to existing and missing files
spelled with `..` segments (above the root too), percent-encoded or raw non-ASCII names
and `srcset` lists with descriptors and commas inside URLs, with and without a baseurl,
the broken targets are exactly the URL paths the browser requests that name no file.
"""

from __future__ import annotations

import html
import tempfile
from pathlib import Path
from urllib.parse import quote

from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.check.links import check_site

SITE_URL = "https://example.com"
EXISTING = ("img/a.png", "img/a,b.png", "图/新 闻.png", "a b/c.webp")
MISSING = ("img/nope.png", "img/no,pe.png", "图/缺.png", "a b/gone.webp")
PAGES = ("links.html", "a/page.html", "a/b/index.html")
# Elements with one URL attribute: (element markup with `{}` for the URL).
SINGLE = (
    '<a href="{}">x</a>',
    '<map><area href="{}"></map>',
    '<img src="{}">',
    '<video src="{}"></video>',
    '<video poster="{}"></video>',
    '<video><source src="{}"></video>',
    '<audio src="{}"></audio>',
    '<video><track src="{}"></video>',
    '<iframe src="{}"></iframe>',
    '<embed src="{}">',
    '<script src="{}"></script>',
    '<input type="image" src="{}">',
    '<INPUT TYPE=" Image " src="{}">',
    '<object data="{}"></object>',
    '<link rel="stylesheet" href="{}">',
    '<link rel="icon" href="{}">',
    '<meta http-equiv="refresh" content="0; url=\'{}\'">',
    '<meta http-equiv="Refresh" content="5,URL = {}">',
)
SRCSET = (
    '<img srcset="{}">',
    '<picture><source srcset="{}"></picture>',
    '<link rel="preload" imagesrcset="{}">',
)
DESCRIPTORS = ("", "1x", "2x", "1.5x", "480w", "640w 320h")
# Never reported: not the site's, or attributes a browser does not fetch from.
IGNORED = (
    '<form action="/form-missing"></form>',
    '<blockquote cite="/cite-missing.html">q</blockquote>',
    '<input type="text" src="/input-missing.png">',
    '<link rel="preconnect" href="/origin-missing/">',
    '<img srcset="/bad-descriptor.png 2y, /two-densities.png 1x 2x">',
    '<img src="data:image/png;base64,AAAA">',
    '<img srcset="data:image/png;base64,AA,BB 1x, //cdn.example.net/x.png 2x">',
    '<a href="mailto:editor@example.com">m</a>',
    '<a href="tel:+861012345678">t</a>',
    '<a href="javascript:void(0)">j</a>',
    '<a href="https://other.example.org/missing.html">o</a>',
    '<video poster="//cdn.example.net/missing.jpg"></video>',
    '<a href="#no-such-anchor">f</a>',
    '<a href="?page=2#no-such-anchor">f</a>',
    '<img src="">',
)


@st.composite
def spelled(draw: st.DrawFn, page: str, baseurl: str, for_srcset: bool) -> tuple[str, str]:
    """(a URL spelling of a drawn file from `page`, the path a browser requests for it)."""
    path = draw(st.sampled_from(EXISTING + MISSING))
    # Raw non-ASCII and spaces outside `srcset`: the URL parser encodes them.
    written = quote(path, safe="/,") if for_srcset or draw(st.booleans()) else path
    depth = page.count("/")
    how = draw(st.integers(0, 5))
    if how == 0:
        return f"{baseurl}/{written}", f"{baseurl}/{path}"
    if how == 1:  # `..` above the root stays at the root
        return f"/..{'/..' * draw(st.integers(0, 2))}{baseurl}/{written}", f"{baseurl}/{path}"
    if how == 2:
        return "../" * depth + written, f"{baseurl}/{path}"
    if how == 3:  # climbs out of the baseurl (and the root) first
        return "../" * (depth + 1 + baseurl.count("/")) + written, f"/{path}"
    if how == 4:
        return f"{baseurl}/x/%2E%2E/./{written}", f"{baseurl}/{path}"
    return f"{baseurl}/../{written}", f"/{path}"


def served(requested: str, baseurl: str) -> bool:
    prefix = f"{baseurl}/"
    return requested.startswith(prefix) and requested[len(prefix) :] in EXISTING


@given(st.data(), st.sampled_from(PAGES), st.sampled_from(["", "/news"]))
@settings(max_examples=60, deadline=None)
def test_exactly_the_missing_urls_of_every_url_attribute_are_reported(
    data: st.DataObject, page: str, baseurl: str
) -> None:
    elements: list[str] = []
    requested: set[str] = set()
    for _ in range(data.draw(st.integers(1, 6))):
        if data.draw(st.booleans()):
            url, path = data.draw(spelled(page, baseurl, for_srcset=False))
            elements.append(data.draw(st.sampled_from(SINGLE)).format(html.escape(url)))
            requested.add(path)
        else:
            candidates = []
            for _ in range(data.draw(st.integers(1, 3))):
                url, path = data.draw(spelled(page, baseurl, for_srcset=True))
                descriptor = data.draw(st.sampled_from(DESCRIPTORS))
                candidates.append(f"{url} {descriptor}")
                requested.add(path)
            separator = data.draw(st.sampled_from([", ", " , ", ",\n\t"]))
            elements.append(
                data.draw(st.sampled_from(SRCSET)).format(html.escape(separator.join(candidates)))
            )
    elements.extend(data.draw(st.lists(st.sampled_from(IGNORED), max_size=4)))
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        for name in (*EXISTING, page):
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_text("", encoding="utf-8")
        body = "".join(elements)
        markup = f'<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>{body}</body></html>'
        (root / page).write_text(markup, encoding="utf-8")
        report = check_site(root, site_url=SITE_URL, baseurl=baseurl, jobs=1)
    assert [link.target for link in report.broken] == sorted(p for p in requested if not served(p, baseurl))


def test_the_tester_s_page_reports_the_missing_ones_only(tmp_path: Path) -> None:
    (tmp_path / "img").mkdir()
    (tmp_path / "img/a.png").write_bytes(b"")
    (tmp_path / "links.html").write_text(
        '<img srcset="/img/a.png 1x, /img/nope2.png 2x">'
        '<picture><source srcset="/img/nope3.webp"></picture>'
        '<map><area href="/area-missing.html"></map><video poster="/poster-missing.jpg"></video>'
        '<object data="/obj-missing.swf"></object><a href="/../img/a.png">x</a>',
        encoding="utf-8",
    )
    assert [link.target for link in check_site(tmp_path, jobs=1).broken] == [
        "/area-missing.html",
        "/img/nope2.png",
        "/img/nope3.webp",
        "/obj-missing.swf",
        "/poster-missing.jpg",
    ]


def test_a_srcset_after_an_unclosed_script_is_a_hidden_link(tmp_path: Path) -> None:
    """Only `href`/`src` counted as links for the hidden-tail check: a page whose only
    link after a `<script>` left open is a `srcset` or `poster` was passed."""
    for name, element in (("s.html", '<img srcset="/a.png 1x">'), ("p.html", '<video poster="/a.jpg">')):
        (tmp_path / name).write_text(f"<body><script>var x = 1;{element}</body>", encoding="utf-8")
    assert [page for page, _ in check_site(tmp_path, jobs=1).hidden] == ["p.html", "s.html"]
