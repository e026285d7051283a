"""Packages depend one way only: reference_data <- scoring <- service; clients -> scoring."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("reference_data", "scoring", "service", "clients")
# What each package may import from the project's own packages.
ALLOWED: dict[str, set[str]] = {
    "reference_data": set(),
    "scoring": {"reference_data"},
    "service": {"reference_data", "scoring"},
    "clients": {"reference_data", "scoring"},
}
# Libraries that must stay out of the plain libraries (STYLE.md rule 1).
FORBIDDEN_LIBS: dict[str, set[str]] = {
    "reference_data": {"fastapi", "sqlmodel", "sqlalchemy", "httpx", "starlette"},
    "scoring": {"fastapi", "sqlmodel", "sqlalchemy", "httpx", "starlette"},
}
# The one sanctioned crossing: `flscreen serve` and `flscreen keys` administer the server, so that
# module imports `service` lazily, inside the commands, and only when the [server] extra is installed.
EXCEPTIONS: dict[str, set[str]] = {"clients/cmd_server.py": {"service"}}


def _imported_roots(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    roots: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split(".")[0])
    return roots


@pytest.mark.parametrize("package", PACKAGES)
def test_layers_imports_point_one_way(package: str) -> None:
    offenders = []
    for path in sorted((ROOT / package).rglob("*.py")):
        roots = _imported_roots(path)
        bad = (roots & set(PACKAGES)) - ALLOWED[package] - {package}
        bad |= roots & FORBIDDEN_LIBS.get(package, set())
        bad -= EXCEPTIONS.get(path.relative_to(ROOT).as_posix(), set())
        if bad:
            offenders.append(f"{path.relative_to(ROOT)} imports {sorted(bad)}")
    assert offenders == []


def test_layers_detects_a_violation(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text("from service.main import create_app\nimport fastapi\n", encoding="utf-8")
    assert _imported_roots(module) == {"service", "fastapi"}
