"""SCSS and Sass to CSS, as jekyll-sass-converter does for a file with front matter.

Jekyll converts `style.scss` (or indented-syntax `style.sass`) that starts with front
matter into `style.css`, importing partials from `sass_dir` (`_sass/`) and the
`load_paths` (jekyll-sass-converter 2.2, `Jekyll::Converters::Scss`). sitegen compiles
with libsass, the engine behind the `sassc` gem that converter uses, so selectors and
values come out as Jekyll's do. A file without front matter is copied as it is, as in
Jekyll.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from sitegen.errors import ContentError
from sitegen.jekyll.sass_settings import SassSettings

SASS_SUFFIXES = frozenset({".scss", ".sass"})


def compile_sass(text: str, suffix: str, settings: SassSettings) -> str:
    """The CSS of one SCSS (`.scss`) or Sass (`.sass`) text; a syntax error or a missing
    import is a `ContentError` with libsass's own first line (the caller adds the file)."""
    if not text:
        # libsass refuses an empty source ("Data context created with empty source
        # string"); Jekyll publishes an empty stylesheet, as libsass does for a blank one.
        return ""
    # Imported here: libsass takes 10 ms to import, and most builds compile no Sass.
    import sass

    try:
        css: str = sass.compile(
            string=text,
            output_style=settings.style,
            include_paths=list(settings.load_paths),
            indented=suffix.lower() == ".sass",
        )
    except sass.CompileError as error:
        first_line = str(error).strip().splitlines()[0] if str(error).strip() else "cannot be compiled"
        raise ContentError(f"SCSS: {first_line.removeprefix('Error: ')}; not published") from None
    return css


def sass_inputs_digest(settings: SassSettings) -> str:
    """A digest of every file `@import` can read (the files below the load paths, by
    path and bytes), so a cached conversion is redone when a partial changes."""
    hasher = hashlib.blake2b(digest_size=20)
    for folder in settings.load_paths:
        for root, dirs, files in os.walk(folder):
            dirs.sort()
            for name in sorted(files):
                path = Path(root, name)
                try:
                    data = path.read_bytes()
                except OSError:
                    data = b"\0unreadable"
                hasher.update(str(path).encode("utf-8", "surrogateescape") + b"\0" + data + b"\0")
    return hasher.hexdigest()
