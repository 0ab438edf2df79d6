"""Smoke tests in Debian's Chromium: the site as a reader meets it, with JavaScript on."""

from __future__ import annotations

import pytest

from conftest import assert_local_and_clean

pytestmark = pytest.mark.browser


def test_home_page_loads(page, site_url):
    page.goto(site_url)
    assert page.title() == "Transformer Atlas: Transformer models and their papers"
    assert page.locator("h1").first.inner_text().rstrip("¶").strip() == "Transformer Atlas"  # ¶: permalink
    assert_local_and_clean(page)


def test_search_for_roberta_lists_roberta(page, site_url):
    page.goto(site_url)
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.locator("input.md-search__input").press_sequentially("roberta", delay=30)  # keys, as a reader types them
    # Results for the first letters arrive first; Material marks each result link with the words it answers (?h=).
    page.wait_for_function("() => { const a = document.querySelector('.md-search-result__item > a');"
                           " return a && new URL(a.href).searchParams.get('h') === 'roberta'; }", timeout=30000)
    titles = page.locator(".md-search-result__article h1").all_inner_texts()
    assert "RoBERTa" in titles
    assert_local_and_clean(page)


def test_model_page_shows_its_variants_table(page, site_url):
    page.goto(site_url + "models/bert/")
    assert page.title() == "BERT · Model · Transformer Atlas"
    rows = page.locator("table.atlas-variants tbody tr")
    assert rows.count() >= 2
    base = page.locator("tr#bert-base")
    assert "110M" in base.inner_text()
    assert_local_and_clean(page)


def test_a_slide_link_to_a_table_row_highlights_it(page, site_url):
    page.goto(site_url + "models/gpt-3/#gpt-3-175b")
    row = page.locator("tr#gpt-3-175b")
    assert "175B" in row.inner_text() and "12,288" in row.inner_text()
    assert row.evaluate("el => el.matches(':target')")


def test_colour_scheme_toggle_switches_to_dark_and_back(page, site_url):
    page.goto(site_url + "models/")
    scheme = lambda: page.evaluate("document.body.getAttribute('data-md-color-scheme')")  # noqa: E731
    seen = {scheme()}
    for _ in range(3):
        page.locator("form[data-md-component=palette] label:visible").first.click()
        seen.add(scheme())
    assert {"default", "slate"} <= seen
    assert_local_and_clean(page)


def test_mobile_layout_keeps_wide_tables_inside_the_screen(browser, site_url):
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True)
    tab = context.new_page()
    tab.goto(site_url + "models/t5/")
    page_width = tab.evaluate("document.documentElement.scrollWidth")
    assert page_width <= 375, f"the page scrolls sideways: {page_width}px"
    assert tab.locator("table.atlas-variants").is_visible()
    context.close()


def test_keyboard_reaches_the_search_and_the_model_links(page, site_url):
    page.goto(site_url + "models/")
    page.keyboard.press("/")  # Material's search shortcut
    assert page.evaluate("document.activeElement.classList.contains('md-search__input')")
    page.keyboard.press("Escape")
    page.wait_for_selector("[data-atlas-explorer][data-loaded]")
    link = page.locator('table.atlas-compare-table td[data-col="model"] a').first
    name, href = link.inner_text(), link.get_attribute("href")
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/models/" + href.rstrip("/").rsplit("/", 1)[-1] + "/")
    assert page.title().startswith(name)
