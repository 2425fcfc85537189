"""How big each tool's published site is: what a deploy uploads and a host stores.

GitHub Pages supports published sites of up to 1 GB. A site deployed by GitHub's own
Pages workflow reaches it as one artifact: `actions/upload-pages-artifact` tars the folder
(`tar --dereference --hard-dereference --exclude=.[^/]*`, action.yml) and
`actions/upload-artifact` zips the tar at zlib level 6 (its `compression-level` default);
`actions/deploy-pages` then warns when that artifact is over `ONE_GIGABYTE = 1073741824`
bytes (src/internal/deployment.js). So both sizes are reported: the tree on disk, and the
artifact that limit is checked against. The size per post page decides how many posts a
site can hold. A post page is found at the URL every tool gives it
(`/<category>/YYYY/MM/DD/<id>.html`, see `gen_corpus.Post.url`), so the median compares
like with like even where the tools publish different sets of listing pages.
"""

from __future__ import annotations

import io
import os
import statistics
import tarfile
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import IO


@dataclass(frozen=True, slots=True)
class OutputSize:
    """One output tree after a cold build."""

    files: int
    pages: int
    """HTML and XML files: a check that the tools publish alike."""
    total_bytes: int
    post_page_bytes: float | None
    """The median size of the post pages found; None if none were found."""
    artifact_bytes: int | None = None
    """The Pages deploy artifact's size (`deploy_artifact_bytes`); None if not measured."""


def measure_output(out_dir: Path, post_urls: Iterable[str], *, artifact: bool = True) -> OutputSize:
    """Count and size every file under `out_dir`, and the post pages at `post_urls`; with
    `artifact`, also the deploy artifact (`deploy_artifact_bytes`, about a minute per GB)."""
    files = pages = total = 0
    for folder, _, names in os.walk(out_dir):
        for name in names:
            path = Path(folder, name)
            try:
                size = path.lstat().st_size
            except OSError:
                continue
            files += 1
            total += size
            if path.suffix in (".html", ".xml"):
                pages += 1
    post_sizes: list[int] = []
    for url in post_urls:
        try:
            post_sizes.append((out_dir / url.lstrip("/")).stat().st_size)
        except OSError:
            continue
    return OutputSize(
        files=files,
        pages=pages,
        total_bytes=total,
        post_page_bytes=statistics.median(post_sizes) if post_sizes else None,
        artifact_bytes=deploy_artifact_bytes(out_dir) if artifact else None,
    )


class _CountingSink(io.RawIOBase):
    """A write-only stream that keeps only the number of bytes written to it."""

    def __init__(self) -> None:
        self.count = 0

    def writable(self) -> bool:
        return True

    def write(self, data: object) -> int:
        size = memoryview(data).nbytes  # type: ignore[arg-type]
        self.count += size
        return size


def deploy_artifact_bytes(out_dir: Path) -> int:
    """The bytes of the zip GitHub's Pages workflow would upload for `out_dir`
    (`write_deploy_artifact`), counted as it is made: nothing is written to disk."""
    sink = _CountingSink()
    write_deploy_artifact(out_dir, sink)
    return sink.count


def write_deploy_artifact(out_dir: Path, stream: IO[bytes] | io.RawIOBase) -> None:
    """Write to `stream` the artifact GitHub's Pages workflow makes of `out_dir`: a tar
    of the tree, links followed and names starting with a dot left out, as
    `upload-pages-artifact` runs tar, as the one entry `artifact.tar` of a zip deflated at
    level 6, as `upload-artifact` writes it. Files are added in sorted order (GNU tar
    takes the folder's order), so the figure is the same on every run."""
    with (
        zipfile.ZipFile(stream, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as archive,
        archive.open("artifact.tar", "w", force_zip64=True) as entry,
        tarfile.open(fileobj=entry, mode="w|", format=tarfile.GNU_FORMAT, dereference=True) as tar,
    ):
        for folder, dirs, names in os.walk(out_dir, followlinks=True):
            dirs[:] = sorted(name for name in dirs if not name.startswith("."))
            relative = Path(folder).relative_to(out_dir)
            tar.add(folder, arcname=str(relative), recursive=False)
            for name in sorted(names):
                if not name.startswith("."):
                    tar.add(Path(folder, name), arcname=str(relative / name), recursive=False)
