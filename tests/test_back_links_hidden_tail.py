"""A crawled post whose back links are followed by what no reader sees (an analytics
script, reference definitions) publishes no broken 返回 link: before, the body kept its
own paragraph, whose `//host/emnews/` has no page there, beside the theme's links."""

from __future__ import annotations

from pathlib import Path

from sitegen.check.links import check_site
from tests.conftest import build, write_files

_LINKS = "[返回东财滚动新闻](//finews.withounder.com/emnews/)｜[返回首页](//finews.withounder.com/)"


def test_back_links_before_a_script_or_reference_definitions_all_resolve(tmp_path: Path) -> None:
    front = "---\ntitle: {0}\ncategories: emnews\n---\n<p>正文{0}</p>\n\n"
    site = write_files(
        tmp_path / "site",
        {
            "_config.yml": "title: T\nurl: https://finews.withounder.com\n",
            "_posts/2022-12-02-script.md": front.format("s")
            + f'{_LINKS}\n\n<script src="//hm.baidu.com/hm.js"></script>\n',
            "_posts/2022-12-03-style.md": front.format("t") + f"{_LINKS}\n<style>p {{ margin: 0 }}</style>\n",
            "_posts/2022-12-04-refs.md": front.format("r")
            + "[返回东财滚动新闻][1]｜[返回首页][2]\n\n[1]: //finews.withounder.com/emnews/\n"
            "[2]: //finews.withounder.com/\n",
        },
    )
    destination = tmp_path / "out"
    result = build(site, destination=destination, cache=False)
    assert not result.errors
    report = check_site(destination, site_url="https://finews.withounder.com", baseurl="")
    assert report.ok, report
    for post in ("02/script", "03/style", "04/refs"):
        page = (destination / f"emnews/2022/12/{post}.html").read_text(encoding="utf-8")
        assert 'href="/emnews/"' not in page, post  # the body's own back link is gone
    assert "hm.baidu.com/hm.js" in (destination / "emnews/2022/12/02/script.html").read_text(encoding="utf-8")
