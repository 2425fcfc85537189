"""Whether front matter's `published` keeps a file out of the site, as Jekyll decides it.

Jekyll asks `Publisher#can_be_published?` (jekyll/lib/jekyll/publisher.rb, Jekyll 4.3):
`thing.data.fetch("published", true) || site.unpublished`. So a missing key publishes,
and a key that is there with a value Ruby counts as false (`nil` or `false`) does not:
`published: false`, `published: no` (YAML 1.1, as Psych reads it) and also
`published: null`, `published: ~` and `published:` with nothing after it. Every other
value publishes, however false it looks to Python or to a reader: `"false"`, `0`,
`0.0`, `""`, `[]`, `{}` (checked against `jekyll build` 4.3.1).

`Hash#fetch` ignores a hash's `default_proc`, through which a page (`Page#initialize`)
sees its front-matter defaults; so only a page's own front matter decides, and a
`published: false` among `defaults:` scoped to pages publishes them all the same. A
post's or collection document's data has its defaults merged in (`Document#merge_defaults`),
so there the merged front matter decides. (Jekyll still lists a collection document
marked `null` in `site.<label>` without writing it, as `Document#published?` compares
with `false` only; sitegen reads only what it publishes and leaves it out of both.)
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

PUBLISHED_KEY = "published"


def marked_unpublished(front_matter: Mapping[str, Any]) -> bool:
    """True when `published` is present and Ruby-falsy (`nil` or `false`).

    Identity tests, not `==` or truthiness: `0 == False` in Python, and `0`, `""` and
    `[]` are true in Ruby."""
    if PUBLISHED_KEY not in front_matter:
        return False
    value = front_matter[PUBLISHED_KEY]
    return value is None or value is False
