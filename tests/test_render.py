"""Pure renderers, generated pages and the export, on the mini catalog (no MkDocs involved)."""

from __future__ import annotations

import ast
import json
import re

import pytest
import yaml

from conftest import MINI, ROOT, edit
from macros.core import kinds
from macros.publish import export, pages
from macros.render import views as render


@pytest.mark.parametrize("value, text", [
    (110_000_000, "110M"), (6_700_000_000, "6.7B"), (175_000_000_000, "175B"), (1_542_000_000, "1.54B"),
    (1_400_000_000_000, "1.4T"), (999, "999"), (32_000, "32K"),
])
def test_human_counts(value, text):
    assert render.human(value) == text


@pytest.mark.parametrize("url, root", [("", ""), ("models/", "../"), ("models/bert/", "../../"),
                                       ("api/v1/", "../../")])
def test_root_of(url, root):
    assert kinds.root_of(url) == root


def test_variants_table_has_a_row_per_variant_and_only_known_columns(catalog):
    html = render.variants_table(catalog(), "../../", "tiny")
    assert re.findall(r'<tr id="([^"]+)">', html) == ["tiny-base", "tiny-large"]
    headers = re.findall(r'<th scope="col">([^<]+)</th>', html)
    assert headers == ["Variant", "Parameters", "Layers", "d_model", "Heads", "d_head", "Vocabulary",
                       "Training tokens", "Source"]
    assert 'data-sort="110000000"' in html and ">110M<" in html
    assert '<abbr title="estimate">≈</abbr>128B' in html  # the estimated training tokens
    assert "30,522" in html


def test_model_page_links_relative_to_the_page(catalog):
    html = render.model_page(catalog(), "../../", "tiny")
    assert '<a href="../../families/enc/">Encoders</a>' in html
    assert '<a href="../../papers/doe-2020-tiny/">Tiny: A Small Encoder</a>' in html
    assert "## Variants {: #variants }" in html and "## Lineage {: #lineage data-search-exclude }" in html
    assert "Example Lab, Example University" in html


def test_concept_page_explains_links_its_paper_models_and_resources(catalog):
    html = render.concept_page(catalog(), "../../", "masked-lm")
    # Each paragraph of the description becomes its own <p>.
    assert "<p>A share of the input tokens is replaced by a mask symbol.</p>" in html
    assert "<p>The model sees both sides of each gap.</p>" in html
    assert '<a href="../../papers/doe-2020-tiny/">Tiny: A Small Encoder</a> (Jane Doe, 2020)' in html
    assert "## Models that use it {: #models data-search-exclude }" in html and '<a href="../../models/tiny/">Tiny</a>' in html
    assert '<a href="https://example.org/tiny-explained">Tiny, explained</a>' in html
    assert '<a href="../../concepts/#objective">Pretraining objectives</a>' in html


def test_a_concept_no_model_uses_says_so(catalog):
    html = render.concept_page(catalog(edit("models/tiny.yaml", "concepts: [masked-lm]\n", "")), "", "masked-lm")
    assert "No model matches these criteria yet." in html


def test_model_page_links_concepts_benchmarks_and_resources(catalog):
    html = render.model_page(catalog(), "../../", "tiny")
    assert '<th scope="row">Concepts</th><td><a href="../../concepts/masked-lm/">Masked language modelling</a>' in html
    assert "## Benchmarks {: #benchmarks data-search-exclude }" in html
    # The whole table, so a score is read beside the others of its comparison; this model's row highlighted
    assert re.search(r'<tr class="atlas-this-model"><th scope="row"><a href="../../models/tiny/#tiny-base">Tiny-Base</a>',
                     html) and "Other model" in html
    assert "bold marks the best score in each column of this table" in html
    assert "## Learn more {: #resources data-search-exclude }" in html and "Tiny, explained" in html


def test_benchmark_table_marks_the_best_score_in_the_right_direction(catalog):
    html = render.benchmark_table(catalog(), "", "tiny-glue")
    rows = re.findall(r"<tr><th scope=\"row\">(.*?)</tr>", html)
    assert len(rows) == 2
    tiny, other = rows
    assert "<strong>81.5</strong>" in tiny and "<strong>" not in other.split("</th>")[1].split("</td>")[0]
    # Loss: lower is better, so the other model's 1.9 is the best one.
    assert "<strong>1.9</strong>" in other and "<strong>2.1</strong>" not in tiny
    assert "lower is better" in html and "Table 3" in html


def test_paper_page_shows_kind_topics_concepts_and_its_full_benchmark_tables(catalog):
    html = render.paper_page(catalog(), "../../", "doe-2020-tiny")
    assert '<a class="atlas-tag" href="../../papers/topics/#pretraining">Pretraining objectives</a>' in html
    assert "Introduces a model" in html
    assert '<h3 id="tiny-glue">Tiny on two tasks</h3>' in html and "Other model" in html
    assert '<a href="../../concepts/masked-lm/">Masked language modelling</a>' in html


def test_indexes_of_concepts_resources_topics_and_exclusions(catalog):
    cat = catalog()
    concepts = render.concepts_index(cat, "../")
    assert '<h2 id="objective">Pretraining objectives</h2>' in concepts and "1 model</span>" in concepts
    resources = render.resources_index(cat, "../")
    assert '<h2 id="article">Articles</h2>' in resources and '<a href="../models/tiny/">Tiny</a>' in resources
    assert '<h2 id="video">' not in resources  # empty kinds are left out
    topics = render.topics_index(cat, "../../")
    assert '<h2 id="pretraining" data-search-exclude>' in topics and '<h2 id="efficiency" data-search-exclude>' in topics
    assert 'id="scaling"' not in topics
    excluded = render.excluded_papers(cat, "../")
    assert "<td>Giant Planets Around Small Stars</td><td>004</td><td>Astronomy, not machine learning.</td>" in excluded
    empty = render.excluded_papers(catalog({"excluded-papers.yaml": None}), "../")
    assert "No title has been excluded." in empty


def test_contributor_text_is_escaped_everywhere(catalog):
    payload = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    overrides = {
        **edit("models/tiny.yaml", "summary: A made-up encoder. It exists so the tests have something to break.",
               f"summary: '{payload}'"),
    }
    overrides["models/tiny.yaml"] = overrides["models/tiny.yaml"].replace("name: Tiny-Base",
                                                                          f"name: '{payload}'")
    cat = catalog(overrides)
    for html in (render.model_page(cat, "", "tiny"), render.models_index(cat, ""), render.model_card(cat, "", "tiny")):
        assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in render.model_page(cat, "", "tiny")


def test_lineage_is_shown_from_both_ends(catalog):
    child = MINI["models/tiny.yaml"].replace("name: Tiny\nother_names: [TinyNet]", "name: Tiny Chat\nother_names: []")
    child = child.replace("open_weights: true\n", "open_weights: true\nderived_from:\n  - model: tiny\n"
                                                  "    relation: fine-tune\n    note: chat data\n")
    cat = catalog(extra={"models/tiny-chat.yaml": child})
    parent_page = render.model_page(cat, "../../", "tiny")
    child_page = render.model_page(cat, "../../", "tiny-chat")
    assert '<a href="../../models/tiny-chat/">Tiny Chat</a> is a fine-tune of this model: chat data' in parent_page
    assert 'Fine-tuned from <a href="../../models/tiny/">Tiny</a>: chat data' in child_page


def test_models_table_filters_and_empty_state(catalog):
    cat = catalog()
    assert "Tiny" in render.models_table(cat, "", family="enc", year_from=2020, year_to=2020)
    empty = render.models_table(cat, "", year_from=2021)
    assert "No model matches these criteria yet" in empty and "<table" not in empty
    assert "No model matches" in render.models_table(cat, "", architecture="decoder")
    with pytest.raises(KeyError, match="no family with id 'decoders'"):
        render.models_table(cat, "", family="decoders")
    with pytest.raises(KeyError, match="no architecture 'transformer'"):
        render.models_table(cat, "", architecture="transformer")


def test_paper_page_derives_the_models_it_introduces(catalog):
    html = render.paper_page(catalog(), "../../", "doe-2020-tiny")
    assert "Introduced in this paper" in html and '<a href="../../models/tiny/">Tiny</a>' in html


def test_seed_corrections_are_shown(catalog):
    cat = catalog(edit("models/tiny.yaml", "open_weights: true\n",
                       "open_weights: true\nseed_corrections:\n  - field: variants.tiny-base.params\n"
                       "    seed: 100M\n    note: Table 1 gives 110M.\n"))
    html = render.model_page(cat, "", "tiny")
    assert "## Corrections {: #corrections data-search-exclude }" in html
    assert "<td><code>variants.tiny-base.params</code></td><td>100M</td><td>Table 1 gives 110M.</td>" in html


def test_generated_pages_escape_front_matter_and_point_edits_at_the_data(catalog):
    cat = catalog(edit("models/tiny.yaml", "name: Tiny\nother_names", 'name: "Tiny <b>\\"bold\\"</b>"\nother_names'))
    by_uri = {p.src_uri: p for p in pages.generated_pages(cat, "https://atlas.example/")}
    assert set(by_uri) == {"families/enc.md", "models/tiny.md", "papers/doe-2020-tiny.md", "concepts/masked-lm.md"}
    assert by_uri["concepts/masked-lm.md"].edit_path == "data/concepts/masked-lm.yaml"
    model = by_uri["models/tiny.md"]
    assert model.edit_path == "data/models/tiny.yaml"
    front = yaml.safe_load(model.markdown.split("---\n")[1])
    assert front["title"] == "Tiny &lt;b&gt;&quot;bold&quot;&lt;/b&gt;"  # the theme inserts it unescaped
    assert "render_macros" not in model.markdown and "{{" not in model.markdown  # finished Markdown
    assert '<tr id="tiny-base">' in model.markdown and 'href="../../families/enc/"' in model.markdown


def test_former_ids_get_redirect_pages_and_variant_anchors(catalog):
    text = MINI["models/tiny.yaml"].replace("name: Tiny\n", "name: Tiny\naliases: [tiny-net, tinybert]\n")
    text = text.replace("  - id: tiny-base\n", "  - id: tiny-base\n    aliases: [base]\n")
    cat = catalog({"models/tiny.yaml": text})
    files = pages.redirect_files(cat, "https://atlas.example/docs/")
    assert set(files) == {"models/tiny-net/index.html", "models/tinybert/index.html"}
    page = files["models/tiny-net/index.html"]
    assert '<meta http-equiv="refresh" content="0; url=../../models/tiny/">' in page
    assert '<link rel="canonical" href="https://atlas.example/docs/models/tiny/">' in page
    assert 'location.replace("../../models/tiny/" + location.hash)' in page  # keeps #variant on the way
    assert '<a href="../../models/tiny/">Tiny</a>' in page and "<title>Moved: Tiny · Transformer Atlas</title>" in page
    model_page = render.model_page(cat, "../../", "tiny")
    assert '<tr id="tiny-base"><th scope="row"><span id="base"></span>' in model_page


def test_export_uses_plain_integers_and_null_for_unknown(catalog):
    # Tiny-Large as a size described but never released: its layer count may then be undisclosed.
    cat = catalog(edit("models/tiny.yaml", "    layers: 24\n", "    open_weights: false\n    layers: unknown\n"))
    files = export.export_files(cat, "https://atlas.example/")
    models = json.loads(files["api/v1/models.json"])
    assert models["version"] == 2
    [tiny] = models["models"]
    assert tiny["url"] == "models/tiny/" and tiny["organizations"] == ["lab", "uni"]
    base, large = tiny["variants"]
    assert base["params"] == 110000000 and base["vocab_size"] == 30522 and base["kv_heads"] is None
    assert large["layers"] is None and large["training_tokens"] == 128000000000
    papers = json.loads(files["api/v1/papers.json"])
    assert papers["papers"][0]["models"] == ["tiny"] and papers["papers"][0]["arxiv"] == "2005.00001"
    assert json.loads(files["api/v1/families.json"])["families"][0]["models"] == ["tiny"]
    assert "api/v1/schema/model.schema.json" in files
    assert json.loads(files["api/v1/concepts.json"])["concepts"][0]["models"] == ["tiny"]
    [table] = json.loads(files["api/v1/benchmarks.json"])["benchmarks"]
    assert table["rows"][0] == {"label": "Tiny-Base", "model": "tiny", "variant": "tiny-base",
                                "scores": {"task-a": 81.5, "loss": 2.1}}
    assert table["metrics"][1]["higher_is_better"] is False and table["metrics"][0]["higher_is_better"] is True
    assert json.loads(files["api/v1/resources.json"])["resources"][0]["models"] == ["tiny"]


def test_only_the_hook_imports_mkdocs():
    """The core must be movable to another site generator: only macros/hooks.py may import MkDocs."""
    offenders = []
    for path in (ROOT / "macros").glob("*.py"):
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
                [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            if any(n == "mkdocs" or n.startswith("mkdocs.") for n in names) and path.name != "hooks.py":
                offenders.append(path.name)
    assert offenders == []


def test_qr_codes_are_drawn_once_and_read_back_unchanged(tmp_path, monkeypatch):
    from macros.render import cite

    monkeypatch.setattr(cite, "QR_CACHE", None)
    drawn = cite.qr_svg("https://atlas.example/models/tiny/", "QR code")
    monkeypatch.setattr(cite, "QR_CACHE", tmp_path / "qr")
    assert cite.qr_svg("https://atlas.example/models/tiny/", "QR code") == drawn
    assert len(list((tmp_path / "qr").glob("*.svg"))) == 1
    monkeypatch.setattr(cite.segno, "make", lambda *a, **k: (_ for _ in ()).throw(AssertionError("drawn twice")))
    assert cite.qr_svg("https://atlas.example/models/tiny/", "QR code") == drawn  # read from the cache
    with pytest.raises(AssertionError):
        cite.qr_svg("https://atlas.example/models/other/", "QR code")  # another address is drawn anew
