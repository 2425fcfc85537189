"""The `srcset` and refresh readers follow the HTML standard's parsing steps.

`srcset`: WHATWG HTML "parse a srcset attribute" (commas inside URLs, descriptors,
parentheses, invalid candidates dropped); refresh: "shared declarative refresh steps".
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from sitegen.check.refresh import refresh_url
from sitegen.check.srcset import srcset_urls

DESCRIPTORS = ("", "1x", "2x", "1.5x", "480w", "640w 320h", " 2x ")


def test_srcset_urls_follow_the_standard_s_parser() -> None:
    assert srcset_urls("a,b.png 1x,c.png 2x") == ("a,b.png", "c.png")
    assert srcset_urls(" a.png,, b.png 100w 50h ,c.png (x, y) 1x") == ("a.png", "b.png")
    assert srcset_urls("a.png 2y, b.png 1x 2x, c.png 50h, d.png 0w, e.png") == ("e.png",)
    assert srcset_urls("data:image/png;base64,AA,BB 1x") == ("data:image/png;base64,AA,BB",)


@given(
    st.lists(st.tuples(st.from_regex(r"/[a-z0-9,]*[a-z0-9]", fullmatch=True), st.sampled_from(DESCRIPTORS)))
)
def test_srcset_urls_reads_back_every_written_candidate(candidates: list[tuple[str, str]]) -> None:
    written = ", ".join(f"{url} {descriptor}" for url, descriptor in candidates)
    assert srcset_urls(written) == tuple(url for url, _ in candidates)


def test_refresh_url_follows_the_standard_s_steps() -> None:
    assert refresh_url("0; url='/a b.html' x") == "/a b.html"
    assert refresh_url("3.5,URL = /x.html") == "/x.html"
    assert refresh_url("0 /plain.html") == "/plain.html"
    assert refresh_url("0; urlish.html") == "urlish.html"
    assert refresh_url("0") is None
    assert refresh_url("soon; url=/x.html") is None
    assert refresh_url("0x; url=/x.html") is None
