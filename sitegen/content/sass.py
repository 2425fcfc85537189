"""SCSS and Sass to CSS, as jekyll-sass-converter does for a file with front matter.

Jekyll converts `style.scss` (or indented-syntax `style.sass`) that starts with front
matter into `style.css`, importing partials from `sass_dir` (`_sass/`) and the
`load_paths` (jekyll-sass-converter 2.2, `Jekyll::Converters::Scss`), found as that
converter finds them whatever folder sitegen runs in (`sitegen.content.sass_imports`). sitegen compiles
with libsass, the engine behind the `sassc` gem that converter uses, so selectors and
values come out as Jekyll's do. A file without front matter is copied as it is, as in
Jekyll.
"""

from __future__ import annotations

from sitegen.content.sass_imports import ImportNotFound, importer_for
from sitegen.errors import ContentError, message_lines
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
            importers=[
                (0, importer_for(settings.site_dir, settings.load_paths, settings.unread, safe=settings.safe))
            ],
            indented=suffix.lower() == ".sass",
        )
    except ImportNotFound as error:
        raise ContentError(f"SCSS: {error}; not published") from None
    except sass.CompileError as error:
        cause = _importer_error(str(error))
        if cause is not None:
            raise ContentError(f"SCSS: {cause}; not published") from None
        first_line = message_lines(str(error).strip())[0] if str(error).strip() else "cannot be compiled"
        raise ContentError(f"SCSS: {first_line.removeprefix('Error: ')}; not published") from None
    return css


def _importer_error(message: str) -> str | None:
    """The importer's own sentence, where libsass wrapped its exception in a traceback."""
    for line in message_lines(message):
        name, _, rest = line.strip().partition(": ")
        if name.endswith("ImportNotFound"):
            return rest
    return None
