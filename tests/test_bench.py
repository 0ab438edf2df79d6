"""The benchmark's generated catalogs must stay valid, or `make bench` would measure a failing build."""

import subprocess
import sys

import epoch
from bench import live_edit_seconds, multiply, write_plain
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
    result = subprocess.run([sys.executable, str(ROOT / "tests" / "bench.py"), "--copies", "2", "--quick", "--out",
                             str(tmp_path)],
                            capture_output=True, text=True, cwd=ROOT, timeout=900)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    report = (tmp_path / "report.md").read_text(encoding="utf-8")
    rows = {line.split(" | ")[0].strip("| "): line.split(" | ") for line in report.splitlines()
            if line.startswith("| atlas") or line.startswith("| plain")}
    assert set(rows) == {"atlas x1", "atlas x2", "plain x1", "plain x2"}
    pages = {label: int(row[2]) for label, row in rows.items()}
    assert pages["atlas x1"] == pages["plain x1"] and pages["atlas x2"] == pages["plain x2"]
    assert pages["atlas x2"] > 1.5 * pages["atlas x1"]
    assert "Atlas vs plain Markdown, per page: x1 " in report and "x2 " in report


def test_epoch_rows_become_valid_models_and_what_the_atlas_refuses_is_dropped(tmp_path):
    """The scale run's converter, on a small table of the same shape as Epoch AI's (the real one is not part of the
    project): good rows become models, a row without a full date, an unsafe name and a clash are dropped."""
    columns = ["Model", "Domain", "Organization", "Publication date", "Link", "Parameters", "Model accessibility"]
    rows = [
        ["Tiny LM", "Language", "Example Lab", "2024-03-01", "https://example.org/tiny", "1000000", "Open weights"],
        ["Vision Thing", "Vision", "Google", "2021-06-30", "", "86000000.0", "API access"],
        ["Dateless", "Language", "Example Lab", "2024", "", "", ""],
        ["Hidden\u200bname", "Language", "Example Lab", "2024-01-01", "", "", ""],
        ["BERT", "Language", "Google", "2018-10-11", "", "340000000", ""],
    ]
    table = tmp_path / "epoch.csv"
    with table.open("w", newline="", encoding="utf-8") as handle:
        import csv

        writer = csv.writer(handle)
        writer.writerow(columns)
        writer.writerows(rows)
    project = copy_project(tmp_path / "p")
    counts = epoch.convert(project, table)
    catalog, problems = load_catalog(project)
    assert problems == []
    imported = {m["name"]: m for m in catalog.models.values() if m["id"].startswith("epoch-")}
    assert set(imported) == {"Tiny LM", "Vision Thing"}
    assert counts == {"rows": 5, "converted": 2, "dropped": 3}
    assert imported["Tiny LM"]["open_weights"] and imported["Vision Thing"]["families"] == ["vision"]
    assert imported["Vision Thing"]["organizations"] == ["google"]  # matched to the Atlas's own organization


def test_the_live_edit_measure_sees_a_saved_change_under_mkdocs_serve(tmp_path):
    seconds = live_edit_seconds(copy_project(tmp_path / "serve"))
    assert seconds is not None and seconds < 60


def test_the_lighthouse_server_compresses_as_static_hosts_do(tmp_path):
    import gzip
    import urllib.request

    from conftest import serve

    (tmp_path / "index.html").write_text("<p>" + "Transformer " * 500 + "</p>", encoding="utf-8")
    with serve(tmp_path, compress=True) as base:
        asked = urllib.request.Request(base, headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(asked) as response:
            compressed = response.read()
            encoding = response.headers["Content-Encoding"]
        with urllib.request.urlopen(base) as response:
            plain = response.read()
    assert encoding == "gzip" and len(compressed) < len(plain) / 10
    assert gzip.decompress(compressed) == plain == (tmp_path / "index.html").read_bytes()


def test_lighthouse_is_reported_as_not_run_when_it_is_absent(tmp_path, monkeypatch):
    from bench import lighthouse_scores

    monkeypatch.delenv("LIGHTHOUSE", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))  # no lighthouse command anywhere
    assert lighthouse_scores(tmp_path) is None
