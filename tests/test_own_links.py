"""Only links that lead into the site are ours to drop (trailing 返回 links) or to write
root-relative; Jekyll keeps every body link as written, and so does sitegen any other."""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

import pytest
from bs4 import BeautifulSoup
from hypothesis import given
from hypothesis import strategies as st

from sitegen.check.links import check_site
from sitegen.content.bodies import relativise_own_links, strip_trailing_back_links
from tests.conftest import SiteFactory, build, built_by_both, files_below, post, write_files

FINEWS = "https://finews.withounder.com"
BODY = "<p>正文</p>\n\n"


def _built_post(make_site: SiteFactory, body: str) -> BeautifulSoup:
    site = make_site(
        {
            "_config.yml": f"title: 金融消息\nurl: {FINEWS}\ntimezone: Asia/Shanghai\n",
            "_posts/2022-05-27-NW1.md": post(body=body),
        }
    )
    build(site)
    page = site / "_site/xinjingbao/2022/05/27/NW1.html"
    return BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")


def _links(page: BeautifulSoup, text: str) -> list[str]:
    return [str(a.get("href")) for a in page.select("a") if a.get_text() == text]


@pytest.mark.parametrize(
    ("body", "text", "href"),
    [
        (
            f"{BODY}[返回现金活动详情](https://bank.example.com/cashback)\n",
            "返回现金活动详情",
            "https://bank.example.com/cashback",
        ),
        (
            f'{BODY}<p><a href="https://bank.example.com/x">返回现金</a></p>\n',
            "返回现金",
            "https://bank.example.com/x",
        ),
        (f"{BODY}[返回首页](https://other-site.com/)\n", "返回首页", "https://other-site.com/"),
    ],
)
def test_a_trailing_return_link_to_another_site_is_kept_as_written(
    make_site: SiteFactory, body: str, text: str, href: str
) -> None:
    """返回 also means "cash back": a last paragraph linking to a bank or another site was
    dropped without a word (and 返回首页 swapped for our own home page)."""
    page = _built_post(make_site, body)
    assert href in _links(page, text)


def test_a_link_to_the_own_host_on_another_port_is_kept_as_written(make_site: SiteFactory) -> None:
    """`http://host:8080/admin/` is another server: written `/admin/`, it was broken."""
    page = _built_post(
        make_site, f'{BODY}<p><a href="http://finews.withounder.com:8080/admin/">后台</a></p>\n'
    )
    assert _links(page, "后台") == ["http://finews.withounder.com:8080/admin/"]


def test_the_finews_back_links_still_go_and_own_links_are_still_root_relative(make_site: SiteFactory) -> None:
    tail = (
        "[返回新京报新闻](//finews.withounder.com/category/xinjingbao.html)"
        "｜[返回首页](//finews.withounder.com/)"
    )
    body = f'{BODY}<p><a href="HTTPS://finews.withounder.com:443/about/">关于</a></p>\n\n{tail}\n'
    page = _built_post(make_site, body)
    assert _links(page, "关于") == ["/about/"]
    assert [str(a.get("href")) for a in page.select("a") if a.get_text().startswith("返回")] == [
        "/category/xinjingbao.html",
        "/",
    ]


@dataclass(frozen=True)
class Target:
    """A drawn link target, and whether it leads into the site as its parts say."""

    text: str
    ours: bool
    absolute: bool


@dataclass(frozen=True)
class Site:
    """A site's `url`, and the spellings and port of its host that links may use."""

    url: str
    own_spellings: tuple[str, ...]
    """The host as links may spell it: any case, Unicode or IDNA form."""
    port: int | None


SITES = [
    Site(FINEWS, ("finews.withounder.com", "FINEWS.WithOunder.COM", "Finews.Withounder.Com"), None),
    Site("https://xn--efvy88h.example", ("新闻.example", "xn--efvy88h.example", "XN--EFVY88H.example"), None),
    Site("http://localhost:4000", ("localhost", "LOCALHOST"), 4000),
]
OTHER_HOSTS = [
    "bank.example.com",
    "other-site.com",
    "www.finews.withounder.com",
    "finews.withounder.com.evil.example",
    "evilfinews.withounder.com",
    "finews.withounder.com.",
    "FINEWS.WITHOUNDER.COM.",
    "withounder.com",
    "新闻.example.",
    "sub.新闻.example",
    "xn--efvy88h.example.org",
    "localhost.",
    "127.0.0.1",
]
PORTS = {"": None, ":": None, ":80": None, ":443": None, ":8080": 8080, ":4000": 4000, ":65536": -1, ":x": -1}
PATHS = ["", "/", "/category/x.html", "/a/b/?q=1#top", "?q=1", "#top", "/返回/"]
PATHS += ["/news", "/news/a.html", "/newsx/a"]  # with `baseurl: /news`, already below it or not
PATHS += ["/%E6%96%B0%E9%97%BB/x.html", "/%e6%96%b0%e9%97%bb"]  # below `baseurl: /新闻`, encoded
RELATIVE = ["../emnews/", "../", "x.html", "/", "/category/x.html", "?q", "#top", "", "./a b/"]


@st.composite
def targets(draw: st.DrawFn, site: Site) -> Target:
    """Relative and root-relative links (ours), or an absolute or scheme-relative one to
    the site's host in any spelling or to another host, with or without a port, a user
    name, a scheme of the web or another."""
    if draw(st.booleans()):
        return Target(draw(st.sampled_from(RELATIVE)), True, False)
    own = draw(st.booleans())
    host = draw(st.sampled_from(site.own_spellings if own else OTHER_HOSTS))
    port = draw(st.sampled_from(sorted(PORTS)))
    scheme = draw(st.sampled_from(["", "http:", "https:", "HTTPS:", "ftp:"]))
    userinfo = draw(st.sampled_from(["", "", "user@", "user:pw@", f"{site.own_spellings[0]}@"]))
    path = draw(st.sampled_from(PATHS))
    ours = own and not userinfo and scheme != "ftp:" and PORTS[port] == site.port
    return Target(f"{scheme}//{userinfo}{host}{port}{path}", ours, True)


@given(data=st.data(), site=st.sampled_from(SITES), html_link=st.booleans())
def test_only_trailing_return_links_into_the_site_are_dropped(
    data: st.DataObject, site: Site, html_link: bool
) -> None:
    """A 返回 link off the site is the author's content, kept with its paragraph; one
    into the site goes, as before."""
    target: Target = data.draw(targets(site))
    link = f'<a href="{html.escape(target.text)}">返回X</a>' if html_link else f"[返回X](<{target.text}>)"
    body = f"{BODY}{link}\n"
    if target.ours:
        assert strip_trailing_back_links(body, site.url) == (BODY.rstrip() + "\n", True)
    else:
        assert strip_trailing_back_links(body, site.url) == (body, False)


@given(data=st.data(), site=st.sampled_from(SITES), baseurl=st.sampled_from(["", "/news", "/新闻"]))
def test_only_links_into_the_site_are_written_root_relative(
    data: st.DataObject, site: Site, baseurl: str
) -> None:
    """A link off the site (another host or port, a user name, a trailing dot) is kept
    byte for byte; one to the site's origin becomes `baseurl` + its path, as before, or
    its path alone where that starts with `baseurl` already (never `/news/news/…`)."""
    target: Target = data.draw(targets(site))
    written = html.escape(target.text)
    body = f"<p><a href=\"{written}\">x</a><img src='{written}'></p>"
    out = relativise_own_links(body, site.url, baseurl)
    if not (target.ours and target.absolute):
        assert out == body
        return
    path = target.text.split("//", 1)[1]
    path = path[len(path.split("/")[0].split("?")[0].split("#")[0]) :]
    path = path if path.startswith("/") else f"/{path}"
    asked, base = unquote(path), unquote(baseurl)
    under_base = baseurl and (asked == base or asked.startswith(f"{base}/"))
    own = html.escape(path if under_base else f"{baseurl}{path}")
    assert out == f"<p><a href=\"{own}\">x</a><img src='{own}'></p>"


@pytest.mark.parametrize(
    "target",
    [
        "//finews.withounder.com//evil.example/x",
        "https://finews.withounder.com/\\evil.example/x",
        "//user@finews.withounder.com/",
        "https://finews.withounder.com@evil.example/",
        "//finews.withounder.com&#58;8080/",
    ],
)
def test_an_own_host_link_is_kept_when_root_relative_would_lead_elsewhere(target: str) -> None:
    """`//x` and `/\\x` as a root-relative path are scheme-relative links to host `x`;
    a user name or an escaped port is no spelling of the site's host."""
    body = f'<a href="{target}">x</a>'
    assert relativise_own_links(body, FINEWS, "") == body


@pytest.mark.parametrize(
    "link",
    [
        "[返回首页](/\\evil.example/)",
        "[返回首页](///evil.example/)",
        "[返回首页](https:evil.example/)",
        '<a href="&#47;&#47;evil.example/">返回首页</a>',
        '<a title=\'href="/"\' href="//evil.example/">返回首页</a>',
        '<a href="//evil.example/" href="/">返回首页</a>',
        "[返回首页](javascript:history.back())",
        "[返回首页][1]\n\n[1]: https://evil.example/",
    ],
)
def test_a_return_link_a_browser_follows_off_the_site_is_kept(link: str) -> None:
    """Read as a browser reads it: `\\` is `/`, extra slashes and entities change
    nothing, the first `href` counts, a reference link's definition is its target."""
    body = f"{BODY}{link}\n"
    assert strip_trailing_back_links(body, FINEWS) == (body, False)


def test_a_return_link_by_reference_into_the_site_goes() -> None:
    body = f"{BODY}[返回首页][Home]\n\n[home]: //finews.withounder.com/\n"
    assert strip_trailing_back_links(body, FINEWS) == (
        f"{BODY.rstrip()}\n\n[home]: //finews.withounder.com/\n",
        True,
    )


def test_a_paragraph_with_one_return_link_elsewhere_is_kept_whole() -> None:
    body = f"{BODY}[返回首页](//finews.withounder.com/)｜[返回现金](https://bank.example.com/)\n"
    assert strip_trailing_back_links(body, FINEWS) == (body, False)


def test_check_finds_no_broken_link_for_a_kept_other_port(make_site: SiteFactory) -> None:
    body = f'{BODY}<p><a href="http://finews.withounder.com:8080/admin/">后台</a></p>\n'
    site = make_site(
        {
            "_config.yml": f"title: 金融消息\nurl: {FINEWS}\n",
            "_posts/2022-05-27-NW1.md": post(body=body),
        }
    )
    build(site)
    assert check_site(site / "_site", site_url=FINEWS).ok


#: Links that lead off the site in each way a host can differ from the site's: another
#: host, a subdomain, a look-alike, a port, a user name, a trailing dot, another scheme.
OFF_THE_SITE = [
    "https://bank.example.com/cashback",
    "https://other-site.com/",
    "//www.finews.withounder.com/x.html",
    "https://finews.withounder.com.evil.example/",
    "http://finews.withounder.com:8080/admin/",
    "//user@finews.withounder.com/",
    "https://finews.withounder.com./",
    "ftp://finews.withounder.com/a",
    "https://xn--efvy88h.example/x",
]


def test_links_off_the_site_are_published_as_jekyll_publishes_them(tmp_path: Path) -> None:
    """Differential: Jekyll keeps every body link as written; for each link off the
    site, as a trailing 返回 paragraph in Markdown or HTML and as a link in the text,
    sitegen's post shows the same link."""
    files = {"_config.yml": f"title: 金融消息\nurl: {FINEWS}\ntimezone: Asia/Shanghai\n"}
    for number, target in enumerate(OFF_THE_SITE):
        body = f'{BODY}<p><a href="{target}">文中{number}</a></p>\n\n[返回{number}](<{target}>)\n'
        files[f"_posts/2022-05-{number + 1:02d}-md{number}.md"] = post(body=body)
        files[f"_posts/2022-05-{number + 1:02d}-ht{number}.md"] = post(
            body=f'{BODY}<p><a href="{target}">返回{number}</a></p>\n'
        )
    (built,) = built_by_both([write_files(tmp_path / "site", files)])
    pages = sorted(path for path in files_below(built.site / "_jekyll", "*.html") if "/2022/05/" in path)
    assert len(pages) == 2 * len(OFF_THE_SITE)
    for page in pages:
        jekyll = _anchors(built.site / "_jekyll" / page)
        sitegen = _anchors(built.destination / page)
        assert jekyll and set(jekyll) <= set(sitegen), page


def _anchors(page: Path) -> list[tuple[str, str]]:
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    return [(a.get_text(), str(a.get("href"))) for a in soup.select("a")]


@pytest.mark.parametrize(
    "written", ["/%E6%96%B0%E9%97%BB/x.html", "/%e6%96%b0%e9%97%bb/x.html", "/新闻/x.html"]
)
def test_a_link_below_a_non_ascii_baseurl_is_not_given_it_twice(written: str) -> None:
    body = f'<a href="https://finews.withounder.com{written}">x</a>'
    assert relativise_own_links(body, FINEWS, "/新闻") == f'<a href="{written}">x</a>'


@pytest.mark.parametrize(
    "odd", ["https://ｆｉｎｅｗｓ.withounder.com/a/", "https://finews。withounder.com/a/"]
)
def test_a_link_is_rewritten_or_not_whatever_other_links_the_body_has(odd: str) -> None:
    """A host spelled in full-width letters or dots is kept as written (it works), with
    or without a plainly spelled link to the site beside it in the same body."""
    alone = f'<a href="{odd}">x</a>'
    beside = f'{alone}<a href="https://finews.withounder.com/b/">y</a>'
    assert relativise_own_links(alone, FINEWS, "") == alone
    assert relativise_own_links(beside, FINEWS, "") == f'{alone}<a href="/b/">y</a>'
