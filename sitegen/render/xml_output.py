"""Which rendered outputs are XML, and their encoding to bytes that always parse.

A page is XML by its media type, not by one suffix: a Liquid page `feed.rss`, an
`.atom`, `.svg` or `.opml` file is as much XML as `feed.xml`, and a feed reader fails
on one forbidden character in any of them (`sitegen.urls.xml_names`). An output of
another name that opens with an XML declaration (`<?xml version=...?>`)
declares itself XML whatever it is called.
"""

from __future__ import annotations

import re

from sitegen.display_text import FORBIDDEN_CHARACTERS
from sitegen.urls.xml_names import is_xml_name

#: An XML declaration at the start of the text (after a byte-order mark or blank lines a
#: template's front matter leaves), not a processing instruction such as `<?xml-stylesheet`.
_DECLARATION = re.compile(r"\ufeff?\s*<\?xml[\s?]")
#: What XML 1.0 forbids besides lone surrogates (which `encode_output` replaces for every
#: output): `sitegen.display_text.FORBIDDEN_CHARACTERS`.
_XML_FORBIDDEN = FORBIDDEN_CHARACTERS
_SURROGATE = re.compile("[\ud800-\udfff]")


def is_xml_output(names: tuple[str, ...], text: str) -> bool:
    """Whether the output rendered from or published under `names` is XML: one of them
    has an XML media type, or `text` opens with an XML declaration."""
    return any(is_xml_name(name) for name in names) or _DECLARATION.match(text) is not None


def encode_output(text: str, *, xml: bool) -> bytes:
    """`text` as UTF-8 that never fails to encode and, for XML, is always well-formed.

    Characters XML forbids are dropped (they carry nothing a reader could show); a lone
    surrogate, which UTF-8 cannot encode, becomes U+FFFD in any output. The fallback runs
    only when the plain encoding fails, so an ordinary page is encoded once."""
    if xml:
        text = _XML_FORBIDDEN.sub("", text)
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        return _SURROGATE.sub("\ufffd", text).encode("utf-8")
