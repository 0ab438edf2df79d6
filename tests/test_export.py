"""The export: CSV, BibTeX and the Atom feed, and the field documentation checked against the files."""

from __future__ import annotations

import csv
import html
import io
import json
import re

import feedparser
import pytest
import yaml

from conftest import MINI, ROOT, edit
from macros.publish import export, feed
from macros.render import cite

SITE = "https://atlas.example/docs/"


@pytest.fixture(scope="module")
def real_export(real_catalog):
    """The export of the real catalog, made once for this module."""
    return export.export_files(real_catalog, SITE)


def _rows(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


def test_models_csv_has_one_row_per_variant_with_plain_numbers(real_export, real_catalog):
    rows = _rows(real_export["api/v1/models.csv"])
    assert len(rows) == sum(len(m["variants"]) for m in real_catalog.models.values())
    [big] = [r for r in rows if r["variant_id"] == "gpt-3-175b"]
    assert big["model_id"] == "gpt-3" and big["params"] == "175000000000" and big["layers"] == "96"
    assert big["url"] == f"{SITE}models/gpt-3/#gpt-3-175b"
    assert big["tokens_per_param"] == "1.71" and int(big["train_flops"]) == 6 * 175_000_000_000 * 300_000_000_000
    gpt4 = next(r for r in rows if r["model_id"] == "gpt-4")
    assert gpt4["params"] == "" and gpt4["open_weights"] == "false"  # undisclosed is an empty cell, not 0


def test_models_csv_carries_the_architecture(real_export):
    rows = {r["variant_id"]: r for r in _rows(real_export["api/v1/models.csv"])}
    v3 = next(r for r in rows.values() if r["model_id"] == "deepseek-v3")
    assert (v3["attention"], v3["positions"], v3["norm"], v3["activation"]) == ("mla", "rope", "rmsnorm", "swiglu")
    assert v3["layer_mix"] == "3xglobal/dense;58xglobal/moe" and v3["tied_embeddings"] == ""  # not recorded
    llama = next(r for r in rows.values() if r["model_id"] == "llama-3-1")
    assert llama["tied_embeddings"] == "false"
    gpt4 = next(r for r in rows.values() if r["model_id"] == "gpt-4")
    assert gpt4["attention"] == "unknown" and gpt4["layer_mix"] == ""  # read and not disclosed
    bert = next(r for r in rows.values() if r["model_id"] == "bert")
    assert bert["router"] == ""  # does not apply: an empty cell


def test_csv_defuses_text_a_spreadsheet_would_run(catalog):
    cat = catalog(edit("models/tiny.yaml", "    name: Tiny-Base\n", '    name: "=HYPERLINK(\\"http://x\\")"\n'))
    [base, _] = _rows(export.models_csv(cat, SITE))
    assert base["variant_name"] == "'=HYPERLINK(\"http://x\")"


def _bib_entries(text: str) -> dict[str, str]:
    return dict(re.findall(r"^@misc\{([^,]+),\n(.*?)\n\}$", text, flags=re.MULTILINE | re.DOTALL))


def test_catalog_bib_has_a_balanced_entry_per_paper_keyed_by_id(real_export, real_catalog):
    entries = _bib_entries(real_export["api/v1/catalog.bib"])
    assert set(entries) == set(real_catalog.papers)
    for key, body in entries.items():
        assert body.count("{") == body.count("}"), key
    assert "eprint = {1706.03762}" in entries["vaswani-2017-attention"]
    assert 'title = "{Attention Is All You Need}"' in entries["vaswani-2017-attention"]


def test_bibtex_escapes_tex_and_keeps_braces_balanced():
    paper = {"id": "x-2020-y", "title": 'A {lone brace, 100% "quoted" \\ back_slash & $5 #1 ~ ^',
             "authors": ["Ann O'Neil", "Bob {Braces"], "date": "2020-03", "venue": None, "arxiv": None,
             "url": "https://example.org/a_b%20{c}"}
    entry = cite.bibtex_entry(paper)
    assert entry.count("{") == entry.count("}")
    assert (r'title = "{A \textbraceleft{}lone brace, 100\% {"}quoted{"} \textbackslash{} back\_slash \& \$5 \#1 '
            r'\textasciitilde{} \textasciicircum{}}"') in entry
    assert r"author = {Ann O'Neil and Bob \textbraceleft{}Braces}" in entry and "month = mar" in entry
    assert "url = {https://example.org/a_b%20%7Bc%7D}" in entry  # URLs are verbatim: only braces are encoded


def test_feed_is_valid_atom_newest_first_and_dated_by_the_data(catalog):
    updated = MINI["models/tiny.yaml"] + 'date_updated: "2021-01-15"\n'
    cat = catalog({"models/tiny.yaml": updated})
    text = feed.atom_feed(cat, SITE)
    parsed = feedparser.parse(text)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    assert parsed.feed.updated == "2021-01-15T00:00:00Z"  # the newest change, never the build's clock
    assert parsed.feed.links[0].href == SITE + "feed.xml"
    first = parsed.entries[0]
    assert first.title == "Updated: Tiny (model)" and first.link == SITE + "models/tiny/"
    assert first.published == "2020-06-01T00:00:00Z" and first.updated == "2021-01-15T00:00:00Z"
    assert {e.title for e in parsed.entries[1:]} == {"Added: Encoders (family)", "Added: Tiny: A Small Encoder (paper)",
                                                     "Added: Masked language modelling (concept)"}
    assert feed.atom_feed(cat, SITE) == text


def test_feed_escapes_markup_and_keeps_its_limit(catalog):
    cat = catalog(edit("models/tiny.yaml", "name: Tiny\n", 'name: "Tiny <script>alert(1)</script> & co"\n'))
    text = feed.atom_feed(cat, SITE, limit=2)
    assert "<script>" not in text and "&lt;script&gt;" in text
    parsed = feedparser.parse(text)
    assert not parsed.bozo and len(parsed.entries) == 2


def test_the_real_feed_holds_the_newest_entries(real_export, real_catalog):
    parsed = feedparser.parse(real_export["feed.xml"])
    assert not parsed.bozo and len(parsed.entries) == min(feed.FEED_LIMIT, len(feed.feed_items(real_catalog)))
    days = [e.updated for e in parsed.entries]
    assert days == sorted(days, reverse=True)


def _documented(fields) -> set[str]:
    return {name for name, *_ in fields}


def _published(items: list) -> set[str]:
    """Every key of every item, nested lists of objects written as list[].key (as API_FIELDS writes them)."""
    keys = set()
    for item in items:
        for key, value in item.items():
            keys.add(key)
            if isinstance(value, list) and value and isinstance(value[0], dict):
                keys |= {f"{key}[].{inner}" for inner in _published(value)}
    return keys


@pytest.mark.parametrize("name", sorted(export.API_FIELDS))
def test_every_published_json_field_is_documented_and_nothing_more(real_export, name):
    payload = json.loads(real_export[f"api/v1/{name}"])
    assert set(payload) == {"version", name.removesuffix(".json"), *export.API_EXTRA_KEYS.get(name, {})}
    items = payload[name.removesuffix(".json")]
    items = [items] if isinstance(items, dict) else items  # coverage.json holds one object
    assert _published(items) == _documented(export.API_FIELDS[name][1])


def test_every_export_file_is_described_for_the_download_page(real_export):
    described = set(export.FILE_DESCRIPTIONS)
    published = {path for path in real_export if not path.startswith("api/v1/schema/")}
    assert described == published


def test_api_and_download_pages_list_the_files_and_fields(built_site):
    api = (built_site / "api" / "index.html").read_text(encoding="utf-8")
    for field in ("variants[].train_flops", "date_added", "rows[].scores", "tokens_per_param"):
        assert f"<code>{field}</code>" in html.unescape(api)  # brackets are written as &#91; &#93;
    assert '"id": "bert"' in html.unescape(api)  # the live example, made from this build's data
    download = (built_site / "download" / "index.html").read_text(encoding="utf-8")
    assert 'href="../api/v1/models.csv" download' in download and "about" in download
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert '<link rel="alternate" type="application/atom+xml"' in home and 'href="feed.xml"' in home


def test_citation_cff_describes_the_atlas():
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert cff["cff-version"] == "1.2.0"
    assert {"message", "title", "authors", "license", "url", "date-released"} <= set(cff)
    assert all("name" in author or "family-names" in author for author in cff["authors"])
    assert set(cff["license"]) == {"CC-BY-4.0", "MIT"}
    mkdocs = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert f'"{cff["url"]}"' in mkdocs  # the same address as the site's own
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(cff["date-released"]))
