"""A post sitegen publishes at another URL than Jekyll keeps Jekyll's URL as a redirect.

Jekyll does not see front matter after blank lines (`Utils#has_yaml_header?`,
jekyll/lib/jekyll/utils.rb) and publishes such a post where its file name and the
site's `defaults:` put it; sitegen reads that front matter and publishes it where it
says. Checked against `jekyll build`: every URL Jekyll publishes exists in sitegen's
output, a redirect to the post unless a real file is there, in no sitemap or feed,
accepted by `sitegen check`, and the same after an incremental build as after a clean one.
"""

from __future__ import annotations

import random
import shutil
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import (
    build,
    jekyll_build,
    jekyll_build_many,
    one_seeded_batch,
    sitegen_main,
    tree_bytes,
    write_files,
)

CONFIG = "title: T\nurl: https://example.com\ntimezone: Asia/Shanghai\n"


def _site(rng: random.Random) -> dict[str, str]:
    """Posts with and without blank lines before front matter that moves them (a
    category, a slug, a date, a permalink), with or without `defaults:` and a static
    file at one such post's Jekyll URL."""
    config = CONFIG + rng.choice(["", "permalink: /:categories/:year/:month/:day/:title:output_ext\n"])
    if rng.random() < 0.5:
        config += "defaults:\n  - scope: {path: '', type: posts}\n    values: {category: old}\n"
    files = {"_config.yml": config}
    for n in range(rng.randint(2, 6)):
        day = rng.randint(1, 28)
        front = [f'title: "Post {n}"']
        front += rng.sample(
            [
                f"categories: news{n}",
                f"slug: moved{n}",
                f"date: 2022-05-{day:02d} 10:00:00 +0800",
                f"permalink: /p{n}/",
                f"permalink: /p{n}.html",
                "categories: [a, b]",
            ],
            rng.randint(0, 3),
        )
        blank = "\n" * rng.choice([0, 1, 2])
        files[f"_posts/2021-12-{day:02d}-post{n}.md"] = (
            blank + "---\n" + "\n".join(front) + f"\n---\nbody {n}\n"
        )
    if rng.random() < 0.3:  # a real file at the first post's Jekyll URL (no categories)
        post0_day = next(name[15:17] for name in files if "post0" in name)
        files[f"2021/12/{post0_day}/post0.html"] = "<p>a real file</p>\n"
    return files


def _urls_of(tree: Path) -> set[str]:
    return {path.relative_to(tree).as_posix() for path in tree.rglob("*.html")}


@one_seeded_batch
@given(seed=st.integers(0, 2**32))
def test_every_url_jekyll_publishes_exists_in_sitegen(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    root = tmp_path
    sites = [write_files(root / f"s{n}", _site(rng)) for n in range(12)]
    jekyll_build_many(sites)
    redirects = 0
    for site in sites:
        result = build(site, destination=site / "_sitegen", cache=False)
        ours = site / "_sitegen"
        for url in _urls_of(site / "_jekyll"):
            assert (ours / url).is_file(), f"{site}: Jekyll's {url} is missing"
            page = (ours / url).read_text()
            if (site / url).is_file():
                assert 'http-equiv="refresh"' not in page  # a real file wins
            elif 'http-equiv="refresh"' in page:
                redirects += 1
                assert any(str(w.path).endswith(".md") and url in w.message for w in result.diagnostics)
                for generated in ("sitemap.xml", "feed.xml"):
                    assert f"https://example.com/{url}<" not in (ours / generated).read_text()
        code, out, err = sitegen_main("check", str(ours), "-s", str(site))
        assert code == 0, out + err
    assert redirects


def test_the_redirect_survives_incremental_builds(tmp_path: Path) -> None:
    files = {
        "_config.yml": CONFIG,
        "_posts/2021-12-08-a.md": "\n---\ntitle: A\ncategories: emnews\n---\nbody\n",
        "_posts/2021-12-09-b.md": "---\ntitle: B\n---\nbody\n",
    }
    site = write_files(tmp_path / "site", files)
    build(site, destination=tmp_path / "out")
    assert "/emnews/2021/12/08/a.html" in (tmp_path / "out/2021/12/08/a.html").read_text()
    build(site, destination=tmp_path / "out")
    (site / "_posts/2021-12-09-b.md").write_text("\n---\ntitle: B\ncategories: x\n---\nbody\n")
    build(site, destination=tmp_path / "out")
    build(site, destination=tmp_path / "clean", cache=False)
    assert tree_bytes(tmp_path / "out") == tree_bytes(tmp_path / "clean")
    assert (tmp_path / "out/2021/12/09/b.html").is_file()
    (site / "_posts/2021-12-08-a.md").write_text("---\ntitle: A\ncategories: emnews\n---\nbody\n")
    build(site, destination=tmp_path / "out")
    assert not (tmp_path / "out/2021/12/08/a.html").exists()


def test_the_users_post_keeps_its_jekyll_url(tmp_path: Path) -> None:
    text = "\n---\ntitle: FF\ndate: 2021-12-08 22:06:00 +0800\ncategories: emnews\n---\n<p>x</p>\n"
    site = write_files(
        tmp_path / "site", {"_config.yml": CONFIG, "_posts/2021-12-08-202112082206703990.md": text}
    )
    jekyll_build(site, tmp_path / "jekyll")
    result = build(site, destination=tmp_path / "out")
    assert _urls_of(tmp_path / "jekyll") == {"2021/12/08/202112082206703990.html"}
    page = (tmp_path / "out/2021/12/08/202112082206703990.html").read_text()
    assert 'url=/emnews/2021/12/08/202112082206703990.html"' in page
    warning = next(w.message for w in result.diagnostics if "blank line" in w.message)
    assert "/2021/12/08/202112082206703990.html is a redirect" in warning
    shutil.rmtree(tmp_path / "jekyll")
