"""A source saved between the load's hash of it and its worker's read of it.

The load hashes a changed file to find its cache key, then a worker reads it again to
load it. A save in between used to leave the worker's result (of the new bytes) in the
cache under the key of the bytes hashed: saved back to those bytes later, the file
found that result, and its page was published from bytes it no longer held. The worker
now keys what it loaded by the digest of what it read.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.build import BuildOptions, build_site
from sitegen.content.documents import Loaded
from sitegen.errors import Diagnostic
from sitegen.incremental import loading
from tests.conftest import CONFIG, NOW, post, tree_bytes, write_files

_BODIES = ("<p>甲文。</p>\n", "<p>乙文。</p>\n", "<p>丙文，长一些。</p>\n")


def _post(body: str) -> str:
    return post("甲", "2022-05-01 10:00:00 +0800", body=body)


def _page(body: str) -> str:
    return f"---\ntitle: 关于\n---\n{body}"


_KINDS: dict[str, tuple[str, Callable[[str], str]]] = {
    "post": ("content/_posts/2022-05-01-a.md", _post),
    "page": ("content/about.md", _page),
}


def _build(site: Path, destination: Path, *, cache: bool = True) -> None:
    build_site(BuildOptions(source=site, destination=destination, now=NOW, jobs=1, cache=cache))


@settings(max_examples=8)  # four builds an example
@given(
    kind=st.sampled_from(sorted(_KINDS)),
    order=st.permutations(range(len(_BODIES))),
)
def test_a_file_saved_while_its_worker_reads_it_is_not_cached_as_the_bytes_hashed(
    tmp_path_factory: pytest.TempPathFactory, kind: str, order: list[int]
) -> None:
    first, hashed, read = (_BODIES[index] for index in order)
    relative, text = _KINDS[kind]
    root = tmp_path_factory.mktemp("race")
    site = write_files(
        root / "site",
        {
            "_config.yml": CONFIG,
            relative: text(first),
            "content/_posts/2022-05-02-b.md": post("乙", "2022-05-02 10:00:00 +0800"),
        },
    )
    path = site / relative
    published = root / "published"
    _build(site, published)

    path.write_text(text(hashed), encoding="utf-8")
    real_load = loading._load_one

    def saved_meanwhile(
        state: loading._LoadState, job: loading._Job
    ) -> tuple[Loaded | Diagnostic, str | None]:
        if job.source.path == path:
            path.write_text(text(read), encoding="utf-8")  # after the load hashed it
        return real_load(state, job)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(loading, "_load_one", saved_meanwhile)
        _build(site, published)
    assert path.read_text(encoding="utf-8") == text(read)

    path.write_text(text(hashed), encoding="utf-8")  # saved back to the bytes hashed
    _build(site, published)
    clean = root / "clean"
    _build(site, clean, cache=False)
    assert tree_bytes(published) == tree_bytes(clean)
    shutil.rmtree(root, ignore_errors=True)
