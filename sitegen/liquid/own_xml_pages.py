"""The site's own XML pages (a `feed.xml`, `sitemap.xml`, an `.xsl`) that do not parse.

A site's own page at a feed's or sitemap's path replaces sitegen's, and is published as
its Liquid wrote it, as Jekyll publishes it; an old theme's feed that does not escape
`{{ site.title }}` then holds a bare `&`, and every feed reader refuses the feed. A
build that deploys on success would ship it silently, so each such page is one warning
naming its source, with the XML error's line and column. A warning, not an error:
nothing of the site is left out (the page is published whole, as written), and an
error is what `--strict` refuses to publish for.

Only pages without a layout are read: their body is their output. The check runs on
every build over the finished pages (with Liquid or without), so a page the cache keeps
says its error again, as a clean build does; it parses only the site's few XML pages.
Static files (no front matter) are not read here: they are copied byte for byte, as the
site keeps them, and `sitegen check` names one that does not parse.

Expat is set up safely: the document's own encoding declaration is overridden (the
text is the output's UTF-8), no parameter or external entity is ever read, and
Python's expat refuses entity expansion that grows out of bounds.
"""

from __future__ import annotations

from collections.abc import Iterable
from xml.parsers import expat

from sitegen.config import SiteConfig
from sitegen.content.markup import document_output_ext
from sitegen.errors import Diagnostic, Level
from sitegen.model import NO_LAYOUT, SourcePage
from sitegen.urls.xml_names import is_xml_name

#: What the error line adds after the parser's words: why it matters.
CONSEQUENCE = "published as written, which feed readers refuse"


def xml_page_problems(pages: Iterable[SourcePage], config: SiteConfig) -> list[Diagnostic]:
    """One warning for each page without a layout whose output is XML (by its output
    extension's media type: an `.html` page opening with `<?xml` is XHTML a browser
    reads as HTML) and is not well-formed."""
    found = []
    for page in pages:
        if page.layout != NO_LAYOUT or page.liquid is not None:
            continue
        ext = document_output_ext(page.front_matter, page.source_path.suffix, config.markdown_suffixes)
        if not is_xml_name(f"page{ext}"):
            continue
        problem = xml_problem(page.body_html)
        if problem is not None:
            found.append(Diagnostic(f"{problem}; {CONSEQUENCE}", page.source_path, None, Level.WARNING))
    return found


def xml_problem(text: str) -> str | None:
    """Why `text` is not well-formed XML, or None."""
    parser = expat.ParserCreate("utf-8")  # the output's encoding, whatever the text declares
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.ExternalEntityRefHandler = _refuse_external
    try:
        parser.Parse(text.encode("utf-8", "surrogatepass"), True)
    except expat.ExpatError as error:
        reason = expat.ErrorString(error.code) if error.code is not None else str(error)
        return f"not well-formed XML (line {error.lineno}, column {error.offset + 1}: {reason})"
    return None


def _refuse_external(
    context: str | None, base: str | None, system_id: str | None, public_id: str | None
) -> int:
    """Never read an external entity: the parse is about this text alone."""
    return 1
