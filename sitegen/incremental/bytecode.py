"""Compiled templates kept in the build cache, so a rebuild does not compile the theme again.

Every build reads its templates afresh and compiles each one up front
(`Renderer.check_templates`): Jinja's lexer, parser and code generator, about 50 ms for
the theme's two dozen templates (5 ms to read their code back), on every rebuild, also
when no template changed. Jinja can load a template's compiled code instead
(`jinja2.BytecodeCache`); the code is kept here as one value of the build cache
(`BuildCache.state`), read once before the templates are compiled and written once
after, by the build's own process only. Render workers are
forked after `check_templates`, so they inherit every template compiled and never
compile nor write one (a template loaded later, in a worker, is compiled there and
kept in that worker's memory only). A process that builds again and again (the dev
server, a test run) can also keep every build's code in memory
(`BuildOptions.compiled_templates`), so a new site, or a cache cleared, does not
compile the same templates again.

Old code must never render a page. A template's key holds everything its compiled code
depends on: its name and file, a digest of its text, Python's bytecode magic, the Jinja
and sitegen versions, and the environment's compile settings (delimiters, whitespace
rules, autoescape for that name, extensions, the filters and tests, whose kind of
argument the compiler writes into the code, and whether it is sandboxed). Jinja's own
bucket adds two checks of its own to what it stores: a magic header (its format and
Python's major and minor version) and a checksum of the source. What cannot be read back
as a code object whose key, seal, header and checksum all match (a damaged, cut or
swapped value, one written by another version) is a miss, and that template is simply
compiled again.
"""

from __future__ import annotations

import hashlib
import importlib.util
import marshal
import sys
from collections.abc import Mapping
from pathlib import Path
from types import CodeType

import jinja2
import jinja2.bccache

from sitegen.incremental.cache import BuildCache
from sitegen.incremental.code_identity import code_identity
from sitegen.incremental.sealed import sealed, unsealed
from sitegen.render.context import ContextBuilder
from sitegen.render.templates import Renderer

BYTECODE_STATE = "template bytecode"
"""The `BuildCache.state` name of the compiled templates: {key: sealed Jinja bucket}."""


class StoredBytecode(jinja2.BytecodeCache):
    """Jinja's bytecode cache over the code the last build kept (`stored`); what is
    compiled now is collected in memory (`kept`), for `keep_bytecode` to store.

    Holds no connection: the dev server keeps the renderer, and with it this object,
    after the build's cache is closed."""

    def __init__(self, stored: Mapping[str, bytes], known: Mapping[str, bytes] | None = None) -> None:
        self._stored = dict(stored)
        self._known = known if known is not None else {}
        """Code this process kept from its earlier builds (`BuildOptions.compiled_templates`)."""
        self.kept: dict[str, bytes] = {}
        """Every template loaded through this cache, by key: read back or compiled."""
        self._settings: dict[jinja2.Environment, tuple[str, ...]] = {}
        """Each environment's compile settings, worked out at its first template (its
        filters and tests are set when it is made, before any template is loaded)."""

    def get_bucket(
        self, environment: jinja2.Environment, name: str, filename: str | None, source: str
    ) -> jinja2.bccache.Bucket:
        settings = self._settings.get(environment)
        if settings is None:
            settings = self._settings[environment] = _compile_settings(environment)
        key = _template_key(settings, _escaping(environment, name), name, filename, source)
        bucket = jinja2.bccache.Bucket(environment, key, self.get_source_checksum(source))
        self.load_bytecode(bucket)
        return bucket

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        value = self._known.get(bucket.key) or self._stored.get(bucket.key)
        data = unsealed(bucket.key, value)
        if value is None or data is None:
            return
        try:
            # The bucket checks Jinja's header and the source checksum; what marshal
            # reads from bytes that pass both may still be no code object.
            bucket.bytecode_from_string(data)
        except Exception:  # a value that does not read back is a miss, never a failed build
            bucket.reset()
        if isinstance(bucket.code, CodeType):
            self.kept[bucket.key] = value
        else:
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.kept[bucket.key] = sealed(bucket.key, bucket.bytecode_to_string())

    def changed(self) -> bool:
        """Whether what should be stored now differs from what was read."""
        return self.kept != self._stored


def checked_renderer(
    template_dirs: tuple[Path, ...],
    contexts: ContextBuilder,
    cache: BuildCache,
    known: dict[str, bytes] | None = None,
    only_theme_names: bool = False,
    set_aside: bool | None = None,
) -> Renderer:
    """A renderer with every template compiled (`Renderer.check_templates`), from the
    code `known` (this process's earlier builds) or `cache` holds where it can be, the
    code of exactly these templates kept for the next build and added to `known`
    (`only_theme_names`, `set_aside`: see `Renderer.check_templates`).
    Called by the build's own process, before any render worker is forked."""
    bytecode = stored_bytecode(cache, known)
    renderer = Renderer(template_dirs, contexts, bytecode)
    renderer.check_templates(only_theme_names, set_aside)
    keep_bytecode(cache, bytecode)
    if known is not None:
        known.update(bytecode.kept)
    return renderer


def stored_bytecode(cache: BuildCache, known: Mapping[str, bytes] | None = None) -> StoredBytecode:
    """The compiled templates the cache holds (none from a disabled, new or damaged one),
    and those `known` to this process."""
    value = cache.state(BYTECODE_STATE)
    if not isinstance(value, dict):
        return StoredBytecode({}, known)
    return StoredBytecode(
        {key: stored for key, stored in value.items() if isinstance(key, str) and isinstance(stored, bytes)},
        known,
    )


def keep_bytecode(cache: BuildCache, bytecode: StoredBytecode) -> None:
    """Store the code of exactly the templates this build loaded (so an edited
    template's old code is dropped, not kept forever), and nothing when none changed."""
    if bytecode.changed():
        cache.store_state(BYTECODE_STATE, dict(sorted(bytecode.kept.items())))


def _template_key(
    settings: tuple[str, ...], escaping: bool, name: str, filename: str | None, source: str
) -> str:
    hasher = hashlib.blake2b(digest_size=20)
    for part in (*_compiler_identity(), *settings, str(escaping), name, filename or "", source):
        hasher.update(part.encode("utf-8", "surrogateescape"))
        hasher.update(b"\0")
    return hasher.hexdigest()


def _compiler_identity() -> tuple[str, ...]:
    """What the same source compiles differently under: the Python bytecode format (its
    magic number changes with any change to it, also between pre-releases), the marshal
    format, and the Jinja and sitegen releases (Jinja folds constant filter calls into
    the code at compile time), and sitegen's code (`code_identity`)."""
    return (
        importlib.util.MAGIC_NUMBER.hex(),
        sys.implementation.cache_tag or "",
        str(marshal.version),
        jinja2.__version__,
        code_identity(),
    )


def _escaping(environment: jinja2.Environment, name: str) -> bool:
    """Whether the environment autoescapes the template `name` (compiled into its code)."""
    autoescape = environment.autoescape
    return bool(autoescape(name) if callable(autoescape) else autoescape)


def _compile_settings(environment: jinja2.Environment) -> tuple[str, ...]:
    """The environment's settings the compiler reads, but for escaping (`_escaping`), as
    text that is the same in every process (no object addresses)."""
    finalize = environment.finalize
    # Most policies are read as templates run; only the compiler's are compiled in.
    policies = sorted((key, repr(value)) for key, value in environment.policies.items() if "compiler" in key)
    return (
        repr(
            (
                environment.block_start_string,
                environment.block_end_string,
                environment.variable_start_string,
                environment.variable_end_string,
                environment.comment_start_string,
                environment.comment_end_string,
                environment.line_statement_prefix,
                environment.line_comment_prefix,
                environment.trim_blocks,
                environment.lstrip_blocks,
                environment.newline_sequence,
                environment.keep_trailing_newline,
                environment.optimized,
                environment.is_async,
                environment.sandboxed,  # the sandbox's code calls through the environment
                sorted(environment.extensions),
                policies,
            )
        ),
        _callable_identity(finalize) if finalize is not None else "",
        *(f"filter {key} {_callable_identity(value)}" for key, value in sorted(environment.filters.items())),
        *(f"test {key} {_callable_identity(value)}" for key, value in sorted(environment.tests.items())),
    )


def _callable_identity(function: object) -> str:
    """Where a filter or test is defined, and the argument the compiler passes it
    (`pass_context` and the like, written into the compiled call)."""
    module = getattr(function, "__module__", "")
    qualified = getattr(function, "__qualname__", type(function).__qualname__)
    return f"{module}.{qualified} {getattr(function, 'jinja_pass_arg', None)!s}"
