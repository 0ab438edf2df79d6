"""Issue 16 in Chromium: each page kind at a phone width, a laptop, a projector and in dark mode, checked as
geometry. Screenshots go to the test's temporary folder (ATLAS_SCREENSHOTS=folder keeps them elsewhere)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

PAGES = {
    "home": "", "model": "models/deepseek-v3/", "family": "families/bert-like/",
    "paper": "papers/vaswani-2017-attention/", "concept": "concepts/grouped-query-attention/", "models": "models/",
    "compare": "compare/?m=bert,gpt-3,llama-2,deepseek-v3", "timeline": "timeline/", "lineage": "lineage/",
    "scaling": "scaling/", "architectures": "architectures/",
}
CHARTS = ("timeline/", "lineage/", "scaling/", "architectures/")

OVERLAPS = """(selector) => {
  const boxes = [];
  for (const svg of document.querySelectorAll(selector)) {
    for (const t of svg.querySelectorAll('text')) {
      if (!t.textContent.trim()) continue;
      const r = t.getBoundingClientRect();
      if (r.width && r.height) boxes.push([t.textContent.trim(), r.left, r.top, r.right, r.bottom]);
    }
  }
  const hits = [];
  for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
    const a = boxes[i], b = boxes[j];
    // a pixel of tolerance: glyph boxes include side bearings
    if (a[1] < b[3] - 1 && b[1] < a[3] - 1 && a[2] < b[4] - 1 && b[2] < a[4] - 1) hits.push(a[0] + ' / ' + b[0]);
  }
  return hits;
}"""


def _shots(tmp_path) -> Path:
    folder = Path(os.environ.get("ATLAS_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _open(browser, url, width, height, dark=False):
    context = browser.new_context(viewport={"width": width, "height": height},
                                  color_scheme="dark" if dark else "light")
    page = context.new_page()
    page.goto(url)
    if "models/" == url[-7:]:
        page.wait_for_selector("[data-atlas-explorer][data-loaded]")
    if "compare/" in url:
        page.wait_for_selector("table.atlas-compare")
    return context, page


@pytest.mark.parametrize("kind", sorted(PAGES))
def test_no_page_is_wider_than_a_360_px_phone(browser, site_url, kind, tmp_path):
    context, page = _open(browser, site_url + PAGES[kind], 360, 780)
    overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    page.screenshot(path=str(_shots(tmp_path) / f"{kind}-phone.png"))
    context.close()
    assert overflow <= 0, f"{kind}: the page body is {overflow} px wider than the screen"


@pytest.mark.parametrize("path", CHARTS)
def test_no_text_of_an_overview_chart_overlaps_another(browser, site_url, path):
    context, page = _open(browser, site_url + path, 1366, 900)
    hits = page.evaluate(OVERLAPS, "svg.atlas-chart")
    context.close()
    assert hits == []


def test_the_model_card_is_above_the_fold(browser, site_url, tmp_path):
    for dark in (False, True):
        context, page = _open(browser, site_url + "models/deepseek-v3/", 1366, 900, dark)
        box = page.locator(".atlas-modelcard").bounding_box()
        page.screenshot(path=str(_shots(tmp_path) / f"model-{'dark' if dark else 'light'}.png"))
        context.close()
        assert box and box["y"] >= 0 and box["y"] + box["height"] <= 900


def test_the_projector_view_fits_four_models_on_one_1280_by_720_screen(browser, site_url, tmp_path):
    context, page = _open(browser, site_url + "compare/?m=llama-2:llama-2-70b,deepseek-v3,gemma-3,mistral-7b"
                                                        "&view=projector", 1280, 720)
    box = page.locator("table.atlas-compare").bounding_box()
    page.screenshot(path=str(_shots(tmp_path) / "compare-projector.png"))
    assert page.locator(".atlas-compare-view .atlas-filters label").first.is_hidden()
    assert page.locator("[data-projector]").is_visible()  # a way back
    context.close()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 1280 and box["y"] + box["height"] <= 720


def test_the_explorer_filters_fold_on_a_phone_and_open_on_a_laptop(browser, site_url):
    for width, expect_open in ((390, False), (1366, True)):
        context, page = _open(browser, site_url + "models/", width, 844)
        search = page.locator(".atlas-filters input[name=q]")
        page.wait_for_selector("[data-atlas-explorer][data-loaded]")
        is_open = search.is_visible()
        first_row = page.locator(".atlas-compare-table tbody tr").first.bounding_box()
        summary = page.locator("[data-filterbox] > summary")
        expanded = summary.get_attribute("aria-expanded")
        summary.click()  # a tap unfolds them on a phone, and folds them on a laptop
        toggled = search.is_visible()
        context.close()
        assert is_open is expect_open and toggled is not expect_open
        assert expanded == (None if expect_open else "false")  # a laptop's box announces its own state
        if width == 390:
            assert first_row["y"] < 844  # the table starts on the first screen
