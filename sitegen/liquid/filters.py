"""Jekyll's Liquid filters, for Liquid in posts and pages.

Each filter follows Jekyll 4.3's rule, cited from its source (`lib/jekyll/filters.rb`,
`lib/jekyll/filters/url_filters.rb`, `date_filters.rb`, `grouping_filters.rb`,
`lib/jekyll/utils.rb` for `slugify`). Filters that need the site (its `baseurl`, `url`,
time zone, Markdown engine) are made by `jekyll_filters(settings)`, so no filter reads
global state.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo
from typing import Any
from urllib.parse import quote, quote_plus, urlsplit

from liquid.builtin.filters.math import divided_by as liquid_divided_by
from liquid.builtin.filters.math import modulo as liquid_modulo
from liquid.builtin.filters.misc import size as liquid_size
from liquid.exceptions import FilterError

from sitegen.content.markup import render_body
from sitegen.jekyll.sass_settings import SassSettings
from sitegen.jekyll.strip_html import strip_html
from sitegen.jekyll.xmlschema import xmlschema
from sitegen.liquid.clock import ClockReads
from sitegen.liquid.expressions import find_exp, sample, where_exp
from sitegen.liquid.expressions import items_of as _items
from sitegen.liquid.float_domain import non_finite
from sitegen.liquid.grouping import group_by, group_by_exp
from sitegen.liquid.item_property import ruby_class, where
from sitegen.liquid.jekyll_date_input import jekyll_filter_time
from sitegen.liquid.json_filter import jsonify
from sitegen.liquid.numbers import float_division, floored_modulo, ruby_round, ruby_size, with_epoch_seconds
from sitegen.liquid.ruby_date_filter import parse_liquid_time, ruby_date_of, ruby_time_of
from sitegen.liquid.ruby_range import string_to_i
from sitegen.liquid.ruby_sort import jekyll_sort
from sitegen.liquid.ruby_text_filters import (
    base64_decode,
    base64_url_safe_decode,
    escape,
    escape_once,
    remove_last,
    replace_last,
    split,
)
from sitegen.liquid.ruby_truncate import ruby_truncate, ruby_truncatewords
from sitegen.liquid.ruby_values import ruby_float, ruby_inspect, ruby_string
from sitegen.liquid.sass_filters import sass_filters
from sitegen.liquid.smartify import smartify
from sitegen.urls import URL_SAFE, browser_text
from sitegen.urls import slugify as url_slugify

_LONE_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")


@dataclass(frozen=True, slots=True)
class FilterSettings:
    """What Jekyll's site-dependent filters read from the site's configuration."""

    url: str
    baseurl: str
    zone: tzinfo
    markdown: str
    sass: SassSettings = field(default_factory=SassSettings)
    """The site's `sass:` settings, for `scssify` and `sassify`."""
    clock: ClockReads = field(default_factory=ClockReads, compare=False)
    """Where the date filters read the clock (`now`, `today`): the stage's, which notes it."""


def jekyll_filters(settings: FilterSettings) -> dict[str, Callable[..., Any]]:
    """Every Jekyll filter by name, bound to one site's settings."""

    def relative_url(value: Any) -> Any:
        # url_filters.rb `compute_relative_url`: absolute URLs pass; the baseurl, chomped
        # of its trailing slash, and the input each get a leading slash and are joined.
        if value is None:
            return None
        text = ruby_string(value)  # `input.to_s`: `false`, `["a", nil]`, not Python's text
        if urlsplit(text).scheme:
            return text
        # A path as browsers read it, as the file it names was published (`browser_text`):
        # escaped, `\\` would be a `%5C` no browser reads as `/`.
        cut = min((at for at in (text.find("?"), text.find("#")) if at >= 0), default=len(text))
        base = settings.baseurl.removesuffix("/")
        joined = _leading_slash(base) + _leading_slash(browser_text(text[:cut]) + text[cut:])
        # `Addressable::URI#normalize` escapes a `%` that starts no escape, and brackets
        # (they belong only to an IPv6 host), where `uri_escape` keeps them.
        return _normalize(_LONE_PERCENT.sub("%25", joined)).replace("[", "%5B").replace("]", "%5D")

    def absolute_url(value: Any) -> Any:
        if value is None:
            return None
        text = ruby_string(value)
        if urlsplit(text).scheme:
            return text
        relative = relative_url(text)
        return settings.url + relative if settings.url else relative

    def to_time(value: Any) -> datetime | None:
        # Jekyll's own date filters show a time in the site's zone (filters/date.rb `time`:
        # `localtime`); what they cannot read fails the tag (`Invalid Date`).
        return jekyll_filter_time(value, settings.zone, settings.clock.now)

    def ruby_date(value: Any, fmt: Any) -> Any:
        # standardfilters.rb `date`: the input unchanged without a format or a time;
        # a time keeps its own offset (`Time#strftime`, no `localtime`). The format is
        # read with `to_s` (`date: true` formats "true", not Python's "True").
        fmt = ruby_string(fmt)
        if fmt == "":
            return value
        if isinstance(value, datetime):
            moment = to_time(value) if value.tzinfo is None else value
            return ruby_time_of(moment).strftime(fmt) if moment is not None else value
        if isinstance(value, date):
            return ruby_date_of(value).strftime(fmt)
        if isinstance(value, int) and not isinstance(value, bool):
            return ruby_time_of(datetime.fromtimestamp(value, settings.zone)).strftime(fmt)
        if isinstance(value, str) and value.lower() in ("now", "today"):
            # `Time.now`, in the zone Jekyll runs in (it sets `TZ` from `timezone:`).
            return ruby_time_of(settings.clock.now(settings.zone)).strftime(fmt)
        if isinstance(value, str):
            parsed = parse_liquid_time(value, settings.zone)
            return value if parsed is None else parsed.strftime(fmt)
        return value  # `Utils.to_date` gives nil (nil, a float, a hash, a boolean): the input

    def date_filter(fmt: str) -> Callable[[Any], Any]:
        def apply(value: Any) -> Any:
            moment = to_time(value)
            return value if moment is None else ruby_time_of(moment).strftime(with_epoch_seconds(fmt, moment))

        return apply

    def date_to_xmlschema(value: Any) -> Any:
        moment = to_time(value)
        return value if moment is None else xmlschema(moment)

    def date_to_string(value: Any, kind: Any = None, style: Any = None) -> Any:
        return _date_string(to_time(value), value, "%b", kind, style)

    def date_to_long_string(value: Any, kind: Any = None, style: Any = None) -> Any:
        return _date_string(to_time(value), value, "%B", kind, style)

    def markdownify(value: Any) -> str:
        # Kramdown writes a line even for no text (`{{ nil | markdownify }}` is "\n").
        text = render_body("" if value is None else str(value), ".md", settings.markdown)
        return text or "\n"

    return {
        "relative_url": relative_url,
        "absolute_url": absolute_url,
        "date": ruby_date,
        "round": ruby_round,
        "modulo": floored_modulo(liquid_modulo),
        "divided_by": float_division(liquid_divided_by),
        "size": ruby_size(liquid_size),
        "date_to_xmlschema": date_to_xmlschema,
        "date_to_rfc822": date_filter("%a, %d %b %Y %H:%M:%S %z"),
        "date_to_string": date_to_string,
        "date_to_long_string": date_to_long_string,
        "markdownify": markdownify,
        "xml_escape": xml_escape,
        "cgi_escape": cgi_escape,
        "uri_escape": uri_escape,
        "slugify": slugify,
        "where": where,
        "where_exp": where_exp,
        "find_exp": find_exp,
        "sample": sample,
        "group_by": group_by,
        "group_by_exp": group_by_exp,
        "sort": jekyll_sort,
        "jsonify": jsonify,
        "number_of_words": number_of_words,
        "array_to_sentence_string": array_to_sentence_string,
        "normalize_whitespace": normalize_whitespace,
        "smartify": smartify,
        "strip_html": ruby_strip_html,
        "strip_index": strip_index,
        "to_integer": to_integer,
        "push": push,
        "pop": pop,
        "shift": shift,
        "unshift": unshift,
        "inspect": inspect,
        "truncate": ruby_truncate,
        "truncatewords": ruby_truncatewords,
        "remove_last": remove_last,
        "replace_last": replace_last,
        "split": split,
        "escape": escape,
        "escape_once": escape_once,
        "base64_decode": base64_decode,
        "base64_url_safe_decode": base64_url_safe_decode,
        **sass_filters(settings.sass),
    }


def _leading_slash(text: str) -> str:
    return text if not text or text.startswith("/") else "/" + text


def _normalize(url: str) -> str:
    """Addressable's `normalize` as far as it shows: non-ASCII is percent-encoded."""
    return quote(url, safe=URL_SAFE)


def _date_string(moment: datetime | None, value: Any, month: str, kind: Any, style: Any) -> Any:
    """date_filters.rb: `%d %b %Y`, or with `"ordinal"` the day as `1st`, and `"US"` style
    puts the month first (`Jul 7th, 2008`)."""
    if moment is None:
        return value
    time = ruby_time_of(moment)  # Ruby's `%Y` has four digits at least: `0001`, not `1`
    if kind != "ordinal":
        return time.strftime(f"%d {month} %Y")
    day = moment.day
    suffix = "th" if 10 <= day % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    if style == "US":
        return time.strftime(f"{month} {day}{suffix}, %Y")
    return time.strftime(f"{day}{suffix} {month} %Y")


def ruby_strip_html(value: Any) -> str:
    """standardfilters.rb `strip_html`: `input.to_s` by Ruby's regexes (python-liquid's
    read HTML as a browser does, and kept what Jekyll removes)."""
    return strip_html(value if isinstance(value, str) else ruby_string(value))


def xml_escape(value: Any) -> str:
    """filters.rb: `input.to_s.encode(:xml => :attr)` without its quotes (apostrophes as
    `&apos;`); nil is ""."""
    return "" if value is None else html.escape(ruby_string(value), quote=True).replace("&#x27;", "&apos;")


def cgi_escape(value: Any) -> str:
    """filters.rb: `CGI.escape`, which keeps only letters, digits and `_.-~` (`*` is `%2A`)."""
    return quote_plus("" if value is None else str(value), safe="~")


def uri_escape(value: Any) -> str:
    """filters.rb: `Addressable::URI.normalize_component`: the text in Unicode's NFKC form
    (a full-width `：` is `:`), and a `%` that starts no escape escaped itself (`100%` is
    `100%25`)."""
    text = unicodedata.normalize("NFKC", "" if value is None else str(value))  # Addressable's too
    return _normalize(_LONE_PERCENT.sub("%25", text))


def slugify(value: Any, mode: Any = "default") -> str:
    """filters.rb `slugify`: `Utils.slugify` in `mode`, lower-cased (`sitegen.urls.slugs`,
    where `latin` transliterates as I18n does)."""
    if value is None:
        return ""
    return url_slugify(str(value), "default" if mode is None else str(mode))


def _property(item: Any, name: Any) -> Any:
    """An item's property; `a.b` reaches into nested hashes (filters.rb `item_property`)."""
    current = item
    for part in str(name).split("."):
        if isinstance(current, Mapping):
            current = current.get(part)
        else:
            return None
    return current


def number_of_words(value: Any, mode: Any = None) -> int:
    """filters.rb: whitespace-separated words; with `cjk` (or `auto` when CJK is present)
    every CJK character counts as a word."""
    text = "" if value is None else str(value)
    if mode == "cjk" or (mode == "auto" and _CJK.search(text)):
        cjk = len(_CJK.findall(text))
        return cjk + len(_CJK.sub(" ", text).split())
    return len(text.split())


def array_to_sentence_string(value: Any, connector: Any = "and") -> str:
    """filters.rb: the items joined by commas and `connector` before the last. A hash is
    indexed as Jekyll indexes an array (`array[0]`), which finds no key 0: one pair
    prints nothing."""
    if isinstance(value, Mapping):
        if len(value) > 2:
            raise ValueError("undefined method `join' for nil:NilClass")
        value = [value.get(index) for index in range(len(value))]
    items = [ruby_string(item) for item in _items(value)]
    if len(items) <= 1:
        return "".join(items)
    if len(items) == 2:
        return f"{items[0]} {connector} {items[1]}"
    return f"{', '.join(items[:-1])}, {connector} {items[-1]}"


def normalize_whitespace(value: Any) -> str:
    return " ".join(("" if value is None else str(value)).split())


def strip_index(value: Any) -> Any:
    if value is None or str(value) == "":
        return value
    return re.sub(r"/index\.html?$", "/", str(value))


def to_integer(value: Any) -> int:
    """filters.rb `to_integer`: 1 and 0 for true and false, else Ruby's `to_i` (text's
    leading digits, `"1e5"` is 1; a float truncated, `Infinity` and `NaN` failing the tag
    with `FloatDomainError`; a time its epoch seconds; nil 0)."""
    if value is True or value is False or value is None:
        return int(bool(value))
    if isinstance(value, float):
        if non_finite(value):
            raise FilterError(f"to_integer: {ruby_float(value)}", token=None)
        return int(value)
    if isinstance(value, int):
        return value
    if isinstance(value, str):
        return string_to_i(value)
    if isinstance(value, datetime):
        return int(value.timestamp())
    raise FilterError(f"to_integer: undefined method `to_i' for {ruby_class(value)}", token=None)


def _count(value: Any) -> int:
    """A count for `pop` and `shift`: as it was read before `to_integer` was Ruby's."""
    if value is True or value is False:
        return int(value)
    try:
        return int(float(str(value)))
    except (ValueError, OverflowError):
        return 0


def push(value: Any, item: Any) -> Any:
    """filters.rb `push`, `pop`, `shift`, `unshift`: an array's copy changed; anything
    else (nil, text, a number, a range) is given back as it is (`nil | push: 1` is nil)."""
    return [*value, item] if isinstance(value, list | tuple) else value


def pop(value: Any, count: Any = 1) -> Any:
    if not isinstance(value, list | tuple):
        return value
    return list(value[: max(len(value) - _count(count), 0)])


def shift(value: Any, count: Any = 1) -> Any:
    return list(value[_count(count) :]) if isinstance(value, list | tuple) else value


def unshift(value: Any, item: Any) -> Any:
    return [item, *value] if isinstance(value, list | tuple) else value


def inspect(value: Any) -> str:
    """filters.rb `inspect`: Ruby's `inspect` (`[3, 1.5, nil]`, `{"a"=>1}`, a range as
    `3..1`), escaped; a document, which Jekyll's `Drop#inspect` writes as JSON, as JSON.
    A missing value is Ruby's nil (`{{ page.nothing | inspect }}` is `nil`), as every
    filter is given it (`sitegen.liquid.undefined_values`)."""
    if isinstance(value, Mapping) and not isinstance(value, dict):
        return xml_escape(jsonify(value))
    return xml_escape(ruby_inspect(value))
