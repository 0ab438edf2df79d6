"""Search, in Chromium: Material's search box answered from Pagefind's index (publish/search.py and the worker in
overrides/assets/javascripts/workers/). Every query of tests/search-queries.txt finds its page among the first
three results; a query downloads a small part of the index; results are text, never markup."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote

import pytest

from conftest import ROOT

pytestmark = pytest.mark.browser
WORKER = ROOT / "overrides" / "assets" / "javascripts" / "workers"
QUERIES = [tuple(part.strip() for part in line.split(" | ")) for line in
           (ROOT / "tests" / "search-queries.txt").read_text(encoding="utf-8").splitlines()
           if line.strip() and not line.startswith("#")]


def results_for(page, base: str, query: str) -> list[str]:
    """The result links Material shows for `query` (opened with ?q=, as a shared search link would)."""
    page.goto(base + "?q=" + quote(query))
    # Material puts the query's words in each result's ?h= (in an order of its own): they say the results are new.
    page.wait_for_function("(q) => { const a = document.querySelector('.md-search-result__item > a');"
                           " const meta = document.querySelector('.md-search-result__meta');"
                           " const words = (s) => s.toLowerCase().split(/\\s+/).filter(Boolean).sort().join(' ');"
                           " return (a && words(new URL(a.href).searchParams.get('h') || '') === words(q))"
                           " || (meta && /^No matching/.test(meta.textContent.trim())); }",
                           arg=query, timeout=15000)
    return page.eval_on_selector_all(".md-search-result__item > a", "links => links.map(a => a.href)")


def test_the_query_list_is_long_enough_and_names_real_pages(built_site):
    assert len(QUERIES) >= 40
    for _, path in QUERIES:
        assert (built_site / path / "index.html").is_file(), path


def test_the_worker_replaces_the_one_the_theme_starts():
    base = (Path(pytest.importorskip("material").__file__).parent / "templates" / "base.html").read_text("utf-8")
    named = re.search(r"assets/javascripts/workers/(search\.[0-9a-f]+\.min\.js)", base).group(1)
    assert [path.name for path in WORKER.iterdir()] == [named], "Material names another worker: rename ours"


def test_every_query_finds_its_page_in_the_first_three_results(page, site_url):
    missed = []
    for query, path in QUERIES:
        links = results_for(page, site_url, query)[:3]
        if not any(link.split("?")[0].split("#")[0] == site_url + path for link in links):
            missed.append((query, path, links))
    assert missed == []
    assert page.console_errors == []


def test_a_query_downloads_a_small_part_of_the_index(browser, site_url, built_site):
    context = browser.new_context()
    tab = context.new_page()
    sizes = {}
    tab.on("response", lambda response: "/pagefind/" in response.url and sizes.setdefault(response.url, len(response.body())))
    results_for(tab, site_url, "llama 2 70b")
    context.close()
    index = sum(path.stat().st_size for path in (built_site / "pagefind").rglob("*") if path.is_file())
    assert sum(sizes.values()) < 1_500_000 and sum(sizes.values()) < index / 2, (sum(sizes.values()), index)
    assert not (built_site / "search" / "search_index.json").read_text(encoding="utf-8").count('"location"')


def test_results_show_contributor_text_as_text(hostile_search_site, browser):
    from conftest import serve

    with serve(hostile_search_site) as base:
        context = browser.new_context()
        tab = context.new_page()
        dialogs = []
        tab.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        links = results_for(tab, base, "Hostile")
        assert any("/models/hostile-model/" in link for link in links)
        assert tab.locator(".md-search-result [data-hostile]").count() == 0
        assert "<script data-hostile>" in tab.locator(".md-search-result").inner_text()
        context.close()
    assert dialogs == []


@pytest.fixture(scope="module")
def hostile_search_site(tmp_path_factory):
    from conftest import copy_project, mkdocs_build

    project = copy_project(tmp_path_factory.mktemp("hostile-search"))
    model = (project / "data" / "models" / "gpt-2.yaml").read_text(encoding="utf-8")
    hostile = re.sub(r"^other_names: .*\n", "", model.replace(
        "name: GPT-2\n", 'name: "Hostile <script data-hostile>alert(1)</script><img src=x onerror=alert(2)'
        ' data-hostile>"\n', 1), count=1, flags=re.M)
    assert hostile != model
    (project / "data" / "models" / "hostile-model.yaml").write_text(hostile, encoding="utf-8")
    result = mkdocs_build(project, project / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"


@pytest.fixture(scope="module")
def split_index_site(built_site, tmp_path_factory):
    """The built site indexed in parts of at most 300 pages, as a site many times larger is (search.PAGES_PER_INDEX)."""
    import shutil

    from macros.publish import search

    site = tmp_path_factory.mktemp("split-index") / "site"
    shutil.copytree(built_site, site)
    search.index_site(site, pages_per_index=300)
    return site


def test_a_large_site_is_indexed_in_parts_that_one_query_searches_together(split_index_site, browser):
    import json

    from conftest import serve

    parts = sorted(path.name for path in split_index_site.glob("pagefind*") if path.is_dir())
    pages = sum(1 for path in split_index_site.rglob("*.html") if not path.relative_to(split_index_site).parts[0]
                .startswith("pagefind"))
    assert len(parts) == -(-pages // 300) >= 3
    listed = json.loads((split_index_site / "pagefind" / "atlas-bundles.json").read_text(encoding="utf-8"))
    assert listed == {"bundles": [f"pagefind-{n}/" for n in range(2, len(parts) + 1)]}
    with serve(split_index_site) as base:
        context = browser.new_context()
        tab = context.new_page()
        errors = []
        tab.on("console", lambda message: message.type == "error" and errors.append(message.text))
        missed = []
        for query, path in QUERIES:
            links = results_for(tab, base, query)[:3]
            if not any(link.split("?")[0].split("#")[0] == base + path for link in links):
                missed.append((query, path, links))
        context.close()
    assert missed == [] and errors == []
