"""Accessibility in Debian's Chromium, for every type of page the site has (a redirect page included).

1. axe-core finds no WCAG 2.1 A or AA violation, in light mode and in dark mode (Material's palette follows the
   browser's `prefers-color-scheme`).
2. With JavaScript on, no request leaves 127.0.0.1 and nothing is logged as a console error.
3. With JavaScript off, every page is readable: its heading and text are there, charts are inline SVG with a
   text alternative, and tables are plain HTML with their rows.
4. The interactive controls are reached from the top of the page by the Tab key alone and work with Enter or Space.

Each gate has a negative check that feeds it a page known to be bad, so none of them can pass by being blind.
"""

from __future__ import annotations

import contextlib
import re
import shutil
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe

from conftest import ROOT, serve
from macros.core.catalog import load_catalog
from macros.publish.pages import redirect_files

pytestmark = pytest.mark.browser

SITE_URL = "https://transformer-atlas.github.io/transformer-atlas/"  # mkdocs.yml's default, used by test builds
CANONICAL_GPT3 = SITE_URL + "models/gpt-3/"
# The real data has no `aliases`, so the fixture gives model ctrl a former id and adds its redirect page.
OLD_ID, REDIRECT_TARGET = "old-ctrl", "models/ctrl/"

PAGES = {
    "home": "",
    "family": "families/bert-like/",
    "model": "models/gpt-3/",
    "paper": "papers/vaswani-2017-attention/",
    "concept": "concepts/self-attention/",
    "models-index-and-comparison-table": "models/",
    "papers-index": "papers/",
    "compare": "compare/?m=bert,gpt-3,llama",
    "timeline": "timeline/",
    "lineage": "lineage/",
    "scaling": "scaling/",
    "api": "api/",
    "download": "download/",
    "contribute": "contributing/",
    "redirect": f"models/{OLD_ID}/",
}
CHART_PAGES = {"timeline": ["timeline"], "lineage": ["lineage"], "scaling": ["params-by-date"]}
WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
        "resultTypes": ["violations"]}
DARK_BACKGROUND = "rgb(30, 33, 41)"  # Material's slate background, which the redirect page's own style copies


@pytest.fixture(scope="module")
def atlas(built_site, tmp_path_factory):
    """The real site, plus the redirect page the build writes for a former id (made by the build's own code)."""
    site = shutil.copytree(built_site, tmp_path_factory.mktemp("a11y") / "site")
    catalog, problems = load_catalog(ROOT)
    assert problems == []
    assert catalog.models["ctrl"]["aliases"] == []
    catalog.models["ctrl"]["aliases"] = [OLD_ID]
    files = redirect_files(catalog, SITE_URL)
    assert list(files) == [f"models/{OLD_ID}/index.html"]
    for rel, text in files.items():
        (site / rel).parent.mkdir(parents=True)
        (site / rel).write_text(text, encoding="utf-8")
    with serve(site) as url:
        yield url


@contextlib.contextmanager
def open_tab(browser, **context_options):
    """A page in a fresh browser context that records every request's host and every console error."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, **context_options)
    tab = context.new_page()
    tab.hosts, tab.console_errors = set(), []
    tab.on("request", lambda request: tab.hosts.add(urlsplit(request.url).hostname))
    tab.on("console", lambda message: message.type == "error" and tab.console_errors.append(message.text))
    tab.on("pageerror", lambda error: tab.console_errors.append(str(error)))
    try:
        yield tab
    finally:
        context.close()


def visit(tab, base: str, kind: str, js: bool = True) -> None:
    """Open a page type and wait until its script has drawn what it draws."""
    response = tab.goto(base + PAGES[kind])
    assert response.ok, f"{PAGES[kind]}: HTTP {response.status}"
    if js and kind == "compare":
        tab.locator("table.atlas-compare").wait_for()  # drawn by the page's script from the JSON export
    if js and kind == "models-index-and-comparison-table":
        tab.wait_for_selector("[data-atlas-explorer][data-loaded]")  # every row read from sizes.json


def hold_the_redirect(tab, base: str, js: bool) -> None:
    """Keep the redirect page on screen, as a reader sees it while the refresh has not happened yet or when the
    browser's automatic refresh is turned off (an accessibility setting).

    Without JavaScript, the refresh comes after the page has loaded: cancelling the onward request leaves the page
    complete. With JavaScript, the script in the head leaves during parsing, and cancelling that stops the parser
    before <body>; so the served page loses exactly its two redirect lines (meta refresh and location.replace)
    and nothing else."""
    if js:
        def without_redirect(route):
            response = route.fetch()
            html, lines = re.subn(r'<meta http-equiv="refresh"[^>]*>|<script>location\.replace\(.*?</script>', "",
                                  response.text())
            tab.redirect_lines_taken_out = lines  # checked by the test: an exception here would only time out
            route.fulfill(response=response, body=html)
        tab.route(base + PAGES["redirect"], without_redirect)
    tab.route(base + REDIRECT_TARGET, lambda route: route.abort("aborted"))


def axe_violations(tab) -> list[str]:
    """axe-core's WCAG 2.1 A/AA violations, one readable line per rule with its impact and target selectors."""
    found = []
    for violation in Axe().run(tab, options=WCAG).response["violations"]:
        targets = [" ".join(node["target"]) for node in violation["nodes"]]
        summary = violation["nodes"][0].get("failureSummary", "").replace("\n", " ")
        found.append(f"{violation['id']} ({violation['impact']}, {len(targets)} elements): {violation['help']}\n"
                     f"    targets: {'; '.join(targets[:12])}{' …' if len(targets) > 12 else ''}\n"
                     f"    first: {summary}")
    return found


def leaks(tab) -> list[str]:
    """Requests that left 127.0.0.1 and console errors, as readable lines."""
    return ([f"request to {host}" for host in sorted(map(str, tab.hosts - {"127.0.0.1"}))]
            + [f"console error: {text}" for text in tab.console_errors])


# 1 and 2: axe in both colour schemes, and nothing leaves the machine, on every page type.
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("kind", PAGES)
def test_axe_finds_no_violation_and_nothing_leaves_the_machine(browser, atlas, kind, scheme):
    with open_tab(browser, color_scheme=scheme) as tab:
        if kind == "redirect":  # a standalone page: its own style follows prefers-color-scheme
            hold_the_redirect(tab, atlas, js=True)
            visit(tab, atlas, kind)
            assert tab.redirect_lines_taken_out == 2, "the redirect page changed: update hold_the_redirect"
            background = tab.evaluate("getComputedStyle(document.body).backgroundColor")
            assert (background == DARK_BACKGROUND) == (scheme == "dark"), background
            violations = axe_violations(tab)
            assert tab.url == atlas + PAGES[kind]
            tab.unroute_all()
            tab.goto("about:blank")  # (from the page itself, adding a #fragment would not reload it)
            tab.goto(atlas + PAGES[kind] + "#ctrl")  # and, left alone, it takes the reader on, fragment kept
            tab.wait_for_url(atlas + REDIRECT_TARGET + "#ctrl")
            tab.locator("article h1").wait_for()
        else:
            visit(tab, atlas, kind)
            expected = {"light": "default", "dark": "slate"}[scheme]
            assert tab.evaluate("document.body.getAttribute('data-md-color-scheme')") == expected
            violations = axe_violations(tab)
        problems = leaks(tab)
    assert violations == [], f"{PAGES[kind]} in {scheme} mode:\n" + "\n".join(violations)
    assert problems == [], f"{PAGES[kind]} in {scheme} mode:\n" + "\n".join(problems)


def test_axe_catches_links_told_apart_by_colour_alone(browser, atlas):
    """The gate can fail: without the underline atlas.css adds, axe reports Material's text links (WCAG 1.4.1)."""
    with open_tab(browser, color_scheme="light") as tab:
        visit(tab, atlas, "timeline")
        tab.add_style_tag(content=".md-typeset a { text-decoration: none !important; }")
        violations = axe_violations(tab)
    assert [v for v in violations if v.startswith("link-in-text-block (serious")], violations


def test_leaks_catches_a_third_party_request_and_a_console_error(browser):
    """The gate can fail. The request is cancelled inside the browser, so nothing is actually sent."""
    with open_tab(browser) as tab:
        tab.route(re.compile(r"^https?://(?!127\.0\.0\.1[:/])"), lambda route: route.abort())
        tab.set_content('<img alt="" src="https://cdn.example.org/x.png"><script>console.error("boom")</script>')
        tab.wait_for_load_state("load")
        problems = leaks(tab)
    assert "request to cdn.example.org" in problems and "console error: boom" in problems


# 3: without JavaScript.
READABLE = """() => {
  const problems = [];
  const main = document.querySelector("article") || document.querySelector("main");
  const h1 = main && main.querySelector("h1");
  if (!h1 || !h1.textContent.trim()) problems.push("no h1 in the main content");
  const text = main ? [...main.querySelectorAll("p, li, td")].map(e => e.textContent).join(" ").trim() : "";
  if (text.length < 60) problems.push(`hardly any body text (${text.length} characters)`);
  for (const svg of document.querySelectorAll("svg.atlas-chart")) {
    const names = (svg.getAttribute("aria-labelledby") || "").split(/\\s+/).filter(Boolean);
    const labels = names.map(id => document.getElementById(id)).filter(e => e && svg.contains(e));
    if (names.length < 2 || labels.length !== names.length || labels.some(e => !e.textContent.trim()))
      problems.push(`chart ${svg.id}: no title and description inside the SVG`);
    const figure = svg.closest("figure");
    const alt = figure && figure.nextElementSibling;
    if (!alt || !alt.matches("details.atlas-alt") || !alt.querySelector("li"))
      problems.push(`chart ${svg.id}: no text version after its figure`);
  }
  for (const table of main ? main.querySelectorAll("table") : []) {
    if (!table.querySelector("tbody tr td, tbody tr th") || !table.querySelector("th"))
      problems.push(`table ${table.className || "(no class)"}: no header or no rows`);
  }
  return {problems, charts: [...document.querySelectorAll("svg.atlas-chart")].map(s => s.id),
          rows: [...(main ? main.querySelectorAll("table") : [])].map(t => t.querySelectorAll("tbody tr").length)};
}"""


@pytest.fixture(scope="module")
def no_js(browser):
    context = browser.new_context(java_script_enabled=False)
    yield context
    context.close()


@pytest.mark.parametrize("kind", PAGES)
def test_without_javascript_every_page_is_readable(no_js, atlas, kind):
    tab = no_js.new_page()
    try:
        if kind == "redirect":
            hold_the_redirect(tab, atlas, js=False)
        visit(tab, atlas, kind, js=False)
        assert tab.evaluate("() => 1 + 1") == 2  # Playwright's own evaluation still works; the page's scripts do not
        report = tab.evaluate(READABLE)
        if kind == "models-index-and-comparison-table":
            # The first page of the static table, and links to the pages that hold the rest (test_views.py
            # follows them and finds every size exactly once).
            assert report["rows"][0] == 100
            assert tab.locator("[data-static-pager] a").count() >= 2
        if kind == "compare":  # the one view that needs a script says so and points to the static table
            assert "needs JavaScript" in tab.locator(".atlas-count").inner_text()
            assert tab.locator('.atlas-count a[href="../models/"]').count() == 1
        if kind == "redirect":  # the refresh was cancelled: the page itself names the new address
            assert tab.locator(f'main a[href="../../{REDIRECT_TARGET}"]').inner_text() == "CTRL"
    finally:
        tab.close()
    assert report["problems"] == [], f"{PAGES[kind]} without JavaScript: {report['problems']}"
    for chart in CHART_PAGES.get(kind, []):
        assert chart in report["charts"], f"{PAGES[kind]}: chart {chart} is not inline"


def test_the_readability_check_catches_a_chart_without_text_and_a_missing_heading(no_js, atlas):
    """The gate can fail: take the text version and the SVG title away from the real timeline, and the h1."""
    tab = no_js.new_page()
    try:
        visit(tab, atlas, "timeline", js=False)
        assert tab.evaluate(READABLE)["problems"] == []
        tab.evaluate("""() => { document.querySelector("details.atlas-alt").remove();
                                document.querySelector("svg#timeline title").remove();
                                document.querySelector("article h1").remove(); }""")
        problems = tab.evaluate(READABLE)["problems"]
    finally:
        tab.close()
    assert problems == ["no h1 in the main content", "chart timeline: no title and description inside the SVG",
                        "chart timeline: no text version after its figure"]


# 4: the keyboard alone, from the top of the page.
TAB_LIMIT = 400


def tab_to(tab, selector: str, limit: int = TAB_LIMIT) -> int:
    """Press Tab until the focused element matches `selector`; returns the number of presses."""
    trail = []
    for presses in range(1, limit + 1):
        tab.keyboard.press("Tab")
        hit, name = tab.evaluate("""s => { const a = document.activeElement;
            return [a.matches(s), `${a.tagName.toLowerCase()} ${(a.getAttribute("aria-label") || a.textContent
                    || a.getAttribute("placeholder") || "").trim().slice(0, 30)}`]; }""", selector)
        if hit:
            assert tab.locator(selector).and_(tab.locator(":focus")).is_visible()  # focus is where one can see it
            return presses
        trail.append(name)
    raise AssertionError(f"{selector} not reached in {limit} Tabs; the last ones: {trail[-8:]}")


def from_the_top(tab) -> None:
    assert tab.evaluate("document.activeElement === document.body"), "focus should start at the top of the page"


def test_tab_to_fails_for_a_control_that_is_not_in_the_tab_order(browser):
    """The gate can fail: a hidden button is never reached, however often Tab is pressed."""
    with open_tab(browser) as tab:
        tab.set_content('<a href="#a">one</a> <button hidden>Copy</button> <a href="#b">two</a>')
        with pytest.raises(AssertionError, match="not reached in 20 Tabs"):
            tab_to(tab, "button", limit=20)
        tab.evaluate("document.activeElement.blur()")
        assert tab_to(tab, 'a[href="#b"]', limit=20) >= 1


def test_keyboard_sorts_the_models_table_from_its_header(browser, atlas):
    with open_tab(browser) as tab:
        visit(tab, atlas, "models-index-and-comparison-table")
        from_the_top(tab)
        header = tab.locator('th[data-col="params"]')
        assert header.get_attribute("aria-sort") is None
        tab_to(tab, 'th[data-col="params"] button')
        tab.keyboard.press("Enter")
        assert header.get_attribute("aria-sort") == "descending"
        tab.wait_for_url(re.compile(r"[?&]sort=params"))
        tab.keyboard.press("Space")
        assert header.get_attribute("aria-sort") == "ascending"
        assert leaks(tab) == []


def test_keyboard_adds_and_removes_models_in_compare(browser, atlas):
    with open_tab(browser) as tab:
        tab.goto(atlas + "compare/?m=bert,gpt-3")
        tab.locator("table.atlas-compare").wait_for()
        from_the_top(tab)
        tab_to(tab, "input[list]")
        tab.keyboard.type("LLaMA")
        tab.keyboard.press("Enter")
        tab.wait_for_url(re.compile(r"[?&]m=bert,gpt-3,llama(&|$)"))  # the address keeps the choice
        assert tab.locator("table.atlas-compare thead th").count() == 4  # the field names and three models
        tab_to(tab, 'button[aria-label="Remove BERT"]')  # onwards from the picker, still by Tab alone
        tab.keyboard.press("Space")
        tab.wait_for_url(re.compile(r"[?&]m=gpt-3,llama(&|$)"))
        assert tab.locator("table.atlas-compare thead th").count() == 3
        assert tab.evaluate("document.activeElement.matches('input[list]')")  # focus is not lost with the button
        assert leaks(tab) == []


def test_keyboard_copies_the_link_from_the_share_box(browser, atlas):
    with open_tab(browser, permissions=["clipboard-read", "clipboard-write"]) as tab:
        visit(tab, atlas, "model")
        from_the_top(tab)
        tab_to(tab, "button[data-copy=share-link]")
        tab.keyboard.press("Space")
        tab.locator(".atlas-copy__status", has_text="Copied the link").wait_for()
        assert tab.evaluate("navigator.clipboard.readText()") == CANONICAL_GPT3
        assert leaks(tab) == []


def test_keyboard_follows_a_link_inside_the_lineage_chart(browser, atlas):
    with open_tab(browser) as tab:
        visit(tab, atlas, "lineage")
        from_the_top(tab)
        tab_to(tab, "svg#lineage a")
        target = tab.evaluate("""() => { const a = document.activeElement;
            return new URL(a.href.baseVal || a.getAttribute("href"), location.href).href; }""")
        assert re.search(r"/models/[a-z0-9-]+/$", target), target
        tab.keyboard.press("Enter")
        tab.wait_for_url(target)
        assert tab.locator("article h1").count() == 1
        assert leaks(tab) == []
