"""Compiled templates kept in the build cache: a rebuild compiles only the templates that
changed, and stored code that is damaged, cut short, swapped or foreign is compiled
again, never run, so the site is always the one a clean build publishes."""

from __future__ import annotations

import contextlib
import io
import marshal
import os
import pickle
import shutil
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
import jinja2.bccache
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.cli import main
from sitegen.incremental.bytecode import BYTECODE_STATE, StoredBytecode
from sitegen.incremental.cache import CACHE_FILE_NAME, BuildCache
from sitegen.incremental.sealed import pickled, sealed, unsealed
from sitegen.theme import default_theme_dir
from tests.conftest import CONFIG, generated_posts, tree_bytes, write_files
from tests.test_incremental import run


def _site_files() -> dict[str, str]:
    # The site's own base template, edited by the tests, over the default theme's.
    base = (default_theme_dir() / "base.html").read_text(encoding="utf-8")
    posts = generated_posts(12, month=4, categories=3, tags=2, body="<p>第{number}篇。</p>\n")
    return {"_config.yml": CONFIG, "templates/base.html": base, **posts}


@contextlib.contextmanager
def _compiles() -> Iterator[list[str]]:
    """The name of every template Jinja compiles from source while the block runs."""
    names: list[str] = []
    compile_source = jinja2.Environment.compile

    def counted(self: jinja2.Environment, source: str, name: str | None = None, *rest: Any) -> Any:
        names.append(name or "")
        return compile_source(self, source, name, *rest)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(jinja2.Environment, "compile", counted)
        yield names


def _stored(cache_dir: Path) -> dict[str, bytes]:
    cache = BuildCache.open(cache_dir)
    try:
        value = cache.state(BYTECODE_STATE)
    finally:
        cache.close()
    assert isinstance(value, dict)
    return value


def _clean(site: Path, scratch: Path) -> dict[str, bytes]:
    run(site, scratch, cache=False, jobs=1)
    return tree_bytes(scratch)


def test_a_rebuild_compiles_no_template_and_publishes_the_same_bytes(tmp_path: Path) -> None:
    site = write_files(tmp_path / "site", _site_files())
    cache_dir = tmp_path / "cache"
    with _compiles() as first:
        run(site, tmp_path / "out", cache_dir=cache_dir, jobs=1)
    assert "base.html" in first
    shutil.rmtree(tmp_path / "out")  # every page renders again, from stored code only

    with _compiles() as second:
        run(site, tmp_path / "out", cache_dir=cache_dir, jobs=1)

    assert second == []
    assert tree_bytes(tmp_path / "out") == _clean(site, tmp_path / "clean")


@pytest.mark.parametrize("same_size", [False, True], ids=["edit", "same-size edit"])
def test_an_edited_base_template_is_compiled_again_and_its_old_code_dropped(
    tmp_path: Path, same_size: bool
) -> None:
    site = write_files(tmp_path / "site", _site_files())
    cache_dir = tmp_path / "cache"
    run(site, tmp_path / "out", cache_dir=cache_dir, jobs=1)
    before = _stored(cache_dir)
    base = site / "templates/base.html"
    text = base.read_text(encoding="utf-8")
    stamp = base.stat()
    edited = text.replace("<body", "<body data-x", 1) if not same_size else text.replace("<body", "<bodY", 1)
    assert edited != text
    base.write_text(edited, encoding="utf-8")
    if same_size:  # not told by size nor time: only the text says it changed
        os.utime(base, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))

    with _compiles() as compiled:
        run(site, tmp_path / "out", cache_dir=cache_dir, jobs=1)

    assert compiled == ["base.html"]
    after = _stored(cache_dir)
    assert len(after) == len(before) and len(set(after) - set(before)) == 1
    assert tree_bytes(tmp_path / "out") == _clean(site, tmp_path / "clean")


def test_code_compiled_under_other_settings_is_never_loaded() -> None:
    """The key holds the compile settings: the same source compiles to other code with
    other whitespace rules or escaping, and a template under another name is escaped
    by that name."""
    source = "<p>\n  {% if x %}{{ x }}{% endif %}\n</p>\n"
    loader = jinja2.DictLoader({"a.html": source, "a.txt": source})
    first = StoredBytecode({})
    jinja2.Environment(loader=loader, bytecode_cache=first, autoescape=True).get_template("a.html")
    for changed in (
        {"autoescape": True, "trim_blocks": True},
        {"autoescape": True, "lstrip_blocks": True},
        {"autoescape": False},
    ):
        again = StoredBytecode(first.kept)
        environment = jinja2.Environment(loader=loader, bytecode_cache=again, **changed)  # type: ignore[arg-type]
        with _compiles() as compiled:
            environment.get_template("a.html")
        assert compiled == ["a.html"], changed
    same = StoredBytecode(first.kept)
    environment = jinja2.Environment(loader=loader, bytecode_cache=same, autoescape=True)
    with _compiles() as compiled:
        environment.get_template("a.html")
    assert compiled == []
    assert not same.changed()


# -- damaged, cut, swapped or foreign stored code -----------------------------------------


@dataclass(frozen=True)
class _Built:
    site: Path
    cache_file: bytes = field(repr=False)
    stored: dict[str, bytes] = field(repr=False)
    output: Path
    clean: dict[str, bytes] = field(repr=False)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> _Built:
    scratch = tmp_path_factory.mktemp("bytecode")
    site = write_files(scratch / "site", _site_files())
    cache_dir = scratch / "cache"
    assert main(["build", "-s", str(site), "-d", str(scratch / "output"), "--cache-dir", str(cache_dir)]) == 0
    stored = _stored(cache_dir)
    assert len(stored) > 2
    with contextlib.closing(sqlite3.connect(cache_dir / CACHE_FILE_NAME)) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    cache_file = (cache_dir / CACHE_FILE_NAME).read_bytes()
    return _Built(site, cache_file, stored, scratch / "output", _clean(site, scratch / "clean"))


def _bucket_bytes(key: str, stored: bytes) -> bytes:
    data = unsealed(key, stored)
    assert data is not None
    return data


def _forged(key: str, code: Any, like: bytes) -> bytes:
    """Jinja's bucket bytes with a good header and checksum around `code`, sealed: a
    value only a writer that is not this build could have stored."""
    out = io.BytesIO()
    out.write(jinja2.bccache.bc_magic)
    checksum = pickle.load(io.BytesIO(like[len(jinja2.bccache.bc_magic) :]))
    pickle.dump(checksum, out, 2)
    marshal.dump(code, out)
    return sealed(key, out.getvalue())


DAMAGE = ("the stored value", "truncate", "overwrite", "swap", "cut inside the seal", "not code", "garbage")
"""How stored code is damaged: the value as SQLite holds it cut and overwritten; or, in a
value that passes the cache's seal, one template's code cut short, overwritten, swapped
with another's, or (sealed again, as only another writer could) cut inside its seal,
holding marshalled data that is no code object, or holding random bytes."""


@st.composite
def _damaged_values(draw: st.DrawFn, stored: dict[str, bytes], kind: str) -> dict[str, bytes]:
    """The stored code with one template's value damaged as `kind` says (see `DAMAGE`)."""
    keys = sorted(stored)
    key = draw(st.sampled_from(keys))
    value = stored[key]
    damaged = dict(stored)
    if kind == "truncate":
        damaged[key] = value[: draw(st.integers(0, len(value) - 1))]
    elif kind == "overwrite":
        start = draw(st.integers(0, len(value) - 1))
        fill = draw(st.binary(min_size=1, max_size=64))
        damaged[key] = (value[:start] + fill + value[start + len(fill) :])[: len(value)]
    elif kind == "swap":
        other = draw(st.sampled_from([k for k in keys if k != key]))
        damaged[key], damaged[other] = stored[other], value
    elif kind == "cut inside the seal":
        data = _bucket_bytes(key, value)
        damaged[key] = sealed(key, data[: draw(st.integers(0, len(data) - 1))])
    elif kind == "not code":
        damaged[key] = _forged(
            key, draw(st.sampled_from([5, "code", (1, 2), None])), _bucket_bytes(key, value)
        )
    else:
        damaged[key] = sealed(key, draw(st.binary(max_size=256)))
    return damaged


@pytest.mark.parametrize("kind", DAMAGE)
@settings(max_examples=4)
@given(data=st.data())
def test_damaged_stored_code_is_compiled_again_never_run(
    built: _Built, tmp_path_factory: pytest.TempPathFactory, kind: str, data: st.DataObject
) -> None:
    scratch = tmp_path_factory.mktemp("damaged")
    cache_file = scratch / "cache" / CACHE_FILE_NAME
    cache_file.parent.mkdir()
    cache_file.write_bytes(built.cache_file)
    with contextlib.closing(sqlite3.connect(cache_file)) as connection, connection:
        if kind == "the stored value":  # the sealed value as SQLite holds it, cut or overwritten
            (value,) = connection.execute(
                "SELECT value FROM state WHERE name = ?", (BYTECODE_STATE,)
            ).fetchone()
            cut = data.draw(st.integers(0, len(value) - 1))
            stored = value[:cut] + data.draw(st.binary(max_size=16))
        else:  # a value that passes the cache's seal, holding damaged code
            stored = pickled(BYTECODE_STATE, data.draw(_damaged_values(built.stored, kind)))
        connection.execute("UPDATE state SET value = ? WHERE name = ?", (stored, BYTECODE_STATE))
    destination = scratch / "output"
    shutil.copytree(built.output, destination)
    shutil.rmtree(destination / "cat0")  # these pages render again, with what was stored
    errors = io.StringIO()

    with contextlib.redirect_stderr(errors), contextlib.redirect_stdout(io.StringIO()):
        status = main(
            ["build", "-s", str(built.site), "-d", str(destination), "--cache-dir", str(cache_file.parent)]
        )

    assert status == 0
    assert "Traceback" not in errors.getvalue()
    assert tree_bytes(destination) == built.clean
    assert _stored(cache_file.parent) == built.stored  # compiled again and stored again


def test_code_a_process_kept_serves_another_site_and_never_for_an_edited_template(tmp_path: Path) -> None:
    """`BuildOptions.compiled_templates` (the dev server's, a test run's): a build of
    another site with a new cache compiles only the template whose text differs, stores
    the code of every template it used in its own cache, and publishes a clean build."""
    known: dict[str, bytes] = {}
    first_site = write_files(tmp_path / "first", _site_files())
    with _compiles() as first:
        run(first_site, tmp_path / "first-out", cache_dir=tmp_path / "first-cache", compiled_templates=known)
    assert "base.html" in first and len(known) == len(first)

    second_site = write_files(tmp_path / "second", _site_files())
    base = second_site / "templates/base.html"
    base.write_text(base.read_text(encoding="utf-8").replace("<body", "<body data-x", 1), encoding="utf-8")
    with _compiles() as second:
        run(
            second_site,
            tmp_path / "second-out",
            cache_dir=tmp_path / "second-cache",
            compiled_templates=known,
        )

    assert second == ["base.html"]
    assert len(_stored(tmp_path / "second-cache")) == len(_stored(tmp_path / "first-cache"))
    assert b"data-x" in (tmp_path / "second-out/index.html").read_bytes()
    assert tree_bytes(tmp_path / "second-out") == _clean(second_site, tmp_path / "clean")
