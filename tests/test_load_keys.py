"""The settings left out of the load cache's key change nothing the loader returns."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from types import MappingProxyType
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from sitegen.config import SiteConfig, config_from_mapping
from sitegen.content.documents import LoadOptions, load_page, load_post
from sitegen.content.scan import SourceFile
from sitegen.incremental.load_keys import NOT_READ_BY_THE_LOADER, LoadKeys, loader_settings
from sitegen.news_settings import NewsSettings

BASE = config_from_mapping(
    {
        "title": "测试站",
        "url": "https://finews.example.com",
        "timezone": "Asia/Shanghai",
        "excerpt_separator": "<!--more-->",
        "defaults": [{"scope": {"path": ""}, "values": {"author": "编辑部"}}],
    },
    Path("_config.yml"),
)
NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)

POST = """---
layout: post
title: "两年投入400亿建设“全链路服务” 京东618图个啥？"
date: 2022-05-27 16:48:36
categories: xinjingbao
tags: [新京报新闻, 京东]
---
<p>京东618的第一段。</p>
<!--more-->
![图](/images/a.png) 第二段，[返回首页](//finews.example.com/) {{ site.title }}

<http://finews.zning.xyz/html_News/NewsShare.html?infoCode=NW202205272394703325>

[返回新京报新闻](//finews.example.com/category/xinjingbao.html)｜[返回首页](//finews.example.com/)
"""
PAGE = """---
title: 关于
permalink: /about/
---
# 关于我们

{% for post in site.posts %}{{ post.title }}{% endfor %}
"""

TEXT = st.text(st.characters(codec="utf-8"), max_size=12)
VALUES: dict[str, st.SearchStrategy[Any]] = {
    "category_titles": st.dictionaries(TEXT, TEXT, max_size=3).map(MappingProxyType),
    "news": st.builds(NewsSettings, st.booleans(), TEXT, st.sampled_from(["", "zh-cn", "en"])),
    "nav": st.lists(TEXT, max_size=3).map(tuple),
    "exclude": st.lists(TEXT, max_size=3).map(tuple),
    "include": st.lists(TEXT, max_size=3).map(tuple),
    "written": st.dictionaries(TEXT, st.one_of(TEXT, st.integers(), st.booleans()), max_size=3).map(
        MappingProxyType
    ),
}
BY_TYPE: dict[type, st.SearchStrategy[Any]] = {str: TEXT, int: st.integers(0, 10_000), bool: st.booleans()}


def _value_for(name: str) -> st.SearchStrategy[Any]:
    if name in VALUES:
        return VALUES[name]
    return BY_TYPE[type(getattr(BASE, name))]


SETTINGS = st.dictionaries(st.sampled_from(NOT_READ_BY_THE_LOADER), st.none(), min_size=1).flatmap(
    lambda chosen: st.fixed_dictionaries({name: _value_for(name) for name in chosen})
)


def _loaded(config: SiteConfig, tmp: Path) -> list[object]:
    options = LoadOptions(now=NOW, future=True)
    post = SourceFile(tmp / "_posts/2022-05-27-jd.md", PurePosixPath("_posts/2022-05-27-jd.md"))
    page = SourceFile(tmp / "about.md", PurePosixPath("about.md"))
    return [
        load_post(post, POST.encode(), config, options),
        load_page(page, PAGE.encode(), config),
    ]


@given(SETTINGS)
def test_settings_left_out_of_the_key_change_nothing_the_loader_returns(changes: dict[str, Any]) -> None:
    tmp = Path("/site")
    changed = dataclasses.replace(BASE, **changes)
    assert _loaded(changed, tmp) == _loaded(BASE, tmp)
    assert loader_settings(changed) == loader_settings(BASE)


def test_every_setting_left_out_exists() -> None:
    names = {field.name for field in dataclasses.fields(SiteConfig)}
    assert set(NOT_READ_BY_THE_LOADER) <= names


def test_a_setting_the_loader_reads_is_in_the_key() -> None:
    source = SourceFile(Path("/site/_posts/a.md"), PurePosixPath("_posts/a.md"))
    key = LoadKeys("v", BASE)("post", source, "digest", "")
    read: list[SiteConfig] = [
        dataclasses.replace(BASE, timezone="UTC"),
        dataclasses.replace(BASE, permalink="pretty"),
        dataclasses.replace(BASE, excerpt_length=7),
        dataclasses.replace(BASE, url=""),
    ]
    for other in read:
        assert LoadKeys("v", other)("post", source, "digest", "") != key
    retitled = dataclasses.replace(BASE, category_titles=MappingProxyType({"xinjingbao": "新京报"}))
    assert LoadKeys("v", retitled)("post", source, "digest", "") == key
