"""The order of a collection's documents, as `site.<label>`, the collection's `docs` and
each document's `previous`/`next` see it (`Collection#sort_docs!`, jekyll/collection.rb).

- `order:` (a list of file names below the collection's folder): those first, in that
  order, then the rest in the default order (`rearrange_docs!`); a name no document has
  is passed over.
- `sort_by:` (a front-matter key): by that value with Ruby's `<=>`; a document without
  it after those with it; where two values are equal or have no order, the default
  order decides (`sort_docs_by_key!`, `determine_sort_order`).
- otherwise the default: `Document#<=>`, by date and then by path. The date is the one
  the document was read with (its front matter's, else its file name's): an undated
  document has none yet when Jekyll sorts (`Document#date` gives it the build's time
  later, when asked), so it goes by path against any other.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from typing import Any

from sitegen.liquid.objects import DocumentDrop
from sitegen.liquid.ruby_sort import ruby_compare
from sitegen.model import SourcePage

Document = tuple[SourcePage, DocumentDrop]
"""A collection document and its Liquid drop."""

__all__ = ["ordered_documents"]


def ordered_documents(
    documents: Sequence[Document], metadata: Mapping[str, Any], folder: str
) -> list[DocumentDrop]:
    """The drops of `documents` of the collection in `folder` (`_team`) in Jekyll's
    order, given the collection's settings as written (`metadata`)."""
    by_default = sorted(documents, key=functools.cmp_to_key(_document_order))
    order, sort_by = metadata.get("order"), metadata.get("sort_by")
    if isinstance(order, list):
        return [drop for _, drop in _rearranged(by_default, order, folder)]
    if isinstance(sort_by, str):
        by_key = functools.cmp_to_key(functools.partial(_by_key, sort_by))
        return [drop for _, drop in sorted(by_default, key=by_key)]
    return [drop for _, drop in by_default]


def _document_order(left: Document, right: Document) -> int:
    """`Document#<=>`: by the date read, then by path (where none or equal)."""
    order = ruby_compare(left[0].date, right[0].date)
    if not order:
        order = ruby_compare(str(left[0].relative_path), str(right[0].relative_path))
    return order or 0


def _by_key(key: str, left: Document, right: Document) -> int:
    """`sort_docs_by_key!`: a value before none, then Ruby's `<=>` of the values, then
    `Document#<=>` where that is 0 or nil."""
    ours, theirs = left[1].fields.get(key), right[1].fields.get(key)
    if ours is None and theirs is not None:
        return 1
    if ours is not None and theirs is None:
        return -1
    order = ruby_compare(ours, theirs)
    return order if order else _document_order(left, right)


def _rearranged(by_default: list[Document], order: list[Any], folder: str) -> list[Document]:
    """`rearrange_docs!`: the documents `order` names (`File.join(relative_directory,
    entry)`), first and once each, then the others as they were."""
    by_path = {str(page.relative_path): (page, drop) for page, drop in by_default}
    named = list(dict.fromkeys(f"{folder}/{entry}" for entry in order))
    first = [by_path[path] for path in named if path in by_path]
    chosen = {id(page) for page, _ in first}
    return [*first, *(document for document in by_default if id(document[0]) not in chosen)]
