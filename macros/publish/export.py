"""The machine-readable export: /api/v1/ (JSON, CSV, BibTeX, JSON Schemas) and /feed.xml, made with every build.

Every field is documented once, in API_FIELDS: the API page is rendered from it, and a test compares it with the
files, so the documentation cannot drift from what is published.
"""

from __future__ import annotations

import csv
import io
import json

from ..core import completeness, registry, schema
from ..core.catalog import Catalog
from ..core.kinds import absolute_url, page_url
from ..render import cite
from . import feed

API_VERSION = 2  # 2 (2026-12): architecture fields, sources, per-variant dates and open weights; nothing removed
API_FOLDER = "api/v1"

ENTRY_DATES = (
    ("date_added", "string", "The day the entry was added to the Atlas (YYYY-MM-DD)."),
    ("date_updated", "string or null", "The day its facts last changed (YYYY-MM-DD), or null if never."),
)
# (field, type, meaning) of each number a variant records, from the registry.
NUMBER_FIELDS = tuple((field.name, "integer or null", f"{field.meaning}; null when unrecorded or undisclosed.")
                      for field in registry.NUMBER_FIELDS if not field.derived)

# Keys a file holds beside `version` and its list of items: file -> {key: meaning}.
API_EXTRA_KEYS = {
    "fields.json": {"components": "The architecture's named parts, in page order: name, label, meaning, `needs`"
                                  " (experts: only for a mixture of experts) and `choices` (value -> label, meaning,"
                                  " concept id; null for a yes/no component).",
                    "layer_mixers": "Layer-mix mixer -> label (the first half of a layer kind <mixer>/<ffn>)."},
    "sizes.json": {"family_names": "Family id -> display name, for every family.",
                   "organization_names": "Organization id -> display name, for every organization of a model."},
}

# file -> (what it holds, [(field, type, meaning)]); "variants[].id" is a field of each item of `variants`.
API_FIELDS = {
    "models.json": ("One object per model under `models`.", [
        ("id", "string", "The model's id: its file name in data/models/ and its address, /models/<id>/."),
        ("name", "string", "Display name."),
        ("other_names", "array of strings", "Other names and abbreviations."),
        ("aliases", "array of strings", "Former ids: /models/<alias>/ redirects to this model."),
        ("families", "array of strings", "Family ids (see families.json)."),
        ("family_names", "array of strings", "The families' display names, in the same order."),
        ("organizations", "array of strings", "Organization ids."),
        ("organization_names", "array of strings", "The organizations' names, in the same order."),
        ("date", "string", "First release or paper: YYYY, YYYY-MM or YYYY-MM-DD."),
        ("architecture", "string", "encoder, decoder, encoder-decoder or other."),
        ("open_weights", "boolean", "Whether the trained weights were released."),
        ("license", "string", "SPDX id of the weights' licence, or proprietary."),
        ("papers", "array of strings", "Paper ids (see papers.json); the introducing paper first."),
        ("concepts", "array of strings", "Concept ids (see concepts.json): the ideas the model is built from."),
        ("derived_from", "array of objects", "The models this one was made from."),
        ("derived_from[].model", "string", "Id of the parent model."),
        ("derived_from[].relation", "string", "fine-tune, distillation, continued-pretraining or architecture."),
        ("url", "string", "The model's page, relative to the site root."),
        *ENTRY_DATES,
        ("sources", "array of objects", "Where the numbers come from; variants and components cite them by id."),
        ("sources[].id", "string", "The id that variants and components cite."),
        ("sources[].paper", "string or null", "A paper id (see papers.json)."),
        ("sources[].locator", "string or null", "Where in the paper: table, section."),
        ("sources[].url", "string or null", "A model card, config file, repository or post."),
        ("sources[].kind", "string or null", "What the URL points at."),
        ("sources[].read_via", "string or null", "The copy the source was actually read in, when not at `url`."),
        ("sources[].note", "string or null", "What the copy is, or anything else about the source."),
        ("variants", "array of objects", "One per size or version, in the order of the data file."),
        ("variants[].id", "string", "The variant's id: its anchor on the model page (/models/<id>/#<variant>)."),
        ("variants[].name", "string", "Display name."),
        ("variants[].aliases", "array of strings", "Former variant ids, still anchors on the page."),
        ("variants[].source", "string", "Id of the source (in `sources`) its plain numbers cite."),
        ("variants[].components", "object", "The architecture's named parts (attention, qk_norm, positions, norm,"
                                            " norm_placement, activation, router, tied_embeddings): each a value of"
                                            " its vocabulary in fields.json, \"unknown\" when its source does not"
                                            " disclose it, or null when unrecorded."),
        ("variants[].component_sources", "object", "For each recorded component, the id of the source it cites."),
        ("variants[].layer_mix", "array of objects", "The stack as groups, bottom to top (empty when unrecorded);"
                                                     " a stack with no recorded mix is one group of full-attention"
                                                     " layers."),
        ("variants[].layer_mix[].repeat", "integer", "How many times the pattern repeats."),
        ("variants[].layer_mix[].pattern", "array of strings", "Layer kinds, <mixer>/<ffn>."),
        ("variants[].date", "string", "When this size came out: the model's date unless it came out on another"
                                      " day."),
        ("variants[].open_weights", "boolean", "Whether this size's weights were released (a size described but"
                                               " never released says false)."),
        *((f"variants[].{name}", kind, meaning) for name, kind, meaning in NUMBER_FIELDS),
        *((f"variants[].{field.name}", "number or null" if field.style == "ratio" else "integer or null",
           field.meaning) for field in registry.NUMBER_FIELDS if field.derived),
    ]),
    "papers.json": ("One object per paper under `papers`.", [
        ("id", "string", "The paper's id (<first-author>-<year>-<keyword>) and its address, /papers/<id>/."),
        ("title", "string", "Title as published."),
        ("aliases", "array of strings", "Former ids: /papers/<alias>/ redirects here."),
        ("authors", "array of strings", "Authors in order."),
        ("authors_shortened", "boolean", "True when `authors` lists only the first authors of a longer list."),
        ("organizations", "array of strings", "Organization ids."),
        ("date", "string", "First public version: YYYY, YYYY-MM or YYYY-MM-DD."),
        ("arxiv", "string or null", "arXiv identifier."),
        ("venue", "string or null", "Where it was published."),
        ("source_url", "string", "The paper itself."),
        ("kind", "string", "model (introduces a model of the Atlas), method or survey."),
        ("topics", "array of strings", "Topic tags from a fixed list."),
        ("url", "string", "The paper's page, relative to the site root."),
        ("models", "array of strings", "Ids of the models it introduces."),
        *ENTRY_DATES,
    ]),
    "families.json": ("One object per family under `families`, in display order.", [
        ("id", "string", "The family's id and its address, /families/<id>/."),
        ("name", "string", "Display name."),
        ("aliases", "array of strings", "Former ids: /families/<alias>/ redirects here."),
        ("architecture", "string", "encoder, decoder, encoder-decoder or mixed."),
        ("order", "integer", "Position on the families index."),
        ("url", "string", "The family's page, relative to the site root."),
        ("models", "array of strings", "Ids of its models, oldest first."),
        *ENTRY_DATES,
    ]),
    "concepts.json": ("One object per concept under `concepts`.", [
        ("id", "string", "The concept's id and its address, /concepts/<id>/."),
        ("name", "string", "Display name."),
        ("other_names", "array of strings", "Other names and abbreviations."),
        ("aliases", "array of strings", "Former ids: /concepts/<alias>/ redirects here."),
        ("category", "string", "Where it sits on the concepts index."),
        ("summary", "string", "One sentence."),
        ("papers", "array of strings", "Paper ids; the one that introduced the idea first."),
        ("related", "array of strings", "Related concept ids."),
        ("url", "string", "The concept's page, relative to the site root."),
        ("models", "array of strings", "Ids of the models built with it."),
        *ENTRY_DATES,
    ]),
    "resources.json": ("One object per learning resource under `resources`.", [
        ("id", "string", "The resource's id."),
        ("title", "string", "Title as published."),
        ("url", "string", "Where to find it."),
        ("kind", "string", "article, tutorial, video, book, course, implementation, tool or list."),
        ("authors", "array of strings", "Authors or maintainers, where known."),
        ("date", "string or null", "Publication date, where known."),
        ("concepts", "array of strings", "Concept ids it explains."),
        ("models", "array of strings", "Model ids it explains or implements."),
    ]),
    "sizes.json": ("One compact row per variant under `sizes`, newest model first: what the models explorer on"
                   " /models/ loads. Names of families and organizations are given once, under `family_names` and"
                   " `organization_names` (id -> name).", [
        ("model", "string", "The model's id (see models.json)."),
        ("variant", "string", "The variant's id: its anchor on the model page."),
        ("model_name", "string", "The model's display name."),
        ("variant_name", "string", "The variant's display name."),
        ("other_names", "array of strings", "The model's other names, for search."),
        ("families", "array of strings", "Family ids."),
        ("organizations", "array of strings", "Organization ids."),
        ("date", "string", "When this size came out (the model's date unless it came out on another day)."),
        ("architecture", "string", "encoder, decoder, encoder-decoder or other."),
        ("open_weights", "boolean", "Whether this size's weights were released."),
        ("numbers", "object", "The compared numbers of fields.json (`compared`), by name: an integer or a"
                              " number for estimates, null when unrecorded or not computable."),
        ("undisclosed", "array of strings", "The numbers the sources do not disclose."),
        ("estimated", "array of strings", "The recorded numbers that are estimates rather than stated."),
        ("attention", "string or null", "Attention kind (see components in fields.json), null when unrecorded."),
        ("positions", "string or null", "Positional encoding, null when unrecorded."),
        ("norm", "string or null", "Normalisation layer, null when unrecorded."),
        ("activation", "string or null", "Feed-forward activation, null when unrecorded."),
        ("moe", "boolean", "True for a mixture of experts (the variant records experts)."),
        ("hybrid", "boolean", "True when some layers are constant-state (Mamba, DeltaNet, linear attention...)."),
    ]),
    "coverage.json": ("What the Atlas covers, as one object under `coverage` (the home page and /about/ say the"
                      " same).", [
        ("models", "integer", "Models in the Atlas."),
        ("sizes", "integer", "Variants of all the models."),
        ("papers", "integer", "Papers."),
        ("concepts", "integer", "Concepts."),
        ("families", "integer", "Families."),
        ("first_model_date", "string", "Date of the oldest model."),
        ("newest_model_date", "string", "Date of the newest model."),
        ("newest_model", "string", "Id of the newest model."),
        ("last_changed", "string", "The latest date_added or date_updated of any entry (YYYY-MM-DD)."),
        ("not_recorded", "array of objects", "Each size of a decoder released since 2023 that lacks a required part"
                                             " or number (the list on /about/#gaps)."),
        ("not_recorded[].model", "string", "The model's id."),
        ("not_recorded[].variant", "string", "The size's id."),
        ("not_recorded[].missing", "array of strings", "The components and numbers it lacks, by field name."),
    ]),
    "fields.json": ("One object per numeric field of a variant under `fields`, in the order pages show them.", [
        ("name", "string", "The field's key in models.json, models.csv and the data files."),
        ("label", "string", "Its column heading on the site."),
        ("meaning", "string", "What the number is."),
        ("style", "string", "How the site writes it: count (1.4T), exact (4,096), ratio (20.0) or flops"
                            " (6.3 × 10²³)."),
        ("derived", "boolean", "True for an estimate computed by the Atlas rather than read from a source."),
        ("compared", "boolean", "True if it is a column of the comparison table on /models/."),
        ("note", "string", "How an estimate is computed (empty for recorded numbers)."),
        ("section", "string", "size: a column of the variants table; architecture: shown with the architecture."),
        ("set_by_weights", "boolean", "True if released weights fix it: a size with open weights never has it"
                                      " as undisclosed (it is null until read from the configuration)."),
    ]),
    "benchmarks.json": ("One object per benchmark table under `benchmarks`.", [
        ("id", "string", "The table's id; on its paper's page it is the anchor #<id>."),
        ("title", "string", "What the table shows."),
        ("paper", "string or null", "Id of the paper it comes from."),
        ("locator", "string or null", "Where in the paper, e.g. Table 2."),
        ("source_url", "string or null", "The source, when it is not a paper of the Atlas."),
        ("metrics", "array of objects", "The columns."),
        ("metrics[].id", "string", "Key of the scores in each row."),
        ("metrics[].name", "string", "Column heading."),
        ("metrics[].unit", "string", "What the number is."),
        ("metrics[].setting", "string or null", "How it was measured, e.g. 5-shot."),
        ("metrics[].higher_is_better", "boolean", "Direction of the metric."),
        ("rows", "array of objects", "The rows, as the source prints them."),
        ("rows[].label", "string", "The row as the source names it."),
        ("rows[].model", "string or null", "Model id, when the model is in the Atlas."),
        ("rows[].variant", "string or null", "Variant id within that model."),
        ("rows[].scores", "object", "Metric id → number as printed."),
    ]),
}
CSV_COLUMNS = (
    ("model_id", "The model's id."), ("model_name", "Its display name."), ("variant_id", "The variant's id."),
    ("variant_name", "The variant's display name."), ("families", "Family ids, separated by ;."),
    ("organizations", "Organization ids, separated by ;."), ("date", "YYYY, YYYY-MM or YYYY-MM-DD."),
    ("architecture", "encoder, decoder, encoder-decoder or other."), ("open_weights", "true or false."),
    ("license", "SPDX id or proprietary."),
    *((c.name, c.meaning + (": " + ", ".join(c.choices) if c.choices else ": true or false") +
       "; unknown when the source does not disclose it, empty when unrecorded.") for c in registry.COMPONENTS),
    ("layer_mix", "The stack as groups bottom to top, separated by ;: <repeat>x<layer kinds joined by +>, each kind"
                  " <mixer>/<feed-forward>, as layer_mix in models.json (empty when unrecorded)."),
    *((name, meaning.replace("; null when", "; empty when")) for name, _, meaning in NUMBER_FIELDS),
    *((field.name, field.meaning + (" Rounded to 0.01." if field.style == "ratio" else ""))
      for field in registry.NUMBER_FIELDS if field.derived),
    ("url", "The variant's row on the model page (absolute address)."),
)
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # spreadsheets run cells that start with these as formulas


def _dates(entry: dict) -> dict:
    return {"date_added": entry["date_added"], "date_updated": entry["date_updated"]}


def model_record(catalog: Catalog, model: dict) -> dict:
    """One model as models.json publishes it."""
    return {
        "id": model["id"],
        "name": model["name"],
        "other_names": model["other_names"],
        "aliases": model["aliases"],
        "families": model["families"],
        "family_names": [catalog.families[f]["name"] for f in model["families"]],
        "organizations": model["organizations"],
        "organization_names": [catalog.organizations[o]["name"] for o in model["organizations"]],
        "date": model["date"],
        "architecture": model["architecture"],
        "open_weights": model["open_weights"],
        "license": model["license"],
        "papers": model["papers"],
        "concepts": model["concepts"],
        "derived_from": [{"model": e["model"], "relation": e["relation"]} for e in model["derived_from"]],
        "url": page_url("models", model["id"]),
        **_dates(model),
        "sources": [{key: source.get(key) for key in SOURCE_KEYS} for source in model["sources"]],
        "variants": [
            {"id": v["id"], "name": v["name"], "aliases": v["aliases"], "date": v["date"],
             "open_weights": v["open_weights"], "source": v["source"],
             **{name: (n.value if n is not None else None) for name, n in v["numbers"].items()},
             **v["derived"],
             "components": {name: registry.UNDISCLOSED if name in v["shape"].undisclosed else value
                            for name, value in v["shape"].components.items()},
             "component_sources": component_sources(model, v),
             "layer_mix": [{"repeat": g.repeat, "pattern": [layer.kind for layer in g.layers]}
                           for g in v["shape"].groups or ()]}
            for v in model["variants"]
        ],
    }


COMPARED = tuple(field for field in registry.NUMBER_FIELDS if field.compared)
SOURCE_KEYS = ("id", "paper", "locator", "url", "kind", "read_via", "note")


def component_sources(model: dict, variant: dict) -> dict:
    """name -> the id of the source each recorded component cites (a variant's override, a long form's own
    source, or the components block's)."""
    out = {}
    for scope in (model.get("components"), variant.get("components")):
        if not isinstance(scope, dict):
            continue
        default = scope.get("source") or (model.get("components") or {}).get("source") or variant["source"]
        for component in registry.COMPONENTS:
            raw = scope.get(component.name)
            if raw is not None:
                out[component.name] = raw.get("source") or default if isinstance(raw, dict) else default
    return out


def facets(variant: dict) -> dict:
    """The architecture facets the explorer filters by."""
    shape = variant["shape"]
    mixers = {layer.mixer for g in shape.groups or () for layer in g.layers}
    return {name: shape.components.get(name) for name in ("attention", "positions", "norm", "activation")} | {
        "moe": variant["numbers"]["experts"] is not None,
        "hybrid": bool(mixers & set(registry.HYBRID_MIXERS)),
    }


def size_record(model: dict, variant: dict) -> dict:
    """One row of sizes.json: a variant with its model's facets, compact enough to load thousands at once."""
    numbers, undisclosed, estimated = {}, [], []
    for field in COMPARED:
        if field.derived:
            numbers[field.name] = variant["derived"][field.name]
            continue
        n = variant["numbers"][field.name]
        numbers[field.name] = n.value if n is not None and n.known else None
        if n is not None and not n.known:
            undisclosed.append(field.name)
        if n is not None and n.estimated:
            estimated.append(field.name)
    return {"model": model["id"], "variant": variant["id"], "model_name": model["name"],
            "variant_name": variant["name"], "other_names": model["other_names"], "families": model["families"],
            "organizations": model["organizations"], "date": variant["date"], "architecture": model["architecture"],
            "open_weights": variant["open_weights"], "numbers": numbers, "undisclosed": undisclosed,
            "estimated": estimated, **facets(variant)}


def sizes_json(catalog: Catalog) -> str:
    used = {o for m in catalog.models.values() for o in m["organizations"]}
    return json.dumps({
        "version": API_VERSION,
        "family_names": {f["id"]: f["name"] for f in catalog.families.values()},
        "organization_names": {o: catalog.organizations[o]["name"] for o in sorted(used)},
        "sizes": [size_record(m, v) for m, v in catalog.sizes_newest_first],
    }, ensure_ascii=False, separators=(",", ":")) + "\n"


def _paper(catalog: Catalog, paper: dict) -> dict:
    return {
        "id": paper["id"],
        "title": paper["title"],
        "aliases": paper["aliases"],
        "authors": paper["authors"],
        "authors_shortened": bool(paper["authors_shortened"]),
        "organizations": paper["organizations"],
        "date": paper["date"],
        "arxiv": paper["arxiv"],
        "venue": paper["venue"],
        "source_url": paper["url"],
        "kind": paper["kind"],
        "topics": paper["topics"],
        "url": page_url("papers", paper["id"]),
        "models": [m["id"] for m in catalog.models_of_paper(paper["id"])],
        **_dates(paper),
    }


def _family(catalog: Catalog, family: dict) -> dict:
    return {
        "id": family["id"],
        "name": family["name"],
        "aliases": family["aliases"],
        "architecture": family["architecture"],
        "order": family["order"],
        "url": page_url("families", family["id"]),
        "models": [m["id"] for m in catalog.models_of_family(family["id"])],
        **_dates(family),
    }


def _concept(catalog: Catalog, concept: dict) -> dict:
    return {
        "id": concept["id"],
        "name": concept["name"],
        "other_names": concept["other_names"],
        "aliases": concept["aliases"],
        "category": concept["category"],
        "summary": concept["summary"],
        "papers": concept["papers"],
        "related": concept["related"],
        "url": page_url("concepts", concept["id"]),
        "models": [m["id"] for m in catalog.models_using_concept(concept["id"])],
        **_dates(concept),
    }


def _resource(resource: dict) -> dict:
    return {key: resource[key] for key in ("id", "title", "url", "kind", "authors", "date", "concepts", "models")}


def _benchmark(table: dict) -> dict:
    return {
        "id": table["id"],
        "title": table["title"],
        "paper": table["paper"],
        "locator": table["locator"],
        "source_url": table["url"],
        "metrics": [{key: m[key] for key in ("id", "name", "unit", "setting", "higher_is_better")}
                    for m in table["metrics"]],
        "rows": [{key: r[key] for key in ("label", "model", "variant", "scores")} for r in table["rows"]],
    }


def _csv_text(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def _csv_derived(field: registry.NumberField, value) -> str:
    if value is None:
        return ""
    return f"{value:.2f}" if field.style == "ratio" else str(value)


def models_csv(catalog: Catalog, site_url: str) -> str:
    """One row per variant, for spreadsheets: plain integers, empty cells for unknown values."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([name for name, _ in CSV_COLUMNS])
    for model in catalog.models.values():
        for v in model["variants"]:
            numbers = [(n.value if n is not None and n.known else "") for n in v["numbers"].values()]
            derived = [_csv_derived(field, v["derived"][field.name]) for field in registry.NUMBER_FIELDS
                       if field.derived]
            shape = v["shape"]
            components = [registry.UNDISCLOSED if c.name in shape.undisclosed else _csv_component(
                shape.components.get(c.name)) for c in registry.COMPONENTS]
            layer_mix = ";".join(f"{g.repeat}x" + "+".join(layer.kind for layer in g.layers) for g in shape.groups or ())
            writer.writerow([
                _csv_text(model["id"]), _csv_text(model["name"]), _csv_text(v["id"]), _csv_text(v["name"]),
                ";".join(model["families"]), ";".join(model["organizations"]), model["date"],
                model["architecture"], "true" if model["open_weights"] else "false", _csv_text(model["license"]),
                *components, layer_mix, *numbers, *derived,
                absolute_url(site_url, page_url("models", model["id"])) + f"#{v['id']}",
            ])
    return out.getvalue()


def _csv_component(value) -> str:
    if value is None:
        return ""
    return ("true" if value else "false") if isinstance(value, bool) else str(value)


def catalog_bib(catalog: Catalog) -> str:
    header = ("% Transformer Atlas: a BibTeX entry for every paper in the catalog, keyed by the paper's id.\n"
              "% Data CC BY 4.0 (Transformer Atlas contributors); made from data/papers/ with every build.\n\n")
    return header + "\n".join(cite.bibtex_entry(paper) for paper in catalog.papers.values())


FILE_DESCRIPTIONS = {  # site path -> (format, what it holds); the API and download pages list them from here
    f"{API_FOLDER}/models.json": ("JSON", "Every model with all its variants and their numbers."),
    f"{API_FOLDER}/models.csv": ("CSV", "One row per variant, for spreadsheets."),
    f"{API_FOLDER}/papers.json": ("JSON", "Every paper, with the models it introduces."),
    f"{API_FOLDER}/catalog.bib": ("BibTeX", "An entry for every paper, keyed by its id."),
    f"{API_FOLDER}/families.json": ("JSON", "The families, in display order, with their models."),
    f"{API_FOLDER}/concepts.json": ("JSON", "The concepts, with their papers and the models that use them."),
    f"{API_FOLDER}/resources.json": ("JSON", "Articles, tutorials, videos and code that explain the models."),
    f"{API_FOLDER}/benchmarks.json": ("JSON", "Benchmark tables as their sources print them."),
    f"{API_FOLDER}/fields.json": ("JSON", "The numeric fields: name, label, meaning and how they are written."),
    f"{API_FOLDER}/coverage.json": ("JSON", "What the Atlas covers: counts, the span of model dates, the newest model,"
                                             " the day the data last changed, and the sizes whose architecture is not"
                                             " fully recorded yet."),
    f"{API_FOLDER}/sizes.json": ("JSON", "One compact row per variant, newest first: what the models explorer"
                                         " loads."),
    feed.FEED_PATH: ("Atom", f"The {feed.FEED_LIMIT} most recent additions and corrections."),
}


_MADE: dict = {}  # the last export made: the hook publishes it and the download page measures it


def coverage_record(catalog: Catalog) -> dict:
    """coverage.json: the counts of the home page and what recent decoders still lack (the /about/ gaps)."""
    gaps = [{"model": gap.model_id, "variant": gap.variant_id, "missing": list(gap.parts + gap.numbers)}
            for gap in completeness.decoder_gaps(catalog.models)]
    return dict(catalog.coverage, not_recorded=gaps)


def export_files(catalog: Catalog, site_url: str) -> dict[str, str]:
    """Site path -> content for every file of the export, the feed included (made once per catalog and URL)."""
    made = _MADE.get("files")
    if made is not None and made[0] is catalog and made[1] == site_url:
        return made[2]
    files = _export_files(catalog, site_url)
    _MADE["files"] = (catalog, site_url, files)
    return files


def _export_files(catalog: Catalog, site_url: str) -> dict[str, str]:
    def dump(key: str, items: list) -> str:
        return json.dumps({"version": API_VERSION, key: items}, ensure_ascii=False, indent=1) + "\n"

    files = {
        f"{API_FOLDER}/models.json": dump("models", [model_record(catalog, m) for m in catalog.models.values()]),
        f"{API_FOLDER}/papers.json": dump("papers", [_paper(catalog, p) for p in catalog.papers.values()]),
        f"{API_FOLDER}/families.json": dump("families", [_family(catalog, f) for f in catalog.families.values()]),
        f"{API_FOLDER}/concepts.json": dump("concepts", [_concept(catalog, c) for c in catalog.concepts.values()]),
        f"{API_FOLDER}/resources.json": dump("resources", [_resource(r) for r in catalog.resources.values()]),
        f"{API_FOLDER}/benchmarks.json": dump("benchmarks", [_benchmark(b) for b in catalog.benchmarks.values()]),
        f"{API_FOLDER}/fields.json": json.dumps({
            "version": API_VERSION, "fields": [field.as_json() for field in registry.NUMBER_FIELDS],
            "components": [component.as_json() for component in registry.COMPONENTS],
            "layer_mixers": {name: mixer.label for name, mixer in registry.LAYER_MIXERS.items()},
        }, ensure_ascii=False, indent=1) + "\n",
        f"{API_FOLDER}/sizes.json": sizes_json(catalog),
        f"{API_FOLDER}/coverage.json": json.dumps({"version": API_VERSION, "coverage": coverage_record(catalog)},
                                                  ensure_ascii=False, indent=1) + "\n",
        f"{API_FOLDER}/models.csv": models_csv(catalog, site_url),
        f"{API_FOLDER}/catalog.bib": catalog_bib(catalog),
        feed.FEED_PATH: feed.atom_feed(catalog, site_url),
    }
    for name, content in schema.json_schemas().items():
        files[f"{API_FOLDER}/schema/{name}"] = json.dumps(content, indent=2, ensure_ascii=False) + "\n"
    return files
