"""Which pages the catalog adds to the site, as plain data; the MkDocs hook only hands them over.

Each page is rendered here, by the same functions the macros call, into finished Markdown. The macros plugin does
not need to touch it again, which keeps the build cost per page at that of plain Markdown and lets another site
generator take the pages as they are. Titles and descriptions go into the front matter HTML-escaped, because the
theme inserts them into <title>, <h1> and <meta> without escaping.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Callable

import yaml

from ..core import architecture as arch
from ..core.catalog import Catalog
from ..core.kinds import PAGE_KINDS, absolute_url, page_url, root_of
from ..render import charts, diagram, views
from ..render.format import plain_text
from . import csp


@dataclass(frozen=True)
class GeneratedPage:
    """A page the catalog adds. Its body is rendered when asked for, not kept: a build holds each page's HTML once
    (in MkDocs), however large the catalog."""

    src_uri: str  # where MkDocs pretends the page lives in docs/, e.g. models/bert.md
    front: str  # the front matter block
    edit_path: str  # the data file to open from "Edit this page", relative to the repository root
    make_body: Callable[[], str]  # the body as Markdown (HTML with a few Markdown headings)

    @property
    def body(self) -> str:
        return self.make_body()

    @property
    def markdown(self) -> str:
        """Front matter and body: what a generator without the hook (or plain MkDocs) is given."""
        return self.front + "\n\n" + self.body

    def ready(self) -> tuple[str, list]:
        """The body as the HTML Python-Markdown would make of it, and its table of contents (see ready_html)."""
        return ready_html(self.body)


# A Markdown heading as the templates write it: `## Lineage {: #lineage data-search-exclude }`.
_HEADING = re.compile(r"^(#{2,6}) (.+?) \{: #([a-z0-9-]+)((?: [a-z-]+)*) \}$", re.ASCII)


def ready_html(body: str) -> tuple[str, list]:
    """The page body as finished HTML, with the table-of-contents tokens of its headings.

    A generated body is HTML except for its section headings, which the templates write in Markdown so that
    MkDocs lists them in the page's table of contents. Python-Markdown would pass the HTML through unchanged, but
    only after running its HTML parser over all of it, which was most of the cost of a build. Here the headings
    are written as the toc extension writes them (id, permalink) and everything else is kept as it is;
    tests/test_ready_html.py compares the result with what Python-Markdown makes of every generated body.
    """
    lines, tokens, stack = [], [], []
    for line in body.split("\n"):
        match = _HEADING.match(line)
        if not match:
            lines.append(line)
            continue
        hashes, text, anchor, flags = match.groups()
        level = len(hashes)
        attributes = "".join(f" {flag}" for flag in flags.split())
        lines.append(f'<h{level}{attributes} id="{anchor}">{text}<a class="headerlink" href="#{anchor}"'
                     f' title="Permanent link">&para;</a></h{level}>')
        token = {"level": level, "id": anchor, "name": text, "children": []}
        while stack and stack[-1]["level"] >= level:
            stack.pop()
        (stack[-1]["children"] if stack else tokens).append(token)
        stack.append(token)
    return "\n".join(lines), tokens


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
            root = root_of(page_url(page_kind.folder, entry_id))
            body = functools.partial(_entry_body, catalog, root, kind, entry_id, site_url)
            pages.append(GeneratedPage(f"{page_kind.folder}/{entry_id}.md", front_matter(front), entry["file"],
                                       body))
    return pages + size_table_pages(catalog)


def _entry_body(catalog: Catalog, root: str, kind: str, entry_id: str, site_url: str) -> str:
    page_kind = PAGE_KINDS[kind]
    entry = getattr(catalog, page_kind.folder)[entry_id]
    return (views.title_heading(entry[page_kind.title_key], page_kind.search_weight) + "\n"
            + RENDERERS[kind](catalog, root, entry_id) + "\n"
            + views.share_box(catalog, root, kind, entry_id, site_url))


def _size_page_body(catalog: Catalog, address: str, title: str, number: int) -> str:
    return views.title_heading(title, 1.0) + "\n" + views.size_page(catalog, root_of(address), number)


def size_table_pages(catalog: Catalog) -> list[GeneratedPage]:
    """Pages 2 and after of the static models table (/models/ is page 1): every size, newest first."""
    pages = []
    count = len(views.size_pages(catalog))
    for number in range(2, count + 1):
        address = views.size_page_url(number)
        title = f"Models, page {number} of {count}"
        head = front_matter({"title": title, "description": f"Every size of every model in the Atlas, newest"
                                                           f" first: page {number} of the static table.",
                             "atlas_kind": "table", "atlas_label": "Models table"})
        body = functools.partial(_size_page_body, catalog, address, title, number)
        pages.append(GeneratedPage(address.rstrip("/") + ".md", head, "data/models/", body))
    return pages


# How MkDocs finds a page's front matter (mkdocs.utils.meta): a block between two lines of three dashes.
_FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.UNICODE | re.DOTALL)


# libyaml when PyYAML has it (the wheels do): the same YAML, written and read back several times faster.
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class FrontMatterError(ValueError):
    """A generated page's front matter would not be read back as written: the build must stop."""


def front_matter(fields: dict[str, str]) -> str:
    """The front matter block of a generated page, proven to read back as exactly `fields`.

    MkDocs ignores front matter it cannot parse and renders it as Markdown instead, so a title that broke the YAML
    would reach the page as Markdown (where attr_list accepts on* attributes). PyYAML writes every string so that
    it parses, escaping what YAML forbids; the check below makes any exception to that a build error.
    """
    # ASCII only: every other character is written as an escape, so nothing can read as a line break (U+0085)
    body = yaml.dump(fields, Dumper=_DUMPER, allow_unicode=False, sort_keys=False, default_flow_style=False,
                     width=2**30)
    block = f"---\n{body}---\n"
    match = _FRONT_MATTER.match(block + "\n")
    try:
        ok = bool(match) and match.end() == len(block) and yaml.load(match.group(1), Loader=_LOADER) == fields
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
    return {path: svg for paths, make in chart_makers(catalog, site_url) for svg in [make()] for path in paths}


def chart_makers(catalog: Catalog, site_url: str) -> list[tuple[tuple[str, ...], Callable[[], str]]]:
    """(site paths, a function drawing their SVG) for every downloadable chart. Each function reads the catalog
    itself, so that what it read can be observed (publish/incremental.py)."""
    def chart(template: str, draw, *args):
        return lambda: views.chart_svg(template, draw(catalog, *args), site_url, standalone=True)

    def trends(cat: Catalog):
        return charts.trend_chart(arch.trends(cat.models.values()), arch.TRENDS)

    made = [((views.chart_file("timeline", charts.chart_id("timeline", family)),),
             chart("timeline.svg", charts.timeline, family)) for family in [None, *catalog.families]]
    made += [((views.chart_file("lineage", charts.chart_id("lineage", model)),),
              chart("lineage.svg", charts.lineage, model))
             for model in [None, *catalog.models] if model is None or charts.lineage_models(catalog, model)]
    made += [((views.chart_file("scaling", charts.chart_id("scaling", kind)),),
              chart("scaling.svg", charts.scaling, kind)) for kind in views.SCALING_CHARTS]
    made += [((views.chart_file("architectures", charts.TREND_CHART_ID),), chart("trends.svg", trends))]
    for model_id, model in catalog.models.items():  # an architecture diagram per variant, for slides
        for variant in model["variants"]:
            # A renamed model or variant keeps its published file names too (the same file under each).
            paths = tuple(views.chart_file("architecture", f"{m}--{v}") for m in [model_id, *model["aliases"]]
                          for v in [variant["id"], *variant["aliases"]])
            made.append((paths, functools.partial(_diagram_file, catalog, model_id, variant["id"])))
    return made


def _diagram_file(catalog: Catalog, model_id: str, variant_id: str) -> str:
    model = catalog.models[model_id]
    variant = views.find_variant(model, variant_id)
    return views.diagram_svg(diagram.diagram(model, variant, f"arch-{model_id}--{variant_id}"), standalone=True)
