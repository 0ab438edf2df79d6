"""The pages that document the export (/download/, /api/): rendered from the export's own field lists, so the
documentation cannot drift from what is published."""

from __future__ import annotations

import json

from ..core import registry, schema
from ..core.catalog import Catalog
from ..render import views
from . import export


def downloads(catalog: Catalog, root: str, site_url: str) -> str:
    """A table of the export's files: link, format, what it holds, how many items and about how large.

    The sizes are those of the files this build publishes, made with the same site URL (models.csv and the feed
    hold absolute addresses, so a size measured with another URL would be wrong).
    """
    files = export.export_files(catalog, site_url)
    counts = {"models.json": len(catalog.models), "papers.json": len(catalog.papers),
              "catalog.bib": len(catalog.papers), "families.json": len(catalog.families),
              "concepts.json": len(catalog.concepts), "resources.json": len(catalog.resources),
              "benchmarks.json": len(catalog.benchmarks), "fields.json": len(registry.NUMBER_FIELDS),
              "models.csv": len(catalog.sizes_newest_first), "sizes.json": len(catalog.sizes_newest_first)}
    rows = [{"path": path, "name": path.rsplit("/", 1)[-1], "format": kind, "what": what,
             "count": counts.get(path.rsplit("/", 1)[-1]), "kb": max(1, round(len(files[path].encode()) / 1000))}
            for path, (kind, what) in export.FILE_DESCRIPTIONS.items()]
    return views.render("downloads.html", catalog, root, rows=rows, schema_names=sorted(schema.json_schemas()),
                        api_folder=export.API_FOLDER)


def api_reference(catalog: Catalog, root: str) -> str:
    """Every field of every JSON file, and every CSV column, as documented in export.API_FIELDS."""
    return views.render("api_reference.html", catalog, root, files=export.API_FIELDS, csv_columns=export.CSV_COLUMNS,
                        extra_keys=export.API_EXTRA_KEYS,
                        version=export.API_VERSION, api_folder=export.API_FOLDER)


def api_example(catalog: Catalog, root: str, model_id: str) -> str:
    """One model as models.json publishes it (its first two variants), so the example is always current."""
    model = export.model_record(catalog, views.find_entry(catalog.models, model_id, "model"))
    model["variants"] = model["variants"][:2]
    return views.render("code_block.html", catalog, root, code=json.dumps(model, ensure_ascii=False, indent=1),
                        language="json")


MACROS = ("downloads", "api_reference", "api_example")
