"""Which attributes of which elements hold a URL a browser fetches or navigates to.

From the WHATWG HTML standard's index of attributes whose value is a "valid URL
potentially surrounded by spaces" (or a list of them), keeping those whose URL a reader's
browser requests on its own or when a link is followed:

- navigated to: `a`/`area` `href`; `meta http-equiv="refresh"`'s URL (`sitegen.check.refresh`);
- fetched with the page: `img`, `source`, `video`, `audio`, `track`, `iframe`, `embed`,
  `script` `src`, `input` `src` only when its `type` is `image` (the standard ignores it
  otherwise); `img`/`source` `srcset` and `link` `imagesrcset`, every candidate
  (`sitegen.check.srcset`); `video` `poster`; `object` `data`; `link` `href` for every
  relation but `preconnect` and `dns-prefetch`, which name a host to warm up, not a
  resource (a feed's `alternate`, `canonical`, `prev`/`next` are links readers and
  crawlers follow, so they are checked with the stylesheets and icons).

Left out on purpose:

- `form` `action`, `button`/`input` `formaction`: requested only when a reader submits
  the form, and a static site's form usually posts to a program the host or another
  service runs (a search endpoint, a form handler), which is no file of the built tree;
- `blockquote`/`q`/`del`/`ins` `cite`: the standard has browsers neither fetch it nor
  show it as a link; it names a source, often one that no longer exists;
- `a`/`area` `ping`: posted to by the browser after a click, a tracker's address;
- `html` `manifest`: the application cache is gone from browsers.

An empty value names nothing to fetch (the standard fails an `img`, `script`, `link`… on
it), so it is dropped; only `a`/`area` `href=""` is kept: it navigates to the base's
document, which `sitegen.check.links` judges.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from types import MappingProxyType

from sitegen.check.refresh import refresh_url
from sitegen.check.srcset import srcset_urls

__all__ = ["URL_ELEMENTS", "element_urls"]

_WHITESPACE = "\t\n\f\r "
_ORIGIN_ONLY_RELATIONS = frozenset({"preconnect", "dns-prefetch"})


def _one(value: str) -> tuple[str, ...]:
    return (value,)


def _links_with_fetched_relations(attributes: Mapping[str, object]) -> bool:
    relations = _words(attributes.get("rel"))
    return not relations or not relations <= _ORIGIN_ONLY_RELATIONS


def _image_inputs(attributes: Mapping[str, object]) -> bool:
    kind = attributes.get("type")
    return isinstance(kind, str) and kind.strip(_WHITESPACE).lower() == "image"


def _refreshes(attributes: Mapping[str, object]) -> bool:
    equiv = attributes.get("http-equiv")
    return isinstance(equiv, str) and equiv.strip(_WHITESPACE).lower() == "refresh"


def _always(attributes: Mapping[str, object]) -> bool:
    return True


def _refresh(value: str) -> tuple[str, ...]:
    url = refresh_url(value)
    return () if url is None else (url,)


_Reader = tuple[str, Callable[[str], tuple[str, ...]]]

#: element → (when the element's attributes make it fetch, the attributes and how each is read)
URL_ELEMENTS: Mapping[str, tuple[Callable[[Mapping[str, object]], bool], tuple[_Reader, ...]]] = (
    MappingProxyType(
        {
            "a": (_always, (("href", _one),)),
            "area": (_always, (("href", _one),)),
            "link": (_links_with_fetched_relations, (("href", _one), ("imagesrcset", srcset_urls))),
            "img": (_always, (("src", _one), ("srcset", srcset_urls))),
            "source": (_always, (("src", _one), ("srcset", srcset_urls))),
            "video": (_always, (("src", _one), ("poster", _one))),
            "audio": (_always, (("src", _one),)),
            "track": (_always, (("src", _one),)),
            "iframe": (_always, (("src", _one),)),
            "embed": (_always, (("src", _one),)),
            "script": (_always, (("src", _one),)),
            "input": (_image_inputs, (("src", _one),)),
            "object": (_always, (("data", _one),)),
            "meta": (_refreshes, (("content", _refresh),)),
        }
    )
)


def element_urls(name: str, attributes: Mapping[str, object]) -> Iterator[str]:
    """The URLs, as written, that the element `name` with `attributes` fetches or links to."""
    entry = URL_ELEMENTS.get(name)
    if entry is None:
        return
    applies, readers = entry
    if not applies(attributes):
        return
    navigates = name in ("a", "area")
    for attribute, read in readers:
        value = attributes.get(attribute)
        if not isinstance(value, str):
            continue
        for url in read(value):
            if navigates or url.strip(_WHITESPACE):
                yield url


def _words(value: object) -> frozenset[str]:
    """A space-separated token list (bs4 splits `rel` into a list already), lower-cased."""
    if isinstance(value, str):
        value = value.split()
    if not isinstance(value, list):
        return frozenset()
    return frozenset(str(word).lower() for word in value)
