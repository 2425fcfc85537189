"""Which files outside `_posts` are pages or collection documents, and which are copied
as they are: Jekyll's `Utils.has_yaml_header?` (jekyll/lib/jekyll/utils.rb), asked by
`Reader#read_directories` for a page and by `Collection#read` for a document.

That check reads the file's first line as bytes (`File.open(file, "rb", &:readline)`)
and wants `---` at its very start (`\\A---\\s*\\r?\\n`). A UTF-8 byte order mark before
the `---` (what some Windows editors save) hides the front matter from it: Jekyll copies
such a file as a static file, front matter and all, and so does sitegen, with one
warning naming the file and where Jekyll puts it. A post is read otherwise
(`Document#read_content` reads with `bom|utf-8`, which drops the mark), so a post with
one is published as a post, by Jekyll and sitegen alike (`sitegen.content.front_matter`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from sitegen.config import SiteConfig
from sitegen.content.scan import SourceFile, SourceTree
from sitegen.content.static_files import published_by_defaults, site_static_file
from sitegen.content.unseen_page import jekyll_static_url
from sitegen.errors import Diagnostic
from sitegen.incremental import load_failures
from sitegen.jekyll.collections import Collection, static_file_output
from sitegen.model import StaticFile


def _never(source: SourceFile) -> bool:
    return False


@dataclass(frozen=True, slots=True)
class SortedSources:
    """The files of a tree besides its posts and drafts, each where it belongs."""

    loaded: list[tuple[SourceFile, str]] = field(default_factory=list)
    """Each page (`page`) or collection document (`document`) to load, in tree order."""
    static_files: list[StaticFile] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)


def sorted_sources(
    tree: SourceTree, config: SiteConfig, loaded_unchanged: Callable[[SourceFile], bool] = _never
) -> SortedSources:
    """The tree's pages and documents (files with front matter Jekyll sees), and its
    static files: a page without it copied at its own path, a document without it below
    its collection's URL. A file that cannot be read is one diagnostic and left out.

    `loaded_unchanged`: whether the last build loaded this file (so it had front matter
    then) and it has the same stamp now (so the same bytes): then it still has, and its
    opening is not read again (2,000 pages' openings were 0.04 s of every rebuild)."""
    found = SortedSources()
    for source, collection in (
        *((source, None) for source in tree.others),
        *((source, collection_of(source, config)) for source in tree.documents),
    ):
        if loaded_unchanged(source):
            found.loaded.append((source, "page" if collection is None else "document"))
            continue
        try:
            opening = load_failures.front_matter_opening(source)
        except OSError:
            # Loaded as what it was last (its load fails the same way, and a page or
            # document then keeps its last good load; a static file is left out).
            found.loaded.append((source, "page" if collection is None else "document"))
            continue
        if opening is load_failures.Opening.FRONT_MATTER:
            found.loaded.append((source, "page" if collection is None else "document"))
            continue
        if opening is load_failures.Opening.AFTER_BOM:
            found.diagnostics.append(_bom_warning(source, collection))
        if collection is None:
            static, said = site_static_file(source)
            found.diagnostics.extend(said)
            found.static_files.extend(() if static is None else (published_by_defaults(static, config),))
        else:
            output = static_file_output(collection, source.relative_path)
            static = StaticFile(source.path, output, source.relative_path, link_target=source.link_target)
            found.static_files.append(published_by_defaults(static, config, collection.label))
    return found


def collection_of(source: SourceFile, config: SiteConfig) -> Collection:
    """The collection a document of the tree (`SourceTree.documents`) belongs to."""
    folder = source.relative_path.parts[0]
    return next(collection for collection in config.collections if collection.folder == folder)


def _bom_warning(source: SourceFile, collection: Collection | None) -> Diagnostic:
    kind = "page" if collection is None else "document"
    where = jekyll_static_url(source.relative_path, collection)
    message = (
        "starts with a UTF-8 byte order mark (BOM) before its front matter, so Jekyll sees no "
        f"front matter and copies the file as it is to {where}, and so does sitegen "
        f"(save it without the BOM to publish it as a {kind})"
    )
    return Diagnostic(message, source.path, 1)
