"""The plan's second check for files in the way (after the sitemaps are planned) looks
only at the new paths; it must leave out exactly what a check of every path would."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from hypothesis import given
from hypothesis import strategies as st

from sitegen.model import StaticFile
from sitegen.site.claims import Claims, PlannedPage
from sitegen.site.folder_clashes import drop_files_in_the_way
from sitegen.site.subjects import NotFound
from sitegen.urls import output_folders

# Few names, so that a path is often another's folder.
_PATHS = st.lists(st.sampled_from("abc"), min_size=1, max_size=3).map("/".join)
_ENTRIES = st.lists(st.tuples(_PATHS, st.booleans()), max_size=12, unique_by=lambda entry: entry[0])


def _claims(pages: list[tuple[str, bool]]) -> Claims:
    claims = Claims({}, {}, {}, Path("_config.yml"))
    for path, from_a_file in pages:
        _plan(claims, path, from_a_file)
    return claims


def _plan(claims: Claims, path: str, from_a_file: bool) -> None:
    source_path = Path(f"/site/{path}.md") if from_a_file else None
    page = PlannedPage(f"/{path}", path, "404", NotFound(f"/{path}"), f"page {path}", source_path)
    claims.planned.setdefault(path, page)


def _statics(paths: list[str]) -> tuple[StaticFile, ...]:
    return tuple(StaticFile(Path(f"/site/{path}"), PurePosixPath(path)) for path in paths)


@given(pages=_ENTRIES, statics=st.lists(_PATHS, max_size=6, unique=True), later=_ENTRIES)
def test_a_check_of_the_new_paths_leaves_out_what_a_check_of_all_would(
    pages: list[tuple[str, bool]], statics: list[str], later: list[tuple[str, bool]]
) -> None:
    statics = [path for path in statics if path not in dict(pages)]
    outcomes = []
    for incremental in (False, True):
        claims = _claims(pages)
        first = drop_files_in_the_way(claims, _statics(statics))
        for path, from_a_file in later:  # what the sitemaps add: new paths only
            if path not in claims.planned and path not in first.paths:
                _plan(claims, path, from_a_file)
        second = drop_files_in_the_way(claims, first.statics, first if incremental else None)
        needed = set(output_folders(second.paths))
        assert not needed & second.paths
        assert needed <= second.folders
        outcomes.append((sorted(claims.planned), second.statics, second.paths, claims.diagnostics))
    assert outcomes[0] == outcomes[1]
