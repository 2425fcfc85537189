"""Write the generated corpus as sites for the peers sitegen is compared with.

A comparison is only fair if every generator renders the same pages, so each setup here
is cut down to what sitegen publishes for a finews tree: one page per post at Jekyll's
URL, one page per category at `/category/<slug>.html`, one per tag at `/tag/<name>.html`,
a home page listing the newest 20 posts, and one feed of the newest 10 posts for the whole
site. Whatever a peer would add by default (term indexes, section lists, sitemaps,
per-category feeds, author pages, archives) is switched off. Templates are minimal and
alike: title, date, body, back links.
"""

from __future__ import annotations

from pathlib import Path

from gen_corpus import (
    SITE_TITLE,
    SITE_URL,
    TIMEZONE_NAME,
    Corpus,
    jekyll_config,
    write_file,
)

HOME_POST_COUNT = 20
FEED_POST_COUNT = 10

# --- Jekyll -----------------------------------------------------------------------------

_JEKYLL_DEFAULT = """\
<!DOCTYPE html>
<html lang="{{ site.lang }}">
<head>
<meta charset="utf-8">
<title>{% if page.title %}{{ page.title | escape }} | {% endif %}{{ site.title | escape }}</title>
<link rel="alternate" type="application/atom+xml" href="{{ '/feed.xml' | relative_url }}">
</head>
<body>
<header><a href="{{ '/' | relative_url }}">{{ site.title | escape }}</a></header>
<main>
{{ content }}
</main>
</body>
</html>
"""

_JEKYLL_POST = """\
---
layout: default
---
<article>
<h1>{{ page.title | escape }}</h1>
<time datetime="{{ page.date | date_to_xmlschema }}">{{ page.date | date: "%Y-%m-%d %H:%M" }}</time>
{{ content }}
<nav>{% for c in page.categories %}{% capture category_url %}/category/{{ c }}.html{% endcapture %}\
<a href="{{ category_url | relative_url }}">{{ page.tags | first }}</a> {% endfor %}\
<a href="{{ '/' | relative_url }}">首页</a></nav>
</article>
"""

_JEKYLL_CATEGORY = """\
---
layout: default
---
<h1>{{ page.title | escape }}</h1>
<ul>
{% for post in site.categories[page.category] %}<li><a href="{{ post.url | relative_url }}">\
{{ post.title | escape }}</a> <time>{{ post.date | date: "%Y-%m-%d" }}</time></li>
{% endfor %}</ul>
"""

_JEKYLL_TAG = """\
---
layout: default
---
<h1>{{ page.title | escape }}</h1>
<ul>
{% for post in site.tags[page.tag] %}<li><a href="{{ post.url | relative_url }}">\
{{ post.title | escape }}</a> <time>{{ post.date | date: "%Y-%m-%d" }}</time></li>
{% endfor %}</ul>
"""

_JEKYLL_HOME = """\
---
layout: default
---
<ul>
{% for post in site.posts limit:HOME_POST_COUNT %}<li><a href="{{ post.url | relative_url }}">\
{{ post.title | escape }}</a> <time>{{ post.date | date: "%Y-%m-%d" }}</time></li>
{% endfor %}</ul>
""".replace("HOME_POST_COUNT", str(HOME_POST_COUNT))


def write_jekyll_theme(corpus: Corpus, site_dir: Path, *, with_feed: bool = True) -> None:
    """Add layouts, a home page and tag pages to a Jekyll tree written by `gen_corpus`.

    Jekyll has no tag pages of its own, so each tag gets a stub like the category stubs.
    `with_feed=False` drops jekyll-feed from `_config.yml`, for machines without the
    plugin, where Jekyll would otherwise refuse to build.
    """
    write_file(site_dir / "_config.yml", jekyll_config(with_feed=with_feed))
    write_file(site_dir / "_layouts" / "default.html", _JEKYLL_DEFAULT)
    write_file(site_dir / "_layouts" / "post.html", _JEKYLL_POST)
    write_file(site_dir / "_layouts" / "category.html", _JEKYLL_CATEGORY)
    write_file(site_dir / "_layouts" / "tag.html", _JEKYLL_TAG)
    write_file(site_dir / "index.html", _JEKYLL_HOME)
    for name in sorted({post.category.name for post in corpus.posts}):
        stub = f"---\nlayout: tag\ntitle: {name}\ntag: {name}\n---\n"
        write_file(site_dir / "tag" / f"{name}.html", stub)


# --- Hugo -------------------------------------------------------------------------------

_HUGO_CONFIG = f"""\
baseURL: {SITE_URL}/
title: {SITE_TITLE}
locale: zh-CN
timeZone: {TIMEZONE_NAME}
hasCJKLanguage: true
uglyURLs: true
enableRobotsTXT: false
# Only what sitegen publishes: posts, category pages, home, one feed.
disableKinds: [taxonomy, section, sitemap, robotsTXT, "404"]
taxonomies:
  category: categories
  tag: tags
permalinks:
  term:
    categories: /category/:slug/
    tags: /tag/:slug/
outputs:
  home: [html, rss]
  page: [html]
  term: [html]
services:
  rss:
    limit: {FEED_POST_COUNT}
markup:
  goldmark:
    renderer:
      unsafe: true
"""

_HUGO_BASEOF = """\
<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>{{ if not .IsHome }}{{ .Title }} | {{ end }}{{ site.Title }}</title>
{{ with site.Home.OutputFormats.Get "rss" }}\
<link rel="alternate" type="application/rss+xml" href="{{ .RelPermalink }}">{{ end }}
</head>
<body>
<header><a href="{{ site.Home.RelPermalink }}">{{ site.Title }}</a></header>
<main>
{{ block "main" . }}{{ end }}
</main>
</body>
</html>
"""

_HUGO_PAGE = """\
{{ define "main" }}
<article>
<h1>{{ .Title }}</h1>
<time datetime="{{ .Date.Format "2006-01-02T15:04:05-07:00" }}">\
{{ .Date.Format "2006-01-02 15:04" }}</time>
{{ .Content }}
<nav>{{ range .GetTerms "categories" }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> \
{{ end }}<a href="{{ site.Home.RelPermalink }}">首页</a></nav>
</article>
{{ end }}
"""

_HUGO_TERM = """\
{{ define "main" }}
<h1>{{ .Title }}</h1>
<ul>
{{ range .Pages.ByDate.Reverse }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> \
<time>{{ .Date.Format "2006-01-02" }}</time></li>
{{ end }}</ul>
{{ end }}
"""

_HUGO_HOME = """\
{{ define "main" }}
<ul>
{{ range first HOME_POST_COUNT site.RegularPages.ByDate.Reverse }}\
<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <time>{{ .Date.Format "2006-01-02" }}</time></li>
{{ end }}</ul>
{{ end }}
""".replace("HOME_POST_COUNT", str(HOME_POST_COUNT))


def write_hugo_site(corpus: Corpus, site_dir: Path) -> None:
    """The corpus as a Hugo site: same Markdown bodies, same URLs, minimal layouts."""
    write_file(site_dir / "hugo.yaml", _HUGO_CONFIG)
    layouts = site_dir / "layouts"
    write_file(layouts / "baseof.html", _HUGO_BASEOF)
    write_file(layouts / "page.html", _HUGO_PAGE)
    write_file(layouts / "term.html", _HUGO_TERM)
    write_file(layouts / "home.html", _HUGO_HOME)
    content = site_dir / "content"
    for post in corpus.posts:
        front = (
            "---\n"
            f'title: "{post.title}"\n'
            f"date: {post.date.isoformat()}\n"
            f"categories: [{post.category.slug}]\n"
            f"tags: [{post.category.name}]\n"
            f"url: {post.url}\n"
            "---\n"
        )
        write_file(content / "posts" / f"{post.post_id}.md", front + post.markdown_body())
    # The term pages take their Chinese titles from these, as Jekyll's from its stubs.
    for category in corpus.categories:
        write_file(
            content / "categories" / category.slug / "_index.md",
            f"---\ntitle: {category.name}\nslug: {category.slug}\n---\n",
        )


# --- Pelican ----------------------------------------------------------------------------

_PELICAN_CONFIG = f'''\
"""Pelican settings for the sitegen benchmark: only the pages sitegen publishes."""

from pathlib import Path

AUTHOR = "bench"
SITENAME = "{SITE_TITLE}"
SITEURL = "{SITE_URL}"
PATH = "content"
TIMEZONE = "{TIMEZONE_NAME}"
DEFAULT_LANG = "zh-CN"

ARTICLE_URL = ARTICLE_SAVE_AS = "{{category}}/{{date:%Y}}/{{date:%m}}/{{date:%d}}/{{slug}}.html"
CATEGORY_URL = CATEGORY_SAVE_AS = "category/{{slug}}.html"
TAG_URL = TAG_SAVE_AS = "tag/{{slug}}.html"
# No author, archive or index-of-categories pages; no static pages.
AUTHOR_SAVE_AS = ""
DIRECT_TEMPLATES = ["index"]
PAGE_PATHS: list[str] = []
STATIC_PATHS: list[str] = []
DEFAULT_PAGINATION = False

# One Atom feed of the newest posts for the whole site, none per category or author.
FEED_ALL_ATOM = "feed.xml"
FEED_MAX_ITEMS = {FEED_POST_COUNT}
CATEGORY_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
TRANSLATION_FEED_ATOM = None

# The default theme would list all ~2,000 categories in every page's menu.
DISPLAY_CATEGORIES_ON_MENU = False
DISPLAY_PAGES_ON_MENU = False
THEME_TEMPLATES_OVERRIDES = [str(Path(__file__).parent / "templates")]
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False
'''

_PELICAN_INDEX = """\
{% extends "base.html" %}
{% block content %}
<section id="content" class="body"><ul>
{% for article in articles[:HOME_POST_COUNT] %}<li><a href="{{ SITEURL }}/{{ article.url }}">\
{{ article.title }}</a> <time>{{ article.date.strftime("%Y-%m-%d") }}</time></li>
{% endfor %}</ul></section>
{% endblock content %}
""".replace("HOME_POST_COUNT", str(HOME_POST_COUNT))

_PELICAN_LISTING = """\
{% extends "base.html" %}
{% block title %}{{ SITENAME|striptags }} - {{ NAME }}{% endblock %}
{% block content %}
<section id="content" class="body"><h1>{{ NAME }}</h1><ul>
{% for article in articles %}<li><a href="{{ SITEURL }}/{{ article.url }}">\
{{ article.title }}</a> <time>{{ article.date.strftime("%Y-%m-%d") }}</time></li>
{% endfor %}</ul></section>
{% endblock content %}
"""


def write_pelican_site(corpus: Corpus, site_dir: Path) -> None:
    """The corpus as a Pelican project (default theme, its list templates overridden).

    Pelican has no separate display name for a category, so its category pages show the
    slug where the others show the Chinese name; the work is the same.
    """
    write_file(site_dir / "pelicanconf.py", _PELICAN_CONFIG)
    write_file(site_dir / "templates" / "index.html", _PELICAN_INDEX)
    for kind in ("category", "tag"):
        listing = _PELICAN_LISTING.replace("NAME", kind)
        write_file(site_dir / "templates" / f"{kind}.html", listing)
    for post in corpus.posts:
        meta = (
            f"Title: {post.title}\n"
            f"Date: {post.date:%Y-%m-%d %H:%M:%S%z}\n"
            f"Category: {post.category.slug}\n"
            f"Tags: {post.category.name}\n"
            f"Slug: {post.post_id}\n\n"
        )
        write_file(site_dir / "content" / f"{post.post_id}.md", meta + post.markdown_body())
