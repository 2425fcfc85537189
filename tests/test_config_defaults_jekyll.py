"""Liquid's `site.<key>` of a setting the site's `_config.yml` does or does not set is
Jekyll's: its own value where set (a mapping merged over Jekyll's default mapping), and
Jekyll's default where not (`sitegen.jekyll.config_defaults`); `exclude` with Jekyll's
default excludes after the site's own.

A generated batch of sites, each with a drawn `_config.yml`, is built by one Ruby process
with Jekyll loaded and by sitegen; a page prints every setting as JSON, and both builds
must print the same. Where Jekyll is missing the test is skipped.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import yaml
from hypothesis import given
from hypothesis import strategies as st

from sitegen.jekyll.config_defaults import jekyll_defaults
from tests.conftest import build, jekyll_build_many, one_seeded_batch, write_files

BATCH_SIZE = 30
#: Settings a site may write, each with values Jekyll and sitegen both build with.
CHOICES: dict[str, tuple[object, ...]] = {
    "title": ("新闻", ""),
    "description": ("财经", None),
    "url": ("https://news.example.com", ""),
    "baseurl": ("/news", ""),
    "lang": ("en",),
    "author": ("编辑部", {"name": "A", "email": "a@example.com"}),
    "timezone": ("Asia/Shanghai", "UTC"),
    "paginate": (5,),
    "safe": (True, False),
    "future": (True, False),
    "unpublished": (True,),
    "limit_posts": (0, 3, None),
    "permalink": ("pretty", "none", "/:title/", None),
    "include": ([".well-known"], []),
    "exclude": (["notes"], ["node_modules", "extra"], [], [1, None, "a"], [1, True, 1.0, [1], [True]]),
    "keep_files": ([".git"], ["CNAME", ".svn"], None),
    "markdown_ext": ("md,markdown",),
    "markdown": ("kramdown", "GFM", None),
    "highlighter": ("rouge", None),
    "excerpt_separator": ("<!--more-->",),
    "kramdown": ({"auto_ids": False}, {"input": "kramdown", "toc_levels": [2, 3]}, {"auto_ids": None}),
    "liquid": ({"error_mode": "lax"},),
    "strict_front_matter": (True,),
    "plugins": (["jekyll-feed"],),
    "twitter": ({"username": "news"},),
}
#: Keys YAML reads as booleans or nil, which Jekyll names by Ruby's `to_s` of them.
ODD_KEYS = {"on": "true", "false": "false", "~": ""}
#: What every page prints: every key of Jekyll's defaults and of the choices above, but
#: `quiet`, which the batch's Jekyll runs with (as `jekyll build --quiet` does).
KEYS = sorted((set(jekyll_defaults()) | set(CHOICES) | set(ODD_KEYS.values())) - {"quiet"})
PAGE = "---\n---\n" + "".join(f'{key}={{{{ site["{key}"] | jsonify }}}}\n' for key in KEYS)


def _config(rng: random.Random) -> str:
    keys = rng.sample(sorted(CHOICES), rng.randint(0, 8))
    text = yaml.safe_dump({key: rng.choice(CHOICES[key]) for key in keys}, allow_unicode=True)
    odd = rng.sample(sorted(ODD_KEYS), rng.randint(0, len(ODD_KEYS)))
    return text + "".join(f"{key}: {key.strip('~') or 'nil'}-value\n" for key in odd)


def _printed(output: Path) -> dict[str, object]:
    """What the settings page printed, wherever the drawn permalink style wrote it."""
    found = output.rglob("*")
    (path,) = [path for path in found if path.is_file() and "settings" in (path.stem, path.parent.name)]
    text = path.read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if "=" in line and line.split("=", 1)[0] in KEYS]
    return {key: json.loads(value) for key, value in (line.split("=", 1) for line in lines)}


@one_seeded_batch
@given(rng=st.randoms(use_true_random=True))
def test_every_setting_prints_as_jekyll_prints_it(tmp_path: Path, rng: random.Random) -> None:
    configs = [_config(rng) for _ in range(BATCH_SIZE)]
    sites = [
        write_files(
            tmp_path / f"site{number}",
            {"_config.yml": config, "settings.html": PAGE},
        )
        for number, config in enumerate(configs)
    ]
    jekyll_build_many(sites)
    for site, config in zip(sites, configs, strict=True):
        build(site, destination=site.parent / f"{site.name}-sitegen")
        jekyll = _printed(site / "_jekyll")
        ours = _printed(site.parent / f"{site.name}-sitegen")
        assert set(jekyll) == set(KEYS), config
        assert ours == jekyll, config
