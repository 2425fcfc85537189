"""Liquid's `url` and `id` of posts, pages and documents, and the feed's entry `<id>`s:
the same generated tree built by Jekyll (with jekyll-feed) and by sitegen gives the same.

Jekyll's `URL#to_s` (jekyll/lib/jekyll/url.rb) escapes each placeholder's value and keeps
a permalink's own text as written (`/新闻/标题 一.html`); `Document#id`
(jekyll/lib/jekyll/document.rb) is `File.join(File.dirname(url), slug)` of that URL
(`/custom/b` for a post `b` at `/custom/path/`); jekyll-feed writes an entry's `<id>` as
`post.id | absolute_url` (jekyll-feed/lib/jekyll-feed/feed.xml). One difference is
sitegen's on purpose (README, "URLs"): a `?` or `#` Jekyll writes into a file's name is
escaped in the Liquid `url`, so links made from it reach the file.

Jekyll (Debian's `jekyll`, with jekyll-feed) is the reference; where it is missing the
tests are skipped (in CI it must be installed).
"""

from __future__ import annotations

import json
import random
import re
import subprocess
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sitegen.urls import escape_path, linked_form, normalized
from tests.conftest import build, jekyll_build, one_seeded_batch, write_files

BATCH_SIZE = 40
#: Category names: Chinese, spaces, a `?` and a `#` (query and fragment to Addressable),
#: a `%` that is not an escape, an accented letter.
CATEGORIES = ("国内", "Big World", "wh?at", "x#y", "%41", "é", "news")
#: A post's name after its date, a page's or document's file name.
NAMES = ("a", "新 闻", "b c", "x.y", "中-1", "Ü")
#: A post's, page's or document's own permalink (`{n}` keeps each case's URL its own).
PERMALINKS = (
    None,
    "/custom/path{n}/",
    "/新闻/标题 {n}.html",
    "/F Ü{n}/",
    "/b{n}/",
    "/:categories/:title{n}/",
    "/:title/{n}.html",
)
PAGE_PERMALINKS = (None, "/页 {n}/", "/p{n}/:basename.html", "/:path/q{n}/")
STYLES = ("date", "pretty", "/:categories/:title/")
SHOWN = re.compile(r"<div>U=(.*?) ID=(.*?)</div>")
BODY = "<div>U={{ page.url }} ID={{ page.id }}</div>\n"


def front(permalink: str | None, number: int, extra: str = "") -> str:
    line = f'permalink: "{permalink.format(n=number)}"\n' if permalink else ""
    return f"---\ntitle: t{number}\n{line}{extra}---\n{BODY}"


def generated_site(rng: random.Random) -> dict[str, str | bytes]:
    config = (
        "title: t\nurl: https://news.example.com\nbaseurl: /新 闻\ntimezone: UTC\n"
        f"permalink: {rng.choice(STYLES)}\nplugins: [jekyll-feed]\n"
        f"feed:\n  posts_limit: {BATCH_SIZE}\nfeed_entries: {BATCH_SIZE}\n"
        "collections:\n  docs:\n    output: true\n    permalink: /:collection/:path/\n"
    )
    files: dict[str, str | bytes] = {"_config.yml": config}
    for number in range(BATCH_SIZE):
        categories = json.dumps(rng.sample(CATEGORIES, rng.randint(0, 2)), ensure_ascii=False)
        name = f"{rng.choice(NAMES)}{number}"
        day = 1 + number % 28
        files[f"_posts/2024-01-{day:02d}-{name}.html"] = front(
            rng.choice(PERMALINKS), number, f"categories: {categories}\n"
        )
        folder = rng.choice(("", "目录 x/", "d/"))
        files[f"{folder}{name}.html"] = front(rng.choice(PAGE_PERMALINKS), number)
        files[f"_docs/{folder}{name}.html"] = front(rng.choice((None, "/doc/:name/", "/文 {n}/")), number)
    return files


def shown(root: Path) -> dict[str, tuple[str, str]]:
    """Each written file showing its Liquid `url` and `id`: `{"a/b.html": (url, id)}`."""
    found = {}
    for path in root.rglob("*.html"):
        match = SHOWN.search(path.read_text(encoding="utf-8"))
        if match is not None:
            found[path.relative_to(root).as_posix()] = (match.group(1), match.group(2))
    return found


def entry_ids(feed: Path) -> list[str]:
    return sorted(re.findall(r"<id>([^<]*)</id>", feed.read_text(encoding="utf-8").split("<entry", 1)[1]))


@one_seeded_batch
@given(rng=st.randoms(use_true_random=True))
def test_liquid_urls_ids_and_feed_ids_are_jekylls(tmp_path: Path, rng: random.Random) -> None:
    site = write_files(tmp_path / "site", generated_site(rng))
    jekyll_build(site, tmp_path / "jekyll")
    result = build(site, destination=tmp_path / "sitegen")
    assert not result.errors, result.errors

    expected = {
        path: (linked_form(url), linked_form(ident) if ident else "")
        for path, (url, ident) in shown(tmp_path / "jekyll").items()
    }
    assert len(expected) == 3 * BATCH_SIZE
    assert shown(tmp_path / "sitegen") == expected
    assert entry_ids(tmp_path / "sitegen/feed.xml") == entry_ids(tmp_path / "jekyll/feed.xml")


def test_the_reported_ids_and_urls(tmp_path: Path) -> None:
    files: dict[str, str | bytes] = {
        "_config.yml": "url: https://news.example.com\npermalink: pretty\nplugins: [jekyll-feed]\n",
        "_posts/2022-05-27-NW202205272394703325.html": front(None, 0, "categories: [国内, Big World]\n"),
        "_posts/2024-01-02-b.md": front("/custom/path/", 1),
        "_posts/2024-01-03-c.md": front("/新闻/标题 一.html", 2),
        "_posts/2024-02-12-q.md": front(None, 3, "categories: wh?at\n"),
    }
    site = write_files(tmp_path / "site", files)
    build(site, destination=tmp_path / "out")
    values = set(shown(tmp_path / "out").values())
    assert values == {
        ("/%E5%9B%BD%E5%86%85/big%20world/2022/05/27/NW202205272394703325/",
         "/%E5%9B%BD%E5%86%85/big%20world/2022/05/27/NW202205272394703325"),
        ("/custom/path/", "/custom/b"),
        ("/新闻/标题 一.html", "/新闻/c"),
        ("/wh%3Fat/2024/02/12/q/", "/wh%3Fat/2024/02/12/q"),
    }  # fmt: skip
    assert entry_ids(tmp_path / "out/feed.xml") == [
        "https://news.example.com/%E5%9B%BD%E5%86%85/big%20world/2022/05/27/NW202205272394703325",
        "https://news.example.com/%E6%96%B0%E9%97%BB/c",
        "https://news.example.com/custom/b",
        "https://news.example.com/wh?at/2024/02/12/q",
    ]


#: What placeholder values and URLs are made of for the Addressable comparisons.
PIECES = (
    "a", "Z", "9", "-", ".", "/", " ", "?", "#", "%", "%41", "%C3%A9", "%7e", "&", "+", "[", "中", "é", ":",
    "~", "=",
)  # fmt: skip


@one_seeded_batch
@given(rng=st.randoms(use_true_random=True))
def test_escape_path_and_normalized_are_addressables(rng: random.Random) -> None:
    """`URL.escape_path` and `Addressable::URI#normalize` of an absolute URL, run by Ruby
    once over a batch."""
    values = ["".join(rng.choices(PIECES, k=rng.randint(1, 6))) for _ in range(300)]
    values = [
        value for value in values if not value.startswith(("//", ":")) and ":" not in value.split("/")[0]
    ]
    script = (
        "require 'json'; require 'addressable/uri'; JSON.parse(STDIN.read).each { |v| "
        "e = Addressable::URI.encode(v).encode('utf-8').sub('#', '%23'); "
        "n = Addressable::URI.parse('https://h.example' + '/' + v).normalize.to_s; "
        "puts JSON.generate([e, n]) }"
    )
    try:
        completed = subprocess.run(
            ["ruby", "-e", script],
            input=json.dumps(values),
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    except FileNotFoundError:
        pytest.skip("ruby is not installed")
    assert completed.returncode == 0, completed.stderr
    answers = [json.loads(line) for line in completed.stdout.splitlines()]
    mine = [[escape_path(value), normalized("https://h.example/" + value)] for value in values]
    assert {v: m for v, m, a in zip(values, mine, answers, strict=True) if m != a} == {}
