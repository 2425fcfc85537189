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
from sitegen.errors import Diagnostic, SitegenError
from sitegen.incremental import loading
from sitegen.incremental.body_reader import BodyReader
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


def test_a_body_loaded_again_from_a_file_saved_since_the_load_fails_the_build(tmp_path: Path) -> None:
    """A post's body the cache lost is loaded again from its file when its page renders;
    if the file was saved since the load hashed it, those are other bytes than its key
    names. The build stops with one line and publishes nothing (before, it published the
    new body and stored it under the old key, where saving the old bytes back found it)."""
    relative = "content/_posts/2022-05-02-b.md"
    site = write_files(
        tmp_path / "site",
        {
            "_config.yml": CONFIG,
            "content/_posts/2022-05-01-a.md": post("甲", "2022-05-01 10:00:00 +0800"),
            relative: post("乙", "2022-05-02 10:00:00 +0800", body=_BODIES[0]),
        },
    )
    published = tmp_path / "published"
    _build(site, published)
    before = tree_bytes(published)
    # A newer post: the page of b renders again (its "newer" link), and needs b's body.
    write_files(site, {"content/_posts/2022-05-03-c.md": post("丙", "2022-05-03 10:00:00 +0800")})
    path = site / relative
    real_load = loading._load_one

    def saved_since_the_load(
        state: loading._LoadState, job: loading._Job
    ) -> tuple[Loaded | Diagnostic, str | None]:
        if job.source.path == path:
            path.write_text(post("乙", "2022-05-02 10:00:00 +0800", body=_BODIES[1]), encoding="utf-8")
        return real_load(state, job)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(BodyReader, "body", lambda self, key: None)  # the cache lost every body
        patch.setattr(loading, "_load_one", saved_since_the_load)
        with pytest.raises(SitegenError, match="changed while the site was built"):
            _build(site, published)
    assert tree_bytes(published) == before

    path.write_text(post("乙", "2022-05-02 10:00:00 +0800", body=_BODIES[0]), encoding="utf-8")  # saved back
    _build(site, published)
    clean = tmp_path / "clean"
    _build(site, clean, cache=False)
    assert tree_bytes(published) == tree_bytes(clean)
