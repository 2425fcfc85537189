"""The corpora of one benchmark size, generated once and reused while their stamp matches.

Generating 100,000 posts and writing them for each tool takes minutes, so each tree is
kept under `--work` with a stamp of the generator version, size, seed and kind; a stale
or half-written tree (no stamp) is written anew.
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable
from pathlib import Path

import peer_sites
from gen_corpus import GENERATOR_VERSION, Corpus, generate_corpus, write_jekyll_source
from tools import jekyll_feed_installed


class Workspace:
    """The corpora for one size, each generated once and reused while its stamp matches."""

    def __init__(self, root: Path, post_count: int, seed: int) -> None:
        self.root = root
        self.post_count = post_count
        self.seed = seed
        self._corpus: Corpus | None = None

    @property
    def corpus(self) -> Corpus:
        if self._corpus is None:
            print(f"generating {self.post_count} posts ...", file=sys.stderr)
            self._corpus = generate_corpus(self.post_count, self.seed)
        return self._corpus

    def _ensure(self, kind: str, write: Callable[[Path], None]) -> Path:
        site = self.root / kind
        stamp = f"v{GENERATOR_VERSION} posts={self.post_count} seed={self.seed} {kind}\n"
        stamp_path = self.root / f".{kind}.stamp"
        if site.is_dir() and stamp_path.is_file() and stamp_path.read_text() == stamp:
            return site
        shutil.rmtree(site, ignore_errors=True)
        write(site)
        stamp_path.write_text(stamp)
        return site

    def jekyll_source(self) -> Path:
        return self._ensure("src", lambda site: write_jekyll_source(self.corpus, site))

    def jekyll_site(self) -> Path:
        """The source tree plus layouts and tag stubs, built by Jekyll itself."""
        with_feed = jekyll_feed_installed()
        source = self.jekyll_source()

        def write(site: Path) -> None:
            shutil.copytree(source, site)
            peer_sites.write_jekyll_theme(self.corpus, site, with_feed=with_feed)

        return self._ensure("jekyll-feed" if with_feed else "jekyll", write)

    def hugo_site(self) -> Path:
        return self._ensure("hugo", lambda site: peer_sites.write_hugo_site(self.corpus, site))

    def pelican_site(self) -> Path:
        return self._ensure("pelican", lambda site: peer_sites.write_pelican_site(self.corpus, site))
