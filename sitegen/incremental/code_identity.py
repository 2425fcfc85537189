"""Which sitegen is building: its release and the bytes of its modules.

The build cache keeps what the code made (each source's loaded post, each page's
fingerprint, each template's compiled code) under keys that name the code. The release
number alone is not enough: sitegen run from a checkout, or a fix installed under the same
number, changes what the loader returns with the number unchanged, and a rebuild then
served posts loaded under the old rules (a `published: null` post kept being published
after the rule was fixed) while a clean build did not. The modules' bytes, not their
stamps: a fresh install of the same code (CI) gets new mtimes and must still hit.
"""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path

import sitegen


def code_identity() -> str:
    """`<release>+<digest>` of the sitegen that runs (see `package_identity`)."""
    return package_identity(Path(sitegen.__file__).resolve().parent)


@functools.cache
def package_identity(package: Path) -> str:
    """`<release>+<digest>`: sitegen's release and a digest (BLAKE2b, 16 bytes, hex) of
    every `.py` file below `package`, by path and bytes. About 6 ms for sitegen's 830 KB
    of code, once per process: the code that runs cannot change under it. Raises
    nothing; a module that cannot be read counts by its name alone."""
    hasher = hashlib.blake2b(digest_size=16)
    for path in sorted(package.rglob("*.py")):
        hasher.update(path.relative_to(package).as_posix().encode() + b"\0")
        try:
            hasher.update(path.read_bytes())
        except OSError:
            hasher.update(b"\1unreadable")
        hasher.update(b"\0")
    return f"{sitegen.__version__}+{hasher.hexdigest()}"
