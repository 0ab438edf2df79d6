"""Chart layout (pure geometry) on the real catalog, and the SVG it becomes."""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET

import pytest

from conftest import entry_ids

from macros.core.numbers import known_value
from macros.publish import pages
from macros.render import charts, views as render

SVG = "{http://www.w3.org/2000/svg}"


def overlapping(extents: list[tuple[float, float]]) -> list:
    ordered = sorted(extents)
    return [(a, b) for a, b in zip(ordered, ordered[1:]) if b[0] < a[1]]


def test_pack_rows_separates_overlapping_labels_and_reuses_free_rows():
    items = [(0, 50), (20, 60), (70, 90), (100, 120)]
    rows = charts.pack_rows(items, lambda item: item)
    assert rows == [0, 1, 0, 0]


@pytest.mark.parametrize("family", [None, *entry_ids("families")])
def test_timeline_marks_are_ordered_by_date_and_labels_never_overlap_in_a_lane(real_catalog, family):
    chart = charts.timeline(real_catalog, family)
    for lane in chart.lanes:
        dates = [charts.year_fraction(m.date) for m in lane.marks]
        assert dates == sorted(dates)
        xs = [m.x for m in lane.marks]
        assert xs == sorted(xs)
        for row in {m.row for m in lane.marks}:
            extents = [charts._mark_extent(m) for m in lane.marks if m.row == row]
            assert overlapping(extents) == [], (lane.id, row)
        for mark in lane.marks:
            assert lane.y <= mark.y <= lane.y + lane.height
            left, right = mark.label.extent
            assert 0 <= left and right <= chart.width, mark.id


def test_every_dated_model_appears_once_on_the_timeline(real_catalog):
    chart = charts.timeline(real_catalog)
    ids = [m.id for m in chart.marks]
    assert sorted(ids) == sorted(real_catalog.models)


def test_a_family_timeline_shows_every_member(real_catalog):
    for family_id in real_catalog.families:
        chart = charts.timeline(real_catalog, family_id)
        assert {m.id for m in chart.marks} == {m["id"] for m in real_catalog.models_of_family(family_id)}


def test_papers_per_year_add_up(real_catalog):
    chart = charts.timeline(real_catalog)
    assert sum(b["count"] for b in chart.bars) + chart.extra["earlier"] == len(real_catalog.papers)


def test_lineage_edges_point_from_ancestor_to_descendant(real_catalog):
    chart = charts.lineage(real_catalog)
    drawn = {(e.parent.id, e.child.id, e.relation) for e in chart.edges}
    recorded = {(edge["model"], m["id"], edge["relation"]) for m in real_catalog.models.values()
                for edge in m["derived_from"]}
    assert drawn == recorded
    for edge in chart.edges:
        assert charts.year_fraction(edge.parent.date) <= charts.year_fraction(edge.child.date) + 1, edge


def test_a_model_lineage_holds_its_ancestors_and_descendants(real_catalog):
    ids = {m["id"] for m in charts.lineage_models(real_catalog, "llama")}
    assert {"llama", "alpaca", "vicuna"} <= ids
    assert "bert" not in ids  # unrelated models stay out
    zephyr = {m["id"] for m in charts.lineage_models(real_catalog, "zephyr")}
    assert "mistral-7b" in zephyr


@pytest.mark.parametrize("kind", ["params-by-date", "tokens-by-params"])
def test_scaling_points_are_the_known_sizes_and_labels_do_not_collide(real_catalog, kind):
    chart = charts.scaling(real_catalog, kind)
    expected = sum(1 for m in real_catalog.models.values() for v in m["variants"]
                   if known_value(v["numbers"]["params"])
                   and (kind == "params-by-date" or known_value(v["numbers"]["training_tokens"])))
    # Every known size while the catalog is below the chart's budget (the shipped one is); never more than it.
    assert len(chart.marks) == min(expected, charts.SCALING_POINT_LIMIT) and expected > 10
    assert expected <= charts.SCALING_POINT_LIMIT, "the shipped catalog outgrew the scaling chart: raise the limit"
    boxes = []
    for point in chart.marks:
        if point.label:
            left, right = point.label.extent
            boxes.append((left, point.label_y - charts.FONT, right, point.label_y))
    assert len(boxes) >= 10
    for i, a in enumerate(boxes):
        assert not any(charts._boxes_overlap(a, b) for b in boxes[i + 1:]), a


def test_the_compute_optimal_line_has_twenty_tokens_per_parameter(real_catalog):
    chart = charts.scaling(real_catalog, "tokens-by-params")
    (x1, y1), (x2, y2) = chart.extra["line"]
    # In pixels the line's slope is -1 decade per decade when both axes use the same pixels per decade.
    gpt3 = next(p for p in chart.marks if p.variant_id == "gpt-3-175b")
    params, tokens = 175e9, 300e9
    assert tokens / params < charts.COMPUTE_OPTIMAL_TOKENS_PER_PARAM  # GPT-3 sits below the line...
    line_y_at_gpt3 = y1 + (gpt3.x - x1) * (y2 - y1) / (x2 - x1)
    assert gpt3.y > line_y_at_gpt3  # ...which in SVG (y grows downward) means a larger y


def test_standalone_chart_files_are_valid_svg_with_title_desc_and_absolute_links(real_catalog):
    files = pages.chart_files(real_catalog, "https://atlas.example/")
    assert {"timeline/timeline.svg", "lineage/lineage.svg", "scaling/params-by-date.svg",
            "scaling/tokens-by-params.svg"} <= set(files)
    for path in ("timeline/timeline.svg", "lineage/lineage.svg", "scaling/tokens-by-params.svg"):
        root = ET.fromstring(files[path])
        assert root.tag == f"{SVG}svg"
        assert root.find(f"{SVG}title").text and root.find(f"{SVG}desc").text
        hrefs = [a.get("{http://www.w3.org/1999/xlink}href") for a in root.iter(f"{SVG}a")]
        assert hrefs and all(h.startswith("https://atlas.example/models/") for h in hrefs)


def test_derived_figures_use_active_parameters_for_mixture_of_experts():
    numbers = {name: None for name in ("params", "active_params", "training_tokens")}
    from macros.core.numbers import Number, derived_figures

    numbers.update(params=Number(100), active_params=Number(25), training_tokens=Number(2000))
    assert derived_figures(numbers) == {"tokens_per_param": 20.0, "train_flops": 6 * 25 * 2000}
    numbers["training_tokens"] = Number(None)
    assert derived_figures(numbers) == {"tokens_per_param": None, "train_flops": None}


def test_flops_are_written_in_scientific_notation():
    assert render.flops(3.14e23) == "3.1 × 10²³"
    assert math.isclose(float(render.flops(6e20).split(" ")[0]), 6.0)


def _lab(colour: str) -> tuple:
    r, g, b = (int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5))
    r, g, b = ((c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4) for c in (r, g, b))
    x = (r * 0.4124 + g * 0.3576 + b * 0.1805) / 0.95047
    y = r * 0.2126 + g * 0.7152 + b * 0.0722
    z = (r * 0.0193 + g * 0.1192 + b * 0.9505) / 1.08883
    f = (lambda v: v ** (1 / 3) if v > 0.008856 else 7.787 * v + 16 / 116)
    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def test_no_two_families_share_a_colour_or_look_alike(real_catalog):
    import itertools
    import math

    from macros.render import charts

    colours = charts.family_colours(real_catalog)
    assert len(set(colours.values())) == len(real_catalog.families)  # the palette covers every family
    closest = min(math.dist(_lab(a), _lab(b)) for a, b in itertools.combinations(charts.PALETTE, 2))
    assert closest >= 20  # CIELAB ΔE76: clearly different hues, not shades of one


def test_relations_differ_in_colour_as_well_as_dash():
    from macros.core.registry import RELATIONS

    assert len({r.colour for r in RELATIONS.values()}) == len({r.dash for r in RELATIONS.values()}) == len(RELATIONS)


def test_a_scaling_chart_over_its_budget_draws_the_newest_models_and_says_so(real_catalog, monkeypatch):
    monkeypatch.setattr(charts, "SCALING_POINT_LIMIT", 100)
    chart = charts.scaling(real_catalog, "params-by-date")
    assert 0 < len(chart.marks) <= 100
    drawn = {p.model_id for p in chart.marks}
    oldest_drawn = min(real_catalog.models[m]["date"] for m in drawn)
    undrawn_sized = [m for m in real_catalog.models.values() if m["id"] not in drawn and
                     any(known_value(v["numbers"]["params"]) for v in m["variants"])]
    assert all(m["date"] <= oldest_drawn for m in undrawn_sized)  # what is left out is older
    assert "newest models of" in chart.description
