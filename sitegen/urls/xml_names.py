"""Which file names hold XML, by their media type.

The media type comes from Python's own table (`mimetypes.MimeTypes()` holds only the
built-in defaults, so the answer never depends on the machine's `/etc/mime.types`) with
the XML formats a news site publishes that the table lacks; any `+xml` type,
`application/xml` or `text/xml` is XML. Read by the renderer (which outputs to clean)
and by `sitegen check` (which published files to parse).
"""

from __future__ import annotations

import mimetypes

#: XML formats sites publish that Python's built-in table does not name (IANA types).
_EXTRA_XML_TYPES = {
    ".rss": "application/rss+xml",
    ".atom": "application/atom+xml",
    ".opml": "text/x-opml+xml",
    ".gpx": "application/gpx+xml",
    ".kml": "application/vnd.google-earth.kml+xml",
    ".xhtml": "application/xhtml+xml",
    ".xht": "application/xhtml+xml",
    ".xslt": "application/xslt+xml",
    ".xsd": "application/xml",
    ".rdf": "application/rdf+xml",
    ".xsl": "application/xslt+xml",
    ".mathml": "application/mathml+xml",
    ".smil": "application/smil+xml",
    ".xspf": "application/xspf+xml",
    ".plist": "application/xml",
}
_TYPES = mimetypes.MimeTypes()
for _extension, _type in _EXTRA_XML_TYPES.items():
    _TYPES.add_type(_type, _extension)


def is_xml_name(name: str) -> bool:
    """Whether a file called `name` holds XML by its media type (case of the suffix aside)."""
    media_type, _ = _TYPES.guess_type(name.lower(), strict=False)
    return media_type is not None and (
        media_type.endswith("+xml") or media_type in ("application/xml", "text/xml")
    )
