"""The package layering `docs/architecture.md` describes, checked on the code itself.

Each package may import only the packages below it and the top-level foundation; no
module imports another in a cycle; no module grows over 400 lines. A move that breaks
the layering fails here, naming the import.
"""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import PROJECT_ROOT

PACKAGE_ROOT = PROJECT_ROOT / "sitegen"

#: The top-level modules every package may import.
FOUNDATION = frozenset(
    {"sitegen", "errors", "urls", "model", "config", "news_settings", "theme", "parallel", "collector"}
    | {
        "display_text",
        "regular_files",
        "path_limits",
        "aside",
        "file_modes",
        "settled_stamps",
        "own_folders",
        "skipped_folders",
        "folder_ways",
        "folder_refusals",
        "interrupts",
    }
    | {"open_markup", "open_elements"}
)

#: Each package and what it may import besides the foundation (docs/architecture.md).
ALLOWED: dict[str, frozenset[str]] = {
    "jekyll": frozenset(),
    "content": frozenset({"jekyll"}),
    "liquid": frozenset({"jekyll", "content"}),
    "site": frozenset({"jekyll", "content"}),
    "render": frozenset({"jekyll", "content", "site"}),
    "incremental": frozenset({"jekyll", "content", "site", "render"}),
    "search": frozenset({"jekyll", "content", "site", "publish"}),
    "publish": frozenset({"jekyll", "content"}),
    "serve": frozenset({"build", "preview", "jekyll", "content"}),
    "check": frozenset(),
}
MAX_LINES = 400


def _modules() -> dict[str, Path]:
    return {
        ".".join(path.relative_to(PROJECT_ROOT).with_suffix("").parts).removesuffix(".__init__"): path
        for path in sorted(PACKAGE_ROOT.rglob("*.py"))
    }


def _runtime_imports(path: Path) -> set[str]:
    """The sitegen modules `path` imports when it runs (not those only for type checking)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    type_only: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            type_only |= {id(child) for child in ast.walk(node)}
    found = set()
    for node in ast.walk(tree):
        if id(node) in type_only:
            continue
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("sitegen"):
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name.startswith("sitegen")}
    return found


def _unit(module: str) -> str:
    """`sitegen.site.plan` → `site`; `sitegen.config` → `config`."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "sitegen"


def test_each_package_imports_only_what_lies_below_it() -> None:
    wrong = []
    for module, path in _modules().items():
        unit = _unit(module)
        if unit not in ALLOWED:
            continue
        for imported in _runtime_imports(path):
            target = _unit(imported)
            if target != unit and target not in FOUNDATION | ALLOWED[unit]:
                wrong.append(f"{module} imports {imported}")
    assert not wrong, wrong


def test_the_foundation_imports_no_package() -> None:
    wrong = [
        f"{module} imports {imported}"
        for module, path in _modules().items()
        if _unit(module) in FOUNDATION
        for imported in _runtime_imports(path)
        if _unit(imported) not in FOUNDATION | {"jekyll", _unit(module)}
    ]
    assert not wrong, wrong


def test_no_module_imports_itself_through_others() -> None:
    modules = _modules()
    graph = {
        module: {imported for imported in _runtime_imports(path) if imported in modules}
        for module, path in modules.items()
    }
    state: dict[str, int] = {}
    cycles: list[str] = []

    def visit(module: str, trail: list[str]) -> None:
        state[module] = 1
        for imported in sorted(graph[module]):
            if state.get(imported) == 1:
                cycles.append(" → ".join([*trail[trail.index(imported) :], imported]))
            elif imported not in state:
                visit(imported, [*trail, imported])
        state[module] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    assert not cycles, cycles


def test_no_module_is_over_400_lines() -> None:
    long = {
        module: lines
        for module, path in _modules().items()
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert not long, long
