"""Liquid reads a post's body from the build cache only when it prints the post's
`content` or excerpt (`sitegen.incremental.bodies.BodiesOnDemand`): a site with one
Liquid page listing posts by title and URL (our first user's `emnews.md`) no longer
reads every body of the site at every build, and whatever the Liquid reads, a rebuild
still equals a clean build."""

from __future__ import annotations

import shutil
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.errors import SitegenError
from sitegen.incremental import loading
from sitegen.incremental.cache import BuildCache
from tests.conftest import CONFIG, post, tree_bytes, write_files
from tests.test_incremental import clean_build_of, run

FIELDS = ("title", "url", "date", "content", "excerpt")
"""What the Liquid page may print of each post; the last two need its body."""


def _body(number: int) -> str:
    # Two paragraphs apart: the excerpt (the first) is not the whole body.
    return f"<p>开头{number}。</p>\n\n<p>正文{number}：只在全文里。</p>\n"


def _posts(numbers: range) -> dict[str, str]:
    return {
        f"content/_posts/2022-04-{number:02d}-p{number}.md": post(
            f"第{number}篇",
            date=f"2022-04-{number:02d} 10:00:00 +0800",
            categories="cat0",
            body=_body(number),
        )
        for number in numbers
    }


def _listing_page(fields: tuple[str, ...], limit: int | None) -> str:
    printed = " | ".join("{{ post.%s }}" % field for field in fields)  # noqa: UP031 (Liquid braces)
    loop = "{% for post in site.posts" + (f" limit:{limit}" if limit is not None else "") + " %}"
    return f"---\nlayout: page\ntitle: 列表\n---\n{loop}\n<li>{printed}</li>\n{{% endfor %}}\n"


def _asked(patch: pytest.MonkeyPatch) -> Counter[str]:
    """How often the build asked the cache for each post's body (by its key)."""
    asked: Counter[str] = Counter()
    real = BuildCache.bodies

    def counted(self: BuildCache, keys: Iterable[str]) -> dict[str, Any]:
        wanted = list(keys)
        asked.update(wanted)
        return real(self, wanted)

    patch.setattr(BuildCache, "bodies", counted)
    return asked


@settings(max_examples=12)
@given(
    fields=st.lists(st.sampled_from(FIELDS), min_size=1, max_size=3, unique=True).map(tuple),
    limit=st.none() | st.integers(min_value=1, max_value=6),
    added=st.integers(min_value=1, max_value=2),
)
def test_a_rebuild_reads_the_bodies_its_liquid_prints_and_equals_a_clean_build(
    tmp_path_factory: pytest.TempPathFactory, fields: tuple[str, ...], limit: int | None, added: int
) -> None:
    root = tmp_path_factory.mktemp("site")
    site = write_files(
        root / "site", {"_config.yml": CONFIG, "list.md": _listing_page(fields, limit), **_posts(range(1, 6))}
    )
    published = root / "published"
    run(site, published, jobs=1)
    write_files(site, _posts(range(6, 6 + added)))  # the crawler adds posts: a rebuild
    with pytest.MonkeyPatch.context() as patch:
        asked = _asked(patch)
        run(site, published, jobs=1)
    assert tree_bytes(published) == clean_build_of(site, root)
    shown = min(limit or 99, 5 + added)  # the newest first, as `site.posts` lists them
    if "content" in fields or "excerpt" in fields:
        assert len(asked) == shown
    else:
        assert not asked
    assert set(asked.values()) <= {1}  # content and excerpt of one post: one read
    shutil.rmtree(root, ignore_errors=True)


def test_a_body_lost_and_saved_since_the_load_stops_the_build_when_liquid_prints_it(
    tmp_path: Path,
) -> None:
    """As when every body was read first: the cache lost the oldest post's body, its file
    was saved since the load hashed it, and the Liquid page prints it. The build stops
    with one line naming the file and publishes nothing, rather than leaving out only the
    page whose template read it (an error in a template is that page's)."""
    page = "---\nlayout: page\ntitle: 最早\n---\n{{ site.posts.last.content }}\n"
    site = write_files(tmp_path / "site", {"_config.yml": CONFIG, "first.md": page, **_posts(range(1, 3))})
    published = tmp_path / "published"
    run(site, published, jobs=1)
    before = tree_bytes(published)
    write_files(site, _posts(range(3, 4)))
    oldest = site / "content/_posts/2022-04-01-p1.md"
    real_load = loading._load_one

    def saved_since_the_load(state: loading._LoadState, job: loading._Job) -> object:
        if job.source.path == oldest:
            oldest.write_text(oldest.read_text(encoding="utf-8").replace("正文1", "改过"), encoding="utf-8")
        return real_load(state, job)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(BuildCache, "bodies", lambda self, keys: {})  # the cache lost every body
        patch.setattr(loading, "_load_one", saved_since_the_load)
        with pytest.raises(SitegenError, match="changed while the site was built") as raised:
            run(site, published, jobs=1)
    assert raised.value.path == oldest
    assert tree_bytes(published) == before
