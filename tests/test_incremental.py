"""Rebuilding only what an edit changes (publish/incremental.py): a page is reused exactly when nothing it read from
the catalog has changed."""

from __future__ import annotations

from conftest import edit
from macros.publish.incremental import ObservedCatalog, PageCache


def renders(cache: PageCache, catalog, pages: dict) -> set:
    """Render each page (name -> function of the catalog) unless the cache can reuse it; the names rendered."""
    observed, rendered = ObservedCatalog(catalog), set()
    for name, page in pages.items():
        if cache.reusable(name, "", observed) is None:
            cache.render(name, "", observed, lambda page=page: page(observed))
            rendered.add(name)
    return rendered


PAGES = {
    "tiny": lambda cat: cat.models["tiny"]["summary"],  # one entry, by id
    "paper": lambda cat: cat.papers["doe-2020-tiny"]["title"],
    "every model": lambda cat: [m["name"] for m in cat.models.values()],  # the whole table
    "of the paper": lambda cat: [m["id"] for m in cat.models_of_paper("doe-2020-tiny")],  # an index question
    "missing": lambda cat: cat.models.get("not-yet", {}).get("name"),  # an id that does not exist (yet)
}


def test_nothing_is_rendered_again_when_nothing_changed(catalog):
    cache = PageCache()
    assert renders(cache, catalog(), PAGES) == set(PAGES)
    assert renders(cache, catalog(), PAGES) == set()


def test_an_edit_renders_again_exactly_the_pages_that_read_what_changed(catalog):
    cache = PageCache()
    renders(cache, catalog(), PAGES)
    changed = catalog(edit("models/tiny.yaml", "summary: A made-up encoder.", "summary: An edited encoder."))
    assert renders(cache, changed, PAGES) == {"tiny", "every model", "of the paper"}
    # The paper's page did not read the model: editing the paper's title renders it (and not the model's page).
    retitled = catalog(edit("models/tiny.yaml", "summary: A made-up encoder.", "summary: An edited encoder.")
                       | edit("papers/doe-2020-tiny.yaml", 'title: "Tiny: A', 'title: "Tiny: Retitled, a'))
    assert renders(cache, retitled, PAGES) == {"paper"}


def test_a_new_entry_renders_the_page_that_looked_for_it(catalog, mini):
    cache = PageCache()
    renders(cache, catalog(), PAGES)
    text = edit("models/tiny.yaml", "name: Tiny\n", "name: Not Yet\n")["models/tiny.yaml"].replace("[TinyNet]", "[NotYetNet]")
    grown, problems = mini(extra={"models/not-yet.yaml": text})
    assert problems == [] and "not-yet" in grown.models
    assert "missing" in renders(cache, grown, PAGES)


def test_a_question_that_cannot_be_asked_again_is_never_reused(catalog):
    cache = PageCache()
    pages = {"by family": lambda cat: cat.filter_models(family="enc")}
    pages["unhashable"] = lambda cat: cat.models_in_order(["tiny"])  # a list argument cannot be compared later
    assert renders(cache, catalog(), pages) == {"by family", "unhashable"}
    assert renders(cache, catalog(), pages) == {"unhashable"}


def test_a_change_of_setting_forgets_everything(catalog):
    cache = PageCache()
    cache.start("templates v1")
    renders(cache, catalog(), PAGES)
    cache.start("templates v1")
    assert renders(cache, catalog(), PAGES) == set()
    cache.start("templates v2")
    assert renders(cache, catalog(), PAGES) == set(PAGES)
