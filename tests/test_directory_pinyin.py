"""The category directory groups by the pinyin initial of each category's displayed title.

Readers look a Chinese name up by its pinyin (东财滚动新闻 under D); the slug the crawler
wrote (`emnews`, `cat0001`) is not what they see, so it never picks the group. The filter
box matches the title, its initials (`cj` → 财经) and the slug.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.render.directory_keys import filter_keys, group_key, pinyin_initials
from tests.conftest import CONFIG, SiteFactory, build, post, write_files


@pytest.mark.parametrize(
    ("title", "group", "initials"),
    [
        ("东财滚动新闻", "D", "dcgdxw"),
        ("重庆晨报", "C", "cqcb"),  # 重 read as in 重庆, not as 重要
        ("长江日报", "C", "cjrb"),
        ("21世纪经济报道", "0-9", "21sjjjbd"),
        ("《财经》杂志", "C", "《cj》zz"),
        ("Wind资讯", "W", "windzx"),
        ("★", "#", "★"),
    ],
)
def test_a_title_is_grouped_by_its_pinyin_initial(title: str, group: str, initials: str) -> None:
    assert pinyin_initials(title) == initials
    assert group_key(pinyin_initials(title)) == group


SLUGS = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789", min_size=1, max_size=12)
#: Titles and their groups, whatever their slugs.
GROUPS = {
    "东财滚动新闻": "D",
    "新京报新闻": "X",
    "财经": "C",
    "21世纪经济报道": "0-9",
    "Wind资讯": "W",
    "★快讯": "K",
}


@given(title=st.sampled_from(sorted(GROUPS)), slug=SLUGS)
def test_the_slug_never_picks_the_group_but_is_a_filter_key(title: str, slug: str) -> None:
    initials = pinyin_initials(title)
    assert group_key(initials) == GROUPS[title]
    keys = filter_keys(slug, initials).split()
    assert keys == ([initials] if initials == slug else [initials, slug])


def test_the_directory_groups_categories_by_their_titles_pinyin(make_site: SiteFactory) -> None:
    files = {
        "_config.yml": CONFIG + "category_titles:\n  cat0001: 财经快讯\n",
        "content/_posts/2022-05-01-a.md": post("甲", categories="emnews", tags="东财滚动新闻"),
        "content/_posts/2022-05-02-b.md": post("乙", categories="cat0001", tags="x"),
        "content/_posts/2022-05-03-c.md": post("丙", categories="xinjingbao", tags="新京报新闻"),
        "content/_posts/2022-05-04-d.md": post("丁", categories="sj21", tags="21世纪经济报道"),
    }
    site = make_site(files)
    assert build(site).errors == ()
    page = BeautifulSoup((site / "_site/category/index.html").read_text(encoding="utf-8"), "lxml")
    groups = {
        str(group.h2.get_text()): [str(li.a.get_text()) for li in group.select("li") if li.a]
        for group in page.select(".directory-group")
        if group.h2
    }
    assert groups == {
        "C": ["财经快讯"],
        "D": ["东财滚动新闻"],
        "X": ["新京报新闻"],
        "0-9": ["21世纪经济报道"],
    }
    assert [a.get_text() for a in page.select(".directory-keys a")] == ["C", "D", "X", "0-9"]
    keys = {str(li.a.get_text()): li["data-k"] for li in page.select(".directory-list li") if li.a}
    assert keys["财经快讯"] == "cjkx cat0001" and keys["新京报新闻"] == "xjbxw xinjingbao"
    assert page.select_one("input#directory-filter") is not None


def test_a_rebuild_takes_known_titles_initials_from_the_cache(
    make_site: SiteFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every new post re-renders the directory; only titles not seen before cost pypinyin.
    (Counted with `-j 1`: otherwise they are worked out in a forked process, whose calls
    this one does not see.)"""
    files = {
        "_config.yml": CONFIG,
        "content/_posts/2022-05-01-a.md": post("甲", categories="emnews", tags="东财滚动新闻"),
        "content/_posts/2022-05-02-b.md": post("乙", categories="xinjingbao", tags="新京报新闻"),
    }
    site = make_site(files)
    assert build(site).errors == ()
    first = (site / "_site/category/index.html").read_bytes()
    asked: list[str] = []

    def counting(title: str) -> str:
        asked.append(title)
        return pinyin_initials(title)

    monkeypatch.setattr("sitegen.incremental.directory_initials.pinyin_initials", counting)
    monkeypatch.setattr("sitegen.render.directory_context.pinyin_initials", counting)
    (site / "content/_posts/2022-05-03-c.md").write_text(
        post("丙", categories="cqcb", tags="重庆晨报"), encoding="utf-8"
    )
    assert build(site, jobs=1).errors == ()
    assert asked == ["重庆晨报"]
    page = (site / "_site/category/index.html").read_text(encoding="utf-8")
    assert 'data-k="cqcb"' in page and first != page.encode()


_BUILD_AND_REPORT = """
import json, sys
from pathlib import Path
from sitegen.aside import can_fork
from sitegen.build import BuildOptions, build_site
from tests.conftest import NOW
result = build_site(BuildOptions(source=Path(sys.argv[1]), now=NOW, jobs=int(sys.argv[2])))
print(json.dumps([len(result.errors), "pypinyin" in sys.modules, can_fork()]))
"""


@settings(max_examples=4, deadline=None)
@given(
    titles=st.lists(
        st.text(st.characters(exclude_categories=("Cs", "Cc")), max_size=8).map(lambda text: "重" + text),
        min_size=1, max_size=4, unique=True,
    )
)  # fmt: skip
def test_pypinyin_is_loaded_only_by_a_forked_process_and_gives_the_same_directory(
    tmp_path_factory: pytest.TempPathFactory, titles: list[str]
) -> None:
    """pypinyin's dictionaries take 56 MiB that Python never gives back: a build that
    can fork works the directory's initials out in a process that ends with them, and
    its directory equals a one-process build's, whatever the titles."""
    trees = []
    for jobs in (2, 1):
        site = tmp_path_factory.mktemp("site")
        lines = "".join(f"  c{index}: {json.dumps(title)}\n" for index, title in enumerate(titles))
        write_files(
            site,
            {
                "_config.yml": CONFIG + "category_titles:\n" + lines,
                **{
                    f"content/_posts/2022-05-0{index + 1}-p.md": post("甲", categories=f"c{index}", tags="x")
                    for index in range(len(titles))
                },
            },
        )
        completed = subprocess.run(
            [sys.executable, "-c", _BUILD_AND_REPORT, str(site), str(jobs)],
            capture_output=True, text=True, check=True, cwd=Path(__file__).parent.parent,
        )  # fmt: skip
        errors, loaded, forks = json.loads(completed.stdout.splitlines()[-1])
        assert errors == 0
        assert loaded == (jobs == 1 or not forks), completed.stdout
        trees.append((site / "_site/category/index.html").read_bytes())
    assert trees[0] == trees[1]


def test_the_pypinyin_release_is_its_distribution_s_without_importing_it() -> None:
    """The initials are kept under pypinyin's release, read from its source (importing
    `importlib.metadata` and searching the distributions cost every rebuild 34 ms)."""
    from importlib import metadata

    from sitegen.incremental.directory_initials import _pypinyin_release

    assert _pypinyin_release() == metadata.version("pypinyin")


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ('"""Doc."""\n__version__ = "0.55.0"\n', "0.55.0"),
        ("__version__ = '1.2'\n", "1.2"),
        ("__version__ = '1'\n__version__ = '2'\n", None),  # which one holds is not said
        ("__version__ = VERSION\n", None),
        ("version = '1'\n", None),
    ],
)
def test_a_written_version_is_one_plain_line(tmp_path: Path, text: str, found: str | None) -> None:
    import importlib.util

    from sitegen.incremental.directory_initials import _written_version

    (tmp_path / "__init__.py").write_text(text, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("package", tmp_path / "__init__.py")
    assert _written_version(spec) == found
    assert _written_version(None) is None
    module = importlib.util.spec_from_file_location("module", tmp_path / "module.py")
    assert _written_version(module) is None


def test_the_cache_keeps_exactly_the_directory_s_initials(make_site: SiteFactory) -> None:
    """A rebuild whose titles all have their initials cached writes none again; one whose
    cache holds initials of titles no longer shown (or of another pypinyin) drops them."""
    import sqlite3

    from sitegen.incremental.cache import CACHE_FILE_NAME

    files = {
        "_config.yml": CONFIG,
        "content/_posts/2022-05-01-a.md": post("甲", categories="emnews", tags="东财滚动新闻"),
    }
    site = make_site(files)
    assert build(site).errors == ()
    database = site / ".sitegen-cache" / CACHE_FILE_NAME

    def rows() -> list[tuple[str, str]]:
        with sqlite3.connect(database) as connection:
            return sorted(connection.execute("SELECT kind, key FROM derived").fetchall())

    kept = rows()
    assert [key for _, key in kept] == ["东财滚动新闻"]
    with sqlite3.connect(database) as connection:
        connection.execute("INSERT INTO derived VALUES ('pinyin-initials 0.0.1', '旧', 'j', 'x')")
        connection.execute("INSERT INTO derived VALUES (?, '旧标题', 'jbt', 'x')", (kept[0][0],))
    (site / "content/_posts/2022-05-02-b.md").write_text(
        post("乙", categories="emnews", tags="东财滚动新闻"), encoding="utf-8"
    )
    assert build(site).errors == ()
    assert rows() == kept
    first = (site / "_site/category/index.html").read_bytes()
    (site / "content/_posts/2022-05-03-c.md").write_text(
        post("丙", categories="emnews", tags="东财滚动新闻"), encoding="utf-8"
    )
    assert build(site).errors == ()
    assert rows() == kept and (site / "_site/category/index.html").read_bytes() != first
