"""What the differential tests of output paths compare: which source's bytes a build
published at each path.

Every source file of such a test carries a marker of its own (`STATIC7`, `PAGE3`) and
nothing else, with `layout: null`, so its output is the marker alone (a page or post as
`<p>PAGE3</p>`); sitegen's own pages (listings, the home page) are longer and never
taken for one.
"""

from __future__ import annotations

import re
from pathlib import Path

MARKER = re.compile(rb"(?:<p>)?((?:STATIC|PAGE|POST|DOC)[0-9]+)(?:</p>)?\s*")


def published_sources(root: Path) -> dict[str, str]:
    """Each published file holding a marker, with that marker: `{"a/b.html": "PAGE3"}`."""
    found = {}
    for path in root.rglob("*"):
        if path.is_file() and not path.is_symlink() and path.stat().st_size < 64:
            match = MARKER.fullmatch(path.read_bytes())
            if match is not None:
                found[path.relative_to(root).as_posix()] = match.group(1).decode()
    return found


def marked(kind: str, number: int, front: str | None = None) -> str:
    """The text of a source file: `front` (front matter lines, `layout: null` added)
    makes it a page, post or document; None, a static file."""
    if front is None:
        return f"{kind}{number}\n"
    return f"---\nlayout: null\n{front}---\n{kind}{number}\n"
