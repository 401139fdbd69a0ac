"""No import cycle anywhere in truthmap, counting imports inside functions too.

Read from the source (ast), not from what happens to be imported: a cycle
that only closes through a function-level import still ties the two modules
together, and is only waiting for the wrong import order to break.  Imports
under `if TYPE_CHECKING:` never run and are left out.
"""

from __future__ import annotations

import ast
from pathlib import Path

import truthmap

SOURCE = Path(truthmap.__file__).parent


def module_name(path: Path) -> str:
    parts = path.relative_to(SOURCE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(path): path for path in sorted(SOURCE.rglob("*.py"))}


def _type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _runtime_imports(tree: ast.AST):
    """Every import statement that can run, at any depth."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.If) and _type_checking(node):
            yield from (n for branch in node.orelse for n in _runtime_imports(ast.Module(body=[branch])))
            continue
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            yield node
        yield from _runtime_imports(node)


def imports_of(name: str, path: Path, known: dict[str, Path]) -> set[str]:
    """The truthmap modules `name` imports by name (a package only when the
    statement names the package itself, as `from . import x` does for a non-module x)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in _runtime_imports(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
            continue
        if node.level:
            base = package.split(".")[: len(package.split(".")) - node.level + 1]
            source = ".".join(base + ([node.module] if node.module else []))
        else:
            source = node.module or ""
        for alias in node.names:
            submodule = f"{source}.{alias.name}"
            found.add(submodule if submodule in known else source)
    return {module for module in found if module in known and module != name}


def graph() -> dict[str, set[str]]:
    known = modules()
    edges = {name: imports_of(name, path, known) for name, path in known.items()}
    # The one import by computed name: help walks the workbench's modules for their bindings.
    from truthmap.workbench.screens import help_screen

    edges[help_screen.__name__] |= set(help_screen.workbench_module_names()) - {help_screen.__name__}
    return edges


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected parts of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(edges.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            part = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                part.append(member)
                if member == node:
                    break
            if len(part) > 1:
                found.append(sorted(part))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def test_no_module_of_truthmap_imports_itself_back_even_from_inside_a_function():
    edges = graph()
    assert len(edges) > 50 and "truthmap.workbench.app" in edges  # the whole package was read
    assert "truthmap.workbench.panes.matrix" in edges["truthmap.workbench.screens.help_screen"]
    tangled = cycles(edges)
    assert not tangled, "import cycles: " + "; ".join(
        " <-> ".join(part) + " (" + ", ".join(f"{a} imports {b}" for a in part for b in sorted(edges[a]) if b in part) + ")"
        for part in tangled)


def test_the_cycle_finder_sees_a_cycle_closed_inside_a_function(tmp_path):
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "__init__.py").write_text("def run():\n    from .b import x\n")
    (package / "a.py").write_text("from . import run\n")
    (package / "b.py").write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from .a import y\nx = 1\n")
    known = {"pkg": package / "__init__.py", "pkg.a": package / "a.py", "pkg.b": package / "b.py"}
    edges = {name: imports_of(name, path, known) for name, path in known.items()}
    assert edges == {"pkg": {"pkg.b"}, "pkg.a": {"pkg"}, "pkg.b": set()}  # the TYPE_CHECKING import never runs
    assert cycles(edges) == []
    (package / "b.py").write_text("def later():\n    import pkg.a\n")
    edges = {name: imports_of(name, path, known) for name, path in known.items()}
    assert cycles(edges) == [["pkg", "pkg.a", "pkg.b"]]
