"""Which pages the catalog adds to the site, as plain data; the MkDocs hook only hands them over.

Each page is rendered here, by the same functions the macros call, into finished Markdown. The macros plugin does
not need to touch it again, which keeps the build cost per page at that of plain Markdown and lets another site
generator take the pages as they are. Titles and descriptions go into the front matter HTML-escaped, because the
theme inserts them into <title>, <h1> and <meta> without escaping.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

from . import render
from .catalog import Catalog


@dataclass(frozen=True)
class GeneratedPage:
    src_uri: str  # where MkDocs pretends the page lives in docs/, e.g. models/bert.md
    markdown: str
    edit_path: str  # the data file to open from "Edit this page", relative to the repository root


RENDERERS = {"family": render.family_page, "model": render.model_page, "paper": render.paper_page,
             "concept": render.concept_page}


def generated_pages(catalog: Catalog, site_url: str) -> list[GeneratedPage]:
    pages = []
    for kind, page_kind in render.PAGE_KINDS.items():
        for entry_id, entry in getattr(catalog, page_kind.folder).items():
            front = {
                "title": render.escape(entry[page_kind.title_key]),
                "description": render.escape(render.plain_text(entry[page_kind.description_key])),
                "atlas_kind": kind,
            }
            head = front_matter(front)
            root = render.root_of(render.page_url(page_kind.folder, entry_id))
            body = RENDERERS[kind](catalog, root, entry_id) + "\n" + render.share_box(catalog, root, kind, entry_id,
                                                                                       site_url)
            pages.append(GeneratedPage(f"{page_kind.folder}/{entry_id}.md", head + "\n\n" + body, entry["file"]))
    return pages


# How MkDocs finds a page's front matter (mkdocs.utils.meta): a block between two lines of three dashes.
_FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.UNICODE | re.DOTALL)


class FrontMatterError(ValueError):
    """A generated page's front matter would not be read back as written: the build must stop."""


def front_matter(fields: dict[str, str]) -> str:
    """The front matter block of a generated page, proven to read back as exactly `fields`.

    MkDocs ignores front matter it cannot parse and renders it as Markdown instead, so a title that broke the YAML
    would reach the page as Markdown (where attr_list accepts on* attributes). PyYAML writes every string so that
    it parses, escaping what YAML forbids; the check below makes any exception to that a build error.
    """
    # ASCII only: every other character is written as an escape, so nothing can read as a line break (U+0085)
    body = yaml.safe_dump(fields, allow_unicode=False, sort_keys=False, default_flow_style=False, width=2**31)
    block = f"---\n{body}---\n"
    match = _FRONT_MATTER.match(block + "\n")
    try:
        ok = bool(match) and match.end() == len(block) and yaml.safe_load(match.group(1)) == fields
    except yaml.YAMLError:
        ok = False
    if not ok:
        raise FrontMatterError(f"the front matter of a generated page does not read back as written: {fields!r}")
    return block.rstrip("\n")


def redirect_files(catalog: Catalog, site_url: str) -> dict[str, str]:
    """Site path -> redirect page, for every former id (`aliases`) of every entry with a page."""
    files = {}
    for kind, page_kind in render.PAGE_KINDS.items():
        for entry_id, entry in getattr(catalog, page_kind.folder).items():
            target = render.page_url(page_kind.folder, entry_id)
            for old_id in entry["aliases"]:
                old = render.page_url(page_kind.folder, old_id)
                files[old + "index.html"] = render.redirect_page(kind, old_id, entry[page_kind.title_key],
                                                                 render.root_of(old) + target,
                                                                 render.absolute_url(site_url, target))
    return files
