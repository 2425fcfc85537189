"""jekyll-redirect-from's pages in the plan: where a site enables the plugin, each
`redirect_from` of a post, page or collection document is a redirect page, a document
with `redirect_to` is published as one, and `redirects.json` lists them all
(`sitegen.jekyll.redirect_from` holds the plugin's rules).

Who keeps a path is who Jekyll writes there last (`Site#each_site_file`: pages, then
static files, then documents). The plugin adds its pages to the site's pages
(generator.rb), after the site's own, so a redirect replaces a page of the site at its
path; a static file, post or collection document there is written after it and stays.
Of two redirects at one path, the one made last stays: the plugin makes them for the
posts (oldest first), the other collections' documents, then the pages, in the order
Jekyll writes those. sitegen's own generated pages keep their paths, as against any
file of the site. Each redirect or page left out is one warning naming its file.

A redirect is no content: it is in no sitemap, feed, listing or search index (its
subject is none of those kinds: `sitegen.site.sitemap`, `sitegen.search`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from sitegen.config import SiteConfig
from sitegen.content.markup import document_output_ext
from sitegen.errors import Diagnostic, OutputError
from sitegen.jekyll.plugins import plugin_runs
from sitegen.jekyll.redirect_from import (
    PLUGIN,
    absolute_target,
    jekyll_url,
    json_enabled,
    redirect_from_paths,
    redirect_page_url,
    redirect_to_value,
    redirects_json,
    unescaped,
)
from sitegen.model import Post, SourcePage, StaticFile
from sitegen.site.claims import Claims
from sitegen.site.subjects import JekyllRedirect, PageSubject, RedirectsJson
from sitegen.urls import OutputPath, output_path

REDIRECT_TEMPLATE = "jekyll_redirect.html"
JSON_TEMPLATE = "jekyll_redirects.txt"
JSON_URL = "/redirects.json"


@dataclass(frozen=True, slots=True)
class _FromPage:
    """One `redirect_from` entry's page, before it is claimed."""

    subject: JekyllRedirect
    output_ext: str
    from_path: str
    source_path: Path
    relative_path: str


@dataclass(frozen=True, slots=True)
class PluginRedirects:
    """The plugin's pages for one site (none where the site does not enable it)."""

    from_pages: tuple[_FromPage, ...] = ()
    """In the order the plugin makes them: the last at a path is the one published."""
    replaced: Mapping[int, JekyllRedirect] = field(default_factory=lambda: MappingProxyType({}))
    """By `id` of a post or page with `redirect_to`: what is published in its place."""
    json_text: str | None = None
    """`redirects.json`, or None where the plugin writes none."""
    diagnostics: tuple[Diagnostic, ...] = ()

    def instead(
        self, document: Post | SourcePage, template: str, subject: PageSubject
    ) -> tuple[str, PageSubject]:
        """The template and subject a document is published with: its redirect's, where
        it has `redirect_to` (generator.rb: its output is the redirect page)."""
        redirect = self.replaced.get(id(document))
        return (REDIRECT_TEMPLATE, redirect) if redirect is not None else (template, subject)

    def claim_from_pages(self, claims: Claims, site_file_paths: Mapping[OutputPath, StaticFile]) -> None:
        """Claim each `redirect_from` page after the posts and documents, before the
        site's pages: the last made first, so that it keeps its path against the others."""
        for page in reversed(self.from_pages):
            where = f"{PLUGIN}: redirect_from {page.from_path}"
            try:
                path = output_path(page.subject.url, page.output_ext)
            except OutputError as error:
                claims.diagnostics.append(
                    Diagnostic(f"{where}: {error.message}; no redirect", page.source_path)
                )
                continue
            holder = claims.planned.get(path)
            reserved = claims.reservation_at_or_above(path)
            static = site_file_paths.get(path)
            if holder is not None and holder.source_path is not None:
                kept = f"kept by {holder.source}, which Jekyll writes after the redirect"
            elif static is not None:
                kept = f"kept by the file {static.relative_path}, which Jekyll writes after the redirect"
            elif holder is not None:
                kept = f"kept for {holder.source}"
            elif reserved is not None:
                kept = f"kept for {reserved.description}"
            else:
                source = f"the redirect_from {page.from_path} of {page.relative_path}"
                claims.claim(
                    page.subject.url,
                    REDIRECT_TEMPLATE,
                    page.subject,
                    source,
                    page.source_path,
                    output_ext=page.output_ext,
                )
                continue
            message = f"{where}: {path} is {kept}; no redirect published"
            claims.diagnostics.append(Diagnostic(message, page.source_path))

    def pages_kept(
        self, claims: Claims, pages: Iterable[SourcePage], markdown_suffixes: frozenset[str]
    ) -> tuple[SourcePage, ...]:
        """The site's pages but those whose path a redirect took, each with a warning:
        Jekyll writes the redirect after the page, so it is what is published."""
        if not self.from_pages:
            return tuple(pages)
        kept = []
        for page in pages:
            extension = document_output_ext(page.front_matter, page.source_path.suffix, markdown_suffixes)
            try:
                path = output_path(page.url, extension)
            except OutputError:
                path = ""
            holder = claims.planned.get(path)
            if holder is not None and holder.template == REDIRECT_TEMPLATE and holder.source_path is not None:
                message = (
                    f"{PLUGIN}: {holder.source} is published at {path} in place of this page "
                    "(Jekyll writes it last)"
                )
                claims.diagnostics.append(Diagnostic(message, page.source_path))
                continue
            kept.append(page)
        return tuple(kept)

    def claim_json(self, claims: Claims) -> None:
        """`redirects.json`, giving way to anything of the site at its path."""
        if self.json_text is not None:
            subject = RedirectsJson(JSON_URL, self.json_text)
            claims.claim(JSON_URL, JSON_TEMPLATE, subject, f"{PLUGIN}'s redirects.json", optional=True)


NO_REDIRECTS = PluginRedirects()


def plugin_redirects(
    config: SiteConfig,
    posts: Iterable[Post],
    documents: Sequence[SourcePage],
    own_pages: Sequence[SourcePage],
    site_files: Iterable[StaticFile],
) -> PluginRedirects:
    """The plugin's pages, where the site enables it. `documents` and `own_pages` are in
    the order they claim (`sitegen.site.write_order`), the reverse of Jekyll's."""
    written = config.written
    if not plugin_runs(written, PLUGIN, safe=config.safe):
        return NO_REDIRECTS
    site_url = written.get("url")
    baseurl = written.get("baseurl")
    site_url = site_url if isinstance(site_url, str) else ""
    baseurl = baseurl if isinstance(baseurl, str) else ""
    from_pages: list[_FromPage] = []
    replaced: dict[int, JekyllRedirect] = {}
    listed: dict[str, str] = {}
    diagnostics: list[Diagnostic] = []
    # The plugin's order: `site.docs_to_write` (posts oldest first, then the other
    # collections), then `site.pages`.
    oldest_first = sorted(posts, key=lambda post: post.sort_key)
    ordered: list[Post | SourcePage] = [*oldest_first, *reversed(documents), *reversed(own_pages)]
    for document in ordered:
        front_matter = document.front_matter
        if "redirect_from" not in front_matter and "redirect_to" not in front_matter:
            continue
        doc_url = jekyll_url(document.url, document.liquid_url)
        target = absolute_target(doc_url, site_url, baseurl)
        paths, refused = redirect_from_paths(front_matter.get("redirect_from"))
        for from_path in paths:
            url, extension = redirect_page_url(from_path)
            subject = JekyllRedirect(unescaped(url), target)
            from_pages.append(
                _FromPage(subject, extension, from_path, document.source_path, str(document.relative_path))
            )
            listed[from_path] = target
        to, refused_to = redirect_to_value(front_matter.get("redirect_to"))
        if to is not None:
            post = document if isinstance(document, Post) else None
            replaced[id(document)] = JekyllRedirect(
                document.url, absolute_target(to, site_url, baseurl), post
            )
            listed[doc_url] = replaced[id(document)].target
        for why in (*refused, *((refused_to,) if refused_to else ())):
            diagnostics.append(Diagnostic(f"{PLUGIN}: {why}", document.source_path))
    sources: list[SourcePage | StaticFile] = [*own_pages, *documents, *site_files]
    own_json = any(str(item.relative_path) == JSON_URL[1:] for item in sources)
    json_text = redirects_json(listed) if json_enabled(written) and not own_json else None
    return PluginRedirects(tuple(from_pages), MappingProxyType(replaced), json_text, tuple(diagnostics))
