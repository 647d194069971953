"""The package's layers: imports only point down, never in a cycle, never into eval/.

Every import in every module counts, deferred ones inside functions included (a deferred
import is still a dependency; it only moves the cost). The layer order is the flow of
claimcheck/__init__.py's docstring.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "claimcheck"
# Bottom to top. Modules of one layer may import each other (without cycles).
LAYERS = (
    ("_version", "core"),
    ("infra",),
    ("extract",),
    ("align",),
    ("verify",),
    ("consistency",),
    ("pipeline",),
    ("report",),
    ("gate",),
    ("evaluation",),
    ("api", "distributed"),
    ("cli",),
)
RANK = {name: rank for rank, names in enumerate(LAYERS) for name in names}


def modules() -> dict[str, Path]:
    """Dotted module name -> file, for every module of the package."""
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        out[name] = path
    return out


MODULES = modules()


def imports(path: Path, name: str) -> set[str]:
    """Every module `path` imports, deferred imports included, resolved to a known module when
    `from X import y` names a submodule."""
    found = set()
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            for alias in node.names:
                sub = f"{base}.{alias.name}"
                found.add(sub if sub in MODULES else base)
    return found


GRAPH = {name: {m for m in imports(path, name) if m in MODULES} for name, path in MODULES.items()}
ALL_IMPORTS = {name: imports(path, name) for name, path in MODULES.items()}


def layer(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else None


def test_every_module_has_a_layer() -> None:
    unplaced = sorted(m for m in MODULES if m != "claimcheck" and layer(m) not in RANK)
    assert not unplaced, f"add these to LAYERS: {unplaced}"


@pytest.mark.parametrize("module", sorted(m for m in MODULES if m != "claimcheck"))
def test_imports_point_down(module: str) -> None:
    mine = RANK[layer(module)]
    upward = sorted(
        target for target in GRAPH[module] if target == "claimcheck" or RANK[layer(target)] > mine
    )
    assert not upward, f"{module} (layer {layer(module)}) imports upward: {upward}"


@pytest.mark.parametrize("module", sorted(MODULES))
def test_nothing_imports_eval(module: str) -> None:
    bad = sorted(m for m in ALL_IMPORTS[module] if m == "eval" or m.startswith("eval."))
    bad += sorted(m for m in ALL_IMPORTS[module] if m in {"bench_corpus", "nli_mixture", "run_all"})
    assert not bad, f"{module} imports development code from eval/: {bad}"


def test_no_import_cycles() -> None:
    """Tarjan's strongly connected components over the module graph: every one is a single module."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(GRAPH[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1 or v in GRAPH[v]:
                cycles.append(sorted(component))

    for v in sorted(GRAPH):
        if v not in index:
            visit(v)
    assert not cycles, f"import cycles: {cycles}"


def test_the_checker_sees_a_planted_upward_import(tmp_path: Path) -> None:
    """The walker finds deferred imports, so the tests above can fail."""
    src = tmp_path / "m.py"
    src.write_text("def f():\n    from claimcheck.cli.app import app\n    return app\n", encoding="utf-8")
    assert "claimcheck.cli.app" in imports(src, "claimcheck.core.m")
