"""Whole small site trees of hostile and merely odd input, built end to end.

Each example writes a site whose posts mix well-formed ones (random text in titles,
names and bodies, control characters and broken markup included) with hostile ones
(random YAML: impossible dates, alias chains and cycles, deep nesting, odd types; random
bytes; odd file names; symlinks that dangle, loop or point out of the site, in safe
mode). Whatever the mix, the build:

- raises nothing (every problem is a diagnostic naming a file);
- publishes every well-formed post at its URL;
- writes only well-formed XML;
- writes nothing outside its destination (the source and a folder beside it are
  byte-identical afterwards);
- ends within a generous bound (a hang detector, not a speed measurement).
"""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from sitegen.build import BuildOptions, build_site
from tests.conftest import CONFIG, NOW, write_files

HANG_SECONDS = 60

# Text a post may hold: CJK, emoji sequences, markup characters and every C0 control.
_TEXT = st.text(
    alphabet=st.one_of(
        st.characters(codec="utf-8", exclude_categories=["Cs"]),
        st.sampled_from(list("新闻财经<>&\"'/\\.:#[]{}*_`|-~!\x1b\x08\x00\ufffe\U0001f1e8\U0001f1f3")),
    ),
    max_size=40,
)
_NAME = st.one_of(
    st.sampled_from(["财经", "a/b", "..", ".", "中欧/贸易", "长" * 84, "x" * 260, "C#", "a b", "\x1b"]),
    _TEXT.filter(lambda text: text.strip() != ""),
)
_MARKUP = st.sampled_from(
    ["<p>", "</div>", "<a href='", '"', "<!--", "<script>", "<svg><title>t</title>", "&#", "&amp",
     "**", "[x](", "<", "`", "\n\n", "> ", "<http://x>", "{{ site.url }}", "{% include x %}"]
)  # fmt: skip
_BODY = st.lists(st.one_of(_TEXT, _MARKUP), max_size=30).map("".join)


def _yaml_string(text: str) -> str:
    """`text` as a YAML double-quoted scalar, every character outside printable ASCII
    written as YAML's `\\UXXXXXXXX` escape."""
    return '"' + "".join(c if " " <= c <= "~" and c not in '"\\' else f"\\U{ord(c):08x}" for c in text) + '"'


@dataclass(frozen=True)
class GoodPost:
    file_name: str
    url_path: str
    content: str


@st.composite
def good_posts(draw: st.DrawFn, number: int) -> GoodPost:
    day = draw(st.integers(1, 28))
    title = draw(_TEXT)
    tags = draw(st.lists(_NAME, max_size=3))
    body = draw(_BODY)
    suffix = draw(st.sampled_from([".md", ".html", ".markdown"]))
    front = (
        f"---\nlayout: {draw(st.sampled_from(['post', 'default', 'page', 'nope-layout-x', 'post']))}\n"
        f"title: {_yaml_string(title)}\ndate: 2022-05-{day:02d} 10:00:00 +0800\n"
        f"categories: [c, {_yaml_string(draw(_NAME))}]\n"
        f"tags: [{', '.join(_yaml_string(tag) for tag in tags)}]\n"
    )
    name = f"2022-05-{day:02d}-good{number}{suffix}"
    if draw(st.booleans()):  # the URL comes from the permalink, not from the random category
        return GoodPost(name, f"good/{number}.html", front + f"permalink: /good/{number}.html\n---\n" + body)
    front = front.replace("categories: [c, ", "tags_extra: [")
    return GoodPost(name, f"c/2022/05/{day:02d}/good{number}.html", front + "categories: c\n---\n" + body)


_HOSTILE_FRONT_MATTER = st.sampled_from(
    [
        "date: 2022-02-30",
        "date: 2022-13-45 99:99:99",
        "date: [1, 2]",
        "date: 99999-01-01",
        "x: &x [*x]",
        "a: &a [l, l, l, l, l, l, l, l]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a]\n"
        "c: &c [*b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c]\n"
        "e: &e [*d, *d, *d, *d, *d, *d, *d, *d]\ncategories: *e",
        "x: " + "[" * 80 + "]" * 80,
        "title: !!binary aGVsbG8=",
        "tags: !!set {a, b}",
        "categories: {a: 1}",
        "permalink: /../../../escape.html",
        "permalink: /feed.xml",
        "permalink: /" + "y" * 300,
        "permalink: /:nope/x",
        "published: false",
        "title: [unclosed",
        "layout: {x: 1}",
        "last_modified_at: yesterday",
        "excerpt: " + _yaml_string("\x1b\x08<svg><title>t</title></svg>"),
        "description: !!float .nan",
        "date: 2022-05-01T25:61:00",
        "? [complex, key]\n: value",
    ]
)


@st.composite
def hostile_files(draw: st.DrawFn, number: int) -> tuple[str, bytes]:
    name = draw(
        st.sampled_from(
            [f"2022-05-01-bad{number}.md", f"bad{number}.md", f"2022-99-99-bad{number}.md",
             f"2022-05-01-..{number}.md", f"2022-05-01-{'z' * 240}{number}.md", f"2022-05-01-bad{number}.txt"]
        )
    )  # fmt: skip
    kind = draw(st.sampled_from(["front", "bytes", "unclosed"]))
    if kind == "bytes":
        return name, draw(st.binary(max_size=200))
    if kind == "unclosed":
        return name, b"---\ntitle: x\n" + draw(_BODY).encode("utf-8")
    lines = draw(st.lists(_HOSTILE_FRONT_MATTER, min_size=1, max_size=3))
    return name, ("---\n" + "\n".join(lines) + "\n---\n" + draw(_BODY)).encode("utf-8")


@st.composite
def sites(draw: st.DrawFn) -> tuple[list[GoodPost], dict[str, bytes], list[tuple[str, str]]]:
    good = [draw(good_posts(number)) for number in range(draw(st.integers(1, 4)))]
    bad = dict(draw(hostile_files(number)) for number in range(draw(st.integers(0, 4))))
    links = draw(
        st.lists(
            st.sampled_from(
                [("content/_posts/2022-05-02-dangling.md", "nowhere.md"),
                 ("content/loop.md", "loop.md"),
                 ("content/_posts/2022-05-03-out.md", "../../../outside/secret.md"),
                 ("content/outdir", "../../outside"),
                 ("content/_posts/.#2022-05-04-lock.md", "user@host.1:1")]
            ),
            unique=True,
            max_size=3,
        )
    )  # fmt: skip
    return good, bad, links


@contextmanager
def hang_limit(seconds: int) -> Iterator[None]:
    def fail(_signal: int, _frame: object) -> None:
        raise AssertionError(f"the build took over {seconds} s: a hang")

    previous = signal.signal(signal.SIGALRM, fail)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def snapshot(root: Path) -> dict[str, bytes]:
    found: dict[str, bytes] = {}
    for path in sorted(root.rglob("*")):
        if ".sitegen-cache" in path.parts:
            continue
        relative = path.relative_to(root).as_posix()
        if path.is_symlink():
            found[relative] = b"link:" + str(path.readlink()).encode("utf-8", "surrogateescape")
        elif path.is_file():
            found[relative] = path.read_bytes()
    return found


@given(site=sites())
def test_any_site_tree_builds_without_crashing_and_publishes_every_good_post(
    tmp_path_factory: object, site: tuple[list[GoodPost], dict[str, bytes], list[tuple[str, str]]]
) -> None:
    good, bad, links = site
    root = Path(getattr(tmp_path_factory, "mktemp")("fuzz"))  # noqa: B009
    outside = write_files(root / "outside", {"secret.md": "---\ntitle: 机密\n---\n机密\n"})
    # Safe mode (Jekyll's `safe: true`): a link out of the site is not read, so the
    # secret beside the site must never be published.
    files: dict[str, str | bytes] = {"_config.yml": CONFIG + "safe: true\n"}
    files |= {f"content/_posts/{post.file_name}": post.content for post in good}
    files |= {f"content/_posts/{name}": data for name, data in bad.items()}
    source = write_files(root / "site", files)
    for link, target in links:
        (root / "site" / link).symlink_to(target)
    destination = root / "out"
    before = snapshot(source), snapshot(outside)

    with hang_limit(HANG_SECONDS):
        result = build_site(BuildOptions(source=source, destination=destination, now=NOW, jobs=1))

    assert (snapshot(source), snapshot(outside)) == before
    for post in good:
        page = destination / post.url_path
        assert page.is_file(), (post.file_name, [str(d) for d in result.diagnostics])
    for diagnostic in result.diagnostics:
        assert diagnostic.path is not None or "url" in diagnostic.message
    for xml_file in destination.rglob("*.xml"):
        etree.parse(str(xml_file), etree.XMLParser(recover=False, resolve_entities=False))
    written = [p.resolve() for p in destination.rglob("*")]
    assert all(path.is_relative_to(destination.resolve()) for path in written)
    assert not any(
        "机密" in p.read_text(encoding="utf-8", errors="replace") for p in destination.rglob("*.html")
    )
