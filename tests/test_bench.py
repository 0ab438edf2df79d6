"""The benchmark's generated catalogs must stay valid, or `make bench` would measure a failing build."""

from bench import multiply, write_plain
from conftest import copy_project
from macros.core.catalog import load_catalog
from test_data import CATALOG


def test_multiplied_catalog_is_valid_and_larger(tmp_path):
    project = copy_project(tmp_path / "x3")
    multiply(project, 3)
    catalog, problems = load_catalog(project)
    assert [str(p) for p in problems] == []
    assert len(catalog.models) == 3 * len(CATALOG.models) and len(catalog.papers) == 3 * len(CATALOG.papers)


def test_plain_baseline_holds_the_same_pages_without_macros(tmp_path):
    project = copy_project(tmp_path / "plain")
    write_plain(project)
    bert = (project / "docs" / "models" / "bert.md").read_text()
    assert "{{" not in bert and '<tr id="bert-base">' in bert
    config = (project / "mkdocs.yml").read_text()
    assert "  - macros:" not in config and "macros/hooks.py" not in config
