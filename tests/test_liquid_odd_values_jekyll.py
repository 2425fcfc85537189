"""Liquid on front matter a news site really has, as Jekyll prints it: a post without a
category asking for its related posts (`where` kept every post), a headline with an
apostrophe escaped (`&#x27;` where Jekyll writes `&#39;`), a slug mode left unset, a
blank subtitle compared with `blank`, an image list given to `absolute_url` (Python's
`['a.jpg', ...]` in the URL), full-width punctuation through `uri_escape`.

Built by Jekyll (Debian's `jekyll`; the test fails in CI without it) and by sitegen; each
post prints the same between its markers."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import build, jekyll_build, write_files

MARK = "@@"
SNIPPETS = (
    '{% assign rel = site.posts | where: "category", page.category %}{{ rel | map: "title" | join: "," }}',
    '{{ site.posts | where: page.missing, "a" | size }}|{{ page.title | escape }}',
    "{{ page.title | xml_escape }}",
    '{{ page.title | escape_once }}|{{ "&copy; &mdash; x" | escape_once }}|{{ page.title | cgi_escape }}',
    '{{ "News Today" | slugify: site.slug_mode }}|{{ page.missing | round: 1 }}|{{ page.nothing | size }}',
    "{% if page.subtitle == blank %}blank{% else %}not-blank{% endif %}",
    "{% if page.tags != blank %}ne{% endif %}",
    "{{ page.image | absolute_url }}|{{ page.flag | relative_url }}",
    "{% if page.zh %}{{ page.zh | uri_escape }}|{{ page.people | array_to_sentence_string }}{% endif %}",
    '{{ page.title | remove_last: "s" | split: "\'" | join: "/" }}',
)
POSTS = {
    "a": 'category: 时政\ntitle: "It\'s a"\n',
    "b": "category: 体育\ntitle: b\n",
    "c": (
        "title: \"delta's **c**\"\nsubtitle: ''\ntags: []\nimage: [a.jpg, b.jpg]\nflag: false\n"
        "zh: '新京报 记者：北京（今日）降雪 5℃'\npeople: [{name: b, n: 2}, {name: d, tag: null}]\n"
    ),
}


def test_odd_front_matter_through_liquid_prints_as_jekyll_prints_it(tmp_path: Path) -> None:
    page = "".join(f"{MARK}{number}:{snippet}{MARK}\n" for number, snippet in enumerate(SNIPPETS))
    files = {"_config.yml": "title: T\nurl: https://news.example.com\nbaseurl: /news\n"}
    for day, (name, front_matter) in enumerate(POSTS.items(), start=1):
        files[f"_posts/2024-01-0{day}-{name}.html"] = f"---\nlayout: none\n{front_matter}---\n{page}"
    site = write_files(tmp_path / "site", files)
    jekyll_build(site, tmp_path / "jekyll")
    result = build(site, destination=tmp_path / "sitegen", cache=False)
    assert result.errors == (), result.errors
    jekyll_files = sorted((tmp_path / "jekyll").rglob("*.html"))
    assert len(jekyll_files) == len(POSTS)
    for jekyll_file in jekyll_files:
        ours = tmp_path / "sitegen" / jekyll_file.relative_to(tmp_path / "jekyll")
        expected = jekyll_file.read_text(encoding="utf-8").split(MARK)[1::2]
        assert ours.read_text(encoding="utf-8").split(MARK)[1::2] == expected, jekyll_file.name
