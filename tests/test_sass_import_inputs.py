"""Every file a Sass `@import` reaches is an input: an incremental build after any edit
to one equals a clean build, and where sitegen runs from never changes what an import finds.

The rule is jekyll-sass-converter 2.2's (`sitegen.content.sass_imports`): a stylesheet's
imports are looked for in the site folder, then in `load_paths` and `sass_dir`; a
partial's imports beside the partial first."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import sitegen_main, tree_bytes, write_files

_SITE = {
    "_config.yml": "title: T\nurl: https://t.example.com\nsass:\n  load_paths: [../shared]\n",
    "_posts/2026-01-01-p.md": "---\ntitle: P\n---\nx\n",
    "_sass/.keep": "",
    "css/main.scss": (
        '---\n---\n@import "a";\n@import "css/b";\n@import "../vendor/theme/vars";\n'
        '@import "../outside/c";\n@import "d";\nbody { color: $a $b $v $c $d $e; }\n'
    ),
}
_PARTIALS = {
    "site/_sass/_a.scss": "$a: 1;\n",
    "site/css/_b.scss": "$b: 1;\n",
    "site/vendor/theme/_vars.scss": "$v: 1;\n",
    "outside/_c.scss": "$c: 1;\n",
    "shared/_d.scss": '@import "../elsewhere/e";\n$d: 1;\n',
    "elsewhere/_e.scss": "$e: 1;\n",
}
_SHADOWS = ("site/_a.scss", "site/css/b.scss", "elsewhere/e.scss", "shared/_a.scss")
"""Files that, once made, an import finds instead of (or besides) the partial above."""


_REACHED = (
    '---\n---\n@import "a";\n@import "../vendor/theme/vars";\n@import "d";\nbody { color: $a $v $d $e; }\n'
)
"""A stylesheet whose imports need no working folder: its partials outside `_sass/`."""


def _layout(root: Path, *, stylesheet: str | None = None) -> Path:
    write_files(root / "site", {**_SITE, **({"css/main.scss": stylesheet} if stylesheet else {})})
    write_files(root, _PARTIALS)
    return root / "site"


def _build(site: Path, destination: Path, cache: Path) -> str:
    _, out, err = sitegen_main("build", "-s", str(site), "-d", str(destination), "--cache-dir", str(cache))
    assert "Traceback" not in err
    return out + err


def _clean(root: Path, site: Path, name: str) -> dict[str, bytes]:
    _build(site, root / f"clean-{name}", root / f"cache-{name}")
    return tree_bytes(root / f"clean-{name}")


def test_an_edited_partial_outside_sass_dir_is_published(tmp_path: Path) -> None:
    site = _layout(tmp_path)
    _build(site, tmp_path / "out", tmp_path / "cache")
    assert "1 1 1 1 1 1" in (tmp_path / "out/css/main.css").read_text()
    for number, partial in enumerate(_PARTIALS, start=2):
        text = (tmp_path / partial).read_text().replace("1;", f"{number};")
        (tmp_path / partial).write_text(text)
        _build(site, tmp_path / "out", tmp_path / "cache")
        assert tree_bytes(tmp_path / "out") == _clean(tmp_path, site, str(number)), partial


def test_imports_do_not_depend_on_the_working_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = _layout(tmp_path)
    monkeypatch.chdir(site)
    _build(site, tmp_path / "from-site", tmp_path / "cache-1")
    elsewhere = tmp_path / "elsewhere-cwd"
    elsewhere.mkdir()
    write_files(elsewhere, {"css/_b.scss": "$b: wrong;\n", "_a.scss": "$a: wrong;\n"})
    monkeypatch.chdir(elsewhere)
    _build(site, tmp_path / "from-elsewhere", tmp_path / "cache-2")
    built = tree_bytes(tmp_path / "from-site")
    assert "1 1 1 1 1 1" in built["css/main.css"].decode()
    assert tree_bytes(tmp_path / "from-elsewhere") == built


_edits = st.lists(
    st.one_of(
        st.tuples(st.just("edit"), st.sampled_from(sorted(_PARTIALS)), st.integers(2, 9)),
        st.tuples(st.just("shadow"), st.sampled_from(_SHADOWS), st.integers(2, 9)),
        st.tuples(st.just("remove"), st.sampled_from(sorted(_PARTIALS) + list(_SHADOWS)), st.just(0)),
    ),
    min_size=1,
    max_size=2,
)


@settings(max_examples=5)
@given(_edits)
def test_any_edit_an_import_reaches_then_incremental_equals_clean(
    edits: list[tuple[str, str, int]],
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        site = _layout(root, stylesheet=_REACHED)
        _build(site, root / "out", root / "cache")
        for step, (kind, path, number) in enumerate(edits):
            target = root / path
            if kind == "remove":
                target.unlink(missing_ok=True)
            else:
                name = Path(path).stem.lstrip("_")[:1]
                target.write_text(f"${name}: {number}{'px' if kind == 'shadow' else ''};\n")
            _build(site, root / "out", root / "cache")
            assert tree_bytes(root / "out") == _clean(root, site, str(step))


@settings(max_examples=12, deadline=None)
@given(
    load_path=st.sampled_from([".", "./", "_site/..", "_site", ".sitegen-cache"]),
    target=st.sampled_from(["_site/assets/part", "_site/css/m", ".sitegen-cache/x", "assets/part"]),
)
def test_no_import_reads_what_a_build_wrote(load_path: str, target: str) -> None:
    """A load path holding the destination or the cache (`load_paths: [.]`) never lets an
    import read them: the stylesheet a rebuild publishes is the one a clean build does
    (a rebuild read the last build's `_site/assets/part.scss`, which a clean build has
    not). Files of the site itself are still found."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        files = {
            "_config.yml": f"title: T\nurl: https://t.example.com\nsass:\n  load_paths: ['{load_path}']\n",
            "_posts/2026-01-01-p.md": "---\ntitle: P\n---\nx\n",
            "assets/part.scss": ".x { color: green; }\n",
            "css/m.scss": f'---\n---\n@import "{target}";\nbody {{ color: red; }}\n',
        }
        site = write_files(root / "site", files)
        outputs = {}
        for name in ("first", "again"):
            code, _, errors = sitegen_main("build", "-s", str(site))
            refused = load_path == "_site"  # the destination as an import folder: exit 2, as a bad setting
            assert code in ((2,) if refused else (0, 1)), errors
            outputs[name] = tree_bytes(site / "_site")
            (site / "css/m.scss").write_text(files["css/m.scss"] + f"/* {name} */\n", encoding="utf-8")
        clean = write_files(root / "clean", {**files, "css/m.scss": files["css/m.scss"] + "/* first */\n"})
        code, _, errors = sitegen_main("build", "-s", str(clean))
        assert outputs["again"] == tree_bytes(clean / "_site"), errors
        if target == "assets/part" and load_path != "_site":  # `_site` itself: the build is refused
            assert b"green" in outputs["again"]["css/m.css"]


def test_one_load_path_may_be_written_as_text(tmp_path: Path) -> None:
    """`load_paths: vendor` is the list `[vendor]`, as jekyll-sass-converter reads it
    (`Array(load_paths)`); it was a warning, and the import was not found."""
    site = write_files(
        tmp_path / "site",
        {
            "_config.yml": "title: T\nurl: https://t.example.com\nsass:\n  load_paths: vendor\n",
            "_posts/2026-01-01-p.md": "---\ntitle: P\n---\nx\n",
            "vendor/_v.scss": "$c: green;\n",
            "css/m.scss": '---\n---\n@import "v";\nbody { color: $c; }\n',
        },
    )
    code, _, errors = sitegen_main("build", "-s", str(site))
    assert code == 0 and "load_paths" not in errors, errors
    assert b"green" in (site / "_site/css/m.css").read_bytes()
