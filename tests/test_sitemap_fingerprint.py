"""A sitemap's fingerprint, written out for speed (`fingerprint._sitemap`), is the one the
general rule for a dataclass gives: same inputs, same fingerprint, whichever is used."""

from __future__ import annotations

import marshal
from datetime import UTC, datetime, timedelta, timezone

from hypothesis import given
from hypothesis import strategies as st

from sitegen.incremental import fingerprint
from sitegen.site.subjects import Sitemap, SitemapEntry

_MOMENTS = [
    datetime(2022, 4, 1, 8, 30, tzinfo=UTC),
    datetime(2022, 4, 1, 16, 30, 0, 5, tzinfo=timezone(timedelta(hours=8))),
    datetime(2022, 4, 2, 0, 0, 1, tzinfo=timezone(timedelta(hours=-3, minutes=-30))),
]
_ENTRIES = st.lists(
    st.builds(
        SitemapEntry, st.text(max_size=8).map(lambda text: "/" + text), st.sampled_from([None, *_MOMENTS])
    ),
    max_size=12,
)


@given(_ENTRIES, st.sampled_from(["/sitemap.xml", "/sitemap-2.xml"]))
def test_the_written_out_sitemap_rule_is_the_general_one(entries: list[SitemapEntry], url: str) -> None:
    sitemap = Sitemap(url, tuple(entries))
    general = fingerprint._dataclass_plainer(Sitemap)(sitemap, {})
    assert fingerprint._plainer(Sitemap) is fingerprint._sitemap  # the written-out rule is the one used
    assert marshal.dumps(fingerprint._plain(sitemap, {}), 2) == marshal.dumps(general, 2)
    assert fingerprint.fingerprint(sitemap, {}) == fingerprint.digest_bytes(marshal.dumps(general, 2))
