"""The house rules of ARCHITECTURE.md, checked: which package may import which, and which
packages stay pure (no files, network or processes).

Each rule failing here names the module, the line and the import, so a change that
crosses a layer is caught where it is made, not when someone later tries to reuse a part.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from conftest import REPO

#: Each package's own layer and the layers it may import (besides its own). The order
#: is the data's walk: sources -> store -> curate -> render -> site, with the model,
#: normalizers and configuration loading beneath, and the commands on top.
ALLOWED: dict[str, set[str]] = {
    "core": set(),
    "model": {"core"},
    "normalize": {"core", "model"},
    "scrapers": {"core", "model", "normalize"},
    "config": {"core", "model", "normalize"},
    "curate": {"core", "model", "normalize"},
    "store": {"core", "model", "config", "curate"},
    "fetch": {"core", "model", "normalize", "scrapers", "config", "store", "curate"},
    "gather": {"core", "model", "normalize", "config", "store", "curate"},
    "render": {"core", "model", "normalize", "curate"},
    "intake": {"core", "model", "normalize", "config", "curate", "gather"},
    "site": {"core", "model", "normalize", "config", "store", "curate", "gather", "render"},
    "commands": {
        "core", "model", "normalize", "scrapers", "config", "store", "fetch", "curate",
        "gather", "render", "intake", "site",
    },
}  # fmt: skip
#: Layers that compute and never touch files, sockets or processes (the caller does).
PURE = {"core", "model", "normalize", "scrapers", "curate", "render"}
CORE_MODULES = {
    "boardgen",
    "boardgen.errors",
    "boardgen.problems",
    "boardgen.urls",
    "boardgen.slug",
}
ENTRY_POINTS = {"boardgen.__main__"}
#: Modules a pure layer may not import at all.
IO_MODULES = {
    "subprocess", "shutil", "socket", "tempfile", "httpx", "httpcore", "urllib.request",
    "http.client", "http.server", "asyncio", "sqlite3", "multiprocessing", "concurrent",
    "boardgen.site", "boardgen.store", "boardgen.fetch",
}  # fmt: skip
#: Calls that read or write files, whatever object they are called on.
IO_CALLS = {
    "open", "read_text", "write_text", "read_bytes", "write_bytes", "mkdir", "unlink",
    "rmdir", "touch", "iterdir", "glob", "rglob", "is_file", "is_dir", "exists", "stat",
    "makedirs", "remove", "listdir", "scandir", "walk", "system", "popen", "print",
}  # fmt: skip


#: Imports that break the rules today and are being moved (file, imported module).
PENDING = {
    "boardgen/curate/board.py boardgen.render.i18n",
    "boardgen/normalize/mapping.py scrapers",
    "boardgen/site/generate.py boardgen.fetch.command",
}


def layer_of(module: str) -> str | None:
    if module in ENTRY_POINTS:
        return "commands"
    if module in CORE_MODULES:
        return "core"
    parts = module.split(".")
    if parts[0] == "scrapers":
        return "scrapers"
    if parts[0] != "boardgen" or len(parts) < 2:
        return None
    return parts[1] if parts[1] in ALLOWED else None


def modules() -> list[tuple[str, Path]]:
    found = []
    for root in ("boardgen", "scrapers"):
        for path in sorted((REPO / root).rglob("*.py")):
            rel = path.relative_to(REPO).with_suffix("")
            name = ".".join(rel.parts[:-1] if rel.name == "__init__" else rel.parts)
            found.append((name, path))
    return found


def imports(tree: ast.Module, module: str) -> list[tuple[int, str]]:
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            out.append((node.lineno, node.module))
            # "from boardgen import x" imports the module boardgen.x when there is one.
            out += [(node.lineno, f"{node.module}.{a.name}") for a in node.names]
    return out


def test_every_module_belongs_to_a_layer() -> None:
    lost = [name for name, _ in modules() if layer_of(name) is None]
    assert lost == [], "modules outside every layer: add them to a package of ARCHITECTURE.md"


def test_no_layer_imports_a_layer_above_it() -> None:
    broken = []
    for name, path in modules():
        own = layer_of(name)
        assert own is not None
        for line, target in imports(ast.parse(path.read_bytes()), name):
            other = layer_of(target)
            if other is None or other == own or other in ALLOWED[own]:
                continue
            if not _is_module(target):
                continue
            broken.append(f"{path.relative_to(REPO)}:{line}: {own} imports {target}")

    def key(found: str) -> str:
        return found.split(":", 1)[0] + " " + found.rsplit(" ", 1)[1]

    assert [found for found in broken if key(found) not in PENDING] == []
    # An entry fixed elsewhere must leave PENDING too, so the list only ever shrinks.
    still = {key(found) for found in broken}
    assert still >= PENDING, f"fixed, remove from PENDING: {sorted(PENDING - still)}"


def _is_module(dotted: str) -> bool:
    base = REPO.joinpath(*dotted.split("."))
    return base.with_suffix(".py").is_file() or (base / "__init__.py").is_file()


@pytest.mark.parametrize("layer", sorted(PURE))
def test_pure_layers_do_no_io(layer: str) -> None:
    found = []
    for name, path in modules():
        if layer_of(name) != layer:
            continue
        tree = ast.parse(path.read_bytes())
        for line, target in imports(tree, name):
            if any(target == bad or target.startswith(bad + ".") for bad in IO_MODULES):
                found.append(f"{path.relative_to(REPO)}:{line}: imports {target}")
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                func = node.func
                called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
                if called in IO_CALLS:
                    found.append(f"{path.relative_to(REPO)}:{node.lineno}: calls {called}()")
    assert found == []
