"""The kinds of entry the Atlas holds, where their files live and where their pages are: declared once.

Every other module (validator, renderers, exports, feed, scaffolding) reads the folders, labels and addresses
from here.
"""

from __future__ import annotations

from dataclasses import dataclass


DATA_DIRS = {"families": "family", "models": "model", "papers": "paper", "concepts": "concept",
             "resources": "resource", "benchmarks": "benchmark"}


ENTRY_KINDS = tuple(DATA_DIRS.values())


ORGANIZATIONS_FILE = "organizations.yaml"


EXCLUSIONS_FILE = "excluded-papers.yaml"  # seed titles deliberately left out, each with its reason


@dataclass(frozen=True)
class PageKind:
    """A kind of entry that has a page of its own: where it lives and what its page shows first."""

    folder: str  # URL folder, and the Catalog table of the same name
    label: str  # how feeds and titles name the kind
    title_key: str
    description_key: str
    first_anchor: str  # the section a slide most often points at, shown as the example in "Share and cite"
    search_weight: float  # Pagefind weight of the page's title (headings weigh 7 by default, at most 10)


# A query that names a model should find the model's page before the papers that mention it, and a paper's title
# its paper (tests/search-queries.txt).
PAGE_KINDS = {
    "family": PageKind("families", "Family", "name", "description", "models", 9.0),
    "model": PageKind("models", "Model", "name", "summary", "variants", 10.0),
    "paper": PageKind("papers", "Paper", "title", "summary", "models", 5.0),
    "concept": PageKind("concepts", "Concept", "name", "summary", "models", 10.0),
}


# Addresses the build generates inside an entry folder besides the entries' own pages: an entry may not take them.
GENERATED_IDS = {"models": {"page": "the pages of the static models table (/models/page/<n>/)"}}


def page_url(kind: str, entry_id: str) -> str:
    """Site-relative URL of an entry page: models/bert/."""
    return f"{kind}/{entry_id}/"


def absolute_url(site_url: str, path: str) -> str:
    """A site path made absolute with the configured site URL, whether or not that URL ends in a slash."""
    return site_url.rstrip("/") + "/" + path


def root_of(url: str) -> str:
    """The relative way from a page URL (as MkDocs gives it, e.g. 'models/bert/') up to the site root."""
    return "../" * url.count("/")
