"""Which published XML files do not parse: feeds, sitemaps and the site's own XML pages.

sitegen's own feeds and sitemaps are escaped as they are written, but a site's own
`feed.xml` is its Liquid's output, published as written, as Jekyll publishes it:
`<![CDATA[{{ post.content }}]]>` breaks on a body holding `]]>`. A feed reader then
drops the whole feed. `sitegen check` reads each file XML by its name
(`sitegen.urls.xml_names.is_xml_name`) with expat, the parser of Python's `xml`
package, and names the ones that do not parse, at their line and column.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import Path
from xml.parsers import expat

from sitegen.urls.xml_names import is_xml_name


def ill_formed_xml(root: Path, files: Iterable[str]) -> tuple[tuple[str, str], ...]:
    """(path below `root`, why) of each XML file among `files` (site-relative POSIX
    paths) that is not well-formed, sorted by path. A gzipped file (`.svgz`) is not
    read. Raises `OSError` for a file that cannot be read."""
    found = []
    for name in sorted(files):
        if not is_xml_name(os.path.basename(name)):
            continue
        data = (root / name).read_bytes()
        if data.startswith(_GZIP_MAGIC):
            continue  # `image/svg+xml` by name, compressed on disk
        problem = _problem(data)
        if problem is not None:
            found.append((name, problem))
    return tuple(found)


def _problem(data: bytes) -> str | None:
    """Why `data` is not well-formed XML, or None. Expat reads UTF-8, UTF-16 and the
    single-byte encodings itself; a document declaring another (GB2312, GBK, Big5,
    Shift_JIS, which Chinese sites still serve) is decoded by Python's codec of that
    name and given to expat as UTF-8."""
    try:
        _parse(data)
    except expat.ExpatError as error:
        reason = expat.ErrorString(error.code) if error.code is not None else str(error)
        return f"not well-formed XML (line {error.lineno}, column {error.offset + 1}: {reason})"
    except ValueError:  # "multi-byte encodings are not supported"
        declared = _DECLARED.match(data)
        encoding = declared.group("encoding").decode("ascii") if declared else "?"
        try:
            text = data.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            return f"not well-formed XML (cannot be read as its declared encoding {encoding})"
        # The declaration is ASCII, one character a byte in every such encoding.
        body = text[declared.end() :] if declared else text
        return _problem(('<?xml version="1.0" encoding="UTF-8"?>' + body).encode("utf-8"))
    return None


def _parse(data: bytes) -> None:
    parser = expat.ParserCreate()
    parser.Parse(data, True)


_GZIP_MAGIC = b"\x1f\x8b"
_DECLARED = re.compile(rb"<\?xml[^>]*?encoding\s*=\s*[\"'](?P<encoding>[A-Za-z0-9._-]+)[\"'][^>]*?\?>")
