"""Liquid in posts and pages is rendered as Jekyll renders it, and never published raw.

The reference is Jekyll itself: a tree without `_layouts/` makes Jekyll write just the
converted body, which is compared with the body sitegen publishes.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from hypothesis import given
from hypothesis import strategies as st

from sitegen.content.liquid_marks import first_liquid_tag
from tests.conftest import build, write_files

CONFIG = "title: Test site\nurl: https://ex.com\nbaseurl: /blog\ntimezone: Asia/Shanghai\n"
TREE = {
    "_config.yml": CONFIG,
    "_includes/note.html": '<p class="note">{{ include.text }} / {{ site.title }}</p>\n',
    "_posts/2022-05-27-first.md": (
        "---\ntitle: First\ncategories: news\ntags: [a, b]\n---\n"
        "Hello {{ page.title | upcase }} in {{ site.title }}.\n\n"
        '{% include note.html text="hi there" %}\n\n'
        '[link]({{ "/about/" | relative_url }}) and {% post_url 2022-05-28-second %}\n\n'
        "{% raw %}{{ kept }}{% endraw %}\n\n"
        '{{ page.date | date_to_xmlschema }} {{ page.date | date_to_string }} {{ "a b" | slugify }}\n'
    ),
    "_posts/2022-05-28-second.md": (
        "---\ntitle: Second\n---\nA {{ missing_var }} b.\n\n"
        "{% for p in site.posts %}- {{ p.title }} {{ p.url | absolute_url }}\n{% endfor %}\n"
    ),
    "about.md": "---\ntitle: About\n---\n# {{ page.title }} of {{ site.title | xml_escape }}\n",
}
OUTPUTS = ("news/2022/05/27/first.html", "2022/05/28/second.html", "about.html")


def _sitegen_body(path: Path) -> str:
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    body = soup.select_one(".post-body") or soup.select_one(".page-body") or soup.select_one("main")
    assert body is not None
    return _normal(str(body.decode_contents()))


def _normal(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r">\s+<", "><", html)).strip()


def test_liquid_renders_as_jekyll_renders_it(tmp_path: Path) -> None:
    jekyll = shutil.which("jekyll")
    if jekyll is None:
        pytest.skip("Debian's jekyll is not installed")
    site = write_files(tmp_path / "site", TREE)
    subprocess.run(
        [jekyll, "build", "--quiet", "-s", str(site), "-d", str(tmp_path / "jekyll")],
        check=True,
        capture_output=True,
        timeout=300,
    )
    result = build(site, destination=tmp_path / "sitegen")
    assert result.errors == ()
    for output in OUTPUTS[:2]:
        expected = _normal((tmp_path / "jekyll" / output).read_text(encoding="utf-8"))
        assert _sitegen_body(tmp_path / "sitegen" / output) == expected, output
    about = (tmp_path / "sitegen" / OUTPUTS[2]).read_text(encoding="utf-8")
    assert "About of Test site" in about and "{{" not in about


def test_broken_liquid_is_reported_with_file_and_line_and_the_rest_published(tmp_path: Path) -> None:
    site = write_files(
        tmp_path / "site",
        {
            "_config.yml": "title: T\n",
            "_posts/2022-05-29-third.md": (
                "---\ntitle: Third\n---\nline one\n"
                "Broken {% nosuchtag x %} here and {% include missing.html %} then {{ page.title }}.\n"
            ),
            "_posts/2022-05-30-fine.md": "---\ntitle: Fine\n---\n{{ page.title }} body\n",
        },
    )
    result = build(site, destination=tmp_path / "out")
    broken = [d for d in result.diagnostics if "2022-05-29-third.md" in str(d)]
    # Every broken tag is reported, each on its own line, in the order of the text.
    assert [d.line for d in broken] == [5, 5]
    assert "nosuchtag" in broken[0].message and "missing.html" in broken[1].message
    third = (tmp_path / "out/2022/05/29/third.html").read_text(encoding="utf-8")
    assert "Broken  here and  then Third." in third and "{%" not in third
    assert "Fine body" in (tmp_path / "out/2022/05/30/fine.html").read_text(encoding="utf-8")


_FRAGMENTS = st.sampled_from(
    [
        "{{",
        "}}",
        "{%",
        "%}",
        " ",
        "x",
        "page.title",
        "site.posts",
        "|",
        " upcase",
        " if ",
        "endif",
        "for",
        " in ",
        "endfor",
        "include",
        " note.html",
        "post_url",
        "link",
        "assign",
        "=",
        "\n",
        "-",
        "{",
        "}",
        "%",
        "(1..3)",
        "capture",
        "endcapture",
        "highlight",
        "endhighlight",
        "comment",
        "where",
    ]
)


@given(st.lists(_FRAGMENTS, max_size=30).map("".join))
def test_random_liquid_never_crashes_and_never_leaves_tags(
    tmp_path_factory: pytest.TempPathFactory, text: str
) -> None:
    root = tmp_path_factory.mktemp("fuzz")
    site = write_files(
        root / "site",
        {
            "_config.yml": "title: T\n",
            "_includes/note.html": "N",
            "_posts/2022-05-30-fuzz.html": f"---\ntitle: Fuzz\n---\n<p>start</p>{text}<p>end</p>\n",
        },
    )
    result = build(site, destination=root / "out", jobs=1, cache=False)
    # A broken tag is an error naming the post and its line; the post is still published
    # (the text around the tag kept) unless `--strict`, which publishes nothing.
    dropped = [d for d in result.diagnostics if d.message.endswith("published without the broken tag")]
    assert list(result.errors) == dropped
    assert all(error.path.name == "2022-05-30-fuzz.html" and error.line for error in dropped), dropped
    strict = build(site, destination=root / "strict", jobs=1, cache=False, strict=True)
    assert strict.published == (not dropped)
    assert (root / "strict/2022/05/30/fuzz.html").exists() == (not dropped)
    body = _sitegen_body(root / "out/2022/05/30/fuzz.html")
    # A lone `{{` with nothing closing it is an error in Jekyll and cut out here; a
    # closed tag is either rendered or dropped.
    assert first_liquid_tag(body) is None, body
