"""The `url` setting always gives absolute, valid addresses, or one config error.

Before, `//host` was accepted and printed scheme-relative in every feed id and sitemap
`<loc>`; a query went before every path (`https://host/?a=1/feed.xml`) and a space in
the path was printed raw.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from sitegen.config import load_config
from sitegen.urls.site_address import site_address

#: What RFC 3986 allows in an address: unreserved, reserved and `%` escapes.
URI_CHARACTERS = re.compile(r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+")


@given(
    scheme=st.sampled_from(["https://", "http://", "HTTP://", "//", "", "ftp://"]),
    host=st.one_of(
        st.sampled_from(["news.example.com", "新闻.example.com", "[::1]", "a b", ""]), st.text(max_size=8)
    ),
    rest=st.text(max_size=12),
)
@example(scheme="//", host="news.example.com", rest="")
@example(scheme="https://", host="news.example.com", rest="/?a=1&b=2")
@example(scheme="https://", host="news.example.com", rest="/a b")
@example(scheme="https://", host="news.example.com", rest='"@0')  # user news.example.com" at host 0
def test_a_url_is_refused_or_absolute_and_valid(scheme: str, host: str, rest: str) -> None:
    url = f"{scheme}{host}{rest}"
    address = site_address(url)
    if isinstance(address, tuple):
        assert address[0].startswith(f"url '{url}'")
        return
    parts = urlsplit(address + "/feed.xml")
    assert parts.scheme in ("http", "https") and parts.hostname
    assert not parts.query and not parts.fragment
    assert URI_CHARACTERS.fullmatch(address), address
    assert re.search(r"%(?![0-9A-Fa-f]{2})", address) is None


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("//news.example.com", "needs a scheme"),
        ("https://news.example.com/?a=1&b=2", "must not have a query or fragment"),
        ("https://news.example.com/#top", "must not have a query or fragment"),
    ],
)
def test_a_bad_url_is_one_warning_and_no_host(tmp_path: Path, url: str, message: str) -> None:
    (tmp_path / "_config.yml").write_text(f"title: t\nurl: '{url}'\n", encoding="utf-8")
    config = load_config(tmp_path)
    (note,) = config.diagnostics
    assert config.url == "" and message in note.message and note.line == 2


def test_a_path_with_spaces_is_percent_encoded(tmp_path: Path) -> None:
    (tmp_path / "_config.yml").write_text("url: 'https://news.example.com/a b/新'\n", encoding="utf-8")
    assert load_config(tmp_path).url == "https://news.example.com/a%20b/%E6%96%B0"
