"""Chart layout as pure geometry: where each mark, label, lane and edge goes, in SVG user units.

The templates only draw what these functions computed, so the rules a reader relies on (every dated model appears
once, labels in a lane never overlap, an edge runs from ancestor to descendant) are tested here without a browser.
Text widths are estimated from the character count, generously, because the build has no font metrics.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from ..core.catalog import Catalog
from ..core.numbers import known_value

WIDTH = 1000  # viewBox width of every chart
FONT = 11  # label font size in user units
CHAR = 0.62 * FONT  # a generous average character width for the system sans-serif fonts
ROW = 17  # height of one row of labels in a lane
GAP = 8  # minimum horizontal space between two labels in the same row
LANE_LABEL = 190  # room on the left for lane names
# One colour per family, readable on white and on Material's slate background, and no two alike: every pair is at
# least 20 apart in CIELAB (ΔE76; tests/test_charts.py checks it), for up to sixteen families.
PALETTE = (
    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf",
    "#393b79", "#f0c419", "#00a87e", "#ff00ff", "#a6761d", "#ff9896",
)


def year_fraction(date: str) -> float:
    """"2019-02-14" -> 2019.12...; a bare year sits mid-year, a bare month mid-month."""
    parts = [int(p) for p in date.split("-")]
    if len(parts) == 1:
        return parts[0] + 0.5
    month_start = (parts[1] - 1) / 12
    if len(parts) == 2:
        return parts[0] + month_start + 1 / 24
    return parts[0] + month_start + (parts[2] - 1) / 365


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def text_width(text: str) -> float:
    return len(text) * CHAR


@dataclass
class Scale:
    """A linear map from a data interval onto a pixel interval (log scales pass log10 values)."""

    lo: float
    hi: float
    start: float
    end: float

    def __call__(self, value: float) -> float:
        if self.hi == self.lo:
            return (self.start + self.end) / 2
        return self.start + (value - self.lo) / (self.hi - self.lo) * (self.end - self.start)


def year_ticks(lo: float, hi: float) -> list[int]:
    first, last = math.floor(lo), math.ceil(hi)
    step = 1 if last - first <= 12 else 2
    return list(range(first + (first % step), last + 1, step))


@dataclass
class Label:
    """A text label beside a point: `anchor` start puts it right of x, end puts it left."""

    text: str
    x: float
    anchor: str = "start"

    @property
    def extent(self) -> tuple[float, float]:
        w = text_width(self.text)
        return (self.x, self.x + w) if self.anchor == "start" else (self.x - w, self.x)


def pack_rows(items: list, extent) -> list[int]:
    """Give each item (in x order) the first row whose last label ends before this one starts.

    `extent(item)` is the horizontal interval the item occupies (its mark and its label). Greedy interval packing:
    no two items in one row overlap, which is what "labels never overlap within a lane" means.
    """
    row_ends: list[float] = []
    rows = []
    for item in items:
        left, right = extent(item)
        for row, end in enumerate(row_ends):
            if left >= end + GAP:
                row_ends[row] = right
                rows.append(row)
                break
        else:
            row_ends.append(right)
            rows.append(len(row_ends) - 1)
    return rows


@dataclass
class Mark:
    id: str
    name: str
    date: str
    x: float
    y: float = 0
    row: int = 0
    label: Label | None = None
    colour: str = ""


@dataclass
class Lane:
    id: str
    name: str
    y: float
    height: float
    colour: str
    marks: list = field(default_factory=list)


@dataclass
class Chart:
    """Everything a template needs to draw one chart."""

    id: str
    title: str
    description: str
    width: float
    height: float
    ticks: list = field(default_factory=list)  # (x, label)
    lanes: list = field(default_factory=list)
    marks: list = field(default_factory=list)
    edges: list = field(default_factory=list)
    bars: list = field(default_factory=list)
    extra: dict = field(default_factory=dict)


def _mark_extent(mark: Mark) -> tuple[float, float]:
    left, right = mark.label.extent
    return min(left, mark.x - 5), max(right, mark.x + 5)


def _label_beside(text: str, x: float, right_edge: float) -> Label:
    """Right of the mark, unless that would run off the chart."""
    if x + 7 + text_width(text) <= right_edge:
        return Label(text, x + 7, "start")
    return Label(text, x - 7, "end")


def family_colours(catalog: Catalog) -> dict[str, str]:
    return {family_id: PALETTE[i % len(PALETTE)] for i, family_id in enumerate(catalog.families)}


def primary_family(model: dict) -> str:
    return model["families"][0]


def _lanes(catalog: Catalog, models: list, lane_ids: list, lane_of, x_of, top: float) -> list[Lane]:
    """Stack one lane per id; inside a lane, marks go in rows so that no two labels overlap."""
    colours = family_colours(catalog)
    lanes = []
    y = top
    for lane_id in lane_ids:
        members = sorted((m for m in models if lane_of(m) == lane_id),
                         key=lambda m: (year_fraction(m["date"]), m["name"].casefold()))
        if not members:
            continue
        marks = []
        for model in members:
            x = x_of(year_fraction(model["date"]))
            marks.append(Mark(model["id"], model["name"], model["date"], x,
                              label=_label_beside(model["name"], x, WIDTH - 4), colour=colours[lane_id]))
        rows = pack_rows(marks, _mark_extent)
        height = (max(rows) + 1) * ROW + 10
        for mark, row in zip(marks, rows):
            mark.row = row
            mark.y = y + 5 + row * ROW + ROW / 2
        lanes.append(Lane(lane_id, catalog.families[lane_id]["name"], y, height, colours[lane_id], marks))
        y += height
    return lanes


# A chart draws at most this many models (the newest): past it, marks and labels stop being readable and the page
# would grow with the catalog. The chart's description says how many of how many it shows, and its text version
# and the explorer keep every model.
CHART_LIMIT = 300
MODEL_LINEAGE_LIMIT = 60  # a model page's lineage chart: the model and the newest of its relatives
SCALING_POINT_LIMIT = 580  # a scaling chart draws every size of the newest models, up to this many points


def newest(models: list, limit: int = CHART_LIMIT) -> list:
    """The `limit` newest of `models`, in their original order."""
    if len(models) <= limit:
        return models
    keep = {id(m) for m in sorted(models, key=lambda m: m["date"], reverse=True)[:limit]}
    return [m for m in models if id(m) in keep]


def shown_of(shown: int, total: int) -> str:
    return "" if shown == total else f" The {shown} newest of {total} are drawn; every model is in the explorer."


def date_scale(dates: list[float], start: float, end: float) -> tuple[Scale, int, int]:
    lo, hi = math.floor(min(dates, default=2017.5)), math.ceil(max(dates, default=2017.5) + 0.01)
    return Scale(lo, hi, start, end), lo, hi


def timeline(catalog: Catalog, family: str | None = None) -> Chart:
    """Models by date, one lane per family, and a strip of papers per year.

    On the site-wide timeline a model sits in the lane of its first family, so it appears once; a family's own
    timeline has one lane with every member.
    """
    if family:
        models, lane_ids, lane_of = catalog.models_of_family(family), [family], (lambda m: family)
        papers = list({p["id"]: p for m in models for p in (catalog.papers[i] for i in m["papers"])}.values())
    else:
        models, lane_ids, lane_of = list(catalog.models.values()), list(catalog.families), primary_family
        papers = list(catalog.papers.values())
    total = len(models)
    models = newest(models)
    model_dates = [year_fraction(m["date"]) for m in models]
    first = math.floor(min(model_dates, default=2017.5))
    # The axis spans the models and any later paper; papers older than every model are counted apart.
    later_papers = [year_fraction(p["date"]) for p in papers if int(p["date"][:4]) >= first]
    x_of, lo, hi = date_scale(model_dates + later_papers, LANE_LABEL, WIDTH - 110)
    top = 24
    lanes = _lanes(catalog, models, lane_ids, lane_of, x_of, top)
    bottom = lanes[-1].y + lanes[-1].height if lanes else top
    counts: dict[int, int] = {}
    for paper in papers:
        counts[int(paper["date"][:4])] = counts.get(int(paper["date"][:4]), 0) + 1
    bar_top, bar_height = bottom + 40, 50
    most = max(counts.values(), default=1)
    bars = [{"year": year, "count": count, "x": x_of(year) + 1, "width": x_of(year + 1) - x_of(year) - 2,
             "height": bar_height * count / most, "y": bar_top + bar_height * (1 - count / most)}
            for year, count in sorted(counts.items()) if lo <= year < hi]
    earlier = sum(count for year, count in counts.items() if year < lo)  # older papers than any model
    name = catalog.families[family]["name"] if family else "Transformer models"
    return Chart(
        id=chart_id("timeline", family),
        title=f"Timeline of {name}",
        description=(f"{plural(len(models), 'model')} placed by release date"
                     + ("" if family else f" in {plural(len(lanes), 'lane')}, one per family")
                     + f", {lo} to {hi - 1}, with the number of papers per year underneath."
                     + shown_of(len(models), total)),
        width=WIDTH, height=bar_top + bar_height + 22,
        ticks=[(x_of(year), str(year)) for year in year_ticks(lo, hi)],
        lanes=lanes, marks=[m for lane in lanes for m in lane.marks], bars=bars,
        extra={"top": top, "axis_y": bottom + 14, "bar_top": bar_top, "bar_height": bar_height,
               "papers": sum(counts.values()), "earlier": earlier, "first_year": lo},
    )


def by_year(items: list, date_key: str = "date") -> list[tuple[int, list]]:
    """The text alternative of a timeline: items grouped by year, oldest first."""
    years: dict[int, list] = {}
    for item in sorted(items, key=lambda i: (i[date_key], i.get("name", i.get("title", "")).casefold())):
        years.setdefault(int(item[date_key][:4]), []).append(item)
    return sorted(years.items())


@dataclass
class Edge:
    parent: Mark
    child: Mark
    relation: str
    note: str | None = None


TREND_CHART_ID = "architecture-trends"


def chart_id(kind: str, subject: str | None) -> str:
    """A chart's id (its anchor, and its file name under the kind's folder): the overview's, or a subject's."""
    if kind == "scaling":
        return subject
    return f"{kind}-{subject}" if subject else kind


def lineage_models(catalog: Catalog, model_id: str | None = None) -> list[dict]:
    """Models on a lineage chart: all that take part in an edge, or one model with its ancestors and descendants."""
    if model_id is None:
        ids = {m["id"] for m in catalog.models.values() if m["derived_from"]}
        ids |= {e["model"] for m in catalog.models.values() for e in m["derived_from"]}
        return [m for m in catalog.models.values() if m["id"] in ids]
    ancestors = _reachable(model_id, lambda i: [e["model"] for e in catalog.models[i]["derived_from"]])
    descendants = _reachable(model_id, lambda i: [child["id"] for child, _ in catalog.children(i)])
    related = ancestors | descendants
    return catalog.models_in_order(tuple(sorted(related))) if len(related) > 1 else []


def _reachable(start: str, neighbours) -> set[str]:
    """Every id reachable from `start` by repeatedly following `neighbours(id)`, start included."""
    seen, frontier = {start}, [start]
    while frontier:
        for following in neighbours(frontier.pop()):
            if following not in seen:
                seen.add(following)
                frontier.append(following)
    return seen


def lineage(catalog: Catalog, model_id: str | None = None) -> Chart:
    """derived_from edges laid out by date (x) and first family (y); each edge runs from parent to child."""
    every = lineage_models(catalog, model_id)
    models = newest(every, CHART_LIMIT if model_id is None else MODEL_LINEAGE_LIMIT)
    kept = {m["id"] for m in models}
    if model_id is not None and model_id not in kept:
        models = [m for m in every if m["id"] in kept or m["id"] == model_id]
    lane_ids = [f for f in catalog.families if any(primary_family(m) == f for m in models)]
    x_of, lo, hi = date_scale([year_fraction(m["date"]) for m in models], LANE_LABEL, WIDTH - 110)
    top = 44
    lanes = _lanes(catalog, models, lane_ids, primary_family, x_of, top)
    marks = {mark.id: mark for lane in lanes for mark in lane.marks}
    edges = [Edge(marks[edge["model"]], marks[m["id"]], edge["relation"], edge["note"])
             for m in models for edge in m["derived_from"] if edge["model"] in marks and m["id"] in marks]
    bottom = lanes[-1].y + lanes[-1].height if lanes else top
    subject = catalog.models[model_id]["name"] if model_id else "the Atlas"
    return Chart(
        id=chart_id("lineage", model_id),
        title=f"Lineage of {subject}",
        description=(f"{plural(len(edges), 'derivation')} between {plural(len(marks), 'model')}: each arrow runs from "
                     "a model to one made from it (fine-tune, distillation, continued pretraining or reused "
                     f"architecture), placed by date from {lo} to {hi - 1} and by family."
                     + shown_of(len(models), len(every))),
        width=WIDTH, height=bottom + 34,
        ticks=[(x_of(year), str(year)) for year in year_ticks(lo, hi)],
        lanes=lanes, marks=list(marks.values()), edges=edges,
        extra={"top": top, "axis_y": bottom + 6},
    )


COMPUTE_OPTIMAL_TOKENS_PER_PARAM = 20  # Hoffmann et al. 2022 (Chinchilla): about 20 training tokens per parameter


@dataclass
class Point:
    model_id: str
    variant_id: str
    name: str
    date: str
    params: int
    tokens: int | None
    x: float
    y: float
    colour: str
    rank: float  # the value labels are given out by, largest first (log parameters)
    label: Label | None = None
    label_y: float = 0


def log_ticks(lo: float, hi: float) -> list[float]:
    """Powers of ten covering [lo, hi] (values in log10)."""
    return list(range(math.floor(lo), math.ceil(hi) + 1))


def _boxes_overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def place_point_labels(points: list[Point], texts: dict, right_edge: float) -> None:
    """Label the chosen points where the label overlaps no label placed before; otherwise leave it unlabelled.

    Points are labelled largest-first so the best-known models get their labels; a point without one keeps its
    tooltip and its entry in the text version.
    """
    placed: list[tuple] = []
    for point in sorted((p for p in points if p.variant_id in texts), key=lambda p: -p.rank):
        text = texts[point.variant_id]
        width = text_width(text)
        for dx, dy, anchor in ((7, 4, "start"), (-7, 4, "end"), (7, -8, "start"), (7, 14, "start")):
            left = point.x + dx if anchor == "start" else point.x + dx - width
            box = (left - 2, point.y + dy - FONT, left + width + 2, point.y + dy + 3)
            if box[2] > right_edge or box[0] < 0:
                continue
            if not any(_boxes_overlap(box, other) for other in placed):
                placed.append(box)
                point.label = Label(text, point.x + dx, anchor)
                point.label_y = point.y + dy
                break


def scaling(catalog: Catalog, kind: str, models: list | None = None) -> Chart:
    """kind "params-by-date": parameters (log) against date. kind "tokens-by-params": training tokens against
    parameters (both log), with the line of 20 tokens per parameter."""
    models = list(catalog.models.values()) if models is None else models
    sized = [m for m in models if any(known_value(v["numbers"]["params"]) for v in m["variants"])]
    points, kept = 0, set()
    for model in sorted(sized, key=lambda m: m["date"], reverse=True):
        points += sum(1 for v in model["variants"] if known_value(v["numbers"]["params"]))
        if points > SCALING_POINT_LIMIT:
            break
        kept.add(model["id"])
    total = len(sized)
    models = [m for m in sized if m["id"] in kept]
    colours = family_colours(catalog)
    left, right, top, height = 70, WIDTH - 20, 20, 420
    raw = []
    for model in models:
        for variant in model["variants"]:
            params, tokens = (known_value(variant["numbers"][n]) for n in ("params", "training_tokens"))
            if params is None or (kind == "tokens-by-params" and tokens is None):
                continue
            raw.append((model, variant, params, tokens))
    if kind == "params-by-date":
        xs = [year_fraction(m["date"]) for m, *_ in raw]
        x_of, lo, hi = date_scale(xs, left, right)
        x_ticks = [(x_of(year), str(year)) for year in year_ticks(lo, hi)]
        ys = [math.log10(p) for *_, p, _ in raw]
    else:
        xs = [math.log10(p) for *_, p, _ in raw]
        ys = [math.log10(t) for *_, t in raw]
        x_lo, x_hi = (math.floor(min(xs)), math.ceil(max(xs))) if xs else (7, 12)
        x_of = Scale(x_lo, x_hi, left, right)
        x_ticks = [(x_of(v), human_power(v)) for v in log_ticks(x_lo, x_hi)]
    y_lo, y_hi = (math.floor(min(ys)), math.ceil(max(ys))) if ys else (7, 12)
    y_of = Scale(y_lo, y_hi, top + height, top)
    points = []
    for (model, variant, params, tokens), x, y in zip(raw, xs, ys):
        points.append(Point(model["id"], variant["id"], variant["name"], model["date"], params, tokens, x_of(x),
                            y_of(y), colours[primary_family(model)], rank=math.log10(params)))
    # Label each model once, at its largest variant.
    largest = {}
    for point in points:
        if point.model_id not in largest or point.rank > largest[point.model_id].rank:
            largest[point.model_id] = point
    place_point_labels(points, {p.variant_id: catalog.models[p.model_id]["name"] for p in largest.values()},
                       WIDTH - 2)
    extra = {"left": left, "right": right, "top": top, "bottom": top + height, "line": None,
             "y_ticks": [(y_of(v), human_power(v)) for v in log_ticks(y_lo, y_hi)],
             "legend": [(catalog.families[f]["name"], colours[f]) for f in catalog.families
                        if any(primary_family(m) == f for m, *_ in raw)]}
    if kind == "tokens-by-params":
        # The axes fit the data; the 20-tokens line is clipped to the frame rather than stretching an axis.
        ratio = math.log10(COMPUTE_OPTIMAL_TOKENS_PER_PARAM)
        start, end = max(x_of.lo, y_lo - ratio), min(x_of.hi, y_hi - ratio)
        line = [(x_of(v), y_of(v + ratio)) for v in (start, end)] if start < end else None
        extra["line"] = line
        title = "Training tokens against parameters"
        description = (f"{plural(len(points), 'model size')} with both numbers known, on logarithmic axes. The line "
                       f"marks {COMPUTE_OPTIMAL_TOKENS_PER_PARAM} tokens per parameter, the compute-optimal ratio "
                       "found for Chinchilla: points above it were trained on more data per parameter.")
        x_label, y_label = "Parameters (log scale)", "Training tokens (log scale)"
    else:
        title = "Parameters against release date"
        description = (f"{plural(len(points), 'model size')} with a known parameter count, by release date, on a "
                       "logarithmic scale from " + human_power(y_lo) + " to " + human_power(y_hi) + " parameters.")
        x_label, y_label = "Release date", "Parameters (log scale)"
    extra.update(x_label=x_label, y_label=y_label)
    legend_rows = math.ceil(len(extra["legend"]) / 4)
    description += shown_of(len(models), total).replace("newest of", "newest models of")
    return Chart(id=chart_id("scaling", kind), title=title, description=description, width=WIDTH,
                 height=top + height + 48 + 16 * legend_rows, ticks=x_ticks, marks=points, extra=extra)


def human_power(exponent: float) -> str:
    return {3: "1K", 4: "10K", 5: "100K", 6: "1M", 7: "10M", 8: "100M", 9: "1B", 10: "10B", 11: "100B", 12: "1T",
            13: "10T", 14: "100T", 15: "1000T"}.get(
        int(exponent), f"1e{int(exponent)}")


# The recipe over time (the architectures page): one line per trend, the share of each year's models using it.
TREND_MIN_MODELS = 3
TREND_COLOURS = ("#1e88e5", "#d81b60", "#43a047", "#f4511e", "#8e24aa", "#00897b")
TREND_MARKERS = ("circle", "square", "diamond", "triangle", "cross", "bar")


def trend_chart(rows: list[dict], trends) -> Chart:
    """Share (0-100 %) of each year's models that record a component and use the trend's value."""
    left, right, top, height = 48, WIDTH - 110, 16, 260
    years = [r["year"] for r in rows] or [2017]
    span = max(1, years[-1] - years[0])
    x_of = lambda year: left + (year - years[0]) / span * (right - left)  # noqa: E731
    y_of = lambda share: top + height * (1 - share)  # noqa: E731
    chart = Chart(TREND_CHART_ID, "The recipe over time",
                  "Share of each year's models in the Atlas, among those whose architecture is recorded, that use"
                  " each component", WIDTH, top + height + 40)
    chart.ticks = [(x_of(y), str(y)) for y in years]
    chart.extra["grid"] = [(y_of(p / 100), f"{p} %") for p in (0, 25, 50, 75, 100)]
    chart.extra["left"], chart.extra["right"], chart.extra["axis_y"] = left, right, top + height
    series = []
    for index, (key, label, _, _) in enumerate(trends):
        # A share of fewer than three models says little: such years are in the table, not on the line.
        points = [(x_of(r["year"]), y_of(r[key][0] / r[key][1]), r["year"], r[key]) for r in rows
                  if r[key][1] >= TREND_MIN_MODELS]
        if points:
            series.append({"key": key, "label": label, "colour": TREND_COLOURS[index % len(TREND_COLOURS)],
                           "marker": TREND_MARKERS[index % len(TREND_MARKERS)], "points": points,
                           "label_y": points[-1][1]})
    # End labels in the right margin, pushed apart so no two overlap (at least 14 px between baselines).
    previous = -math.inf
    for s in sorted(series, key=lambda s: s["label_y"]):
        s["label_y"] = previous = max(s["label_y"], previous + 14)
    chart.extra["series"] = series
    chart.height = max(chart.height, max((s["label_y"] for s in series), default=0) + 20)
    return chart
