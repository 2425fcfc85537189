"""A file of the site without front matter: where it is copied, and what is said of it."""

from __future__ import annotations

from dataclasses import replace
from pathlib import PurePosixPath

from sitegen.config import SiteConfig
from sitegen.content.source_walk import SourceFile
from sitegen.errors import Diagnostic, Level, OutputError
from sitegen.jekyll.defaults import defaults_for
from sitegen.jekyll.published import marked_unpublished
from sitegen.model import StaticFile
from sitegen.urls import static_output


def site_static_file(source: SourceFile) -> tuple[StaticFile | None, tuple[Diagnostic, ...]]:
    """`source` copied where `sitegen.urls.static_output` writes it, with a warning when
    that is not where Jekyll writes it (a backslash or control character in its name,
    published where browsers read its URL); None and one error naming the file when it
    cannot be published at all."""
    try:
        written, note = static_output(source.relative_path)
    except OutputError as error:
        return None, (Diagnostic(f"{error.message}; not published", source.path, None, Level.ERROR),)
    output = PurePosixPath(written)
    source_path = None if source.relative_path == output else source.relative_path
    notes = () if note is None else (Diagnostic(note, source.path),)
    static = StaticFile(source.path, output, source_path, note is not None, source.link_target)
    return static, notes


def published_by_defaults(
    static: StaticFile, config: SiteConfig, collection: str | None = None
) -> StaticFile:
    """`static`, held back (`StaticFile.published` False) where the `defaults:` that
    apply to it set `published` to `false` or nothing, as Jekyll's `StaticFile#write?`
    holds it back (jekyll/lib/jekyll/static_file.rb). Jekyll matches the scope against
    the file's URL (`FrontmatterDefaults#all(url, type)`), which is where it is written;
    its type is its collection's label, and a file outside every collection has none,
    so only scopes naming no type apply to it."""
    if not config.defaults:
        return static
    relative = static.relative_path.as_posix()
    defaults = defaults_for(config.defaults, relative, collection or "", config.collections_dir)
    return replace(static, published=False) if marked_unpublished(defaults) else static
