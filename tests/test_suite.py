"""The test suite itself: independent modules, and a broken data file that fails the tests naming it rather than
the collection of the whole suite."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys

from conftest import ROOT, copy_project

TESTS = ROOT / "tests"


def test_no_test_module_imports_another():
    modules = {path.stem for path in TESTS.glob("test_*.py")}
    for path in TESTS.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [node.module] if isinstance(node, ast.ImportFrom) else \
                [alias.name for alias in node.names] if isinstance(node, ast.Import) else []
            assert not set(names) & modules, f"{path.name} imports {set(names) & modules}: share it in conftest.py"


def test_a_broken_data_file_does_not_stop_collection(tmp_path):
    project = copy_project(tmp_path / "project")
    shutil.copytree(TESTS, project / "tests", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy2(ROOT / "pyproject.toml", project / "pyproject.toml")
    gpt2 = project / "data" / "models" / "gpt-2.yaml"
    gpt2.write_text(gpt2.read_text(encoding="utf-8").replace("license: MIT", "license: no"), encoding="utf-8")
    run = [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q"]
    collected = subprocess.run(run + ["--collect-only"], cwd=project, capture_output=True, text=True, timeout=300)
    assert collected.returncode == 0, collected.stdout[-3000:] + collected.stderr[-3000:]
    assert "error" not in collected.stdout.splitlines()[-1]
    data = subprocess.run(run + ["tests/test_data.py::test_the_catalog_has_no_problems"], cwd=project,
                          capture_output=True, text=True, timeout=300)
    assert data.returncode == 1
    assert "data/models/gpt-2.yaml" in data.stdout and "license" in data.stdout
