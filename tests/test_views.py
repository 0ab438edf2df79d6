"""The views of issue 4 in Chromium: the comparison table, the compare view and the charts."""

from __future__ import annotations

import re

import pytest

from conftest import assert_local_and_clean


pytestmark = pytest.mark.browser


def visible_row_ids(page) -> list[str]:
    return page.eval_on_selector_all(".atlas-compare-table tbody tr:not([hidden])", "rows => rows.map(r => r.id)")


def open_explorer(page, url):
    page.goto(url)
    page.wait_for_selector("[data-atlas-explorer][data-loaded]")


def show_every_row(page):
    while page.locator("[data-more]").is_visible():
        page.locator("[data-show-more]").click()


def test_without_javascript_every_size_is_on_a_static_page(browser, site_url, real_catalog):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "models/")
    assert page.locator("form.atlas-filters").is_hidden()  # controls that would do nothing stay hidden
    pages = page.locator("[data-static-pager] a").evaluate_all("links => links.map(a => a.href)")
    assert len(pages) >= 2
    seen = visible_row_ids(page)
    assert len(seen) == 100
    for address in pages:
        page.goto(address)
        assert page.title().startswith("Models, page ")
        seen += visible_row_ids(page)
    expected = {f"{m['id']}--{v['id']}" for m in real_catalog.models.values() for v in m["variants"]}
    assert len(seen) == len(set(seen)) and set(seen) == expected  # each size exactly once, none left out
    page.goto(site_url + "models/")
    assert page.locator('tr#gpt-3--gpt-3-175b td[data-col="params"]').count() <= 1
    context.close()


def test_the_explorer_reads_every_row_and_draws_them_a_page_at_a_time(page, site_url, real_catalog):
    open_explorer(page, site_url + "models/")
    total = sum(len(m["variants"]) for m in real_catalog.models.values())
    assert page.locator(".atlas-count").inner_text() == f"{total} of {total} sizes shown (the first 100 below)"
    assert len(visible_row_ids(page)) == 100 and page.locator("[data-static-pager]").is_hidden()
    show_every_row(page)
    assert len(set(visible_row_ids(page))) == total
    assert_local_and_clean(page)


def test_sorting_by_parameters_puts_gpt3_175b_above_bert_base(page, site_url):
    open_explorer(page, site_url + "models/")
    page.locator('th[data-col="params"] button').click()  # numeric columns sort largest first
    assert page.locator('th[data-col="params"]').get_attribute("aria-sort") == "descending"
    show_every_row(page)
    ids = visible_row_ids(page)
    assert ids.index("gpt-3--gpt-3-175b") < ids.index("bert--bert-base")
    sizes = [int(p) for p in page.eval_on_selector_all(".atlas-compare-table tbody tr", "rs => rs.map(r => r.dataset.params)") if p]
    assert sizes == sorted(sizes, reverse=True)
    assert "sort=params" in page.url and "dir=desc" in page.url
    # Unknown sizes go last in both directions.
    last = page.locator(".atlas-compare-table tbody tr:not([hidden])").last
    assert last.get_attribute("data-params") == ""
    page.locator('th[data-col="params"] button').click()
    assert page.locator('th[data-col="params"]').get_attribute("aria-sort") == "ascending"
    show_every_row(page)
    assert page.locator(".atlas-compare-table tbody tr:not([hidden])").last.get_attribute("data-params") == ""
    assert_local_and_clean(page)


def test_filtering_by_family_hides_every_decoder_and_the_url_restores_the_view(page, site_url):
    open_explorer(page, site_url + "models/")
    page.select_option('select[name="family"]', "bert-like")
    assert "family=bert-like" in page.url
    archs = page.eval_on_selector_all(".atlas-compare-table tbody tr:not([hidden])",
                                      "rs => rs.map(r => r.dataset.arch)")
    assert archs and "decoder" not in archs
    count = page.locator(".atlas-count").inner_text()
    assert re.fullmatch(r"\d+ of \d+ sizes shown", count)
    shared = page.url
    open_explorer(page, shared)  # a shared or reloaded address restores the view
    assert page.locator('select[name="family"]').input_value() == "bert-like"
    assert page.locator(".atlas-count").inner_text() == count
    assert_local_and_clean(page)


def test_typing_in_the_search_box_filters_by_name(page, site_url):
    open_explorer(page, site_url + "models/")
    page.locator('input[name="q"]').type("llama 2")
    page.wait_for_url(re.compile(r"[?&]q=llama"))  # the page's CSP forbids eval, so no wait_for_function
    ids = visible_row_ids(page)
    assert ids and all(i.startswith("llama-2") for i in ids)


def test_filters_combine_and_an_empty_result_says_so(page, site_url):
    open_explorer(page, site_url + "models/?arch=encoder&pmin=1000000000000")
    assert page.locator("[data-empty]").is_visible()
    assert page.locator(".atlas-count").inner_text().startswith("0 of")
    page.locator("[data-empty] [data-reset]").click()
    assert page.url.endswith("/models/")
    assert len(visible_row_ids(page)) == 100


def test_one_row_per_model_and_the_column_chooser(page, site_url):
    open_explorer(page, site_url + "models/?per=model&hide=layers")
    show_every_row(page)
    ids = visible_row_ids(page)
    assert len(ids) == len({i.split("--")[0] for i in ids})
    assert "gpt-3--gpt-3-175b" in ids  # the largest size stands for the model
    assert page.locator('th[data-col="layers"]').is_hidden() and page.locator('th[data-col="heads"]').is_visible()


def test_sorting_works_from_the_keyboard(page, site_url):
    open_explorer(page, site_url + "models/")
    page.locator('th[data-col="date"] button').focus()
    page.keyboard.press("Enter")
    assert page.locator('th[data-col="date"]').get_attribute("aria-sort") is not None


def test_compare_shows_both_models_and_marks_the_fields_that_differ(page, site_url):
    page.goto(site_url + "compare/?m=bert,gpt-3:gpt-3-175b")
    table = page.locator("table.atlas-compare")
    table.wait_for()
    headings = table.locator("thead th").all_inner_texts()
    assert any("BERT" in h for h in headings) and any("GPT-3" in h for h in headings)
    differs = table.locator("tr.atlas-differs th").all_inner_texts()
    assert any(h.startswith("Parameters") for h in differs) and any(h.startswith("Architecture") for h in differs)
    assert table.locator("tr", has_text="175B").count() >= 1
    assert_local_and_clean(page)


def test_the_compare_picker_adds_and_removes_models_with_the_keyboard(page, site_url):
    page.goto(site_url + "compare/?m=bert")
    page.locator("table.atlas-compare").wait_for()
    field = page.locator("input[list]")
    field.focus()
    page.keyboard.type("LLaMA")
    page.keyboard.press("Enter")
    assert re.search(r"[?&]m=bert,llama(&|$)", page.url)
    page.locator('button[aria-label="Remove BERT"]').focus()
    page.keyboard.press("Enter")
    assert re.search(r"[?&]m=llama(&|$)", page.url)
    assert page.locator("table.atlas-compare thead th").count() == 2


def test_the_projector_view_hides_the_chrome(page, site_url):
    page.goto(site_url + "compare/?m=bert,gpt-3&view=projector")
    page.locator("table.atlas-compare").wait_for()
    assert "atlas-projector" in page.locator("body").get_attribute("class")
    assert page.locator(".md-header").is_hidden() and page.locator("table.atlas-compare").is_visible()
    size = page.eval_on_selector("table.atlas-compare td", "td => parseFloat(getComputedStyle(td).fontSize)")
    assert size >= 18


def test_a_model_page_offers_compare_with(page, site_url):
    page.goto(site_url + "models/llama/")
    page.get_by_role("link", name="Compare with…").click()
    page.locator("table.atlas-compare").wait_for()
    assert page.url.endswith("/compare/?m=llama")


def test_a_timeline_mark_navigates_to_its_model(page, site_url):
    page.goto(site_url + "timeline/")
    page.locator('svg#timeline a[*|href$="models/bert/"]').click()
    page.wait_for_url(re.compile(r"/models/bert/$"))
    assert page.title() == "BERT · Model · Transformer Atlas"
    assert_local_and_clean(page)


def contrast(rgb1: str, rgb2: str) -> float:
    def luminance(rgb):
        values = [float(v) / 255 for v in re.findall(r"[\d.]+", rgb)[:3]]
        linear = [v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4 for v in values]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    lighter, darker = sorted((luminance(rgb1), luminance(rgb2)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path, chart", [("timeline/", "timeline"), ("lineage/", "lineage"),
                                         ("scaling/", "params-by-date")])
def test_chart_text_keeps_its_contrast(browser, site_url, scheme, path, chart):
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    page.goto(site_url + path)
    background = page.eval_on_selector("body", "b => getComputedStyle(b).backgroundColor")
    fills = page.eval_on_selector_all(f"svg#{chart} text", "ts => [...new Set(ts.map(t => getComputedStyle(t).fill))]")
    assert fills
    for fill in fills:
        assert contrast(fill, background) >= 4.5, (fill, background)
    context.close()


def test_charts_have_a_text_alternative_and_a_download(page, site_url):
    page.goto(site_url + "timeline/")
    svg = page.locator("svg#timeline")
    labelled = svg.get_attribute("aria-labelledby").split()
    assert page.locator(f"#{labelled[0]}").count() == 1 and page.locator(f"#{labelled[1]}").count() == 1
    assert page.locator("details.atlas-alt li").count() >= 5
    download = page.locator("figcaption a[download]").get_attribute("href")
    response = page.request.get(page.url + download if not download.startswith("http") else download)
    assert response.ok and response.text().lstrip().startswith("<svg")


def test_chart_links_take_keyboard_focus_and_open_with_enter(page, site_url):
    page.goto(site_url + "lineage/")
    link = page.locator('svg#lineage a[*|href$="models/alpaca/"]')
    link.focus()
    assert page.evaluate("document.activeElement.closest('svg') !== null")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/models/alpaca/$"))
