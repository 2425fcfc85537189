"""`sitegen init`: a new site that builds at once, in sitegen's own layout."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sitegen.errors import UsageError

_CONFIG = """\
title: 我的新闻站
description: 用 sitegen 构建的新闻站点。
url: https://example.com
baseurl: ""
lang: zh-CN
timezone: Asia/Shanghai
author: 编辑部
"""

_POST = """\
---
layout: post
title: "欢迎使用 sitegen"
date: {day} 00:00:00 +0800
categories: zhanwu
tags: 站务公告
---
<p>这是第一篇文章。在 <code>content/_posts/</code> 里按
<code>YYYY-MM-DD-slug.md</code> 命名新文件即可发布。</p>

[返回站务公告](/category/zhanwu.html)｜[返回首页](/)
"""

_ABOUT = """\
---
layout: page
title: 关于
permalink: /about/
---
这个站点由 sitegen 生成。
"""


def create_site(directory: Path, today: date | None = None) -> tuple[Path, ...]:
    """Write `_config.yml`, one post and one page; refuse a folder that has files."""
    if directory.exists() and not directory.is_dir():
        raise UsageError("exists and is not a folder; choose a new name", path=directory)
    if directory.exists() and any(directory.iterdir()):
        raise UsageError("folder exists and is not empty; choose a new one", path=directory)
    day = (today or date.today()).isoformat()
    files = {
        directory / "_config.yml": _CONFIG,
        directory / "content" / "_posts" / f"{day}-welcome.md": _POST.format(day=day),
        directory / "content" / "about.md": _ABOUT,
        directory / "templates" / "README.txt": (
            "Put a template here to replace the default theme's one of the same name:\n"
            "base.html, post.html, category.html, tag.html, index.html, page.html, archive.html,\n"
            "archive_index.html, category_index.html, search.html, 404.html, feed.xml, sitemap.xml,\n"
            "sitemap_news.xml, robots.txt, assets/sitegen.css, assets/sitegen.js.\n"
        ),
    }
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return tuple(files)
