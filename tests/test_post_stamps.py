"""A page's stamp stands for its subject fingerprint (`sitegen.incremental.post_stamps`,
`listing_stamps`): whatever changes among the posts, two equal stamps mean two equal
fingerprints, so a page its record's shortcut keeps is a page whose inputs did not change."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.config import SiteConfig
from sitegen.incremental.cache import BuildCache
from sitegen.incremental.listing_stamps import ListingStamps
from sitegen.incremental.post_stamps import PostStamps, RunDigests
from sitegen.incremental.render_choice import subject_fingerprint
from sitegen.model import Post
from sitegen.site.claims import PlannedPage
from sitegen.site.index import build_index
from sitegen.site.listings import post_pages
from sitegen.site.plan import plan_site
from sitegen.site.subjects import Feed, Listing, NotFound, PostPage, Redirect
from sitegen.urls import output_path
from tests.bare_post import numbered_post
from tests.conftest import post, tree_bytes, write_files
from tests.test_incremental import clean_build_of, run, site_files

_CATEGORIES = ("a", "b", "c")
_LAYOUTS = ("post", "special")


@st.composite
def _sites(draw: st.DrawFn) -> list[Post]:
    """Up to 14 posts: each in one or two of three categories, at some hour, some with
    another layout or title; numbers name the files."""
    count = draw(st.integers(min_value=0, max_value=14))
    posts = []
    for number in range(count):
        categories = draw(st.lists(st.sampled_from(_CATEGORIES), min_size=0, max_size=2, unique=True))
        hours = draw(st.integers(min_value=0, max_value=40))
        posts.append(
            replace(
                numbered_post(number, categories=tuple(categories)),
                date=numbered_post(0).date + timedelta(hours=hours),
                layout=draw(st.sampled_from(_LAYOUTS)),
                title=draw(st.sampled_from(("一", "二"))),
            )
        )
    return posts


_EDITS = st.lists(
    st.tuples(
        st.sampled_from(("add", "remove", "recategorise", "redate", "retitle", "relayout", "reurl")),
        st.integers(min_value=0, max_value=20),
        st.integers(min_value=0, max_value=40),
    ),
    max_size=4,
)


def _edited(posts: list[Post], edits: list[tuple[str, int, int]]) -> list[Post]:
    posts = list(posts)
    for kind, which, value in edits:
        if kind == "add":
            number = 100 + len(posts) + which
            category = _CATEGORIES[value % len(_CATEGORIES)]
            added = numbered_post(number, categories=(category,))
            posts.append(replace(added, date=numbered_post(0).date + timedelta(hours=value)))
            continue
        if not posts:
            continue
        index = which % len(posts)
        target = posts[index]
        if kind == "remove":
            del posts[index]
        elif kind == "recategorise":
            posts[index] = replace(target, categories=(_CATEGORIES[value % len(_CATEGORIES)],))
        elif kind == "redate":
            posts[index] = replace(target, date=numbered_post(0).date + timedelta(hours=value))
        elif kind == "retitle":
            posts[index] = replace(target, title=f"改{value}")
        elif kind == "relayout":
            posts[index] = replace(target, layout=_LAYOUTS[value % len(_LAYOUTS)])
        else:
            posts[index] = replace(target, url=f"/moved/{value}.html")
    return posts


def _token(post: Post) -> bytes:
    """What the load key is to a real post: a digest of its file, which names all the
    post holds but its URL (the settings' permalink makes that too)."""
    return repr((post.source_path, post.title, post.date, post.categories, post.layout)).encode()


def _stamped(
    posts: list[Post], site_fingerprint: str, special_template: bool = False
) -> dict[str, tuple[object, str]]:
    """Each post page's stamp and subject fingerprint, by output path; a post of layout
    `special` renders with the post template unless the site has a `special` one."""
    index = build_index(posts, {})
    tokens = {id(post): _token(post) for post in index.posts}
    stamps = PostStamps(index.by_category, RunDigests(tokens, site_fingerprint))
    found: dict[str, tuple[object, str]] = {}
    for subject in post_pages(index):
        page = PlannedPage(
            subject.post.url,
            output_path(subject.post.url),
            subject.post.layout if special_template else "post",  # the template its layout chose
            subject,
            str(subject.post.source_path),
        )
        found.setdefault(
            page.output_path, (stamps.stamp(page), subject_fingerprint(page, site_fingerprint, tokens))
        )
    return found


@settings(max_examples=300, deadline=None)
@given(_sites(), _EDITS, st.booleans(), st.tuples(st.booleans(), st.booleans()))
def test_an_unchanged_stamp_means_an_unchanged_fingerprint(
    posts: list[Post], edits: list[tuple[str, int, int]], new_settings: bool, templates: tuple[bool, bool]
) -> None:
    before = _stamped(posts, "site", templates[0])
    after = _stamped(_edited(posts, edits), "site 2" if new_settings else "site", templates[1])
    for path, (stamp, fingerprint) in after.items():
        if path in before and stamp is not None and before[path][0] == stamp:
            assert before[path][1] == fingerprint, path


def _planned(
    posts: list[Post], site_fingerprint: str, paginate: int, titled: bool
) -> dict[str, tuple[object, str, type]]:
    """Every page of the site's plan: its stamp, subject fingerprint and kind, by output
    path; `titled`: category `a` has a title of its own (settings outside the site
    fingerprint: a page reads its categories' titles as entries, a feed holds them)."""
    index = build_index(posts, {"a": "甲"} if titled else {})
    config = SiteConfig(url="https://news.example.com", paginate=paginate, feed_entries=3, home_posts=2)
    plan = plan_site(config, index, (), ())
    tokens = {id(post): _token(post) for post in index.posts}
    runs = RunDigests(tokens, site_fingerprint)
    post_stamps, listing_stamps = PostStamps(index.by_category, runs), ListingStamps(index, runs)
    found: dict[str, tuple[object, str, type]] = {}
    for page in plan.pages:
        kind = type(page.subject)
        stamp = post_stamps.stamp(page) if kind is PostPage else listing_stamps.stamp(page)
        found[page.output_path] = (stamp, subject_fingerprint(page, site_fingerprint, tokens), kind)
    return found


@settings(max_examples=300, deadline=None)
@given(_sites(), _EDITS, st.booleans(), st.sampled_from((1, 2, 50)), st.tuples(st.booleans(), st.booleans()))
def test_an_unchanged_stamp_means_an_unchanged_fingerprint_for_every_page_planned(
    posts: list[Post],
    edits: list[tuple[str, int, int]],
    new_settings: bool,
    paginate: int,
    titled: tuple[bool, bool],
) -> None:
    """Listings split into pages (`paginate`) with the forwards above them, feeds of the
    newest three, months, home, the 404 page."""
    before = _planned(posts, "site", paginate, titled[0])
    after = _planned(_edited(posts, edits), "site 2" if new_settings else "site", paginate, titled[1])
    for path, (stamp, fingerprint, kind) in after.items():
        if kind in (Listing, Feed, Redirect, NotFound):
            assert stamp is not None, path  # every run of the index's posts is named, and text
        if path in before and stamp is not None and before[path][0] == stamp:
            assert before[path][1] == fingerprint, path


@given(_sites())
def test_every_post_page_with_a_category_has_a_stamp(posts: list[Post]) -> None:
    index = build_index(posts, {})
    for path, (stamp, _) in _stamped(posts, "site").items():
        post_of_page = next(post for post in index.posts if output_path(post.url) == path)
        assert (stamp is None) == (post_of_page.primary_category is None)


def test_a_subject_not_made_from_its_categorys_posts_has_no_stamp() -> None:
    posts = [numbered_post(number) for number in range(4)]
    index = build_index(posts, {})
    tokens = {id(post): _token(post) for post in index.posts}
    stamps = PostStamps(index.by_category, RunDigests(tokens, "site"))
    subject = next(iter(post_pages(index)))
    url = subject.post.url
    for odd in (replace(subject, related=()), replace(subject, older=None), replace(subject, newer=posts[0])):
        page = PlannedPage(url, output_path(url), "post", odd, "p")
        assert stamps.stamp(page) is None
    assert stamps.stamp(PlannedPage("/elsewhere.html", "elsewhere.html", "post", subject, "p")) is None
    assert stamps.stamp(PlannedPage(url, output_path(url), "post", subject, "p")) is not None


def test_a_template_for_a_posts_layout_renders_its_page_again(tmp_path: Path) -> None:
    """A post whose layout has no template renders with the post template; once the
    site gives that layout a template, only the template the page would now use tells
    the page changed (its posts, its templates' files and its entries are as they were)."""
    special = post("特别", date="2022-04-10 10:00:00 +0800", categories="cat1").replace(
        "layout: post", "layout: special"
    )
    site = write_files(tmp_path / "site", {**site_files(30), "content/_posts/2022-04-10-special.md": special})
    destination = tmp_path / "out"
    run(site, destination)
    later = post("更新", date="2022-04-20 10:00:00 +0800", categories="cat2")
    write_files(site, {"content/_posts/2022-04-20-later.md": later})
    run(site, destination)  # the post pages' records now carry their shortcuts
    write_files(site, {"templates/special.html": "SPECIAL {{ page_title }}\n"})
    result = run(site, destination)
    assert result.pages_rendered >= 1
    assert (destination / "cat1/2022/04/10/special.html").read_text(encoding="utf-8").startswith("SPECIAL")
    assert tree_bytes(destination) == clean_build_of(site, tmp_path)


def test_records_of_another_length_are_not_read(tmp_path: Path) -> None:
    """An earlier version's records (no shortcut) read as none: every page renders once."""

    def reopened() -> dict[str, object]:
        cache = BuildCache.open(tmp_path)
        try:
            return dict(cache.pages())
        finally:
            cache.close()

    cache = BuildCache.open(tmp_path)
    cache.store_state("pages", {"a.html": ("f", 1, 2, 3, 4, ("post.html",), ())})
    cache.close()
    assert reopened() == {}
    cache = BuildCache.open(tmp_path)
    cache.store_pages([("a.html", ("f", 1, 2, 3, 4, ("post.html",), (), None))], {"a.html"})
    cache.close()
    assert reopened() == {"a.html": ("f", 1, 2, 3, 4, ("post.html",), (), None)}
