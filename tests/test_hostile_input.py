"""Hostile input: entries whose every text field carries script and markup build into pages where nothing runs.

A copy of the repository gets a family, a paper, a model, a concept, a resource and a benchmark table written by an
attacker. The built pages are opened in Chromium: no dialog may open, no element of the payload may exist in the
page, and the payload must be shown as the literal text it is. The exports must carry it inertly too.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import copy_project, mkdocs_build, serve

# Every payload element carries data-hostile, so any of them that became markup is found by one selector.
PAYLOAD = ('<script data-hostile>alert("s")</script><img src=x onerror="alert(1)" data-hostile>'
           '"><b data-hostile>b</b> <svg data-hostile onload=alert(2)> [x](javascript:alert(3)) &amp; <!--'
           # Markdown and attr_list, which need none of < > & " ' (issue: stored XSS without a click)
           ' ![i](data:image/png,x){: onerror=alert(4) data-hostile } [j](javascript:alert(5)){: data-hostile }'
           ' <https://evil.example/> `code` *em* | cell | --8<-- "LICENSE"')
URL = 'https://example.org/a"><b/data-hostile>x</b>'  # legal http(s) URL characters, but markup if unescaped


def q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text)


TODAY = dt.date.today().isoformat()  # the newest entries, so the feed (the most recent 100) holds them


def hostile(label: str) -> str:
    return f"{label} {PAYLOAD}"


FILES = {
    "families/hostile-family.yaml": f"""\
name: {q(hostile("Family"))}
order: 99
architecture: mixed
description: {q(hostile("Family description"))}
date_added: "{TODAY}"
""",
    "papers/hostile-2026-paper.yaml": f"""\
title: {q(hostile("Paper"))}
authors: [{q(hostile("Author"))}, "Brace {{ Smith"]
organizations: [google]
date: "2026-01-01"
url: {q(URL)}
venue: {q(hostile("Venue"))}
summary: {q(hostile("Paper summary"))}
kind: model
topics: [architecture]
date_added: "{TODAY}"
""",
    "models/hostile-model.yaml": f"""\
name: {q(hostile("Model"))}
other_names: [{q(hostile("Other name"))}]
families: [hostile-family]
organizations: [google]
date: "2026-01"
architecture: other
architecture_note: {q(hostile("Architecture note"))}
modalities:
  input: [text]
  output: [text]
papers: [hostile-2026-paper]
concepts: [hostile-concept]
derived_from:
  - model: gpt-2
    relation: fine-tune
    note: {q(hostile("Edge note"))}
license: {q(hostile("Licence"))}
open_weights: true
links:
  homepage: {q(URL)}
summary: {q(hostile("Model summary"))}
key_ideas:
  attention: {q(hostile("Attention idea"))}
sources:
  - id: paper
    paper: hostile-2026-paper
    locator: {q(hostile("Locator"))}
variants:
  - id: hostile-1b
    name: {q(hostile("Variant"))}
    source: paper
    params: 1000000000
    layers:
      value: 12
      note: {q(hostile("Number note"))}
    note: {q(hostile("Variant note"))}
seed_corrections:
  - field: date
    seed: {q(hostile("Seed"))}
    note: {q(hostile("Correction"))}
date_added: "{TODAY}"
""",
    "concepts/hostile-concept.yaml": f"""\
name: {q(hostile("Concept"))}
other_names: [{q(hostile("Concept other name"))}]
category: attention
summary: {q(hostile("Concept summary"))}
description: {q(hostile("Concept description"))}
papers: [hostile-2026-paper]
date_added: "{TODAY}"
""",
    "resources/hostile-resource.yaml": f"""\
title: {q(hostile("Resource"))}
url: {q(URL + "r")}
kind: article
authors: [{q(hostile("Resource author"))}]
summary: {q(hostile("Resource summary"))}
models: [hostile-model]
""",
    "benchmarks/hostile-table.yaml": f"""\
title: {q(hostile("Table"))}
paper: hostile-2026-paper
locator: {q(hostile("Table locator"))}
description: {q(hostile("Table description"))}
metrics:
  - id: m
    name: {q(hostile("Metric"))}
    unit: {q(hostile("Unit"))}
rows:
  - label: {q(hostile("Row"))}
    model: hostile-model
    variant: hostile-1b
    note: {q(hostile("Row note"))}
    scores: {{m: 1}}
""",
}
PAGES = ["models/hostile-model/", "papers/hostile-2026-paper/", "families/hostile-family/",
         "concepts/hostile-concept/", "models/", "papers/", "concepts/", "resources/", "timeline/", "lineage/",
         "scaling/", "compare/?m=hostile-model,gpt-2", "families/"]


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("hostile"))
    for rel, text in FILES.items():
        (project / "data" / rel).write_text(text, encoding="utf-8")
    site = project / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


@pytest.mark.browser
def test_nothing_runs_and_the_payload_shows_as_text(hostile_site, browser):
    dialogs = []
    with serve(hostile_site) as base:
        context = browser.new_context()
        page = context.new_page()
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        # Anything the payload tried and the Content-Security-Policy blocked is recorded too: there must be nothing.
        page.add_init_script("window.__violations = []; document.addEventListener('securitypolicyviolation',"
                             " e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));")
        for path in PAGES:
            page.goto(base + path)
            page.wait_for_load_state("networkidle")
            assert page.locator("[data-hostile]").count() == 0, f"payload markup became elements on /{path}"
            assert page.locator("a[href^='javascript'], a[href*='evil.example'], img[src^='data']").count() == 0
            assert page.evaluate("window.__violations") == [], f"/{path}"
            assert page.locator("meta[http-equiv='Content-Security-Policy']").count() == 1
            shown = page.locator("article").inner_text()
            assert '<script data-hostile>alert("s")</script>' in shown, f"/{path} does not show the payload as text"
            assert "![i](data:image/png,x){: onerror=alert(4) data-hostile }" in shown, f"/{path}"
        page.goto(base + "models/hostile-model/")
        assert page.title().startswith("Model <script data-hostile>")  # the tab title is text too
        href = page.locator(".atlas-facts a", has_text="homepage").get_attribute("href")
        assert href == URL  # the URL is kept whole inside its attribute
        context.close()
    assert dialogs == []


def test_the_charts_carry_the_payload_as_text(hostile_site):
    for svg in (hostile_site / "timeline").glob("*.svg"):
        tree = ET.parse(svg)  # well-formed
        for element in tree.iter():
            assert not element.tag.endswith(("script", "foreignObject")), svg
            assert not [name for name in element.attrib if name.lower().startswith("on")], svg
            href = element.attrib.get("href", "") + element.attrib.get("{http://www.w3.org/1999/xlink}href", "")
            assert not href.lower().startswith(("javascript", "data")), svg
    text = (hostile_site / "timeline" / "timeline.svg").read_text(encoding="utf-8")
    assert "Model &lt;script data-hostile&gt;" in text


def test_the_exports_carry_the_payload_inertly(hostile_site):
    models = json.loads((hostile_site / "api" / "v1" / "models.json").read_text(encoding="utf-8"))["models"]
    [model] = [m for m in models if m["id"] == "hostile-model"]
    assert model["name"] == hostile("Model")  # JSON keeps the text exactly; escaping is the reader's job
    rows = list(csv.DictReader(io.StringIO((hostile_site / "api" / "v1" / "models.csv").read_text("utf-8"))))
    assert [r["model_name"] for r in rows if r["model_id"] == "hostile-model"] == [hostile("Model")]
    feed = ET.parse(hostile_site / "feed.xml")  # well-formed XML despite the markup in titles
    titles = [e.text for e in feed.iter("{http://www.w3.org/2005/Atom}title")]
    assert f"Added: {hostile('Model')} (model)" in titles
    bib = (hostile_site / "api" / "v1" / "catalog.bib").read_text(encoding="utf-8")
    entry = bib[bib.index("@misc{hostile-2026-paper,"):].split("\n}\n")[0] + "\n}"
    assert entry.count("{") == entry.count("}")  # the lone brace in an author's name cannot break the file
    assert r"Brace \textbraceleft{} Smith" in entry


@pytest.mark.slow
def test_a_javascript_url_is_refused_before_anything_is_built(tmp_path):
    project = copy_project(tmp_path / "project")
    for rel, text in FILES.items():
        (project / "data" / rel).write_text(text.replace(q(URL), q("javascript:alert(document.domain)")), "utf-8")
    result = mkdocs_build(project, project / "site")
    assert result.returncode != 0
    for where in ("data/models/hostile-model.yaml:20: links.homepage", "data/papers/hostile-2026-paper.yaml:5: url"):
        assert f"{where}: 'javascript:alert(document.domain)' is not an http:// or https:// address" in result.stderr
    assert not (project / "site" / "models" / "hostile-model").exists()
