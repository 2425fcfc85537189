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
from collections.abc import Iterable
from pathlib import Path
from xml.parsers import expat

from sitegen.urls.xml_names import is_xml_name


def ill_formed_xml(root: Path, files: Iterable[str]) -> tuple[tuple[str, str], ...]:
    """(path below `root`, why) of each XML file among `files` (site-relative POSIX
    paths) that is not well-formed, sorted by path. Raises `OSError` for a file that
    cannot be read."""
    found = []
    for name in sorted(files):
        if not is_xml_name(os.path.basename(name)):
            continue
        parser = expat.ParserCreate()
        try:
            with open(root / name, "rb") as stream:
                parser.ParseFile(stream)
        except expat.ExpatError as error:
            reason = expat.ErrorString(error.code) if error.code is not None else str(error)
            found.append(
                (name, f"not well-formed XML (line {error.lineno}, column {error.offset + 1}: {reason})")
            )
    return tuple(found)
