"""The whole output plan is checked before anything is written: name lengths, a file
where a folder is needed, and posts or pages that would replace a generated file."""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from pathlib import Path

from hypothesis import example, given
from hypothesis import strategies as st

from sitegen.errors import OutputError
from sitegen.urls import output_path, permalink_ext, sanitize_url
from tests.conftest import CONFIG, build, post, write_files

SEGMENTS = ("news", "feed.xml", "sitemap.xml", "a", "长" * 84, "x" * 256, "robots.txt", "404.html")


def test_a_post_whose_permalink_names_the_feed_never_replaces_it(tmp_path: Path) -> None:
    site = write_files(
        tmp_path / "site",
        {
            "_config.yml": CONFIG,
            "content/_posts/2022-05-27-a.md": post(),
            "content/_posts/2022-05-28-f.md": post(extra="permalink: /feed.xml\n"),
        },
    )
    result = build(site)
    # Jekyll writes the post as feed.xml, its permalink's extension (`Renderer#output_ext`),
    # over the feed; sitegen keeps the feed and names the post in one error.
    assert [
        (error.path.name, "would replace the generated feed" in error.message) for error in result.errors
    ] == [("2022-05-28-f.md", True)]
    assert ElementTree.parse(site / "_site/feed.xml").getroot().tag == "{http://www.w3.org/2005/Atom}feed"
    assert not (site / "_site/feed.xml.html").exists()


def test_the_sites_own_404_page_replaces_the_generated_one(tmp_path: Path) -> None:
    site = write_files(
        tmp_path / "site",
        {
            "_config.yml": CONFIG,
            "content/_posts/2022-05-27-a.md": post(),
            "content/404.md": "---\n---\n自己的\n",
        },
    )
    result = build(site)
    assert not result.errors
    assert "自己的" in (site / "_site/404.html").read_text(encoding="utf-8")


def test_a_251_byte_category_publishes_its_post_and_a_listing(tmp_path: Path) -> None:
    name = "长" * 83 + "ab"
    site = write_files(
        tmp_path / "site", {"_config.yml": CONFIG, "content/_posts/2022-05-27-a.md": post(categories=name)}
    )
    result = build(site)
    assert not result.errors and result.published
    assert (site / "_site" / name / "2022/05/27/a.html").is_file()
    assert any(name[:80] in w.message for w in result.warnings)
    listings = [path for path in (site / "_site/category").iterdir() if path.name != "index.html"]
    assert len(listings) == 1 and all(len(part.encode()) <= 255 for part in listings[0].parts)


def test_a_file_where_a_folder_is_needed_is_one_error_and_the_rest_builds(tmp_path: Path) -> None:
    site = write_files(
        tmp_path / "site",
        {
            "_config.yml": CONFIG,
            "content/_posts/2022-05-27-a.md": post(extra="permalink: /news/a.html\n"),
            "content/news": "a static file named like the folder",
        },
    )
    result = build(site)
    (error,) = result.errors
    assert error.path is not None and error.path.name == "news" and "2022-05-27-a.md" in error.message
    assert (site / "_site/news/a.html").is_file()


@st.composite
def _permalinks(draw: st.DrawFn) -> str:
    segments = draw(st.lists(st.sampled_from(SEGMENTS), min_size=1, max_size=3))
    return "/" + "/".join(segments) + draw(st.sampled_from(["", "/"]))


@given(
    permalinks=st.lists(_permalinks(), min_size=1, max_size=6),
    statics=st.lists(st.lists(st.sampled_from(SEGMENTS), min_size=1, max_size=2), max_size=3),
)
@example(permalinks=["/sitemap.xml"], statics=[["feed.xml", "news"]])  # no post, so no feed
def test_any_mix_of_clashing_outputs_builds_the_rest_and_names_each_problem(
    tmp_path_factory: object, permalinks: list[str], statics: list[list[str]]
) -> None:
    root = Path(getattr(tmp_path_factory, "mktemp")("plan"))  # noqa: B009
    files: dict[str, str | bytes] = {"_config.yml": CONFIG}
    for number, permalink in enumerate(permalinks):
        files[f"content/_posts/2022-05-{number + 1:02d}-p{number}.md"] = post(
            title=f"标题{number}", extra=f"permalink: '{permalink}'\n"
        )
    for parts in statics:
        files["content/" + "/".join(parts)] = b"static"
    try:
        site = write_files(root / "site", files)
    except OSError:
        return  # the source tree itself cannot exist (a file where a folder is)
    result = build(site)
    destination = site / "_site"
    # A post that needs an extra's path as a folder takes it; the extra is not published.
    taken = {extra for extra in ("404.html", "feed.xml") if (destination / extra).is_dir()}
    for extra in taken:  # said: of the generated extra, or of the site's own file there
        if extra == "feed.xml" and not result.posts:
            continue  # no post published: no feed was planned to give way
        assert any(extra in said.message for said in (*result.warnings, *result.errors))
    assert "404.html" in taken or (destination / "404.html").is_file()
    if result.posts > len(result.errors) and ["feed.xml"] not in statics and "feed.xml" not in taken:
        # A feed needs a post; a site's own feed.xml is published instead of the generated one.
        feed = ElementTree.parse(destination / "feed.xml").getroot()
        assert feed.tag == "{http://www.w3.org/2005/Atom}feed"
    for number, permalink in enumerate(permalinks):
        named = [e for e in result.errors if e.path is not None and e.path.name.endswith(f"-p{number}.md")]
        try:
            extension = permalink_ext(permalink) or ".html"  # Jekyll's `Renderer#output_ext`
            target = destination / output_path(sanitize_url(permalink), extension, document=True)
        except OutputError:
            assert named  # no file system can hold it: an error names the post
            continue
        assert named or (target.is_file() and f"标题{number}" in target.read_text(encoding="utf-8"))
    for error in result.errors:
        assert error.path is not None


def test_a_post_never_replaces_the_themes_stylesheet(tmp_path: Path) -> None:
    site = write_files(
        tmp_path / "site",
        {
            "_config.yml": CONFIG,
            "content/_posts/2022-05-27-a.md": post(extra="permalink: /assets/sitegen.css/\n"),
        },
    )
    result = build(site)
    (error,) = result.errors
    assert error.path is not None and error.path.name == "2022-05-27-a.md"
    assert "<html" not in (site / "_site/assets/sitegen.css").read_text(encoding="utf-8")


def test_a_permalink_nested_deeper_than_tools_can_walk_is_one_error(tmp_path: Path) -> None:
    deep = "/" + "x/" * 1000
    site = write_files(
        tmp_path / "site",
        {
            "_config.yml": CONFIG,
            "content/_posts/2022-05-27-a.md": post(),
            "content/_posts/2022-05-28-deep.md": post(extra=f"permalink: {deep}\n"),
        },
    )
    result = build(site)
    (error,) = result.errors
    assert error.path is not None and error.path.name == "2022-05-28-deep.md" and "deep" in error.message
    assert not (site / "_site/x").exists()


def test_a_sites_own_home_and_404_pages_replace_the_generated_ones_wherever_they_live(tmp_path: Path) -> None:
    """Jekyll's documentation keeps them as `pages/index.html` (`permalink: /`) and
    `pages/404.html` (`permalink: /404.html`); a post at those paths is still an error."""
    site = write_files(
        tmp_path / "site",
        {
            "_config.yml": CONFIG,
            "content/_posts/2022-05-27-a.md": post(),
            "content/_posts/2022-05-28-b.md": post(extra="permalink: /\n"),
            "content/pages/index.html": "---\ntitle: 首页\npermalink: /\n---\n<p>自己的首页</p>\n",
            "content/pages/404.html": "---\ntitle: 找不到\npermalink: /404.html\n---\n<p>自己的404</p>\n",
        },
    )
    result = build(site)
    (error,) = result.errors
    assert error.path is not None and error.path.name == "2022-05-28-b.md"
    assert "自己的首页" in (site / "_site/index.html").read_text(encoding="utf-8")
    assert "自己的404" in (site / "_site/404.html").read_text(encoding="utf-8")


def test_the_summary_counts_only_the_posts_that_were_published(tmp_path: Path) -> None:
    site = write_files(
        tmp_path / "site",
        {
            "_config.yml": CONFIG,
            "content/_posts/2022-05-27-a.md": post(),
            "content/_posts/2022-05-28-f.md": post(extra="permalink: /\n"),
        },
    )
    result = build(site)
    assert result.posts == 1 and len(result.errors) == 1
    assert result.summary_line().startswith("built 1 posts")
