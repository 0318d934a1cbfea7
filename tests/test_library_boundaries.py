"""Library boundaries: Great Expectations is imported by one module, the names of GX and Dagster that are not
public API are used in one module each and still exist, and the layers import one way: pipelines -> assets -> pug."""

import ast
import functools
import importlib
from pathlib import Path

import pytest

from pug import paths

ROOT = paths.PROJECT_ROOT
SOURCES = sorted(p for folder in ("pug", "assets", "pipelines") for p in (ROOT / folder).rglob("*.py"))
GX_ADAPTER = ROOT / "pug" / "validation" / "gx.py"
DAGSTER_ADAPTER = ROOT / "pipelines" / "instance.py"


@functools.cache
def _nodes(path: Path) -> list[ast.AST]:
    """Every node of a file's syntax tree, parsed once for all the tests."""
    return list(ast.walk(ast.parse(path.read_text(encoding="utf-8"))))


def _imports(path: Path) -> set[str]:
    """Every module a file imports, at any depth of the file."""
    found = set()
    for node in _nodes(path):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def _attributes(path: Path) -> set[tuple[str, str]]:
    """(object, attribute) of every `name.attribute` in a file; object '' when it is not a plain name."""
    return {(node.value.id if isinstance(node.value, ast.Name) else "", node.attr)
            for node in _nodes(path) if isinstance(node, ast.Attribute)}


def test_great_expectations_is_imported_by_its_adapter_only():
    importers = [p.relative_to(ROOT).as_posix() for p in SOURCES
                 if any(m == "great_expectations" or m.startswith("great_expectations.") for m in _imports(p))]
    assert importers == ["pug/validation/gx.py"]


def test_no_private_name_of_dagster_gx_or_multiprocessing_outside_the_adapters():
    for path in SOURCES:
        modules = _imports(path)
        assert not any(m.startswith(("dagster._", "great_expectations.")) for m in modules) or path == GX_ADAPTER, path
        assert "multiprocessing.util" not in modules, path
        attributes = _attributes(path)
        assert not {("os", "fork"), ("os", "_exit"), ("util", "_exit_function")} & attributes, path
        if path not in (GX_ADAPTER, DAGSTER_ADAPTER):
            names = {name for _, name in attributes}
            assert not {"event_log_storage", "_save_project_config", "free_concurrency_slots_for_run"} & names, path


@pytest.mark.parametrize("adapter", ["pug.validation.gx", "pipelines.instance"])
def test_every_private_name_an_adapter_uses_still_exists(adapter):
    """When an upgrade of Great Expectations or Dagster drops one of these names, this test names it."""
    for module, attribute in importlib.import_module(adapter).PRIVATE_NAMES:
        owner = None
        parts = module.split(".")
        for cut in range(len(parts), 0, -1):  # the longest importable prefix, then attributes
            try:
                owner = importlib.import_module(".".join(parts[:cut]))
            except ImportError:
                continue
            for name in parts[cut:]:
                owner = getattr(owner, name)
            break
        assert owner is not None and hasattr(owner, attribute), f"{module}.{attribute} is gone"


def test_the_instance_settings_name_only_the_private_modules_the_adapter_lists():
    from pipelines.instance import PRIVATE_NAMES

    listed = {f"{module}:{attribute}" for module, attribute in PRIVATE_NAMES}
    for settings in (ROOT / "dagster.yaml", ROOT / "deploy" / "postgres" / "dagster.yaml"):
        lines = settings.read_text(encoding="utf-8").splitlines()
        named = [(line.split(":", 1)[1].strip(), following.split(":", 1)[1].strip())
                 for line, following in zip(lines, lines[1:]) if line.strip().startswith("module:")]
        assert named and {f"{m}:{c}" for m, c in named} <= listed, settings


def test_imports_go_one_way_and_plain_logic_imports_no_dagster():
    for path in SOURCES:
        layer = path.relative_to(ROOT).parts[0]
        modules = _imports(path)
        if layer == "pug":
            assert not any(m.split(".")[0] in ("dagster", "assets", "pipelines") for m in modules), path
        if layer == "assets":
            assert not any(m.split(".")[0] == "pipelines" for m in modules), path


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def test_no_import_cycle():
    """Between the project's modules, counting every import (also those inside functions)."""
    names = {_module_name(p): p for p in SOURCES}
    graph = {}
    for name, path in names.items():
        targets = set()
        for module in _imports(path):
            # `from pug.validation import gx` names the module pug.validation.gx
            targets.update(m for m in (module, *(f"{module}.{a}" for a in _from_names(path, module))) if m in names and m != name)
        graph[name] = targets
    visiting, done = set(), set()

    def visit(node, trail):
        if node in done:
            return
        assert node not in visiting, " -> ".join([*trail, node])
        visiting.add(node)
        for target in graph[node]:
            if not names[target].name == "__init__.py":  # a package's __init__ imports nothing of ours
                visit(target, [*trail, node])
        visiting.discard(node)
        done.add(node)

    for node in graph:
        visit(node, [])


def _from_names(path: Path, module: str) -> set[str]:
    return {alias.name for node in _nodes(path) if isinstance(node, ast.ImportFrom) and node.module == module for alias in node.names}


def test_no_module_outside_the_tests_is_over_600_lines():
    long = {p.relative_to(ROOT).as_posix(): n for p in SOURCES if (n := len(p.read_text(encoding="utf-8").splitlines())) > 600}
    assert long == {}
