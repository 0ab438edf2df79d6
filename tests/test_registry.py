"""The registry (macros/core/registry.py) is the one place for a numeric field: adding one there, and a value in a
data file, is all it takes for the field to reach every page, table, export and schema. And the bugs that came
from keeping copies: the JavaScript formatter agrees with the Python one, the compare view shows every field,
the download page states the sizes of the files it links, the compute estimate of a mixture-of-experts model
without active parameters is unknown, and BibTeX says when an author list is shortened."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest

from conftest import copy_project, mkdocs_build
from macros.core import registry
from macros.core.numbers import derived_figures, number
from macros.render import cite, format

NEW_FIELD = ('    NumberField("train_steps", "Training steps", "Optimizer steps of pretraining", compared=True),\n')


@pytest.fixture(scope="module")
def site_with_a_new_field(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("registry") / "project")
    source = project / "macros" / "core" / "registry.py"
    text = source.read_text(encoding="utf-8")
    anchor = '    NumberField("tokens_per_param"'
    assert anchor in text
    source.write_text(text.replace(anchor, NEW_FIELD + anchor, 1), encoding="utf-8")
    model = project / "data" / "models" / "llama.yaml"
    text = model.read_text(encoding="utf-8")
    first_variant = re.search(r"^  - id: (\S+)\n", text[text.index("\nvariants:\n"):], re.M)
    start = text.index("\nvariants:\n")
    params = re.search(r"^    params: .*\n", text[start + first_variant.end():], re.M)
    cut = start + first_variant.end() + params.end()
    model.write_text(text[:cut] + "    train_steps: 10000\n" + text[cut:], encoding="utf-8")
    result = mkdocs_build(project, project / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site", first_variant.group(1)


def test_a_field_added_to_the_registry_reaches_every_page_export_and_schema(site_with_a_new_field):
    site, variant = site_with_a_new_field
    page = (site / "models" / "llama" / "index.html").read_text(encoding="utf-8")
    assert '<th scope="col">Training steps</th>' in page and ">10,000</td>" in page
    # The static models table: a column on every page of it, and the value in LLaMA's row on whichever page it is
    tables = [(site / "models" / "index.html").read_text(encoding="utf-8")]
    tables += [p.read_text(encoding="utf-8") for p in sorted((site / "models" / "page").glob("*/index.html"))]
    assert all('data-col="train_steps" data-numeric>Training steps</th>' in table for table in tables)
    assert any(re.search(rf'<tr id="llama--{variant}".*?data-col="train_steps" data-sort="10000"', table, re.S)
               for table in tables)
    fields = json.loads((site / "api" / "v1" / "fields.json").read_text(encoding="utf-8"))["fields"]
    assert {"name": "train_steps", "label": "Training steps", "style": "exact", "derived": False} \
        .items() <= next(f for f in fields if f["name"] == "train_steps").items()
    rows = list(csv.DictReader(io.StringIO((site / "api" / "v1" / "models.csv").read_text(encoding="utf-8"))))
    assert next(r for r in rows if r["variant_id"] == variant)["train_steps"] == "10000"
    models = json.loads((site / "api" / "v1" / "models.json").read_text(encoding="utf-8"))["models"]
    llama = next(m for m in models if m["id"] == "llama")
    assert llama["variants"][0]["train_steps"] == 10000
    schema = json.loads((site / "api" / "v1" / "schema" / "model.schema.json").read_text(encoding="utf-8"))
    assert "train_steps" in schema["properties"]["variants"]["items"]["properties"]
    api = (site / "api" / "index.html").read_text(encoding="utf-8")
    assert "variants[].train_steps" in api.replace("&#91;", "[").replace("&#93;", "]")


@pytest.mark.browser
def test_the_compare_view_shows_a_field_added_to_the_registry(site_with_a_new_field, browser):
    from conftest import serve

    site, variant = site_with_a_new_field
    with serve(site) as base:
        context = browser.new_context()
        tab = context.new_page()
        tab.goto(base + f"compare/?m=llama:{variant}")
        tab.wait_for_selector("table.atlas-compare")
        labels = tab.locator("table.atlas-compare tbody th").all_inner_texts()
        assert any(label.startswith("Training steps") for label in labels), labels
        context.close()


@pytest.mark.browser
def test_the_compare_view_shows_every_field_a_variant_has(page, site_url, built_site):
    models = json.loads((built_site / "api" / "v1" / "models.json").read_text(encoding="utf-8"))["models"]
    for model_id in ("mixtral-8x7b", "llama-2", "bert"):
        model = next(m for m in models if m["id"] == model_id)
        variant = max(model["variants"], key=lambda v: v["params"] or 0)
        page.goto(site_url + f"compare/?m={model_id}")
        page.wait_for_selector("table.atlas-compare")
        labels = [label.replace(" differs", "") for label in
                  page.locator("table.atlas-compare tbody th").all_inner_texts()]
        expected = [f.label for f in registry.NUMBER_FIELDS if variant.get(f.name) is not None]
        assert [label for label in labels if label in {f.label for f in registry.NUMBER_FIELDS}] == expected
    assert page.console_errors == []


BOUNDARIES = [0, 1, 999, 1000, 1001, 9_995, 99_950, 999_499, 999_500, 999_950, 1_000_000, 1_499_999, 6_700_000_000,
              175_000_000_000, 999_499_999_999, 999_950_000_000, 10**12, 1_400_000_000_000, 999_500_000_000_000,
              10**15]


@pytest.mark.browser
def test_the_javascript_writes_numbers_as_the_python_does(page, site_url):
    page.goto(site_url + "compare/")
    page.wait_for_function("typeof window.atlasShowNumber === 'function'")
    cases = [("params", "count", v) for v in BOUNDARIES] + [("d_model", "exact", v) for v in BOUNDARIES]
    cases += [("tokens_per_param", "ratio", v) for v in (0.04, 1.26, 20.0, 99.94, 99.96, 142.3, 1850.7)]
    cases += [("train_flops", "flops", v) for v in (6 * 117e6 * 1e9, 3.14e23, 9.96e23, 1e25, 2.1e24)]
    cases += [("kv_bytes_per_token", "bytes", v) for v in (512, 1023, 1024, 1536, 70_272, 327_680, 2**20 - 1,
                                                            1_048_000, 2**30 * 140, 2**40 * 3, 2**50)]
    for name, style, value in cases:
        shown = page.evaluate("([style, value]) => window.atlasShowNumber(style, value)", [style, value])
        assert shown == format.show_number(name, value), (name, value)


def test_python_byte_sizes_use_binary_units_and_round_up_to_the_next_one():
    assert [format.size_in_bytes(v) for v in (512, 1024, 1536, 70_272, 2**20 - 1, 140 * 2**30, 2**50)] == \
        ["512 B", "1 KiB", "1.5 KiB", "68.6 KiB", "1 MiB", "140 GiB", "1,024 TiB"]


def test_python_counts_round_at_every_unit_boundary():
    assert [format.human(v) for v in (999, 1000, 999_499, 999_500, 999_950, 999_499_999_999, 10**15)] == \
        ["999", "1K", "999K", "1M", "1M", "999B", "1,000T"]


def _numbers(**values) -> dict:
    return {name: number(values.get(name), None, {}) for name in registry.HYPERPARAMETERS}


def test_the_compute_of_a_sparse_model_without_active_parameters_is_unknown():
    # GShard records 2,048 experts and no active count: 6 x total parameters x tokens would be ~1,000x too high.
    sparse = derived_figures(_numbers(params=600 * 10**9, active_params="unknown", experts=2048,
                                      training_tokens=10**12))
    assert sparse["train_flops"] is None and sparse["tokens_per_param"] == pytest.approx(10**12 / (600 * 10**9))
    assert derived_figures(_numbers(params=10**9, experts=8, training_tokens=10**12))["train_flops"] is None
    known = derived_figures(_numbers(params=47 * 10**9, active_params=13 * 10**9, experts=8, training_tokens=10**12))
    assert known["train_flops"] == 6 * 13 * 10**9 * 10**12
    dense = derived_figures(_numbers(params=7 * 10**9, training_tokens=2 * 10**12))
    assert dense["train_flops"] == 6 * 7 * 10**9 * 2 * 10**12


def test_gshard_shows_no_compute_estimate(built_site):
    rows = list(csv.DictReader(io.StringIO((built_site / "api" / "v1" / "models.csv").read_text("utf-8"))))
    gshard = [r for r in rows if r["model_id"] == "gshard" and r["training_tokens"]]
    assert gshard and all(r["train_flops"] == "" for r in gshard)
    assert all(r["tokens_per_param"] for r in gshard)


def test_bibtex_keeps_every_listed_author_and_says_when_the_list_is_shortened(built_site):
    paper = {"id": "x", "title": "T", "authors": ["Ann One", "Bo Two", "Cy Three"], "date": "2023",
             "url": "https://e.org/"}
    assert "author = {Ann One and Bo Two and Cy Three}" in cite.bibtex_entry(paper)
    assert "author = {Ann One and Bo Two and Cy Three and others}" in cite.bibtex_entry({**paper,
                                                                                       "authors_shortened": True})
    bib = (built_site / "api" / "v1" / "catalog.bib").read_text(encoding="utf-8")
    for key in ("touvron-2023-llama2", "dubey-2024-llama3"):
        entry = bib[bib.index(f"@misc{{{key},"):].split("\n}\n")[0]
        assert re.search(r"author = \{[^}]* and others\}", entry), entry
    page = (built_site / "papers" / "touvron-2023-llama2" / "index.html").read_text(encoding="utf-8")
    assert "Hugo Touvron and others</td>" in page


def test_the_download_page_states_the_size_of_each_published_file(built_site):
    page = (built_site / "download" / "index.html").read_text(encoding="utf-8")
    rows = re.findall(r'<a href="\.\./([^"]+)" download>.*?about (\d+) kB', page)
    assert len(rows) >= 9
    for path, stated in rows:
        size = (built_site / path).stat().st_size
        assert int(stated) == max(1, round(size / 1000)), (path, stated, size)
