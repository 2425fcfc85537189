"""`sass: sass_dir` names a folder of the site whatever it says, as in Jekyll: the
converter takes it through `Jekyll.sanitized_path` (`sass_dir_relative_to_site_source`,
jekyll-sass-converter), so `../sass` is `<site>/sass` and `/srv/x` is `<site>/srv/x`.
sitegen read `../sass` outside the site. Each value's import is compared with Jekyll's."""

from __future__ import annotations

import json
import os
import random
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sitegen.jekyll.sanitized_path import sanitized_below
from tests.conftest import build, jekyll_build_many, one_seeded_batch, write_files

#: No leading `~`: the converter then runs Ruby's `File.expand_path("~s")`, which stops
#: Jekyll's whole build ("user s doesn't exist").
_SEGMENTS = ("sass", "x", "..", ".", "", "srv", "s")


def _value(rng: random.Random) -> str:
    segments = [rng.choice(_SEGMENTS) for _ in range(rng.randint(1, 4))]
    return rng.choice(("", "/")) + "/".join(segments) + rng.choice(("", "/"))


def _colour(css: str) -> str | None:
    found = re.search(r"color:\s*(c\w+)", css)
    return None if found is None else found.group(1)


@one_seeded_batch
@given(seed=st.integers(0, 2**32))
def test_sass_dir_is_read_inside_the_site_where_jekyll_reads_it(
    tmp_path_factory: pytest.TempPathFactory, seed: int
) -> None:
    rng = random.Random(seed)
    values = [*(_value(rng) for _ in range(16)), "../sass", "/sass", "../../x/sass", "x/sass", "/srv/s"]
    root = tmp_path_factory.mktemp("sass-dir")
    sites: list[Path] = []
    for number, value in enumerate(values):
        outer = root / f"s{number}" / "outer"
        site = outer / "site"
        # The partial where Jekyll's rule puts the folder, and a decoy where the value
        # would lead read as a plain path (above the site for `../sass`).
        inside = site / sanitized_below(value, str(site))
        naive = Path(os.path.normpath(site / value))
        files = {f"{inside.relative_to(outer)}/_v.scss": "$c: c1;\n".replace("c1", "cin")}
        if naive != inside and naive.is_relative_to(root):
            files[f"{os.path.relpath(naive, outer)}/_v.scss"] = "$c: cout;\n"
        files["site/_config.yml"] = f"sass:\n  sass_dir: {json.dumps(value)}\n"
        files["site/assets/s.scss"] = '---\n---\n@import "v";\nb { color: $c; }\n'
        sites.append(write_files(outer, files) / "site")
    jekyll_build_many(sites)
    for site, value in zip(sites, values, strict=True):
        jekyll_css = site / "_jekyll" / "assets" / "s.css"
        result = build(site, destination=site.parent / "sitegen-out", cache=False)
        sitegen_css = site.parent / "sitegen-out" / "assets" / "s.css"
        assert not result.errors, value
        assert _colour(jekyll_css.read_text(encoding="utf-8")) == "cin", value
        assert _colour(sitegen_css.read_text(encoding="utf-8")) == _colour(
            jekyll_css.read_text(encoding="utf-8")
        ), value
