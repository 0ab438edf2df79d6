"""Issue 14 on the site: the diagram's geometry (no browser), the explorer's facets and the compare diff (Chromium)."""

from __future__ import annotations

import re

import pytest

from conftest import assert_local_and_clean
from macros.render import charts, diagram, views


def _overlap(a, b) -> bool:
    return a.x < b.right and b.x < a.right and a.y < b.bottom and b.y < a.bottom


def _inside(inner, outer) -> bool:
    return outer.x <= inner.x and inner.right <= outer.right and outer.y <= inner.y and inner.bottom <= outer.bottom


def test_every_diagram_has_its_groups_no_overlaps_and_text_that_fits(real_catalog):
    drawn = 0
    for model in real_catalog.models.values():
        for variant in model["variants"]:
            d = diagram.diagram(model, variant, "x")
            frames = [b for b in d.boxes if b.kind == "frame"]
            blocks = [b for b in d.boxes if b.kind != "frame"]
            groups = variant["shape"].groups
            if groups and model["architecture"] != "encoder-decoder":
                assert len(frames) == len(groups), (model["id"], variant["id"])  # every group of the mix is drawn
                assert len(d.repeats) == len(groups)
            for i, a in enumerate(blocks):
                assert 0 <= a.x and a.right <= d.width and 0 <= a.y and a.bottom <= d.height, (model["id"], a)
                for line in a.lines:
                    assert charts.text_width(line) * diagram.FONT / 11 <= a.width - 12 + 1, (model["id"], line)
                for b in blocks[i + 1:]:
                    assert not _overlap(a, b), (model["id"], variant["id"], a.lines, b.lines)
            for f in frames:  # a group's frame holds its layers and overlaps no block outside it
                for b in blocks:
                    assert _inside(b, f) or not _overlap(b, f), (model["id"], b.lines)
            drawn += 1
    assert drawn == sum(len(m["variants"]) for m in real_catalog.models.values())


def test_a_five_to_one_local_global_stack_is_drawn_as_its_groups(real_catalog):
    model = real_catalog.models["gemma-3"]
    variant = next(v for v in model["variants"] if v["id"].endswith("27b"))
    d = diagram.diagram(model, variant, "x")
    assert [text for _, _, text in d.repeats] == ["× 10", "× 1"]
    assert "Sliding-window attention" in d.steps[1] and "Global attention" in d.steps[1]
    figures = views.architecture_figures(model)
    assert len(figures) == len(model["variants"])  # the sizes differ in shape: one diagram each
    assert figures[-1]["diagram"].description.startswith("GQA (16 KV heads), QK-norm · RoPE")


def test_the_macro_draws_one_variant_and_refuses_an_unknown_one(real_catalog):
    html = views.architecture(real_catalog, "", "deepseek-v3")
    assert "MLA (latent rank 512)" in html and "<svg" in html
    with pytest.raises(KeyError):
        views.architecture(real_catalog, "", "deepseek-v3", "no-such-variant")


def _rows(page, column):
    return page.eval_on_selector_all(f'.atlas-compare-table tbody td[data-col="{column}"]',
                                     "cells => cells.map(c => c.textContent.trim())")


@pytest.mark.browser
def test_the_explorer_filters_by_attention_kind_and_keeps_it_in_the_address(page, site_url):
    page.goto(site_url + "models/")
    page.wait_for_selector("[data-atlas-explorer][data-loaded]")
    page.select_option('select[name="attention"]', "mla")
    assert re.search(r"[?&]attention=mla", page.url)
    values = _rows(page, "attention")
    assert values and set(values) == {"MLA"}
    page.goto(page.url)  # the address restores the view
    page.wait_for_selector("[data-atlas-explorer][data-loaded]")
    assert page.locator('select[name="attention"]').input_value() == "mla" and set(_rows(page, "attention")) == {"MLA"}
    assert_local_and_clean(page)


@pytest.mark.browser
def test_the_hybrid_and_moe_facets_combine(page, site_url, real_catalog):
    from macros.publish.export import facets

    expected = {m["id"] for m in real_catalog.models.values() for v in m["variants"]
                if facets(v)["hybrid"] and not facets(v)["moe"]}
    page.goto(site_url + "models/?hybrid=yes&moe=no&per=model")
    page.wait_for_selector("[data-atlas-explorer][data-loaded]")
    models = set(page.eval_on_selector_all(".atlas-compare-table tbody tr", "rs => rs.map(r => r.dataset.model)"))
    assert expected and models == expected and "jamba" not in models


@pytest.mark.browser
def test_the_two_model_diff_lists_what_changed_block_by_block(page, site_url):
    page.goto(site_url + "compare/?m=llama-2:llama-2-70b,deepseek-v3&diff=1")
    page.locator("ul.atlas-diff").wait_for()
    changes = page.locator("ul.atlas-diff li").all_inner_texts()
    assert "Attention: GQA, 8 KV heads → MLA, latent rank 512" in changes
    rows = page.locator("table.atlas-compare tbody tr")
    assert rows.count() == page.locator("table.atlas-compare tbody tr.atlas-differs").count() > 0
    differing = rows.count()
    page.get_by_role("button", name="Show every row").click()
    assert "diff=1" not in page.url
    assert page.locator("table.atlas-compare tbody tr").count() > differing
    assert_local_and_clean(page)


@pytest.mark.browser
def test_a_part_its_makers_do_not_disclose_compares_as_undisclosed(page, site_url, real_catalog):
    assert "attention" in real_catalog.models["gpt-4"]["variants"][0]["shape"].undisclosed
    page.goto(site_url + "compare/?m=gpt-4,llama-2:llama-2-70b")
    row = page.locator("table.atlas-compare tbody tr", has=page.locator("th", has_text="Attention")).first
    row.wait_for()
    assert row.locator("td").all_inner_texts()[:2] == ["undisclosed", "GQA, 8 KV heads"]
    assert_local_and_clean(page)


@pytest.mark.browser
def test_the_picker_matches_names_whatever_the_case_and_spaces(page, site_url):
    page.goto(site_url + "compare/?m=bert")
    page.locator("table.atlas-compare").wait_for()
    for typed, key in (("llama 2 70b", "llama-2:llama-2-70b"), ("MISTRAL7B", "mistral-7b"), ("gpt3", "gpt-3")):
        page.locator("input[list]").fill(typed)
        page.keyboard.press("Enter")
        assert key in page.url.replace("%3A", ":").replace("%2C", ","), (typed, page.url)


def test_the_architectures_page_lists_models_from_their_structured_fields(real_catalog):
    sections = {s["name"]: s for s in views.architecture_sections(real_catalog)}
    gqa = next(c for c in sections["attention"]["choices"] if c["label"] == "GQA")
    assert "mistral-7b" in {m["id"] for m in gqa["models"]} and gqa["query"] == "attention=gqa"
    moe = next(c for c in sections["layers"]["choices"] if c["label"] == "Mixture of experts")
    assert {m["id"] for m in moe["models"]} == {m["id"] for m in real_catalog.models.values()
                                                if any(v["numbers"]["experts"] is not None for v in m["variants"])}


def test_the_recipe_over_time_counts_only_models_that_record_the_part(real_catalog):
    from macros.core import architecture as arch

    rows = arch.trends(real_catalog.models.values())
    assert [r["year"] for r in rows] == sorted(r["year"] for r in rows)
    for row in rows:
        for key, *_ in arch.TRENDS:
            used, counted = row[key]
            assert 0 <= used <= counted <= row["models"]
    by_year = {r["year"]: r for r in rows}
    assert by_year[2024]["rope"][0] > by_year[2019]["rope"][0]  # rotary positions spread after 2021


def test_a_concept_page_lists_the_models_whose_fields_use_it(real_catalog):
    # Nobody wrote qk-norm into these models' concept lists: their components say qk_norm: true
    users = {m["id"] for m in real_catalog.models_using_concept("qk-norm")}
    flagged = {m["id"] for m in real_catalog.models.values()
               if any(v["shape"].components.get("qk_norm") is True for v in m["variants"])}
    assert flagged and flagged <= users
