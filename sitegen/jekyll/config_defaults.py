"""Jekyll's default settings, as Liquid reads them: `site.<key>` of a key the site's
`_config.yml` does not set gives Jekyll's default, not nil.

Jekyll merges the site's settings over `Configuration::DEFAULTS`
(jekyll/lib/jekyll/configuration.rb, `Configuration.from`: `Utils.deep_merge_hashes`,
which `sitegen.jekyll.defaults.deep_merge` is, so a mapping such as `kramdown:` keeps
the defaults it does not name and a nil keeps the default), adds its default
excludes to `exclude` (`Configuration#add_default_excludes`), and `SiteDrop` answers
any key it does not hold itself from that merged configuration
(jekyll/lib/jekyll/drops/site_drop.rb, `fallback_data`). So `{{ site.safe }}` prints
`false`, `{{ site.exclude | join: "," }}` the default excludes, and
`{% if site.kramdown.auto_ids %}` is true, in every Jekyll site.

Left out: `source` and `destination`, nil even where the file sets them (Jekyll gives
the absolute paths of the build's folders, which would make a page's bytes depend on
where the site is checked out), and `watch`, which Jekyll's commands set. `serving` is
`false`, as `jekyll build` sets it over the settings file (the Liquid stage sets it, also
under `sitegen serve`, whose pages are the build's); `quiet` is Jekyll's default,
`false`, as sitegen's builds are not quiet.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sitegen.jekyll.defaults import ruby_uniq

__all__ = ["DEFAULT_EXCLUDES", "jekyll_defaults", "with_default_excludes"]

DEFAULT_EXCLUDES = (
    ".sass-cache",
    ".jekyll-cache",
    "gemfiles",
    "Gemfile",
    "Gemfile.lock",
    "node_modules",
    "vendor/bundle/",
    "vendor/cache/",
    "vendor/gems/",
    "vendor/ruby/",
)
"""`Configuration::DEFAULT_EXCLUDES`, in Jekyll's order."""


def jekyll_defaults() -> dict[str, Any]:
    """`Configuration::DEFAULTS` as Liquid values (Jekyll 4.3), fresh each call: the
    caller may change them."""
    return {
        "collections_dir": "",
        "cache_dir": ".jekyll-cache",
        "plugins_dir": "_plugins",
        "layouts_dir": "_layouts",
        "data_dir": "_data",
        "includes_dir": "_includes",
        "safe": False,
        "include": [".htaccess"],
        "exclude": [],
        "keep_files": [".git", ".svn"],
        "encoding": "utf-8",
        "markdown_ext": "markdown,mkdown,mkdn,mkd,md",
        "strict_front_matter": False,
        "show_drafts": None,
        "limit_posts": 0,
        "future": False,
        "unpublished": False,
        "whitelist": [],
        "plugins": [],
        "markdown": "kramdown",
        "highlighter": "rouge",
        "lsi": False,
        "excerpt_separator": "\n\n",
        "incremental": False,
        "detach": False,
        "port": "4000",
        "host": "127.0.0.1",
        "baseurl": None,
        "show_dir_listing": False,
        "permalink": "date",
        "paginate_path": "/page:num",
        "timezone": None,
        "quiet": False,
        "verbose": False,
        "defaults": [],
        "liquid": {"error_mode": "warn", "strict_filters": False, "strict_variables": False},
        "kramdown": {
            "auto_ids": True,
            "toc_levels": [1, 2, 3, 4, 5, 6],
            "entity_output": "as_char",
            "smart_quotes": "lsquo,rsquo,ldquo,rdquo",
            "input": "GFM",
            "hard_wrap": False,
            "guess_lang": True,
            "footnote_nr": 1,
            "show_warnings": False,
        },
    }


def with_default_excludes(exclude: Iterable[Any]) -> list[Any]:
    """`exclude` as `Configuration#add_default_excludes` leaves it: the site's entries as
    written (a number or nil too), then Jekyll's default excludes, each once (Ruby's
    `uniq!`: `1` and `true` are two entries, as are `[1]` and `[true]`)."""
    return ruby_uniq((*exclude, *DEFAULT_EXCLUDES))
