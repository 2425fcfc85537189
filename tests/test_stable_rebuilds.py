"""A new post changes what it must and no more: stable listing pages, related posts that
look back from each post, and an incremental result equal to a clean build."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup

from sitegen.build import BuildResult
from tests.conftest import CONFIG, build, post, tree_bytes, write_files

CATEGORY = "xinjingbao"


def category_posts(count: int, category: str = CATEGORY) -> dict[str, str]:
    """`count` posts of one category, one an hour from 2022-01-01 00:00, 第0篇 the oldest."""
    files = {}
    for number in range(count):
        day, hour = 1 + number // 24, number % 24
        files[f"content/_posts/2022-01-{day:02d}-{category}{number}.md"] = post(
            f"{category}第{number}篇",
            date=f"2022-01-{day:02d} {hour:02d}:00:00 +0800",
            categories=category,
            tags=f"{category}新闻",  # as the crawler writes: a category's title as its tag
        )
    return files


def newest_post(number: int, category: str = CATEGORY) -> dict[str, str]:
    """A post newer than any `category_posts` writes (they end before February)."""
    day, hour = 1 + number // 24, number % 24
    return {
        f"content/_posts/2022-02-{day:02d}-{category}new{number}.md": post(
            f"{category}新{number}",
            date=f"2022-02-{day:02d} {hour:02d}:30:00 +0800",
            categories=category,
            tags=f"{category}新闻",
        )
    }


def rebuild(site: Path, destination: Path) -> BuildResult:
    return build(site, destination=destination)


def changes(before: dict[str, bytes], after: dict[str, bytes], prefix: str) -> tuple[set[str], set[str]]:
    """Files under `prefix` whose bytes changed, and files that appeared."""
    rewritten = {path for path in before if path.startswith(prefix) and after.get(path) != before[path]}
    created = {path for path in after if path.startswith(prefix) and path not in before}
    return rewritten, created


def test_adding_a_post_to_a_500_post_category_rewrites_at_most_two_of_its_pages(tmp_path: Path) -> None:
    site = write_files(tmp_path / "site", {"_config.yml": CONFIG + "paginate: 10\n", **category_posts(499)})
    destination = tmp_path / "out"
    rebuild(site, destination)
    listing = f"category/{CATEGORY}"
    for number in range(3):  # 500 posts (a block fills), then 501 and 502 (none does)
        before = tree_bytes(destination)
        write_files(site, newest_post(number))
        rebuild(site, destination)
        rewritten, created = changes(before, tree_bytes(destination), listing)
        if number == 0:
            # Page 1 hands its oldest ten to page 50, which was the forward to page 1; the
            # forward moves up to page 51.
            assert rewritten == {f"{listing}.html", f"{listing}/page/50.html"}
            assert created == {f"{listing}/page/51.html"}
        else:
            assert (rewritten, created) == ({f"{listing}.html"}, set())
    clean = tmp_path / "clean"
    build(site, destination=clean, cache=False)
    assert tree_bytes(clean) == tree_bytes(destination)


def posts_listed(page: Path) -> list[str]:
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    return [a.get_text() for a in soup.select(".listing .post-list a")]


def test_every_post_is_on_exactly_one_page_of_its_category_in_date_order(tmp_path: Path) -> None:
    site = write_files(tmp_path / "site", {"_config.yml": CONFIG + "paginate: 4\n", **category_posts(23)})
    build(site)
    out = site / "_site"
    pages = [out / f"category/{CATEGORY}.html"]
    pages += [out / f"category/{CATEGORY}/page/{number}.html" for number in range(5, 1, -1)]
    listed = [title for page in pages for title in posts_listed(page)]
    assert listed == [f"{CATEGORY}第{number}篇" for number in range(22, -1, -1)]


def test_related_posts_are_the_nearest_older_posts_of_the_category(tmp_path: Path) -> None:
    site = write_files(tmp_path / "site", {"_config.yml": CONFIG, **category_posts(20)})
    build(site)
    page = site / f"_site/{CATEGORY}/2022/01/01/{CATEGORY}10.html"
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    related = [a.get_text() for a in soup.select(".related .headlines li > a")]
    # After the older neighbour (第9篇), which 上一篇 links already.
    assert related == [f"{CATEGORY}第{number}篇" for number in range(8, 2, -1)]
    oldest = site / f"_site/{CATEGORY}/2022/01/01/{CATEGORY}0.html"
    assert 'class="related"' not in oldest.read_text(encoding="utf-8")


def pages_rendered_for_a_new_post(root: Path, category_size: int) -> tuple[int, set[str]]:
    """Pages rendered, and post pages changed, when a newest post joins a category of
    `category_size` posts in a site that also has a small other category."""
    site = write_files(
        root / "site",
        {
            "_config.yml": CONFIG + "paginate: 10\n",
            **category_posts(category_size),
            **category_posts(5, "other"),
        },
    )
    destination = root / "out"
    rebuild(site, destination)
    before = tree_bytes(destination)
    write_files(site, newest_post(0))
    result = rebuild(site, destination)
    after = tree_bytes(destination)
    rewritten, _ = changes(before, after, f"{CATEGORY}/")
    clean = root / "clean"
    build(site, destination=clean, cache=False)
    assert tree_bytes(clean) == after
    return result.pages_rendered, rewritten


def test_a_newest_post_re_renders_the_same_few_pages_whatever_the_category_size(tmp_path: Path) -> None:
    small, small_posts_changed = pages_rendered_for_a_new_post(tmp_path / "small", 60)
    large, large_posts_changed = pages_rendered_for_a_new_post(tmp_path / "large", 300)
    assert small == large <= 20
    # Of the existing post pages only the previous newest changes: its "newer" link.
    assert small_posts_changed == {f"{CATEGORY}/2022/01/03/{CATEGORY}59.html"}
    assert large_posts_changed == {f"{CATEGORY}/2022/01/13/{CATEGORY}299.html"}
