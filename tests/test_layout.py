"""The package's layout as README's "How it works" describes it: imports go one way
(text <- brief <- daily; render is fed by brief, never the reverse), and modules and
functions stay small enough to read."""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "digest"

# what each part of the package may import from digest (besides itself)
ALLOWED = {
    "text": {"models", "errors"},
    "models": set(),
    "errors": set(),
    "config": {"errors", "text"},
    "render": {"models", "errors", "text"},
    "brief": {"models", "errors", "config", "text", "render"},
    "daily": {"models", "errors", "config", "text", "render", "brief"},
    "evaluation": {"models", "errors", "config", "text", "render", "brief"},
    "cli": {"models", "errors", "config", "text", "brief", "daily", "evaluation", "__init__"},
    "__main__": {"cli"},
    "__init__": set(),
}
MAX_MODULE_LINES = 450
MAX_FUNCTION_LINES = 80


def _modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def _part(path: Path) -> str:
    relative = path.relative_to(PACKAGE)
    return relative.parts[0] if len(relative.parts) > 1 else relative.stem


def _imported_parts(path: Path) -> set[str]:
    parts = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = []
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        elif isinstance(node, ast.ImportFrom) and node.level:
            raise AssertionError(f"{path}: use absolute digest.* imports")
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        for name in names:
            if name == "digest":
                parts.add("__init__")
            elif name.startswith("digest."):
                parts.add(name.split(".")[1])
    return parts


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_go_one_way(path):
    part = _part(path)
    wrong = _imported_parts(path) - ALLOWED[part] - {part}
    assert not wrong, f"{path.relative_to(PACKAGE)} ({part}/) may not import {sorted(wrong)}"


def test_the_rule_catches_a_wrong_way_import(tmp_path):
    module = tmp_path / "bad.py"
    module.write_text("from digest.daily.store import ArticleStore\n")
    assert _imported_parts(module) - ALLOWED["brief"] == {"daily"}


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_modules_and_functions_stay_small(path):
    source = path.read_text(encoding="utf-8")
    assert source.count("\n") <= MAX_MODULE_LINES, f"{path.name} has grown past a module"
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            length = node.end_lineno - node.lineno + 1
            assert length <= MAX_FUNCTION_LINES, f"{path.name}:{node.name} is {length} lines"
