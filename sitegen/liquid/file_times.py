"""Whether a site's Liquid can print a static file's mtime, which a copy or checkout moves.

`site.static_files` lists each file with its `modified_time`, the file's mtime
(`Drops::StaticFileDrop`, static_file.rb): a page printing it changes when a file is
touched, even with the same bytes, so the no-change check must then compare mtimes.
This looks only inside the Liquid markup (`{{ … }}` and `{% … %}`) of the bodies and of
every include (`sitegen.liquid.clock.liquid_texts`), and of what an `{% include_relative %}`
read (`sitegen.incremental.relative_includes`), and errs towards yes: any `static_files`
or `modified_time` word, or `site` used whole (`{{ site | jsonify }}`, `site["static_files"]`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_MARKUP = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.DOTALL)
_FILE_TIMES = re.compile(r"\b(?:static_files|modified_time)\b|\bsite\b(?!\s*\.\s*\w)")


def reads_file_times(texts: Iterable[str]) -> bool:
    """True when any of these Liquid sources may print a static file's mtime."""
    return any(_FILE_TIMES.search(markup.group()) for text in texts for markup in _MARKUP.finditer(text))
