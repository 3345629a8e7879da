"""The unit tests that a change to plugin files can break: every test file that imports one of them,
directly or through other plugin files and test helpers. make check runs these.

usage: python tests/tools/affected_tests.py plugins/module_utils/_core/base.py [...]
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
COLLECTION = "ansible_collections.imageforge.image_builder."
SEARCHED = ("plugins", "tests/unit")
EXCLUDED = "tests/unit/emulator"  # imports only the emulator and boto3: no plugin file reaches it
BY_PATH = ("plugins/modules", '"plugins" / "modules"')  # tests that read the module files as text


def dotted(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported(path: Path, known: set[str]) -> set[str]:
    """The known modules that the file imports; a file that loads plugin modules by a computed name
    (importlib.import_module(f"...plugins.modules.{name}")) or reads them by path counts as importing every module."""
    source = path.read_text(encoding="utf-8")
    package = dotted(path).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    found: set[str] = set()
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return set(known)  # cannot tell: it may depend on anything
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package[: len(package) - node.level + 1] + ([base] if base else []))
            names = [base] + [f"{base}.{alias.name}" for alias in node.names]
        for name in names:
            found |= {prefix for prefix in _prefixes(name.removeprefix(COLLECTION)) if prefix in known}
    if ("import_module(" in source and "plugins.modules." in source) or any(p in source for p in BY_PATH):
        found |= {name for name in known if name.startswith("plugins.modules.")}
    return found


def _prefixes(name: str) -> list[str]:
    parts = name.split(".")
    return [".".join(parts[:end]) for end in range(1, len(parts) + 1)]


def affected_tests(changed: list[str]) -> list[str]:
    """The test files reached from the changed plugin files and test helpers."""
    files = {dotted(path): path for top in SEARCHED for path in (ROOT / top).rglob("*.py") if not path.is_relative_to(ROOT / EXCLUDED)}
    graph = {name: imported(path, set(files)) for name, path in files.items()}
    reached = {dotted(ROOT / name) for name in changed if (ROOT / name).suffix == ".py"} & set(files)
    grew = True
    while grew:
        more = {name for name, deps in graph.items() if deps & reached} - reached
        reached |= more
        grew = bool(more)
    return sorted(str(files[name].relative_to(ROOT)) for name in reached if name.startswith("tests.unit.") and files[name].name.startswith("test_"))


if __name__ == "__main__":
    print("\n".join(affected_tests(sys.argv[1:])))
