"""The golden tree: the bundled example site's whole built output, committed.

`tests/golden/example/` holds every file `sitegen build` writes for the example site
(`_config.yml` + `content/`) at a fixed build moment. `test_golden.py` builds it again
and compares byte for byte, so any change to what sitegen publishes shows in review as a
diff of real output. After an intended change, `make golden` rewrites the tree
(`python -m tests.golden_site`); commit it with the change that caused it.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from sitegen.build import BuildOptions, BuildResult, build_site
from tests.conftest import NOW, PROJECT_ROOT

GOLDEN_TREE = PROJECT_ROOT / "tests" / "golden" / "example"


def build_example(destination: Path) -> BuildResult:
    """The example site built as the golden tree is: at `NOW`, without a cache, one job."""
    return build_site(
        BuildOptions(source=PROJECT_ROOT, destination=destination, now=NOW, cache=False, jobs=1)
    )


def main() -> int:
    with tempfile.TemporaryDirectory() as scratch:
        built = Path(scratch) / "site"
        result = build_example(built)
        if result.errors:
            for error in result.errors:
                print(error, file=sys.stderr)
            return 1
        if GOLDEN_TREE.exists():
            shutil.rmtree(GOLDEN_TREE)
        GOLDEN_TREE.parent.mkdir(parents=True, exist_ok=True)
        shutil.copytree(built, GOLDEN_TREE)
    print(f"golden tree rewritten: {sum(1 for p in GOLDEN_TREE.rglob('*') if p.is_file())} files")
    return 0


if __name__ == "__main__":
    sys.exit(main())
