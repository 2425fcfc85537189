"""Which kinds of document each layout's template can render, read before planning.

A template asks for the names of one kind of page's context: `post.html` reads `post`,
`page.html` reads `page`, `category.html` reads `listing`, and the context of each kind
has only its own (`sitegen.render.page_contexts`). A site's template that extends or
includes one of them (`{% extends 'page.html' %}`) reads the same names. Under
`StrictUndefined` a post rendered with such a layout failed the whole build, blaming the
theme's template, so one post's `layout:` left every page unpublished. Reading every
layout's names up front lets the plan give that post its own kind's template, with one
warning naming the post (`sitegen.site.layouts.layout_for`).

What a template reads is the union, over the templates it extends, includes and imports
by constant name, of the names they use without defining (`jinja2.meta`), less those it
tests for (`x is defined`, `x | default`): a template that asks whether `post` exists is
written for both kinds. A template whose names fit no page at all is left usable by both
kinds, so its own mistake still fails the build, naming it, as before.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path

import jinja2
from jinja2 import meta, nodes

from sitegen.render.page_contexts import (
    ArchiveIndexContext,
    DirectoryContext,
    HomeContext,
    ListingContext,
    PageContext,
    PostContext,
)
from sitegen.site.layouts import BOTH_KINDS, DocumentKind, Layouts

__all__ = ["Layouts", "layout_kinds"]

_DOCUMENT_NAMES: dict[DocumentKind, frozenset[str]] = {
    "post": PostContext.__required_keys__,
    "page": PageContext.__required_keys__,
}
_OTHER_NAMES = tuple(
    context.__required_keys__
    for context in (ListingContext, ArchiveIndexContext, DirectoryContext, HomeContext)
)
_CONTEXT_NAMES = frozenset().union(*_DOCUMENT_NAMES.values(), *_OTHER_NAMES)
_OTHERS_ONLY = _CONTEXT_NAMES - frozenset().union(*_DOCUMENT_NAMES.values())
_GUARDS = frozenset({"defined", "undefined"})
_DEFAULTS = frozenset({"default", "d"})


def layout_kinds(directories: tuple[Path, ...]) -> Layouts:
    """Each layout the template folders provide (every top-level `*.html` but partials,
    whose names start with `_`; the first folder's template of a name wins), with the
    kinds of document it can render."""
    environment = jinja2.Environment(loader=jinja2.FileSystemLoader([str(d) for d in directories]))
    names = sorted(
        {
            path.stem
            for directory in directories
            for path in directory.glob("*.html")
            if path.is_file() and not path.name.startswith("_")
        }
    )
    return _LayoutKinds(environment, frozenset(names))


class _LayoutKinds(Mapping[str, frozenset[DocumentKind]]):
    """`layout_kinds`, each layout's kinds worked out when first looked up: reading a
    template's names parses it and every template it reaches (0.2 s for the whole
    theme, in every build), while a site whose posts and pages name only the theme's own
    layouts never looks one up (`sitegen.site.layouts.layout_for`)."""

    def __init__(self, environment: jinja2.Environment, names: frozenset[str]) -> None:
        self._environment = environment
        self._names = names
        self._known: dict[str, frozenset[DocumentKind]] = {}

    def __getitem__(self, name: str) -> frozenset[DocumentKind]:
        if name not in self._names:
            raise KeyError(name)
        if name not in self._known:
            self._known[name] = _kinds(_reads(self._environment, f"{name}.html"))
        return self._known[name]

    def __contains__(self, name: object) -> bool:
        return name in self._names

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(self._names))

    def __len__(self) -> int:
        return len(self._names)


def _kinds(reads: frozenset[str] | None) -> frozenset[DocumentKind]:
    """The document kinds whose context has every context name a template reads; none
    when it reads a name only other kinds have (a listing's `listing`); both when unknown
    or when it reads both a post's and a page's (its own error, reported when it renders)."""
    if reads is None:
        return BOTH_KINDS
    wanted = reads & _CONTEXT_NAMES
    fits = frozenset(kind for kind, names in _DOCUMENT_NAMES.items() if wanted <= names)
    if fits or wanted & _OTHERS_ONLY:
        return fits
    return BOTH_KINDS


def _reads(environment: jinja2.Environment, name: str) -> frozenset[str] | None:
    """The names `name` and every template it reaches by a constant name read and do
    not test for; None when one of them cannot be parsed (the renderer reports it)."""
    loader = environment.loader
    assert loader is not None
    read: set[str] = set()
    tested: set[str] = set()
    seen: set[str] = set()
    todo = [name]
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        try:
            source, _, _ = loader.get_source(environment, current)
            tree = environment.parse(source)
        except jinja2.TemplateNotFound:
            continue  # a missing include is the renderer's error, on the pages that reach it
        except (jinja2.TemplateError, OSError, UnicodeError):
            return None
        read |= meta.find_undeclared_variables(tree)
        tested.update(_tested(tree))
        todo.extend(reference for reference in meta.find_referenced_templates(tree) if reference is not None)
    return frozenset(read - tested)


def _tested(tree: nodes.Template) -> Iterator[str]:
    """Names a template asks about before use: `x is defined`, `x | default(…)`."""
    for test in tree.find_all(nodes.Test):
        if test.name in _GUARDS and isinstance(test.node, nodes.Name):
            yield test.node.name
    for applied in tree.find_all(nodes.Filter):
        if applied.name in _DEFAULTS and isinstance(applied.node, nodes.Name):
            yield applied.node.name
