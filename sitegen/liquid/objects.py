"""Values as Jekyll's Liquid shows them: times, URLs, excerpts, the `jekyll` object.

Liquid prints a value by its string form, so where Ruby's differs from Python's the
value itself must carry Ruby's: a `Time` prints `2024-03-04 20:00:00 +0800`, a URL is
percent-encoded (`Jekyll::URL.escape_path`), and a post's `excerpt` is the converted
first paragraph (`Jekyll::Excerpt`), computed when first read, as Jekyll computes it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from datetime import datetime
from typing import Any
from urllib.parse import quote

from sitegen.jekyll.ruby_scalars import ruby_scalar_text, ruby_time_to_s
from sitegen.urls import PATH_SAFE, linked_form

#: The Jekyll release whose rules sitegen follows and is checked against (`jekyll.version`).
JEKYLL_VERSION = "4.3.1"
#: Addressable's path characters (`Jekyll::URL.escape_path`): everything else is encoded.


class RubyTime(datetime):
    """A moment that prints as Ruby's `Time#to_s` (`2024-03-04 20:00:00 +0800`), which is
    what `{{ page.date }}` shows in Jekyll; filters still see a `datetime`."""

    __slots__ = ()

    def __str__(self) -> str:
        return ruby_time_to_s(self)


def ruby_time(moment: datetime) -> RubyTime:
    return RubyTime(
        moment.year,
        moment.month,
        moment.day,
        moment.hour,
        moment.minute,
        moment.second,
        moment.microsecond,
        moment.tzinfo,
        fold=moment.fold,
    )


def jekyll_url(url: str) -> str:
    """A URL as Jekyll's `url` variables give it: non-ASCII and spaces percent-encoded."""
    return quote(url, safe=PATH_SAFE)


def liquid_url(url: str, jekyll_form: str) -> str:
    """A post's, page's or document's Liquid `url`: Jekyll's (`jekyll_form`, as
    `sitegen.urls.jekyll_forms` makes it) with a `?` or `#` escaped (`linked_form`), else
    its URL escaped (`jekyll_url`)."""
    return linked_form(jekyll_form) if jekyll_form else jekyll_url(url)


def jekyll_variables(environment: str) -> dict[str, str]:
    """The `jekyll` object: `version`, and `environment` (`JEKYLL_ENV`, else `development`)."""
    return {"version": JEKYLL_VERSION, "environment": environment or "development"}


class DocumentDrop(Mapping[str, Any]):
    """A post as Liquid reads it: plain values, plus an `excerpt` rendered on first read
    and, where the post came without its body, a `content` read on first read.

    Jekyll's excerpt is itself rendered (Liquid, then the converter) only when a
    template asks for it; most never do, so a site of 17,000 posts does not pay for
    17,000 conversions. A read during its own rendering (an excerpt printing itself)
    gives "". Likewise a body is read from the build cache only when a template asks for
    `content` (or the excerpt): a page listing `site.tags` by title and URL reads none."""

    __slots__ = ("_excerpt", "_make_content", "_make_excerpt", "_rendering", "fields", "neighbours")

    def __init__(
        self,
        fields: dict[str, Any],
        make_excerpt: Callable[[], str] | None,
        *,
        make_content: Callable[[], str] | None = None,
    ) -> None:
        """`make_content`: gives `content` on its first read (`fields` holds "" until then)."""
        self.fields = fields
        """Mutable on purpose: the Liquid stage sets `content` once the post is rendered."""
        self.neighbours: dict[str, DocumentDrop | None] = {"previous": None, "next": None}
        """`previous` and `next` in the collection, set once every drop exists. Read by
        key but not listed, so `jsonify` of a drop never walks the chain of its neighbours."""
        self._make_excerpt = make_excerpt
        self._make_content = make_content
        self._excerpt: str | None = None
        self._rendering = False

    def __getitem__(self, key: str) -> Any:
        if key == "excerpt" and self._make_excerpt is not None:
            return self._excerpt_text()
        if key == "content" and self._make_content is not None:
            self.fields["content"] = self._make_content()
            self._make_content = None  # only once read: a failed read is tried again
        if key in self.neighbours:
            return self.neighbours[key]
        return self.fields[key]

    def __str__(self) -> str:
        """What `{{ post }}` prints: its `content` (`DocumentDrop#to_s`, which is
        `Document#to_s`: `output || content`). Jekyll's `output` is the page with its
        layout, there only once the post is rendered; sitegen's layouts render after
        every body, so a post prints its body as `{{ post.content }}` shows it."""
        return ruby_scalar_text(self["content"])

    def __iter__(self) -> Iterator[str]:
        return iter(self.fields)

    def __len__(self) -> int:
        return len(self.fields)

    def _excerpt_text(self) -> str:
        if self._excerpt is None:
            if self._rendering or self._make_excerpt is None:
                return ""
            self._rendering = True
            try:
                self._excerpt = self._make_excerpt()
            finally:
                self._rendering = False
        return self._excerpt


def set_neighbours(drop: Any, previous: Any, following: Any) -> None:
    """Link a drop to its collection neighbours (`Document#previous_doc`, `#next_doc`)."""
    if isinstance(drop, DocumentDrop):
        drop.neighbours.update(previous=previous, next=following)
