"""What each byte of a published post page is for.

The output-size goal ("say what each byte of a post page is for") needs a repeatable
account, not a one-off reading of one file: this splits a post page of the default theme
into its parts (head meta, JSON-LD, inline script/style, header with the section bar,
post body, article chrome, related posts, footer) and counts, apart, the bytes of
template whitespace (newlines and indentation outside the post body), which a reader never
sees. `python bench/page_anatomy.py DEST [PAGE]` prints the table for the median-sized post page
under DEST (a page is a post page if it has `<article class="post"`).
"""

from __future__ import annotations

import re
import statistics
import sys
from dataclasses import dataclass
from pathlib import Path

_PARTS: tuple[tuple[str, re.Pattern[bytes]], ...] = (
    ("JSON-LD", re.compile(rb'<script type="application/ld\+json">.*?</script>', re.S)),
    ("inline script/style", re.compile(rb"<script>.*?</script>|<style>.*?</style>", re.S)),
    ("head meta (title, description, canonical, feeds, Open Graph)", re.compile(rb"<head>.*?</head>", re.S)),
    ("header and section bar", re.compile(rb'<header class="site-header">.*?</header>', re.S)),
    ("post body", re.compile(rb'<div class="post-body">.*?\n\s*</div>', re.S)),
    ("related posts", re.compile(rb'<section class="related".*?</section>', re.S)),
    (
        "article chrome (title, date, source, tags, neighbours, back links)",
        re.compile(rb"<article.*?</article>", re.S),
    ),
    ("footer", re.compile(rb"<footer.*?</footer>", re.S)),
)
_TEMPLATE_WHITESPACE = re.compile(rb"\n[ \t]*")


@dataclass(frozen=True, slots=True)
class Part:
    """One part of a page: its name, its bytes, and how many of them are template whitespace."""

    name: str
    size: int
    whitespace: int


def anatomy(page: bytes) -> tuple[Part, ...]:
    """Split `page` into parts; earlier parts are cut out before later ones are matched.

    The order matters: JSON-LD and inline scripts sit inside `<head>`, the body and the
    related posts inside `<article>`, so each is blanked before its container is counted.
    """
    rest = page
    parts: list[Part] = []
    for name, pattern in _PARTS:
        found = b"".join(match.group(0) for match in pattern.finditer(rest))
        rest = pattern.sub(b"", rest)
        whitespace = 0 if name == "post body" else _whitespace(found)
        parts.append(Part(name, len(found), whitespace))
    parts.append(Part("document frame (doctype, html, body, main)", len(rest), _whitespace(rest)))
    return tuple(parts)


def _whitespace(chunk: bytes) -> int:
    """Newlines and the indentation after them: bytes no reader sees."""
    return sum(len(match.group(0)) for match in _TEMPLATE_WHITESPACE.finditer(chunk))


def median_post_page(out_dir: Path) -> Path:
    """The post page of median size under `out_dir`."""
    pages = sorted(
        (path.stat().st_size, str(path))
        for path in out_dir.rglob("*.html")
        if b'<article class="post"' in path.read_bytes()
    )
    if not pages:
        raise SystemExit(f"{out_dir}: no post pages")
    size = statistics.median_low(size for size, _ in pages)
    return Path(next(path for each, path in pages if each == size))


def main(argv: list[str]) -> int:
    """Print the anatomy of the median post page under the folder `argv[0]`, or of the page
    `argv[1]` under it (to compare one page across two builds)."""
    page_path = Path(argv[0], argv[1]) if len(argv) > 1 else median_post_page(Path(argv[0]))
    page = page_path.read_bytes()
    print(f"{page_path.relative_to(argv[0])}: {len(page):,} bytes")
    print("| part | bytes | of which template whitespace |")
    print("| --- | ---: | ---: |")
    for part in anatomy(page):
        print(f"| {part.name} | {part.size:,} | {part.whitespace:,} |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
