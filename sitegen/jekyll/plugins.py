"""The site's `plugins:`: which of them sitegen does the work of, and which it does not.

Jekyll 4 loads the gems `plugins:` lists (`PluginManager#require_gems`; an entry that is
not a list stops it: `Configuration#check_plugins`). sitegen runs no Ruby, but does the
work of the plugins a news site moving off Jekyll relies on; a site listing only those
hears nothing about them. Any other plugin's output (jemoji's emoji, jekyll-archives'
pages, a `{% gist %}` tag) is missing from what sitegen publishes, and the site is told
once which plugins those are.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from sitegen.errors import Diagnostic

DONE_BY_SITEGEN = frozenset(
    {
        "jekyll-feed",  # the site's and each category's Atom feed (`sitegen.render.feed_text`)
        "jekyll-sitemap",  # sitemap.xml and robots.txt (`sitegen.site.sitemap`)
        "jekyll-seo-tag",  # every page's head (`sitegen.render.seo`)
        "jekyll-paginate",  # the site's paginated index.html (`sitegen.liquid.paginate`)
        "jekyll-redirect-from",  # redirect_from and redirect_to (`sitegen.jekyll.redirect_from`)
    }
)
"""The plugins whose output sitegen publishes itself."""


def plugin_runs(written: Mapping[str, Any], name: str, *, safe: bool) -> bool:
    """Whether Jekyll 4 loads the plugin `name` for a site with these settings (`written`:
    as the file writes them): `plugins:` lists it, and in `safe` mode `whitelist:` too
    (`PluginManager#require_gems`, `#plugin_allowed?`). The older `gems:` list is no
    longer read."""
    plugins = written.get("plugins")
    if not isinstance(plugins, list) or name not in plugins:
        return False
    whitelist = written.get("whitelist")
    return not safe or (isinstance(whitelist, list) and name in whitelist)


def plugin_notes(written: Mapping[str, Any], config_file: Path) -> tuple[Diagnostic, ...]:
    """One warning naming the listed plugins sitegen does not run, or saying that
    `plugins:` is no list (Jekyll stops there); none when every plugin listed is one
    sitegen does the work of. `written`: the settings as the file writes them."""
    plugins = written.get("plugins")
    if plugins is None:
        return ()
    if not isinstance(plugins, list):
        return (Diagnostic("plugins: is not a list of plugin names; no plugin is turned on", config_file),)
    missing = sorted({str(name) for name in plugins} - DONE_BY_SITEGEN)
    if not missing:
        return ()
    message = f"plugins sitegen does not run (what they add is not published): {', '.join(missing)}"
    return (Diagnostic(message, config_file),)
