"""Body images get `loading="lazy"` and `referrerpolicy="no-referrer"`; nothing else changes."""

from __future__ import annotations

import re

from sitegen.content.bodies import add_image_attributes, first_image_src
from tests.conftest import CONFIG, SiteFactory, build, post

ADDED = re.compile(r' loading="lazy"| referrerpolicy="no-referrer"')

BODY = (
    "<p>  前文 &amp; <b>粗体</b></p>\n<center><IMG SRC=\"a.png\" alt='x > y'/></center>\n"
    '<p><img loading="eager" src="b.png"><img src="c.png" referrerpolicy="origin"></p>\n'
    "<pre><code>&lt;img src=x&gt;</code></pre>\n<!-- 注释 -->\n"
    '<p><a href="http://x.example/">http://x.example/</a></p>\n'
)


def test_every_img_gets_both_attributes_unless_it_has_them() -> None:
    result = add_image_attributes(BODY)
    assert '<IMG loading="lazy" referrerpolicy="no-referrer" SRC="a.png" alt=\'x > y\'/>' in result
    assert '<img referrerpolicy="no-referrer" loading="eager" src="b.png">' in result
    assert '<img loading="lazy" src="c.png" referrerpolicy="origin">' in result
    assert "&lt;img src=x&gt;" in result  # text about an image is not an image


def test_the_rest_of_the_body_is_byte_identical() -> None:
    result = add_image_attributes(BODY)
    assert ADDED.sub("", result) == BODY
    assert add_image_attributes(result) == result  # and doing it twice changes nothing more


def test_first_image_src_skips_data_uris_and_decodes_entities() -> None:
    body = '<img data-src="x.png" src="data:image/gif;base64,R0lGOD"><img alt="a" src="/p?a=1&amp;b=2">'
    assert first_image_src(body) == "/p?a=1&b=2"
    assert first_image_src("<p>没有图片</p>") == ""


def test_built_post_body_has_lazy_images_and_is_otherwise_unchanged(make_site: SiteFactory) -> None:
    body = '<p>图：</p>\n<p><img src="https://img.example.org/1.jpg" width="600"></p>\n'
    site = make_site({"_config.yml": CONFIG, "content/_posts/2022-01-01-a.html": post(body=body)})
    build(site)
    html = (site / "_site/xinjingbao/2022/05/27/a.html").read_text(encoding="utf-8")
    expected = (
        '<img loading="lazy" referrerpolicy="no-referrer" src="https://img.example.org/1.jpg" width="600">'
    )
    assert expected in html
    assert body.rstrip("\n") in ADDED.sub("", html)


def test_lazy_images_false_leaves_bodies_alone(make_site: SiteFactory) -> None:
    body = '<p><img src="https://img.example.org/1.jpg"></p>\n'
    site = make_site(
        {"_config.yml": CONFIG + "lazy_images: false\n", "content/_posts/2022-01-01-a.html": post(body=body)}
    )
    build(site)
    html = (site / "_site/xinjingbao/2022/05/27/a.html").read_text(encoding="utf-8")
    assert body in html and "loading=" not in html
