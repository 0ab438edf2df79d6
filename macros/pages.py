"""Which pages the catalog adds to the site, as plain data; the MkDocs hook only hands them over.

Each page is rendered here, by the same functions the macros call, into finished Markdown. The macros plugin does
not need to touch it again, which keeps the build cost per page at that of plain Markdown and lets another site
generator take the pages as they are. Titles and descriptions go into the front matter HTML-escaped, because the
theme inserts them into <title>, <h1> and <meta> without escaping.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from . import render
from .catalog import Catalog


@dataclass(frozen=True)
class GeneratedPage:
    src_uri: str  # where MkDocs pretends the page lives in docs/, e.g. models/bert.md
    markdown: str
    edit_path: str  # the data file to open from "Edit this page", relative to the repository root


KINDS = (  # (folder, catalog table, page kind, render function, title key, description key)
    ("families", "families", "family", render.family_page, "name", "description"),
    ("models", "models", "model", render.model_page, "name", "summary"),
    ("papers", "papers", "paper", render.paper_page, "title", "summary"),
    ("concepts", "concepts", "concept", render.concept_page, "name", "summary"),
)


def generated_pages(catalog: Catalog) -> list[GeneratedPage]:
    pages = []
    for folder, table, kind, render_page, title_key, description_key in KINDS:
        for entry_id, entry in getattr(catalog, table).items():
            front = {
                "title": render.escape(entry[title_key]),
                "description": render.escape(render.plain_text(entry[description_key])),
                "atlas_kind": kind,
            }
            head = "\n".join(["---", *(f"{key}: {json.dumps(value, ensure_ascii=False)}"
                                       for key, value in front.items()), "---"])
            body = render_page(catalog, render.root_of(render.page_url(folder, entry_id)), entry_id)
            pages.append(GeneratedPage(f"{folder}/{entry_id}.md", head + "\n\n" + body, entry["file"]))
    return pages
