"""What a rebuild computes per page: each page's subject is fingerprinted once, whether
the page is kept or rendered again (a sitemap's fingerprint alone walks an entry per
page of the site, and a new post changes it)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from sitegen.incremental import render_choice, rendering
from tests.conftest import post, write_files
from tests.test_incremental import run, site_files


def test_a_rebuild_fingerprints_each_pages_subject_once(tmp_path: Path) -> None:
    site = write_files(tmp_path / "site", site_files(40))
    destination = tmp_path / "out"
    run(site, destination, jobs=1)
    write_files(site, {"content/_posts/2022-04-28-new.md": post("新来的", date="2022-04-28 23:59:00 +0800")})
    counted: Counter[str] = Counter()
    real = render_choice.subject_fingerprint

    def counting(page: Any, *rest: Any) -> str:
        counted[page.output_path] += 1
        return real(page, *rest)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(render_choice, "subject_fingerprint", counting)  # the choice of pages
        patch.setattr(rendering, "subject_fingerprint", counting)  # a worker's
        result = run(site, destination, jobs=1)

    assert result.pages_rendered > 1  # the new post, its neighbour, listings, the sitemap
    assert "sitemap.xml" in counted
    assert set(counted.values()) == {1}
    assert len(counted) == result.pages
