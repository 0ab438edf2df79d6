"""The machine-readable export (/api/v1/): the same catalog as the pages, as JSON with plain numbers."""

from __future__ import annotations

import json

from . import schema
from .catalog import Catalog
from .render import page_url

API_VERSION = 1


def _model(catalog: Catalog, model: dict) -> dict:
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
        "papers": model.get("papers", []),
        "concepts": model["concepts"],
        "derived_from": [{"model": e["model"], "relation": e["relation"]} for e in model.get("derived_from", [])],
        "url": page_url("models", model["id"]),
        "variants": [
            {"id": v["id"], "name": v["name"], "aliases": v["aliases"],
             **{name: (n.value if n is not None else None) for name, n in v["numbers"].items()},
             **v["derived"]}
            for v in model["variants"]
        ],
    }


def _paper(catalog: Catalog, paper: dict) -> dict:
    return {
        "id": paper["id"],
        "title": paper["title"],
        "aliases": paper["aliases"],
        "authors": paper["authors"],
        "organizations": paper["organizations"],
        "date": paper["date"],
        "arxiv": paper.get("arxiv"),
        "venue": paper.get("venue"),
        "source_url": paper["url"],
        "kind": paper["kind"],
        "topics": paper["topics"],
        "url": page_url("papers", paper["id"]),
        "models": [m["id"] for m in catalog.models_of_paper(paper["id"])],
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


def api_files(catalog: Catalog) -> dict[str, str]:
    """Site path -> file content for every file of the export."""
    def dump(payload) -> str:
        return json.dumps(payload, ensure_ascii=False, indent=1, sort_keys=False) + "\n"

    files = {
        "api/v1/models.json": dump({"version": API_VERSION,
                                    "models": [_model(catalog, m) for m in catalog.models.values()]}),
        "api/v1/papers.json": dump({"version": API_VERSION,
                                    "papers": [_paper(catalog, p) for p in catalog.papers.values()]}),
        "api/v1/families.json": dump({"version": API_VERSION,
                                      "families": [_family(catalog, f) for f in catalog.families.values()]}),
        "api/v1/concepts.json": dump({"version": API_VERSION,
                                      "concepts": [_concept(catalog, c) for c in catalog.concepts.values()]}),
        "api/v1/resources.json": dump({"version": API_VERSION,
                                       "resources": [_resource(r) for r in catalog.resources.values()]}),
        "api/v1/benchmarks.json": dump({"version": API_VERSION,
                                        "benchmarks": [_benchmark(b) for b in catalog.benchmarks.values()]}),
    }
    for name, content in schema.json_schemas().items():
        files[f"api/v1/schema/{name}"] = json.dumps(content, indent=2, ensure_ascii=False) + "\n"
    return files
