"""The layers of macros/ and the direction of imports between them.

core (read, validate, index) <- render (Markdown, HTML, SVG, BibTeX) <- publish (pages, exports, feed, policy)
<- the adapters (__init__.py and hooks.py for MkDocs, __main__.py and scaffold.py for the command line).
A layer imports only itself and the layers below it, only hooks.py imports MkDocs, the core imports no template
engine, and no module imports itself back through others (no cycle).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from conftest import ROOT

PACKAGE = ROOT / "macros"
LAYERS = {"core": 0, "render": 1, "publish": 2, "adapter": 3}
THIRD_PARTY = {  # layer -> third-party packages it may import
    "core": {"yaml"},
    "render": {"yaml", "jinja2", "markupsafe", "segno"},
    "publish": {"yaml", "jinja2", "markupsafe"},
    "adapter": {"yaml", "mkdocs"},
}


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def layer(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 2 or (len(parts) == 2 and parts[1] in LAYERS) else "adapter"


def imports(path: Path) -> set[str]:
    """Absolute names of every module `path` imports (relative imports resolved, `from x import y` as x.y when
    x.y is one of our modules)."""
    module = module_name(path)
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package.split(".")
            if node.level:
                base = base[:len(base) - node.level + 1]
                name = ".".join(base + ([node.module] if node.module else []))
            else:
                name = node.module
            out.add(name)
            for alias in node.names:
                candidate = f"{name}.{alias.name}"
                if candidate in MODULES:
                    out.add(candidate)
    return out


MODULES = {module_name(path): path for path in PACKAGE.rglob("*.py")}


def violations(module: str, names: set[str]) -> list[str]:
    mine, out = layer(module), []
    for name in sorted(names):
        top = name.split(".")[0]
        if name.startswith("macros"):
            target = name if name in MODULES else name.rsplit(".", 1)[0]
            if LAYERS[layer(target)] > LAYERS[mine]:
                out.append(f"{module} ({mine}) imports {name} ({layer(target)})")
        elif top in {"mkdocs", "jinja2", "markupsafe", "segno", "yaml"} and top not in THIRD_PARTY[mine]:
            out.append(f"{module} ({mine}) imports {top}")
        if top == "mkdocs" and module != "macros.hooks":
            out.append(f"{module} imports MkDocs: only macros.hooks may")
    return out


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_flow_down_the_layers(module):
    assert violations(module, imports(MODULES[module])) == []


def test_an_upward_import_or_mkdocs_outside_the_adapter_is_seen():
    assert "macros.core.catalog" in imports(MODULES["macros.render.views"])  # relative imports are resolved
    assert violations("macros.core.schema", {"macros.render.views"})
    assert violations("macros.render.views", {"macros.publish.pages"})
    assert violations("macros.core.catalog", {"jinja2"})
    assert violations("macros.publish.export", {"mkdocs.config"})
    assert violations("macros.hooks", {"mkdocs.config", "macros.publish.pages"}) == []


def test_no_module_imports_itself_back():
    graph = {module: {name if name in MODULES else name.rsplit(".", 1)[0] for name in imports(path)
                      if name.startswith("macros.")} & set(MODULES) - {module}
             for module, path in MODULES.items()}
    for module in graph:  # a package importing its own submodules is not a cycle
        graph[module] = {name for name in graph[module] if not (module_name(MODULES[module]) == module
                                                                and MODULES[module].name == "__init__.py"
                                                                and name.startswith(module + "."))}
    state: dict[str, str] = {}

    def visit(module, trail):
        state[module] = "open"
        for name in sorted(graph[module]):
            assert state.get(name) != "open", "import cycle: " + " -> ".join(trail + [module, name])
            if name not in state:
                visit(name, trail + [module])
        state[module] = "done"

    for module in sorted(graph):
        if module not in state:
            visit(module, [])


def test_the_layers_are_what_the_package_says():
    assert {layer(module) for module in MODULES} == set(LAYERS)
    assert layer("macros.core.schema") == "core" and layer("macros.hooks") == "adapter"
