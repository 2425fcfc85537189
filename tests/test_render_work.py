"""What a rebuild computes per page: each page's subject is fingerprinted at most once,
whether the page is kept or rendered again (a sitemap's fingerprint alone walks an entry
per page of the site, and a new post changes it), and a post page whose category did not
change is not fingerprinted at all, nor a listing page or feed whose posts did not:
its record's shortcut says its fingerprint (`sitegen.incremental.post_stamps`,
`listing_stamps`)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from sitegen.incremental import render_choice, rendering
from sitegen.site.plan import PlannedPage
from sitegen.site.subjects import Feed, Listing, NotFound, PostPage, Redirect
from tests.conftest import post, write_files
from tests.test_incremental import run, site_files


def test_a_rebuild_fingerprints_each_pages_subject_at_most_once(tmp_path: Path) -> None:
    site = write_files(tmp_path / "site", site_files(40))
    destination = tmp_path / "out"
    run(site, destination, jobs=1)
    new_post = post("新来的", date="2022-04-28 23:59:00 +0800", categories="cat1")
    write_files(site, {"content/_posts/2022-04-28-new.md": new_post})
    counted: Counter[str] = Counter()
    planned: list[PlannedPage] = []
    real_fingerprint = render_choice.subject_fingerprint
    real_choice = render_choice.pages_to_render

    def counting(page: PlannedPage, *rest: Any) -> str:
        counted[page.output_path] += 1
        return real_fingerprint(page, *rest)

    def choosing(pages: tuple[PlannedPage, ...], *rest: Any) -> render_choice.Choice:
        planned.extend(pages)
        return real_choice(pages, *rest)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(render_choice, "subject_fingerprint", counting)
        patch.setattr(rendering, "subject_fingerprint", counting)
        patch.setattr(rendering, "pages_to_render", choosing)
        result = run(site, destination, jobs=1)

    assert result.pages_rendered > 1  # the new post, its neighbour, listings, the sitemap
    assert "sitemap.xml" in counted
    assert set(counted.values()) == {1}
    assert len(planned) == result.pages
    stamped_kinds = (PostPage, Listing, Feed, Redirect, NotFound)  # `post_stamps`, `listing_stamps`
    others = {page.output_path for page in planned if not isinstance(page.subject, stamped_kinds)}
    assert others <= counted.keys()  # no shortcut but for pages with stamps
    stamped = [page for page in planned if isinstance(page.subject, stamped_kinds)]
    fingerprinted = [page.subject for page in stamped if page.output_path in counted]
    assert fingerprinted and len(fingerprinted) < len(stamped) // 2
    # Only pages made from a run of posts the new post joined (of its category, its
    # month, its tag, the site's): the rest are known by their stamps.
    joined = {("category", "cat1"), ("archive", "2022-04"), ("tag", "新京报新闻")}
    for subject in fingerprinted:
        if isinstance(subject, PostPage):
            assert subject.post.primary_category == "cat1"
        elif isinstance(subject, Listing):
            assert (subject.kind, subject.name) in joined
        elif not isinstance(subject, (Redirect, NotFound)):  # a new forward, say
            assert isinstance(subject, Feed) and any(shown.title == "新来的" for shown in subject.posts)
