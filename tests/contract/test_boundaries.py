"""A service never imports another service; contracts and runtime import no service;
domain modules do no I/O (no database, broker, HTTP, environment or wall clock)."""

import ast
from pathlib import Path

import pytest

pytestmark = pytest.mark.contract

ROOT = Path(__file__).resolve().parents[2]
SERVICES = ("intake", "routing", "sla", "settlement", "analytics")
IO_MODULES = {"asyncpg", "aiokafka", "faststream", "httpx", "fastapi", "os", "uvicorn", "socket", "subprocess"}


def imports_of(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def python_files(folder: Path):
    return [p for p in folder.rglob("*.py") if "__pycache__" not in p.parts]


@pytest.mark.parametrize("service", SERVICES)
def test_a_service_imports_no_other_service(service):
    offending = [
        f"{path.relative_to(ROOT)}: {name}"
        for path in python_files(ROOT / "services" / service)
        for name in imports_of(path)
        if name.startswith("services.") and name.split(".")[1] != service
    ]
    assert offending == []


@pytest.mark.parametrize("package", ["contracts", "runtime"])
def test_shared_packages_import_no_service(package):
    offending = [f"{p.relative_to(ROOT)}: {n}" for p in python_files(ROOT / package) for n in imports_of(p)
                 if n.startswith("services")]
    assert offending == []


def test_domain_modules_do_no_io():
    offending = []
    for domain in (ROOT / "services").glob("*/domain"):
        for path in python_files(domain):
            text = path.read_text(encoding="utf-8")
            bad = {n for n in imports_of(path) if n.split(".")[0] in IO_MODULES}
            if bad or "datetime.now(" in text or ".now()" in text:
                offending.append(f"{path.relative_to(ROOT)}: {sorted(bad) or 'reads the wall clock'}")
    assert offending == []
