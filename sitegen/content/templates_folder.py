"""A plain Jekyll tree's `templates/`: sitegen's theme override, which Jekyll publishes.

In both layouts a site's `templates/` holds the templates that replace the default
theme's, and a Jekyll tree's is not content (`scan.site_entry_filter`). Jekyll knows no
such folder: it reads `templates/` as any other folder (`Reader#read_directories`,
reader.rb, Jekyll 4.3), rendering a file with front matter as a page at
`/templates/page.html` and copying every other file as it is. A site moved off Jekyll
may hold such a folder for another purpose (a CMS's or e-mail templates), and its files
would vanish from the published site without a word, while a `post.html` among them
would render every post. So when the folder holds files Jekyll would publish, and the
site's `include` or `exclude` does not say what it is, the build says so in one warning
naming the folder and the theme templates it replaces: `include` makes it content,
published as Jekyll publishes it and read as no template (`scan.templates_are_theme`);
`exclude` keeps it the theme's and says its files are not to be published.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from sitegen.content.entry_filter import EntryFilter
from sitegen.content.layout import TEMPLATES_DIR_NAME
from sitegen.content.source_walk import SourceWalker
from sitegen.errors import Diagnostic, first_few


def unpublished_templates(
    site_dir: Path,
    jekyll_entries: EntryFilter,
    entries: EntryFilter,
    skipped: frozenset[str],
    theme_dir: Path,
    safe: bool = False,
) -> tuple[Diagnostic, ...]:
    """One warning when a Jekyll tree's `templates/` holds files Jekyll publishes and
    sitegen, reading the folder as the theme, does not; else none.

    `jekyll_entries` is the site's `include` and `exclude` as Jekyll applies them,
    `entries` the same with `templates/` left out as sitegen's scan does; `theme_dir` the
    default theme, whose templates the folder's files of the same name replace; `safe`
    Jekyll's safe mode, where it reads no link out of the site."""
    folder = PurePosixPath(TEMPLATES_DIR_NAME)
    if not (site_dir / TEMPLATES_DIR_NAME).is_dir():
        return ()
    if jekyll_entries.rejects(folder, is_dir=True) or not entries.rejects(folder, is_dir=True):
        return ()  # Jekyll leaves it out too (`exclude`), or sitegen publishes it (`include`)
    walker = SourceWalker(
        site_dir, site_root=site_dir.resolve(), skipped=skipped, entries=jekyll_entries, safe=safe
    )
    published = [
        source.relative_path
        for source in walker.walk(site_dir / TEMPLATES_DIR_NAME)
        if not jekyll_entries.rejects_path(source.relative_path)
    ]
    if not published:
        return ()
    replacing = sorted(
        path.name for path in published if len(path.parts) == 2 and (theme_dir / path.name).is_file()
    )
    replaced = f"; {', '.join(replacing)} replace(s) the theme's own" if replacing else ""
    named = first_few([str(path) for path in published])
    return (
        Diagnostic(
            f"taken as the site's theme templates, so {len(published)} file(s) Jekyll publishes "
            f"below /{TEMPLATES_DIR_NAME}/ are not published ({named}){replaced}; to publish "
            f"them as Jekyll does, and not as templates, add '{TEMPLATES_DIR_NAME}' to include in "
            f"_config.yml; to keep them as templates only and silence this, add it to exclude",
            site_dir / TEMPLATES_DIR_NAME,
        ),
    )
