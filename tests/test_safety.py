"""Nothing lost, nothing escapes: each protection has a test that fails without it."""

from __future__ import annotations

import contextlib
import http.client
import os
import random
import signal
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path, PurePosixPath

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitegen.build import BuildOptions, build_site
from sitegen.config import SiteConfig
from sitegen.content.documents import LoadOptions, load_post
from sitegen.content.scan import SourceFile
from sitegen.errors import ContentError, OutputError
from sitegen.publish.writer import check_destination
from sitegen.serve.server import DevServer
from tests.conftest import CONFIG, NOW, SiteFactory, build, generated_posts, post, tree_bytes, write_files


def many_posts(count: int) -> dict[str, str]:
    body = "<p>" + "新闻正文。" * 200 + "</p>\n"
    return {"_config.yml": CONFIG, **generated_posts(count, month=3, categories=7, tags=5, body=body)}


# --- bad input -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"---\ntitle: [\n---\n", "invalid YAML"),
        (b"---\ntitle: a\ndate: soon\n---\n", "date"),
        ("---\ntitle: 中文\n---\n".encode("gbk"), "UTF-8"),
        (b"\x00\x01\x02PNG", "binary"),
        (b"---\ntitle: a\ncategories: {x: 1}\n---\n", "categories"),
        (b"---\ntitle: a\ndate: 2022-02-32\n---\n", "day out of range"),
        (b"---\ntitle: a\ndate: 2022-13-45 99:99:99\n---\n", "month out of range"),
        (b"---\ntitle: a\nx: &x [*x]\n---\n", "refers to itself"),
        (b"---\ntitle: a\nx: " + b"[" * 60 + b"]" * 60 + b"\n---\n", "nests deeper"),
    ],
)
def test_bad_post_is_one_error_naming_file_and_the_rest_builds(
    make_site: SiteFactory, content: bytes, message: str
) -> None:
    site = make_site(
        {
            "_config.yml": CONFIG,
            "content/_posts/2022-05-27-good.md": post(),
            "content/_posts/2022-05-28-bad.md": content,
        }
    )
    result = build(site)
    assert len(result.errors) == 1
    assert "2022-05-28-bad.md" in str(result.errors[0]) and message in str(result.errors[0])
    assert (site / "_site/xinjingbao/2022/05/27/good.html").is_file()


@pytest.mark.parametrize(
    ("front_matter", "url"),
    [
        ("categories: ../../etc", "etc/2022/05/28/odd.html"),
        ('tags: ["中欧/贸易", "经贸"]', "xinjingbao/2022/05/28/odd.html"),
        ("permalink: /../../x.html", "x.html"),
    ],
)
def test_names_and_permalinks_jekyll_sanitizes_publish_the_post_inside_the_destination(
    make_site: SiteFactory, front_matter: str, url: str
) -> None:
    site = make_site(
        {
            "_config.yml": CONFIG,
            "content/_posts/2022-05-27-good.md": post(),
            "content/_posts/2022-05-28-odd.md": "---\ntitle: a\ncategories: xinjingbao\n"
            + front_matter.replace("categories: xinjingbao\n", "")
            + "\n---\n<p>正文</p>\n",
        }
    )
    result = build(site)
    assert not result.errors
    assert (site / "_site" / url).is_file()
    assert all(p.resolve().is_relative_to((site / "_site").resolve()) for p in (site / "_site").rglob("*"))


def test_a_tag_that_cannot_be_a_file_name_keeps_its_post_and_gets_a_listing(make_site: SiteFactory) -> None:
    site = make_site(
        {
            "_config.yml": CONFIG,
            "content/_posts/2022-05-28-odd.md": post(tags='["中欧/贸易", "经贸"]'),
            # Another post of the category: the tags are not just its posts, so are listed.
            "content/_posts/2022-05-20-other.md": post(
                "另一篇", date="2022-05-20 10:00:00 +0800", tags="其他"
            ),
        }
    )
    result = build(site)
    assert not result.errors
    (warning,) = [w for w in result.warnings if "中欧/贸易" in w.message]
    assert warning.path is not None and warning.path.name == "2022-05-28-odd.md" and warning.line == 6
    page = (site / "_site/xinjingbao/2022/05/27/odd.html").read_text(encoding="utf-8")
    assert "中欧/贸易" in page and (site / "_site/tag/经贸.html").is_file()
    slug_pages = [p for p in (site / "_site/tag").iterdir() if p.name.startswith("中欧-贸易-")]
    assert len(slug_pages) == 1 and "odd.html" in slug_pages[0].read_text(encoding="utf-8")


def test_bom_crlf_and_enormous_posts_build(make_site: SiteFactory) -> None:
    huge = "<p>" + "很长的正文。" * 400_000 + "</p>\n"
    site = make_site(
        {
            "_config.yml": CONFIG,
            "content/_posts/2022-05-27-bom.md": ("\ufeff" + post("有BOM").replace("\n", "\r\n")).encode(),
            "content/_posts/2022-05-26-huge.md": post("很长", date="2022-05-26 10:00:00 +0800", body=huge),
        }
    )
    result = build(site)
    assert result.errors == ()
    assert "有BOM" in (site / "_site/xinjingbao/2022/05/27/bom.html").read_text(encoding="utf-8")
    assert (site / "_site/xinjingbao/2022/05/26/huge.html").stat().st_size > len(huge.encode())


def test_category_names_differing_in_case_get_distinct_pages(make_site: SiteFactory) -> None:
    site = make_site(
        {
            "_config.yml": CONFIG,
            "content/_posts/2022-05-27-a.md": post("甲", categories="TechWeb", tags="中国网科技"),
            "content/_posts/2022-05-27-b.md": post("乙", categories="Techweb", tags="大江网"),
        }
    )
    build(site)
    first = (site / "_site/category/TechWeb.html").read_text(encoding="utf-8")
    second = (site / "_site/category/Techweb.html").read_text(encoding="utf-8")
    assert "甲" in first and "乙" not in first
    assert "乙" in second and "甲" not in second


# --- the destination ------------------------------------------------------------------


@pytest.mark.parametrize("dangerous", [Path("/"), Path.home()])
def test_root_and_home_are_never_destinations(tmp_path: Path, dangerous: Path) -> None:
    with pytest.raises(OutputError, match="refusing"):
        check_destination(dangerous, tmp_path, force=True)


def test_cleaning_never_follows_symlinks_out(make_site: SiteFactory, tmp_path: Path) -> None:
    site = make_site({"_config.yml": CONFIG, "content/_posts/2022-05-27-a.md": post()})
    build(site)
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "keep.txt").write_text("keep", encoding="utf-8")
    (site / "_site/link-out").symlink_to(outside, target_is_directory=True)
    build(site)
    # The retired tree, holding the link, is deleted in the background: wait for that.
    deadline = time.monotonic() + 20
    while list(site.glob(".*-trash-*")) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not list(site.glob(".*-trash-*"))
    assert (outside / "keep.txt").read_text(encoding="utf-8") == "keep"
    assert not (site / "_site/link-out").exists()


def test_build_killed_at_random_moments_leaves_the_previous_site_complete(tmp_path: Path) -> None:
    site = write_files(tmp_path / "site", many_posts(300))
    destination = tmp_path / "out"
    build_site(BuildOptions(source=site, destination=destination, now=NOW))
    before = tree_bytes(destination)
    (site / "content/_posts/2022-03-01-p0.md").write_text(
        post("改过的标题", date="2022-03-01 00:00:00 +0800", categories="cat0"), encoding="utf-8"
    )
    code = (
        f"import sys; sys.argv=['sitegen','build','-s',{str(site)!r},'-d',{str(destination)!r}];"
        "from sitegen.cli import main; main()"
    )
    started = time.monotonic()
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)
    full_seconds = time.monotonic() - started
    after = tree_bytes(destination)
    assert after != before
    random_moments = random.Random(20221208)
    for _ in range(6):
        process = subprocess.Popen(
            [sys.executable, "-c", code], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        time.sleep(random_moments.uniform(0.05, full_seconds))
        process.send_signal(signal.SIGKILL)
        process.wait()
        assert tree_bytes(destination) == after
    result = build_site(BuildOptions(source=site, destination=destination, now=NOW))
    assert result.errors == ()
    assert result.sources_from_cache == 300  # the cache survived every kill and is used
    assert tree_bytes(destination) == after


# --- determinism ------------------------------------------------------------------------


def test_machine_time_zone_changes_nothing(tmp_path: Path) -> None:
    site = write_files(
        tmp_path / "site",
        {
            "_config.yml": CONFIG,
            "content/_posts/2022-05-27-late.md": post(date="2022-05-27 23:30:00"),
            "content/_posts/2022-05-28-early.md": post(date="2022-05-28 00:30:00 +0800"),
        },
    )
    trees = []
    for zone in ("UTC", "America/New_York"):
        destination = tmp_path / zone.replace("/", "-")
        subprocess.run(
            [sys.executable, "-m", "sitegen", "build", "-s", str(site), "-d", str(destination)],
            check=True,
            capture_output=True,
            env={**os.environ, "TZ": zone},
        )
        trees.append(tree_bytes(destination))
    assert trees[0] == trees[1]
    # An unquoted date without an offset is UTC, as in Jekyll: 07:30 on the 28th in Shanghai.
    assert "xinjingbao/2022/05/28/late.html" in trees[0]


# --- fuzzing ----------------------------------------------------------------------------

yaml_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.text(max_size=20),
    st.dates().map(str),
    st.lists(st.text(max_size=8), max_size=3),
)
front_matter = st.dictionaries(
    st.sampled_from(
        [
            "title",
            "date",
            "categories",
            "category",
            "tags",
            "tag",
            "permalink",
            "slug",
            "layout",
            "published",
            "weird",
        ]
    ),
    yaml_scalars,
    max_size=6,
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(front=front_matter, body=st.text(max_size=200), raw=st.binary(max_size=60))
def test_loader_returns_a_post_or_raises_content_error(
    front: dict[str, object], body: str, raw: bytes
) -> None:
    import yaml

    texts = [
        ("---\n" + yaml.safe_dump(front, allow_unicode=True) + "---\n" + body).encode(),
        raw,
        b"---\n" + raw + b"\n---\n" + body.encode(),
    ]
    config = SiteConfig(timezone="Asia/Shanghai")
    for data in texts:
        source = SourceFile(Path("2022-01-01-fuzz.md"), PurePosixPath("2022-01-01-fuzz.md"))
        with contextlib.suppress(ContentError):
            load_post(source, data, config, LoadOptions(now=NOW))


# --- the dev server under load ----------------------------------------------------------


def test_dev_server_under_load_while_rebuilding(tmp_path: Path) -> None:
    site = write_files(tmp_path / "site", many_posts(40))
    destination = tmp_path / "out"
    options = BuildOptions(source=site, destination=destination, now=NOW)
    build_site(options)
    threads_before = threading.active_count()
    fds_before = len(os.listdir("/proc/self/fd"))
    paths = [
        "/",
        "/category/cat1.html",
        "/cat1/2022/03/02/p1.html",
        "/missing.html",
        "/tag/%E6%A0%87%E7%AD%BE1.html",
    ]
    server = DevServer(destination, host="127.0.0.1", port=0)
    server.start()
    host, port = server.address
    stop = threading.Event()

    def rebuild_loop() -> int:
        count = 0
        while not stop.is_set():
            result = build_site(options)
            server.swap_root(result.destination)
            server.notify_rebuilt(result.changed_urls)
            count += 1
            stop.wait(0.05)  # rebuild continuously, but leave the requests some of the GIL
        return count

    def fetch(number: int) -> int:
        connection = http.client.HTTPConnection(host, port, timeout=60)
        try:
            connection.request("GET", paths[number % len(paths)])
            response = connection.getresponse()
            response.read()
            return response.status
        finally:
            connection.close()

    try:
        rebuilder = threading.Thread(target=rebuild_loop)
        rebuilder.start()
        with ThreadPoolExecutor(max_workers=50) as pool:
            statuses = list(pool.map(fetch, range(5000)))
        stop.set()
        rebuilder.join(timeout=60)
    finally:
        stop.set()
        server.shutdown()
    expected = [404 if paths[n % len(paths)] == "/missing.html" else 200 for n in range(5000)]
    assert statuses == expected
    deadline = time.monotonic() + 5
    while threading.active_count() > threads_before and time.monotonic() < deadline:
        time.sleep(0.05)
    assert threading.active_count() <= threads_before
    assert len(os.listdir("/proc/self/fd")) <= fds_before + 2


def test_a_build_that_writes_fewer_files_than_planned_fails(
    make_site: SiteFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The publish stage counts what its writer published against what it was given."""
    import sitegen.publish.writer
    from sitegen.publish.writer import _publish

    def lossy_writer(
        destination: Path, rendered: list[tuple[PurePosixPath, bytes]], copied: object, **options: bool
    ) -> object:
        return _publish(destination, list(rendered)[1:], copied, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(sitegen.publish.writer, "_publish", lossy_writer)
    site = make_site({"_config.yml": CONFIG, "content/_posts/2022-05-27-a.md": post()})
    with pytest.raises(OutputError, match="planned 15 files but wrote 14"):
        build(site)


@pytest.mark.parametrize("name", ["2022-05-27-..\\..\\evil.md", "2022-05-27-..md", "2022-05-27-a\\b.md"])
def test_hostile_file_names_never_write_outside_the_destination(make_site: SiteFactory, name: str) -> None:
    site = make_site({"_config.yml": CONFIG, f"content/_posts/{name}": post(categories="x")})
    result = build(site)
    written = [p for p in (site / "_site").rglob("*") if p.is_file()]
    assert all(p.resolve().is_relative_to((site / "_site").resolve()) for p in written)
    assert not [p for p in site.parent.rglob("evil*") if "_site" not in p.parts and "_posts" not in p.parts]
    assert result.posts == 1 or result.errors


@pytest.mark.parametrize(
    "extra",
    ["", "last_modified_at: garbage\n", "last_modified_at: 2022-02-31\n", "last_modified_at: [1]\n"],
)
def test_odd_values_a_post_does_not_need_never_cost_the_post(make_site: SiteFactory, extra: str) -> None:
    site = make_site(
        {
            "_config.yml": CONFIG,
            "content/_posts/2022-05-27-a.md": post(body='<p><img src="http://[bad"> 正文</p>\n', extra=extra),
        }
    )
    result = build(site)
    assert not result.errors
    assert "正文" in (site / "_site/xinjingbao/2022/05/27/a.html").read_text(encoding="utf-8")
