"""Pure render functions: catalog + arguments -> Markdown text holding HTML blocks.

Everything a contributor wrote reaches the page through an autoescaping Jinja environment, so markup in the data
is shown as text and never runs. Headings are emitted as Markdown with fixed ids (`## Variants {#variants}`) so they
appear in the table of contents and slide links to `#variants` keep working. Links are relative to the page
(`root` is the way from the page up to the site root, e.g. "../../"), so the site works under any base path.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache
from pathlib import Path

import jinja2
import markupsafe


from ..core.catalog import Catalog
from ..core.kinds import PAGE_KINDS, absolute_url, page_url
from . import charts, cite, diagram
from ..core import architecture as arch
from ..core import completeness
from ..core.registry import (ARCHITECTURES, CONCEPT_CATEGORIES, FIELDS, HYPERPARAMETERS, KEY_IDEAS, SIZE_DERIVED,
                             SHAPE_NUMBERS, SIZE_NUMBERS, COMPONENTS, COMPONENT_FIELDS, HYBRID_MIXERS,
                             MODEL_ARCHITECTURES, NUMBER_FIELDS, PAPER_KINDS, RELATIONS, RESOURCE_KINDS, TOPICS)
from .format import flops, human, plain_text, show_number

TEMPLATES = Path(__file__).parent / "templates"

# Lists stop growing with the catalog: a page lists at most LIST_LIMIT models or resources in one place (the newest;
# the explorer or an index has the rest), and an index page at most PAGE_LIST_LIMIT entries.
LIST_LIMIT = 60
PAGE_LIST_LIMIT = 400
RESOURCES_PER_KIND = 110
CITE_LIMIT = 20  # papers a family page offers as BibTeX


# Characters that open the Markdown syntax able to add a link or an image (`[`), attributes (attr_list's `{: …}`),
# code, emphasis or a table cell. Data text is written with these as character references, which Markdown leaves
# alone and browsers show as the character itself: so even text that ended up outside an HTML block could not
# become markup. (`<` and `&`, which autolinks, raw HTML and snippets need, are already escaped as HTML.)
_MARKDOWN_ACTIVE = str.maketrans({ch: f"&#{ord(ch)};" for ch in "[]{}`*\\|"})


def inert(value) -> markupsafe.Markup:
    """A value for a template: HTML-escaped and Markdown-inert, unless it is already markup the core made."""
    if hasattr(value, "__html__"):
        return markupsafe.Markup(value.__html__())
    return markupsafe.Markup(str(markupsafe.escape(value)).translate(_MARKDOWN_ACTIVE))


def _inert_join(values, separator: str = "") -> markupsafe.Markup:
    """Jinja's join, with each item made inert (the built-in one only HTML-escapes)."""
    return inert(separator).join(inert(value) for value in values)


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        finalize=inert,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["human"] = human
    env.filters["plain"] = plain_text
    env.filters["join"] = _inert_join
    env.globals.update(FIELDS=FIELDS, DERIVED=SIZE_DERIVED, MODEL_ARCHITECTURES=MODEL_ARCHITECTURES,
                       ARCHITECTURES=ARCHITECTURES, RELATIONS=RELATIONS, KEY_IDEAS=KEY_IDEAS,
                       TOPICS=TOPICS, PAPER_KINDS=PAPER_KINDS, CONCEPT_CATEGORIES=CONCEPT_CATEGORIES,
                       RESOURCE_KINDS=RESOURCE_KINDS, show_number=show_number, flops=flops,
                       diagram_svg=diagram_svg, LIST_LIMIT=LIST_LIMIT, PAGE_LIST_LIMIT=PAGE_LIST_LIMIT,
                       RESOURCES_PER_KIND=RESOURCES_PER_KIND)
    return env


def _url_maker(root: str):
    """url(kind, id, anchor) -> a link to a page of the site, prefixed with `root` (relative or absolute)."""
    def url(kind: str, entry_id: str = "", anchor: str = "") -> str:
        path = page_url(kind, entry_id) if entry_id else f"{kind}/"
        return root + path + (f"#{anchor}" if anchor else "")
    return url


def render(template: str, catalog: Catalog, root: str, **context) -> str:
    out = _environment().get_template(template).render(cat=catalog, url=_url_maker(root), root=root, **context)
    # Python-Markdown ends a raw HTML block at a blank line; the templates never need one inside a block.
    return re.sub(r"\n\s*\n+", "\n\n", out).strip() + "\n"


def find_entry(table: dict, entry_id: str, kind: str) -> dict:
    try:
        return table[entry_id]
    except KeyError:
        raise KeyError(f"no {kind} with id {entry_id!r}") from None


def find_variant(model: dict, variant_id: str) -> dict:
    """The size of `model` with this id."""
    for variant in model["variants"]:
        if variant["id"] == variant_id:
            return variant
    raise KeyError(f"no variant {variant_id!r} in model {model['id']!r}")


def variant_columns(variants: list) -> list[str]:
    """The hyperparameters known (or marked unknown) for at least one variant, in the standard order."""
    return [name for name in SIZE_NUMBERS if any(v["numbers"][name] is not None for v in variants)]


def variant_notes(variants: list) -> list[dict]:
    """Notes on variants and on their numbers, with one line for a note shared by several variants."""
    grouped: dict[tuple, dict] = {}
    for variant in variants:
        items = [(None, variant["note"], False)] + [
            (name, n.note, n.estimated) for name, n in variant["numbers"].items() if n is not None]
        for column, text, estimated in items:
            if text:
                key = (column, text, estimated)
                grouped.setdefault(key, {"column": column, "text": text, "estimated": estimated, "names": []})
                grouped[key]["names"].append(variant["name"])
    return list(grouped.values())


CARD_NUMBERS = ("params", "active_params", "context_length", "kv_heads", "training_tokens")


def headline(model: dict) -> dict:
    """The model card's facts: its largest size (by stated parameters), that size's key numbers and its
    architecture in one line."""
    def size(variant):
        n = variant["numbers"]["params"]
        return n.value if n is not None and n.known else -1
    largest = max(model["variants"], key=size)
    numbers = [(name, largest["numbers"][name]) for name in CARD_NUMBERS
               if largest["numbers"][name] is not None]
    return {"variant": largest, "numbers": numbers, "summary": diagram.summary(largest["shape"]),
            "several": len(model["variants"]) > 1}


def model_page(catalog: Catalog, root: str, model_id: str) -> str:
    model = find_entry(catalog.models, model_id, "model")
    tables: dict[str, tuple] = {}
    for table, row in catalog.benchmark_rows_of_model(model_id):
        tables.setdefault(table["id"], (table, []))[1].append(row)
    children = catalog.children(model_id)
    children = children[-LIST_LIMIT:]  # the newest, when a model has more children than a list can show
    # The lineage chart is drawn only for a model that has relatives; the template says so otherwise.
    lineage_markup = markupsafe.Markup(lineage(catalog, root, model_id)) if model["derived_from"] or children else ""
    return render("model.html", catalog, root, model=model, columns=variant_columns(model["variants"]),
                  card=headline(model),
                  architecture_markup=markupsafe.Markup(architecture(catalog, root, model_id)),
                  derived=has_derived(model["variants"]), children=children, notes=variant_notes(model["variants"]),
                  lineage_markup=lineage_markup, benchmarks=list(tables.values()),
                  resources=catalog.resources_about("models", model_id))


def architecture_figures(model: dict, variant_id: str | None = None) -> list[dict]:
    """One figure per distinct architecture among a model's variants (or for one variant): its diagram, the
    variants it describes, its one-line summary and its shape numbers and derived figures."""
    variants = [v for v in model["variants"] if variant_id in (None, v["id"])]
    if variant_id is not None and not variants:
        raise KeyError(f"no variant {variant_id!r} in model {model['id']!r}")
    figures: dict[tuple, dict] = {}
    for variant in variants:
        drawn = diagram.diagram(model, variant, f"arch-{model['id']}--{variant['id']}")
        shape_numbers = [(name, variant["numbers"][name]) for name in SHAPE_NUMBERS
                         if not FIELDS[name].derived and variant["numbers"].get(name) is not None]
        derived = [(name, variant["derived"][name]) for name in SHAPE_NUMBERS
                   if FIELDS[name].derived and variant["derived"].get(name) is not None]
        undisclosed = [COMPONENT_FIELDS[name].label.lower() for name in variant["shape"].undisclosed]
        key = (tuple(drawn.steps), drawn.description, tuple((n, v.value) for n, v in shape_numbers),
               tuple(derived[:2]), tuple(undisclosed))
        if key not in figures:
            figures[key] = {"diagram": drawn, "variants": [], "numbers": shape_numbers, "derived": derived,
                            "undisclosed": undisclosed,
                            "file": chart_file("architecture", f"{model['id']}--{variant['id']}")}
        figures[key]["variants"].append(variant)
    return list(figures.values())


def architecture(catalog: Catalog, root: str, model: str, variant: str | None = None) -> str:
    """The architecture of a model (or of one of its variants): summary, block diagram, text version, figures.
    A macro for lecture pages: architecture(model="gemma-3", variant="gemma-3-27b")."""
    entry = find_entry(catalog.models, model, "model")
    return render("architecture.html", catalog, root, model=entry, figures=architecture_figures(entry, variant),
                  show_names=variant is None and len(entry["variants"]) > 1)


def family_page(catalog: Catalog, root: str, family_id: str) -> str:
    family = find_entry(catalog.families, family_id, "family")
    return render("family.html", catalog, root, family=family, models=catalog.models_of_family(family_id),
                  timeline_markup=markupsafe.Markup(timeline(catalog, root, family_id)))


def paper_page(catalog: Catalog, root: str, paper_id: str) -> str:
    paper = find_entry(catalog.papers, paper_id, "paper")
    introduced = catalog.models_of_paper(paper_id)
    citing = [m for m in catalog.models_citing_paper(paper_id) if m not in introduced]
    return render("paper.html", catalog, root, paper=paper, introduced=introduced, citing=citing,
                  concepts=catalog.concepts_citing_paper(paper_id), benchmarks=catalog.benchmarks_of_paper(paper_id))


def concept_page(catalog: Catalog, root: str, concept_id: str) -> str:
    concept = find_entry(catalog.concepts, concept_id, "concept")
    return render("concept.html", catalog, root, concept=concept, models=catalog.models_using_concept(concept_id),
                  resources=catalog.resources_about("concepts", concept_id))


def benchmark_table(catalog: Catalog, root: str, benchmark_id: str) -> str:
    table = find_entry(catalog.benchmarks, benchmark_id, "benchmark")
    return render("benchmark_table.html", catalog, root, table=table, caption=True)


def has_derived(variants: list) -> bool:
    return any(value is not None for v in variants for value in v["derived"].values())


def variants_table(catalog: Catalog, root: str, model_id: str) -> str:
    model = find_entry(catalog.models, model_id, "model")
    return render("variants_table.html", catalog, root, model=model, columns=variant_columns(model["variants"]),
                  derived=has_derived(model["variants"]))


def model_card(catalog: Catalog, root: str, model_id: str) -> str:
    return render("model_card.html", catalog, root, model=find_entry(catalog.models, model_id, "model"))


def models_table(catalog: Catalog, root: str, family=None, organization=None, architecture=None,
                 year_from=None, year_to=None, caption: str = "") -> str:
    for value, table, kind in ((family, catalog.families, "family"),
                               (organization, catalog.organizations, "organization")):
        if value is not None:
            find_entry(table, value, kind)
    if architecture is not None and architecture not in ARCHITECTURES:
        raise KeyError(f"no architecture {architecture!r}; use one of {', '.join(ARCHITECTURES)}")
    models = catalog.filter_models(family, organization, architecture, year_from, year_to)
    query = "&".join(f"{key}={value}" for key, value in (("family", family), ("org", organization),
                                                           ("arch", architecture), ("from", year_from),
                                                           ("to", year_to)) if value is not None)
    return render("models_table.html", catalog, root, models=models, caption=caption,
                  more=f"{root}models/?{query}" if query else f"{root}models/")


# The comparison table's columns: (key, heading). Number keys are the registry's fields marked `compared`.
COMPARISON_NUMBERS = tuple(field.name for field in NUMBER_FIELDS if field.compared and not field.derived)
# The architecture facets: a column and a filter each (their values are the registry's vocabularies).
FACETS = tuple(c for c in COMPONENTS if c.facet)
COMPARISON_COLUMNS = (
    ("model", "Model"), ("variant", "Size"), ("family", "Family"), ("organization", "Organization"),
    ("date", "Date"), *((c.name, c.label) for c in FACETS),
    *((field.name, field.label) for field in NUMBER_FIELDS if field.compared), ("open", "Open weights"),
)


PARAM_STEPS = tuple((10**e, charts.human_power(e)) for e in range(7, 13))


# The static models table is cut into pages of this many rows, newest first: /models/ shows the first and links the
# others (/models/page/2/ …), so the table stays complete without JavaScript and no page grows with the catalog.
SIZES_PER_PAGE = 100


def size_pages(catalog: Catalog) -> list[list]:
    """The (model, variant) rows of each page of the static models table."""
    rows = catalog.sizes_newest_first
    return [rows[start:start + SIZES_PER_PAGE] for start in range(0, len(rows), SIZES_PER_PAGE)] or [[]]


def size_page_url(number: int) -> str:
    return "models/" if number == 1 else f"models/page/{number}/"


def _size_table(catalog: Catalog, root: str, template: str, number: int, **extra) -> str:
    pages = size_pages(catalog)
    pager = [(n, size_page_url(n), chunk[0][0]["date"], chunk[-1][0]["date"])
             for n, chunk in enumerate(pages, start=1) if chunk]
    numeric = {field.name for field in NUMBER_FIELDS if field.compared} | {"date", "open"}
    return render(template, catalog, root, rows=pages[number - 1], number=number, pager=pager, facets=FACETS,
                  total_models=len(catalog.models), total_sizes=len(catalog.sizes_newest_first),
                  table_columns=COMPARISON_COLUMNS, compared_fields=[f for f in NUMBER_FIELDS if f.compared],
                  numeric=numeric, **extra)


def models_index(catalog: Catalog, root: str) -> str:
    """The models explorer: its controls, and the first page of the static table that its script replaces with
    every row (read from /api/v1/sizes.json), sorted and filtered."""
    used = {o for m in catalog.models.values() for o in m["organizations"]}
    orgs = sorted((catalog.organizations[o] for o in used), key=lambda o: o["name"].casefold())
    years = [int(m["date"][:4]) for m in catalog.models.values()] or [2017]
    return _size_table(catalog, root, "models_index.html", 1, orgs=orgs, years=(min(years), max(years)),
                       sizes=PARAM_STEPS)


def size_page(catalog: Catalog, root: str, number: int) -> str:
    """Page `number` (2 or more) of the static models table."""
    return _size_table(catalog, root, "size_page.html", number)


def _listing(template: str, what: str):
    """A macro that renders one whole-catalog listing from its template."""
    def listing(catalog: Catalog, root: str) -> str:
        return render(template, catalog, root)
    listing.__doc__ = f"The list of {what}."
    listing.__name__ = listing.__qualname__ = template.removesuffix(".html")
    return listing


papers_index = _listing("papers_index.html", "every paper")
families_index = _listing("families_index.html", "the families")
concepts_index = _listing("concepts_index.html", "the concepts, by category")
resources_index = _listing("resources_index.html", "the learning resources, by kind")
topics_index = _listing("topics_index.html", "the papers by topic")
excluded_papers = _listing("exclusions.html", "the seed titles left out, with their reasons")


# The functions above that hand-written pages may call as macros, as `name(arguments)` (see docs/macros.md).
MACROS = ("model_page", "family_page", "paper_page", "concept_page", "model_card", "variants_table", "architecture",
          "models_table", "benchmark_table", "models_index", "papers_index", "families_index", "concepts_index",
          "resources_index", "topics_index", "excluded_papers", "timeline", "lineage", "scaling_chart",
          "architectures_overview", "coverage", "known_gaps", "newest_models", "recent_changes")


def chart_svg(template: str, chart: charts.Chart, root: str, standalone: bool = False) -> str:
    """The SVG markup of a chart. Standalone files (for slides) get fixed colours and absolute links."""
    svg = _environment().get_template(template).render(chart=chart, standalone=standalone, href=_url_maker(root))
    # Safe to embed: the template autoescaped every value that came from the data.
    return markupsafe.Markup(re.sub(r"\n\s*\n+", "\n", svg).strip() + "\n")


def diagram_svg(drawn: diagram.Diagram, standalone: bool = False) -> str:
    """The SVG markup of an architecture diagram (standalone: the downloadable file, fixed light colours)."""
    svg = _environment().get_template("architecture.svg").render(d=drawn, standalone=standalone)
    return markupsafe.Markup(re.sub(r"\n\s*\n+", "\n", svg).strip() + "\n")


def chart_file(folder: str, chart_id: str) -> str:
    """Where the downloadable copy of a chart lives, relative to the site root."""
    return f"{folder}/{chart_id}.svg"


def timeline(catalog: Catalog, root: str, family=None) -> str:
    if family is not None:
        find_entry(catalog.families, family, "family")
    chart = charts.timeline(catalog, family)
    models = [catalog.models[mark.id] for mark in chart.marks]
    return render("timeline.html", catalog, root, chart=chart, svg_markup=chart_svg("timeline.svg", chart, root),
                  download=root + chart_file("timeline", chart.id), years=charts.by_year(models))


def lineage(catalog: Catalog, root: str, model=None) -> str:
    """The lineage graph of the whole Atlas, or of one model's ancestors and descendants."""
    if model is not None:
        find_entry(catalog.models, model, "model")
    chart = charts.lineage(catalog, model)
    return render("lineage.html", catalog, root, chart=chart, svg_markup=chart_svg("lineage.svg", chart, root),
                  download=root + chart_file("lineage", chart.id))


HOME_LIST = 12  # entries in each list of the home page


def coverage(catalog: Catalog, root: str) -> str:
    """One paragraph: what the Atlas covers and how recent it is (home page, /about/, API page)."""
    newest = catalog.models.get(catalog.coverage["newest_model"])
    return render("coverage.html", catalog, root, c=catalog.coverage, newest=newest)


def known_gaps(catalog: Catalog, root: str) -> str:
    """The sizes of decoders released since 2023 whose parts or shape are not fully recorded yet, and what each lacks
    (the same list as the data tests'), so a reader knows where the Atlas is silent and why it does not guess."""
    rows = []
    for gap in completeness.decoder_gaps(catalog.models):
        model = catalog.models[gap.model_id]
        variant = find_variant(model, gap.variant_id)
        missing = [COMPONENT_FIELDS[name].label for name in gap.parts] + [FIELDS[name].label for name in gap.numbers]
        rows.append((model, variant, missing))
    return render("known_gaps.html", catalog, root, rows=rows, since=completeness.SINCE)


def newest_models(catalog: Catalog, root: str, limit: int = HOME_LIST) -> str:
    """The most recently released models, newest first."""
    models = sorted(catalog.models.values(), key=lambda m: m["date"], reverse=True)[:limit]
    return render("newest_models.html", catalog, root, models=models)


def recent_changes(catalog: Catalog, root: str, limit: int = HOME_LIST) -> str:
    """The entries most recently added to the Atlas or corrected, newest first (the feed, on the page)."""
    return render("recent_changes.html", catalog, root, items=catalog.changes_newest_first()[:limit],
                  kinds=PAGE_KINDS)


# How many models each choice of the architectures page names before it links to the filtered explorer instead.
RECIPE_LIMIT = 24


def architecture_sections(catalog: Catalog) -> list[dict]:
    """For each architecture facet (and mixture of experts, and hybrids): each choice, what it is, its models."""
    models = sorted(catalog.models.values(), key=lambda m: m["date"], reverse=True)
    sections = []
    for component in FACETS:
        choices = [{"label": c.label, "meaning": c.meaning, "concept": c.concept if c.concept in catalog.concepts
                    else "", "query": f"{component.name}={value}",
                    "models": [m for m in models if any(v["shape"].components.get(component.name) == value
                                                        for v in m["variants"])]}
                   for value, c in component.choices.items()]
        sections.append({"name": component.name, "label": component.label, "meaning": component.meaning,
                         "choices": choices})
    moe = [m for m in models if any(v["numbers"]["experts"] is not None for v in m["variants"])]
    hybrid = [m for m in models if any(arch.mixers_in(v["shape"].groups) & set(HYBRID_MIXERS) for v in m["variants"])]
    sections.append({"name": "layers", "label": "Experts and hybrid layers", "meaning": "Two ways to change the"
                     " layer itself: many feed-forward experts of which each token uses a few, or layers whose state"
                     " does not grow with the context in place of most attention layers", "choices": [
                         {"label": "Mixture of experts", "meaning": "Each feed-forward block holds many experts; a"
                          " router sends every token to a few of them.", "concept": "mixture-of-experts",
                          "query": "moe=yes", "models": moe},
                         {"label": "Hybrid stack", "meaning": "Some layers are state-space or linear-attention layers"
                          " (Mamba, Mamba-2, Gated DeltaNet, RG-LRU, mLSTM) with a constant-size state.",
                          "concept": "state-space-model" if "state-space-model" in catalog.concepts else "",
                          "query": "hybrid=yes", "models": hybrid}]})
    return sections


def architectures_overview(catalog: Catalog, root: str, sections: bool = True) -> str:
    """The architectures page's generated part: the recipe over time, then (unless `sections` is false) each part
    of a block and its models."""
    rows = arch.trends(catalog.models.values())
    chart = charts.trend_chart(rows, arch.TRENDS)
    return render("architectures_overview.html", catalog, root, rows=rows, trends=arch.TRENDS,
                  svg_markup=chart_svg("trends.svg", chart, root), download=chart_file("architectures", chart.id),
                  sections=architecture_sections(catalog) if sections else [], limit=RECIPE_LIMIT)


SCALING_CHARTS = ("params-by-date", "tokens-by-params")


def scaling_chart(catalog: Catalog, root: str, kind: str = "params-by-date", models=None) -> str:
    """A scaling chart of every model, or of the chosen model ids."""
    if kind not in SCALING_CHARTS:
        raise KeyError(f"no scaling chart {kind!r}; use one of {', '.join(SCALING_CHARTS)}")
    chosen = None if models is None else [find_entry(catalog.models, m, "model") for m in models]
    chart = charts.scaling(catalog, kind, chosen)
    if chosen is not None:
        chart.id += "-" + "-".join(models)
    return render("scaling.html", catalog, root, chart=chart, svg_markup=chart_svg("scaling.svg", chart, root),
                  download=root + chart_file("scaling", kind))  # the file holds every model


def papers_to_cite(catalog: Catalog, kind: str, entry: dict) -> list:
    """The papers behind a page: a model's and a concept's own, a paper itself, a family's introducing papers."""
    if kind == "paper":
        return [entry]
    if kind == "family":  # the introducing papers of its newest models (BibTeX of hundreds helps nobody)
        ids = [m["papers"][0] for m in catalog.models_of_family(entry["id"])[-CITE_LIMIT:] if m["papers"]]
    else:
        ids = entry["papers"]
    return [catalog.papers[paper_id] for paper_id in dict.fromkeys(ids)]


def share_box(catalog: Catalog, root: str, kind: str, entry_id: str, site_url: str) -> str:
    """The "Share and cite" section: the page's absolute address with a QR code, and BibTeX to copy."""
    page_kind = PAGE_KINDS[kind]
    entry = find_entry(getattr(catalog, page_kind.folder), entry_id, kind)
    canonical = absolute_url(site_url, page_url(page_kind.folder, entry_id))
    papers = papers_to_cite(catalog, kind, entry)
    bibtex = "".join(cite.bibtex_entry(paper) for paper in papers)
    bibtex += cite.page_bibtex(kind, entry, entry[page_kind.title_key], canonical)
    cite_what = ("the paper" if len(papers) == 1 else f"the {len(papers)} papers" if papers else "this page") + \
        (" and this page" if papers else "")
    qr = markupsafe.Markup(cite.qr_svg(canonical, f"QR code of {canonical}"))
    heading = "## Share and cite {: #share data-search-exclude }\n\n"
    return heading + render("share.html", catalog, root, canonical=canonical, bibtex=bibtex, cite_what=cite_what,
                            example_anchor=page_kind.first_anchor, qr=qr)


def redirect_page(kind: str, old_id: str, title: str, target: str, canonical: str) -> str:
    """A standalone page for a former address: meta refresh and script to `target`, canonical link, and a link."""
    return _environment().get_template("redirect.html").render(kind=kind, old_id=old_id, title=title,
                                                               target=target, canonical=canonical)


def title_heading(title: str, search_weight: float) -> str:
    """The page's h1, weighted for the search index (Material adds no h1 of its own when the page has one)."""
    return f'<h1 data-pagefind-weight="{search_weight:g}">{inert(title)}</h1>\n'


def escape(text: str) -> str:
    return html.escape(text, quote=True)
