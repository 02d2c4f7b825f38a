"""The layers stay layers: only lib/app draws with Streamlit, and no module imports in a cycle."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LIB = ROOT / "lib"
PURE_LAYERS = ("data", "analysis", "views", "i18n")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):  # imports for type checkers only are not run
        if isinstance(node, ast.If) and getattr(node.test, "id", None) == "TYPE_CHECKING":
            node.body = []
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(p): p for p in LIB.rglob("*.py")}


@pytest.mark.parametrize("layer", PURE_LAYERS)
def test_pure_layers_never_import_streamlit(layer):
    offenders = [
        str(p.relative_to(ROOT))
        for p in (LIB / layer).rglob("*.py")
        if any(name == "streamlit" or name.startswith("streamlit.") for name in _imports(p))
    ]
    assert offenders == []


def test_lower_layers_never_import_the_app_layer():
    offenders = [
        str(p.relative_to(ROOT))
        for layer in PURE_LAYERS
        for p in (LIB / layer).rglob("*.py")
        if any(name.startswith("lib.app") for name in _imports(p))
    ]
    assert offenders == []


def test_no_import_cycles_between_lib_modules():
    graph = {
        name: {dep for dep in _imports(path) if dep in MODULES and dep != name and not name.startswith(dep + ".")}
        for name, path in MODULES.items()
    }
    # a package's __init__ re-exporting its modules is not a cycle
    for name in graph:
        graph[name] = {d for d in graph[name] if not (MODULES[d].name == "__init__.py" and name.startswith(d + "."))}
    seen, stack, cycles = set(), [], []

    def visit(node):
        if node in stack:
            cycles.append(stack[stack.index(node) :] + [node])
            return
        if node in seen:
            return
        seen.add(node)
        stack.append(node)
        for dep in sorted(graph[node]):
            visit(dep)
        stack.pop()

    for name in sorted(graph):
        visit(name)
    assert cycles == []


# Only the tests of bench itself (the load clients) and the scaled data of bench/scale.py may reach into bench/.
TESTS_USING_BENCH = {"tests/test_load_ws.py", "tests/test_store_postgres.py"}


def test_tests_do_not_depend_on_the_benchmarks():
    offenders = [
        str(p.relative_to(ROOT))
        for p in (ROOT / "tests").rglob("*.py")
        if str(p.relative_to(ROOT)) not in TESTS_USING_BENCH
        and any(name == "bench" or name.startswith("bench.") for name in _imports(p))
    ]
    assert offenders == []


def test_no_import_cycles_between_bench_modules():
    bench = {_module_name(p): p for p in (ROOT / "bench").glob("*.py")}
    # imports inside functions count too: a lazy import only hides a cycle until that function runs
    graph = {name: {dep for dep in _imports(path) if dep in bench and dep != name} for name, path in bench.items()}
    reach = {name: set(deps) for name, deps in graph.items()}
    changed = True
    while changed:  # transitive closure: a module that reaches itself is in a cycle
        changed = False
        for name, deps in reach.items():
            more = set().union(*(reach[d] for d in deps)) - deps
            if more:
                deps |= more
                changed = True
    assert sorted(name for name, deps in reach.items() if name in deps) == []
