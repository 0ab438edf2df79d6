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

from ..core.catalog import Catalog
from ..core.kinds import PAGE_KINDS, absolute_url, page_url, root_of
from ..render import charts, views
from ..render.format import plain_text
from . import csp


@dataclass(frozen=True)
class GeneratedPage:
    src_uri: str  # where MkDocs pretends the page lives in docs/, e.g. models/bert.md
    markdown: str
    edit_path: str  # the data file to open from "Edit this page", relative to the repository root


RENDERERS = {"family": views.family_page, "model": views.model_page, "paper": views.paper_page,
             "concept": views.concept_page}


def generated_pages(catalog: Catalog, site_url: str) -> list[GeneratedPage]:
    pages = []
    for kind, page_kind in PAGE_KINDS.items():
        for entry_id, entry in getattr(catalog, page_kind.folder).items():
            front = {
                "title": views.escape(entry[page_kind.title_key]),
                "description": views.escape(plain_text(entry[page_kind.description_key])),
                "atlas_kind": kind,
                "atlas_label": page_kind.label,
            }
            head = front_matter(front)
            root = root_of(page_url(page_kind.folder, entry_id))
            body = (views.title_heading(entry[page_kind.title_key], page_kind.search_weight) + "\n"
                    + RENDERERS[kind](catalog, root, entry_id) + "\n"
                    + views.share_box(catalog, root, kind, entry_id, site_url))
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


def redirect_page(kind: str, old_id: str, title: str, target: str, canonical: str) -> str:
    """The redirect page of a former address, with a Content-Security-Policy that allows its one script (ours;
    the data gives it only a slug)."""
    return csp.with_policy(views.redirect_page(kind, old_id, title, target, canonical))


def redirect_files(catalog: Catalog, site_url: str) -> dict[str, str]:
    """Site path -> redirect page, for every former id (`aliases`) of every entry with a page."""
    files = {}
    for kind, page_kind in PAGE_KINDS.items():
        for entry_id, entry in getattr(catalog, page_kind.folder).items():
            target = page_url(page_kind.folder, entry_id)
            for old_id in entry["aliases"]:
                old = page_url(page_kind.folder, old_id)
                files[old + "index.html"] = redirect_page(kind, old_id, entry[page_kind.title_key],
                                                          root_of(old) + target,
                                                          absolute_url(site_url, target))
    return files


def chart_files(catalog: Catalog, site_url: str) -> dict[str, str]:
    """Site path -> standalone SVG, for every chart the site offers as a download."""
    made = [("timeline", "timeline.svg", charts.timeline(catalog, family)) for family in [None, *catalog.families]]
    made += [("lineage", "lineage.svg", charts.lineage(catalog, model))
             for model in [None, *catalog.models] if model is None or charts.lineage_models(catalog, model)]
    made += [("scaling", "scaling.svg", charts.scaling(catalog, kind)) for kind in views.SCALING_CHARTS]
    return {views.chart_file(folder, chart.id): views.chart_svg(template, chart, site_url, standalone=True)
            for folder, template, chart in made}
