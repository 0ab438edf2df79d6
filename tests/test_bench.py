"""The benchmark's generated catalogs must stay valid, or `make bench` would measure a failing build."""

import subprocess
import sys

from bench import multiply, write_plain
from conftest import ROOT, copy_project
from macros.core.catalog import load_catalog


def test_multiplied_catalog_is_valid_and_larger(real_catalog, tmp_path):
    project = copy_project(tmp_path / "x3")
    multiply(project, 3)
    catalog, problems = load_catalog(project)
    assert [str(p) for p in problems] == []
    assert len(catalog.models) == 3 * len(real_catalog.models) and len(catalog.papers) == 3 * len(real_catalog.papers)


def test_plain_baseline_holds_the_same_pages_without_macros(tmp_path):
    project = copy_project(tmp_path / "plain")
    write_plain(project)
    bert = (project / "docs" / "models" / "bert.md").read_text()
    assert "{{" not in bert and '<tr id="bert-base">' in bert
    config = (project / "mkdocs.yml").read_text()
    assert "  - macros:" not in config and "macros/hooks.py" not in config


def test_make_bench_runs_at_twice_the_catalog(tmp_path):
    """The whole benchmark, small: the real catalog and a copy twice its size, each built as the Atlas and as
    plain Markdown. It used to fail (copied arXiv ids collided with real ones; the plain build lost the files
    docs/contributing.md includes)."""
    result = subprocess.run([sys.executable, str(ROOT / "tests" / "bench.py"), "--copies", "2", "--out", str(tmp_path)],
                            capture_output=True, text=True, cwd=ROOT, timeout=900)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    report = (tmp_path / "report.md").read_text(encoding="utf-8")
    rows = {line.split(" | ")[0].strip("| "): line.split(" | ") for line in report.splitlines()
            if line.startswith("| atlas") or line.startswith("| plain")}
    assert set(rows) == {"atlas x1", "atlas x2", "plain x1", "plain x2"}
    pages = {label: int(row[1]) for label, row in rows.items()}
    assert pages["atlas x1"] == pages["plain x1"] and pages["atlas x2"] == pages["plain x2"]
    assert pages["atlas x2"] > 1.5 * pages["atlas x1"]
    assert "Atlas vs plain Markdown, per page: x1 " in report and "x2 " in report
