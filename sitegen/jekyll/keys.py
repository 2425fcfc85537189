"""The `_config.yml` keys that Jekyll, its common plugins and themes define.

A Jekyll site's `_config.yml` carries many settings sitegen has no use for; each of these
is accepted and reported once as ignored, so a real site moves over unchanged, while any
other unknown key stays an error (a typo must never silently change the site).

Sources: Jekyll's defaults (jekyll/lib/jekyll/configuration.rb `DEFAULTS`), the keys its
documentation site sets (jekyll/docs/_config.yml), and the configuration documented in
the READMEs of the plugins and themes named beside each group.
"""

from __future__ import annotations

JEKYLL_CORE_KEYS = frozenset(
    {
        # jekyll/lib/jekyll/configuration.rb DEFAULTS and command-line options.
        "source", "destination", "cache_dir", "plugins_dir", "layouts_dir",
        "data_dir", "includes_dir", "safe", "keep_files",
        "encoding", "strict_front_matter", "limit_posts",
        "whitelist", "plugins", "gems", "highlighter",
        "lsi", "excerpt_separator", "incremental", "detach", "port", "host", "show_dir_listing",
        "livereload", "livereload_port", "livereload_min_delay", "livereload_max_delay",
        "livereload_ignore", "open_url", "ssl_cert", "ssl_key", "skip_initial_build",
        "quiet", "verbose", "profile", "liquid", "kramdown", "rouge",
        "webrick", "theme", "remote_theme", "disable_disk_cache", "watch", "force_polling",
        "config", "trace", "baseurl", "lang", "name", "tagline", "version", "date",
        "redcarpet", "rdiscount", "maruku", "commonmark", "serving", "jekyll_compose",
    }
)  # fmt: skip

PLUGIN_KEYS = frozenset(
    {
        "feed",  # jekyll-feed
        # jekyll-seo-tag
        "twitter", "facebook", "logo", "social", "webmaster_verifications",
        "google_site_verification", "locale", "image", "titles_from_headings", "seo",
        "sitemap",  # jekyll-sitemap
        "paginate_path",  # jekyll-paginate
        "pagination", "autopages",  # jekyll-paginate-v2
        "jekyll-archives", "jekyll_archives",  # jekyll-archives
        "redirect_from",  # jekyll-redirect-from
        "gist",  # jekyll-gist
        "emoji",  # jemoji
        "jekyll-mentions", "jekyll_mentions",  # jekyll-mentions
        "relative_links",  # jekyll-relative-links
        "github", "repository",  # jekyll-github-metadata
        "toc",  # jekyll-toc
        "optional_front_matter", "readme_index", "include_cache",  # GitHub Pages plugins
        "last-modified-at", "last_modified_at",  # jekyll-last-modified-at
        "algolia",  # jekyll-algolia
        "assets",  # jekyll-assets
        "target-blank",  # jekyll-target-blank
        "jekyll-minifier",  # jekyll-minifier
        "jekyll-spaceship",  # jekyll-spaceship
        "scholar",  # jekyll-scholar
        "languages", "default_lang", "exclude_from_localization", "parallel_localization",  # jekyll-polyglot
        "tag_page_layout", "tag_page_dir", "tag_permalink_style",  # jekyll-tagging
        "jekyll_admin",  # jekyll-admin
        "compress_html",  # jekyll-compress-html
        "mathjax", "katex",  # math plugins
        "lunr_search", "search",  # search plugins
    }
)  # fmt: skip

THEME_KEYS = frozenset(
    {
        # minima, jekyll-theme-* (GitHub Pages themes), minimal-mistakes, jekyll-theme-chirpy
        "minima", "header_pages", "show_excerpts", "twitter_username", "github_username",
        "rss", "disqus", "google_analytics", "google_analytics_id", "gauges_id", "analytics",
        "comments", "email", "avatar", "bio", "navigation", "nav", "footer", "social_links",
        "skin", "locale", "words_per_minute", "read_time", "share", "related", "breadcrumbs",
        "masthead_title", "subtitle", "teaser", "search_provider", "atom_feed", "repository",
        "help_url", "show_downloads", "google", "baidu", "cdn", "pwa", "theme_mode",
        "timezone_name", "date_format", "keywords", "favicon", "url_root", "jekyll-theme",
        "permalink_style", "author_profile",
    }
)  # fmt: skip

APPLIED_JEKYLL_KEYS = frozenset({"excerpt_separator", "paginate_path", "plugins"})
"""Keys of the lists above that sitegen reads from the site's own settings rather than
from a `SiteConfig` field, and so applies: never reported as ignored.
`excerpt_separator` cuts excerpts (`sitegen.content.documents`), `paginate_path` names
the paginator's pages (`sitegen.liquid.paginate`), and `plugins` turns on those whose
work sitegen does (the others are named: `sitegen.jekyll.plugins`). Keys sitegen reads as fields (`exclude`,
`include`, `future`, `unpublished`, `markdown_ext`, `show_drafts`, `sass`, `baseurl`,
`markdown`, …) are not listed here."""

JEKYLL_KEYS = JEKYLL_CORE_KEYS | PLUGIN_KEYS | THEME_KEYS
"""Every key a migrated `_config.yml` may carry without being an error; all but
`APPLIED_JEKYLL_KEYS` are reported as ignored."""
