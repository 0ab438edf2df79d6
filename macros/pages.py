"""Which pages the catalog adds to the site, as plain data; the MkDocs hook only hands them over.

Each page is a small Markdown file that calls one macro: the macros plugin then renders it like any hand-written
page, so generated and hand-written pages share one renderer. Titles and descriptions go into the front matter
HTML-escaped, because the theme inserts them into <title>, <h1> and <meta> without escaping.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from .catalog import Catalog
from .render import escape, plain_text


@dataclass(frozen=True)
class GeneratedPage:
    src_uri: str  # where MkDocs pretends the page lives in docs/, e.g. models/bert.md
    markdown: str
    edit_path: str  # the data file to open from "Edit this page", relative to the repository root


def _page(kind: str, entry_id: str, title: str, description: str, macro: str, edit_path: str) -> GeneratedPage:
    front = {
        "title": escape(title),
        "description": escape(plain_text(description)),
        "render_macros": True,
        "atlas_kind": kind,
    }
    lines = ["---"] + [f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in front.items()] + ["---"]
    body = f'{{{{ {macro}("{entry_id}") }}}}'
    return GeneratedPage(f"{kind}s/{entry_id}.md" if kind != "family" else f"families/{entry_id}.md",
                         "\n".join(lines) + "\n\n" + body + "\n", edit_path)


def generated_pages(catalog: Catalog) -> list[GeneratedPage]:
    pages = []
    for family in catalog.families.values():
        pages.append(_page("family", family["id"], family["name"], family["description"], "family_page",
                           family["file"]))
    for model in catalog.models.values():
        pages.append(_page("model", model["id"], model["name"], model["summary"], "model_page", model["file"]))
    for paper in catalog.papers.values():
        pages.append(_page("paper", paper["id"], paper["title"], paper["summary"], "paper_page", paper["file"]))
    return pages
