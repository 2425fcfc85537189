"""Find internal links in a built site that lead nowhere (`sitegen check [DIR]`).

The checker works on the written tree, not on the build's page plan, so it also catches
links that templates, hand-written HTML and static files get wrong, and it can check a
tree built by anything (Jekyll included). It never touches the network: links to other
hosts are skipped, because a news site links to thousands of them and their health is not
the site's to fix.

Pipeline: list every file under the root once (an in-memory set, so resolving a link is a
set lookup and can never leave the tree) → parse each page for link attributes → turn each
internal link into a normalised URL path → keep those that name no file → group by target.
Pages are parsed in worker processes, in chunks; every ordering in the result is an
explicit `sorted(...)`, so the report does not depend on `jobs`.

Every attribute that holds a URL a browser fetches or navigates to is read
(`sitegen.check.url_attributes`: `href`, `src`, each `srcset` candidate, `poster`, `data`,
a refresh's URL, …). Each URL is resolved as a browser resolves it (the WHATWG URL
standard, RFC 3986 section 5): against the page's first `<base href>`
(`sitegen.check.base_url`), with leading and trailing spaces and controls dropped, tabs
and line breaks removed, a backslash read as `/`, percent-escapes decoded (`%2E%2E` is `..`),
and `.`/`..` segments removed, a `..` at the root staying at the root: `/../img/a.png`
is `/img/a.png`, as every browser requests it. Under a `baseurl` of `/news`,
`/news/../img/a.png` is `/img/a.png` too, outside the site, so broken.

A link's `#fragment` is not checked against the target's `id`s: a missing anchor still
opens the page (at its top), and Jekyll sites often make their table-of-contents anchors
in JavaScript, so a checker reading the built markup would report anchors that work.
Known limit: symlinked folders are not descended into, and SVG's `href` is not read.
"""

from __future__ import annotations

import os
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from itertools import repeat
from pathlib import Path
from urllib.parse import SplitResult, quote, unquote, urlsplit

from sitegen.check.base_url import DocumentBase, document_base
from sitegen.check.hidden import hidden_links
from sitegen.check.page_links import page_links, strainer
from sitegen.check.url_path import as_parsed, normalise_path
from sitegen.check.xml_files import ill_formed_xml
from sitegen.errors import SitegenError, UsageError, one_line
from sitegen.urls import HTML_SUFFIXES, normalize_baseurl

# RFC 3986 scheme syntax, the same test `urlsplit` applies (after `strip()`).
_SCHEME = re.compile(r"\s*[A-Za-z][A-Za-z0-9+.-]*:")
_WEB_SCHEMES = frozenset({"http", "https"})
# Ports that `http:`/`https:` imply; a link may spell the site's host with either scheme.
_DEFAULT_PORTS = frozenset({None, 80, 443})
# More chunks than workers so that one slow chunk does not leave a core idle at the end;
# few enough that shipping the file set with each chunk stays cheap.
_CHUNKS_PER_WORKER = 4


@dataclass(frozen=True, slots=True)
class BrokenLink:
    """One URL path that names no file, and every page that links to it."""

    target: str
    """Root-relative, percent-decoded URL path without query or fragment, as the browser
    would request it (so it includes the baseurl, and a `..` at the root stays there:
    `/../x.html` is `/x.html`); a link `urlsplit` cannot parse at all (`http://[oops`) is
    kept as written."""
    pages: tuple[str, ...]
    """Site-relative paths (`a/b/index.html`) of the linking pages, sorted, each once."""


@dataclass(frozen=True, slots=True)
class LinkReport:
    """What `check_site` found; `ok` is what the command line turns into its exit code."""

    pages_checked: int
    """Number of `.html`/`.htm` files read."""
    links_checked: int
    """Internal links examined, counting each distinct target once per page (a page that
    links to `/` three times counts one)."""
    broken: tuple[BrokenLink, ...]
    """Sorted by target."""
    hidden: tuple[tuple[str, str], ...] = ()
    """Pages whose links after some point a browser never shows, and why, by page."""
    ill_formed: tuple[tuple[str, str], ...] = ()
    """XML files that do not parse, and why, by path (`sitegen.check.xml_files`)."""

    @property
    def ok(self) -> bool:
        """True when no internal link is broken or hidden and every XML file parses."""
        return not self.broken and not self.hidden and not self.ill_formed


@dataclass(frozen=True, slots=True)
class _LinkRules:
    """Everything a worker needs to judge a link; picklable, shipped with each chunk."""

    site_files: frozenset[str]
    """Site-relative POSIX paths of every regular file inside the root."""
    site_host: tuple[str, int | None] | None
    """(host, explicit non-default port) of `site_url`; None when no site_url was given."""
    baseurl: str
    """Decoded, `""` or `/blog` (leading slash, no trailing slash)."""

    def page_url(self, page: str) -> str:
        """Percent-encoded URL of a page, the base its relative links resolve against.

        `a/b/index.html` is served at `/a/b/` as well, but both URLs share the folder
        `/a/b/`, which is all that RFC 3986 resolution uses, so no trimming is needed.
        """
        return quote(f"{self.baseurl}/{page}", safe="/")

    def internal_target(self, href: str, base: DocumentBase) -> str | None:
        """The normalised URL path `href` points to on this site, or None to skip it.

        Skipped: other hosts and schemes, links without a scheme under a base off the
        site, and pure fragments and query-only links without a `<base href>` (both name
        the page itself, which exists). A link `urlsplit` rejects is returned as written,
        so it is reported rather than silently passed; so is a scheme-relative link whose
        host and path name a file of the site, an internal link a browser sends elsewhere.
        """
        href = as_parsed(href)
        try:
            parts = urlsplit(href)
        except ValueError:
            return href
        if not (parts.scheme or parts.netloc) and base.path is None:
            return None
        if not parts.path and not parts.scheme and not parts.netloc:
            # `#top`, `?page=2`, ``: the base's document, the page itself without a base.
            return (
                normalise_path(unquote(base.path, errors="replace")) if base.declared and base.path else None
            )
        if not parts.scheme and parts.netloc and not base.web:
            return None  # `//example.com/x/` under `<base href="ftp://…">`: an ftp link
        if parts.scheme or parts.netloc:
            doubled = normalise_path(unquote(f"{self.baseurl}/{parts.netloc}{parts.path}", errors="replace"))
            if not parts.scheme and self.resolves(doubled):
                return href  # `//assets/a.css`: a site path with its slash doubled, host `assets`
            if parts.scheme and parts.scheme not in _WEB_SCHEMES:
                return None
            if not self.is_own_host(parts):
                return None
            path = parts.path or "/"
        elif parts.path.startswith("/"):
            path = parts.path
        else:
            # RFC 3986 merge: everything up to the base's last slash, then the reference.
            assert base.path is not None
            path = base.path[: base.path.rfind("/") + 1] + parts.path
        # Decode before removing dot segments: `%2E%2E` is `..` to a browser, and the
        # escape check must see what will actually be looked up.
        return normalise_path(unquote(path, encoding="utf-8", errors="replace"))

    def resolves(self, target: str) -> bool:
        """True when a static host would serve a file for `target` from this tree."""
        if not target.startswith("/"):
            return False
        if self.baseurl:
            if target == self.baseurl:
                target = "/"
            elif target.startswith(self.baseurl + "/"):
                target = target[len(self.baseurl) :]
            else:
                return False
        key = target[1:]
        if not key or key.endswith("/"):
            return key + "index.html" in self.site_files
        return (
            key in self.site_files
            or key + "/index.html" in self.site_files
            or key + ".html" in self.site_files
        )

    def is_own_host(self, parts: SplitResult) -> bool:
        """True when an absolute URL's host (and port) is `site_url`'s."""
        if self.site_host is None:
            return False
        try:
            return _host_key(parts) == self.site_host
        except ValueError:  # a port that is not a number names no host of ours
            return False


@dataclass(frozen=True, slots=True)
class _PageResult:
    """What a worker sends back for one page: only the broken targets, to keep IPC small."""

    page: str
    links_checked: int
    broken_targets: tuple[str, ...]
    hidden: str = ""


def check_site(
    site_dir: Path,
    *,
    site_url: str | None = None,
    baseurl: str = "",
    jobs: int | None = None,
) -> LinkReport:
    """Check every internal link of every page under `site_dir`.

    `site_url` (e.g. `https://example.com`) makes absolute links to that host internal;
    `baseurl` (e.g. `/blog`) is the prefix the site is served under. `jobs` is the number
    of worker processes (default: one per CPU; 1 runs inline). The report is identical
    for every `jobs`.
    """
    root = Path(site_dir)
    if not root.is_dir():
        raise UsageError(
            f"{root} is not a folder; build the site first or pass its output folder",
            path=root,
        )
    workers = jobs if jobs is not None else (os.cpu_count() or 1)
    if workers < 1:
        raise UsageError(f"jobs must be at least 1, not {workers}")
    rules = _LinkRules(
        site_files=frozenset(_list_site_files(root)),
        site_host=_site_host(site_url),
        baseurl=normalize_baseurl(baseurl),
    )
    pages = sorted(f for f in rules.site_files if f.lower().endswith(HTML_SUFFIXES))
    try:
        results = _check_pages(root, pages, rules, workers)
        ill_formed = ill_formed_xml(root, rules.site_files)
    except OSError as err:
        raise SitegenError(f"cannot read page: {err.strerror}", path=err.filename) from err
    return replace(_build_report(results), ill_formed=ill_formed)


def format_report(report: LinkReport) -> str:
    """Human-readable report: each broken target with the pages linking to it, then a total.

    Grouping by target, not by page, because one bad link in a template shows up on
    thousands of pages and should read as one problem.
    """
    lines: list[str] = []
    for link in report.broken:
        # One line each, whatever a page's link holds (a NUL, a line break): escaped.
        lines.append(f"{one_line(link.target)}  (linked from {_count(len(link.pages), 'page')})")
        lines.extend(f"    {one_line(page)}" for page in link.pages)
    lines.extend(f"{one_line(page)}: {one_line(why)}" for page, why in report.hidden)
    lines.extend(f"{one_line(path)}: {why}" for path, why in report.ill_formed)
    broken_links = sum(len(link.pages) for link in report.broken)
    summary = f"{_count(broken_links, 'broken internal link')}"
    if report.broken:
        summary += f" (to {_count(len(report.broken), 'target')})"
    summary += f" in {_count(report.pages_checked, 'page')}, {_count(report.links_checked, 'link')} checked"
    if report.ill_formed:
        summary += f"; {_count(len(report.ill_formed), 'XML file')} not well-formed"
    lines.append(summary)
    return "\n".join(lines)


def _check_pages(root: Path, pages: Sequence[str], rules: _LinkRules, workers: int) -> list[_PageResult]:
    if workers == 1 or len(pages) < 2:
        return _check_chunk(root, pages, rules)
    chunks = _split(pages, workers * _CHUNKS_PER_WORKER)
    results: list[_PageResult] = []
    with ProcessPoolExecutor(max_workers=min(workers, len(chunks))) as pool:
        # `map` yields in submission order; the report is sorted anyway.
        for chunk_results in pool.map(_check_chunk, repeat(root), chunks, repeat(rules)):
            results.extend(chunk_results)
    return results


def _check_chunk(root: Path, pages: Sequence[str], rules: _LinkRules) -> list[_PageResult]:
    """Worker entry point (module level so it pickles by name)."""
    only = strainer()
    # Most links (navigation, categories, tags, assets) are the same on every page and do
    # not depend on where the page is, so each is judged once per chunk; a relative link
    # is keyed by the folder it resolves against too, and every link of a page with a
    # `<base href>` by that base.
    target_cache: dict[tuple[object, str], str | None] = {}
    results: list[_PageResult] = []
    for page in pages:
        page_url = rules.page_url(page)
        page_folder = page_url[: page_url.rfind("/") + 1]
        targets: set[str] = set()
        markup = (root / page).read_bytes()
        links = page_links(markup, only)
        base = document_base(page_url, links.base_href, rules.is_own_host)
        for href in links.hrefs:
            if base.declared:
                key: tuple[object, str] = (base, href)
            else:
                key = ("" if _is_page_independent(href) else page_folder, href)
            if key not in target_cache:
                target_cache[key] = rules.internal_target(href, base)
            target = target_cache[key]
            if target is not None:
                targets.add(target)
        broken = tuple(sorted(t for t in targets if not rules.resolves(t)))
        results.append(_PageResult(page, len(targets), broken, hidden_links(markup)))
    return results


def _is_page_independent(href: str) -> bool:
    """True when `href` means the same on every page: it has a scheme or starts with `/`."""
    return href.lstrip().startswith("/") or _SCHEME.match(href) is not None


def _list_site_files(root: Path) -> Iterator[str]:
    """Site-relative POSIX paths of the regular files a static host would serve.

    A symlinked file counts only when its real target is a file inside the root, so no
    resolution ever reaches outside the tree; symlinked folders are not descended into.
    """
    real_root = os.path.realpath(root)

    def fail(error: OSError) -> None:
        # An unreadable folder would otherwise make every link into it look broken.
        raise SitegenError(f"cannot list folder: {error.strerror}", path=error.filename)

    for folder, _, names in os.walk(root, onerror=fail):
        for name in names:
            file_path = os.path.join(folder, name)
            if os.path.islink(file_path):
                real = os.path.realpath(file_path)
                if os.path.commonpath([real_root, real]) != real_root or not os.path.isfile(real):
                    continue
            yield Path(os.path.relpath(file_path, root)).as_posix()


def _site_host(site_url: str | None) -> tuple[str, int | None] | None:
    if not site_url:
        return None
    try:
        parts = urlsplit(site_url if "//" in site_url else f"//{site_url}")
        host = _host_key(parts)
    except ValueError:
        host = None
    if host is None or not host[0]:
        raise UsageError(f"site url {site_url!r} has no host; give it as https://example.com")
    return host


def _host_key(parts: SplitResult) -> tuple[str, int | None]:
    """(lower-case host, port) with the ports `http:`/`https:` imply folded to None."""
    port = parts.port  # raises ValueError for a non-numeric port
    return (parts.hostname or "", None if port in _DEFAULT_PORTS else port)


def _build_report(results: Iterable[_PageResult]) -> LinkReport:
    pages_by_target: dict[str, set[str]] = defaultdict(set)
    pages_checked = links_checked = 0
    hidden: list[tuple[str, str]] = []
    for result in results:
        pages_checked += 1
        if result.hidden:
            hidden.append((result.page, result.hidden))
        links_checked += result.links_checked
        for target in result.broken_targets:
            pages_by_target[target].add(result.page)
    broken = tuple(
        BrokenLink(target=target, pages=tuple(sorted(pages_by_target[target])))
        for target in sorted(pages_by_target)
    )
    return LinkReport(pages_checked, links_checked, broken, tuple(sorted(hidden)))


def _split(items: Sequence[str], count: int) -> list[Sequence[str]]:
    """At most `count` contiguous, nearly equal slices of `items`, none empty."""
    size = -(-len(items) // count)  # ceiling division
    return [items[start : start + size] for start in range(0, len(items), size)]


def _count(number: int, noun: str) -> str:
    """`1 page`, `4,210 links`: thousands separated, plural by count."""
    return f"{number:,} {noun}{'' if number == 1 else 's'}"
