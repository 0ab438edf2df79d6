"""The site's search index: Pagefind, run over the built pages.

Pagefind splits its index into small chunks and a browser downloads only those a query needs, so what a search
costs stays small as the catalog grows (Material's own search downloads one JSON file of every page before the
first result, and its bundled lunr returns nothing for some queries, such as `bert`). Only the part of each page
made from its content is indexed (`ROOT_SELECTOR`); blocks marked `data-search-exclude` (share boxes, charts,
lists that repeat other pages) are left out; headings weighted with `data-pagefind-weight` rank an entry's own
page above the pages that mention it. Material's search box stays: the worker it starts is replaced by ours
(overrides/assets/javascripts/workers/), which asks Pagefind.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

INDEX_FOLDER = "pagefind"
ROOT_SELECTOR = "article"
EXCLUDE_SELECTORS = "[data-search-exclude], .headerlink"  # blocks marked so, and heading permalinks (¶)


class SearchIndexError(RuntimeError):
    """Pagefind failed: the build must not publish a site whose search is missing or stale."""


def index_site(site: Path) -> None:
    """Write the search index of the built site into site/pagefind/."""
    command = [sys.executable, "-m", "pagefind", "--site", str(site), "--output-subdir", INDEX_FOLDER,
               "--root-selector", ROOT_SELECTOR, "--exclude-selectors", EXCLUDE_SELECTORS, "--force-language", "en",
               "--silent"]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0 or not (Path(site) / INDEX_FOLDER / "pagefind.js").is_file():
        raise SearchIndexError(f"pagefind could not index {site}:\n{result.stdout}{result.stderr}")
