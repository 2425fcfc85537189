"""The values Jekyll substitutes into a post permalink, each worked out when asked for.

A permalink names a few of the two dozen placeholders (the default `date` style names
four), and some cost more than the URL they make (locale month and day names, ISO weeks,
three slugs), so a post's placeholders are a mapping that computes a value on reading.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime

from sitegen.urls.slugs import ruby_downcase, slugify


@dataclass(frozen=True, slots=True, eq=False)  # compared as a mapping, like the dict it was
class PostPlaceholders(Mapping[str, str]):
    """As `Jekyll::Drops::UrlDrop` (jekyll/lib/jekyll/drops/url_drop.rb) defines them:
    `:title` and `:slug` come from the slug (front matter, else the file name without its
    date), `:name` from the whole file name without its extension (`basename`, date
    included), `:path` is the file's path below `_posts/` without its extension."""

    date: datetime
    """In the site zone."""
    slug: str
    categories: tuple[str, ...]
    output_ext: str = ".html"
    basename: str = ""
    path: str = ""

    def __getitem__(self, name: str) -> str:
        return _VALUES[name](self)

    def __contains__(self, name: object) -> bool:
        return name in _VALUES

    def __iter__(self) -> Iterator[str]:
        return iter(_VALUES)

    def __len__(self) -> int:
        return len(_VALUES)


def _categories(post: PostPlaceholders) -> str:
    return "/".join(dict.fromkeys(ruby_downcase(category) for category in post.categories))


def _slugified_categories(post: PostPlaceholders) -> str:
    return "/".join(dict.fromkeys(slugify(category) for category in post.categories))


_VALUES: dict[str, Callable[[PostPlaceholders], str]] = {
    "year": lambda post: f"{post.date.year:04d}",
    "month": lambda post: f"{post.date.month:02d}",
    "i_month": lambda post: str(post.date.month),
    "short_month": lambda post: post.date.strftime("%b"),
    "long_month": lambda post: post.date.strftime("%B"),
    "day": lambda post: f"{post.date.day:02d}",
    "i_day": lambda post: str(post.date.day),
    "short_year": lambda post: f"{post.date.year % 100:02d}",
    "y_day": lambda post: f"{post.date.timetuple().tm_yday:03d}",
    "hour": lambda post: f"{post.date.hour:02d}",
    "minute": lambda post: f"{post.date.minute:02d}",
    "second": lambda post: f"{post.date.second:02d}",
    "week": lambda post: f"{post.date.isocalendar()[1]:02d}",
    "w_year": lambda post: str(post.date.isocalendar()[0]),
    "w_day": lambda post: str(post.date.isocalendar()[2]),
    "short_day": lambda post: post.date.strftime("%a"),
    "long_day": lambda post: post.date.strftime("%A"),
    "title": lambda post: slugify(post.slug, "pretty", cased=True),
    "slug": lambda post: slugify(post.slug),
    "name": lambda post: slugify(post.basename or post.slug),
    "path": lambda post: post.path or f"/{post.basename or post.slug}",
    "categories": _categories,
    "slugified_categories": _slugified_categories,
    "output_ext": lambda post: post.output_ext,
    "collection": lambda post: "posts",
}
