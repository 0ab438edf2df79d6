"""Share and cite, print and projector, in Chromium: what a lecturer does with a page before a class."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
import segno

from conftest import assert_local_and_clean


pytestmark = pytest.mark.browser

CANONICAL = "https://transformer-atlas.github.io/transformer-atlas/models/gpt-3/"  # mkdocs.yml's default site_url


@pytest.fixture
def clipboard_page(browser):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    tab = context.new_page()
    tab.hosts, tab.console_errors = set(), []
    tab.on("request", lambda request: tab.hosts.add(urlsplit(request.url).hostname))
    tab.on("console", lambda message: message.type == "error" and tab.console_errors.append(message.text))
    yield tab
    context.close()


def test_copy_buttons_put_the_link_and_the_bibtex_on_the_clipboard(clipboard_page, site_url):
    page = clipboard_page
    page.goto(site_url + "models/gpt-3/")
    assert page.locator("#share-link").input_value() == CANONICAL
    page.locator("button[data-copy=share-link]").click()
    assert page.evaluate("navigator.clipboard.readText()") == CANONICAL
    assert page.locator(".atlas-copy__status").inner_text() == "Copied the link to the clipboard."
    # By keyboard: focus the BibTeX button and press Enter.
    page.locator("button[data-copy=share-bibtex]").focus()
    page.keyboard.press("Enter")
    page.locator(".atlas-copy__status", has_text="Copied the BibTeX").wait_for()
    bibtex = page.evaluate("navigator.clipboard.readText()")
    assert bibtex.startswith("@misc{brown-2020-gpt3,") and f"url = {{{CANONICAL}}}" in bibtex
    assert_local_and_clean(page)


def test_without_javascript_the_share_box_is_still_usable(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "papers/vaswani-2017-attention/")
    assert page.locator("#share-link").input_value().endswith("/papers/vaswani-2017-attention/")
    assert page.locator("button[data-copy]").first.is_hidden()  # buttons that would do nothing stay hidden
    assert "@misc{vaswani-2017-attention," in page.locator("#share-bibtex").inner_text()
    context.close()


def test_the_qr_code_encodes_the_canonical_address(page, site_url):
    page.goto(site_url + "models/gpt-3/")
    drawn = page.locator(".atlas-share__qr svg path[stroke]").get_attribute("d")
    expected = segno.make(CANONICAL, error="m").svg_inline(omitsize=True)
    assert f'd="{drawn}"' in expected  # the same modules as a fresh code of the canonical address
    assert page.locator(".atlas-share__qr svg").get_attribute("role") == "img"
    assert page.locator(".atlas-share__qr svg title").text_content() == f"QR code of {CANONICAL}"


def _overflowing_tables(page) -> list[str]:
    return page.eval_on_selector_all(
        ".md-content table", "tables => tables.filter(t => t.getBoundingClientRect().right >"
                             " document.querySelector('.md-content').getBoundingClientRect().right + 1)"
                             ".map(t => t.className)")


# An A4 page is about 720 CSS pixels wide between margins, 1050 in landscape (the table of every size prints so).
@pytest.mark.parametrize("path, width", [("models/gpt-3/", 720), ("papers/tunstall-2023-zephyr/", 720),
                                         ("compare/?m=bert,gpt-3,llama", 720), ("models/", 1050)])
def test_printing_drops_the_navigation_and_fits_tables_to_the_page(browser, site_url, path, width):
    context = browser.new_context(viewport={"width": width, "height": 1000})
    page = context.new_page()
    page.goto(site_url + path)
    page.emulate_media(media="print")
    for chrome in (".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer"):
        assert page.locator(chrome).first.is_hidden(), chrome
    assert page.locator("button.atlas-copy__button, form.atlas-filters").first.is_hidden()
    page.locator(".md-content table").first.wait_for()
    assert _overflowing_tables(page) == []
    page.emulate_media(media="screen")
    assert page.locator(".md-header").is_visible()  # only print drops it
    context.close()


def test_projector_view_on_any_page_hides_chrome_and_enlarges_type(page, site_url):
    page.goto(site_url + "models/gpt-3/")
    normal = page.eval_on_selector(".md-typeset", "e => parseFloat(getComputedStyle(e).fontSize)")
    page.locator(".atlas-share a", has_text="projector view").click()
    page.wait_for_url(re.compile(r"\?view=projector$"))
    assert page.locator(".md-header").is_hidden() and page.locator(".md-sidebar--primary").is_hidden()
    large = page.eval_on_selector(".md-typeset", "e => parseFloat(getComputedStyle(e).fontSize)")
    assert large >= 20 and large > normal
    table_text = page.eval_on_selector("table.atlas-variants td", "e => parseFloat(getComputedStyle(e).fontSize)")
    assert table_text >= 18
    page.locator("a.atlas-projector-exit").click()
    page.wait_for_url(site_url + "models/gpt-3/")
    assert page.locator(".md-header").is_visible()
    assert_local_and_clean(page)
