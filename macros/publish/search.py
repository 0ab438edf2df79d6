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

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

INDEX_FOLDER = "pagefind"
ROOT_SELECTOR = "article"
EXCLUDE_SELECTORS = "[data-search-exclude], .headerlink"  # blocks marked so, and heading permalinks (¶)


class SearchIndexError(RuntimeError):
    """Pagefind failed: the build must not publish a site whose search is missing or stale."""


# Pagefind keeps the whole index of a run in memory (about 150 KB a page, measured at 19,000 pages), so a large site
# is indexed in parts of at most this many pages, each its own bundle; the search worker merges them in the browser.
# The shipped catalog fits in one part, whose bundle is exactly what a single run writes.
PAGES_PER_INDEX = 4_000
# The list of further bundles, read by the search worker (overrides/assets/javascripts/workers/).
BUNDLES_FILE = "atlas-bundles.json"


def index_site(site: Path, pages_per_index: int = PAGES_PER_INDEX) -> None:
    """Write the search index of the built site into site/pagefind/ (and site/pagefind-2/ … for a large site)."""
    site = Path(site)
    for old in site.glob(INDEX_FOLDER + "-*"):  # parts of an earlier, larger index
        shutil.rmtree(old)
    pages = sorted(path.relative_to(site) for path in site.rglob("*.html")
                   if not path.relative_to(site).parts[0].startswith(INDEX_FOLDER))
    parts = [pages[start:start + pages_per_index] for start in range(0, len(pages), pages_per_index)] or [[]]
    if len(parts) == 1:
        _pagefind(site, site / INDEX_FOLDER)
    else:
        for number, part in enumerate(parts, start=1):
            # Beside the site, so that its pages can be linked there rather than copied.
            with tempfile.TemporaryDirectory(prefix="atlas-search-", dir=site.parent) as tmp:
                for relative in part:  # the part's pages at their own addresses
                    (Path(tmp) / relative).parent.mkdir(parents=True, exist_ok=True)
                    try:
                        os.link(site / relative, Path(tmp) / relative)
                    except OSError:
                        shutil.copyfile(site / relative, Path(tmp) / relative)
                _pagefind(Path(tmp), site / bundle_folder(number))
    further = [bundle_folder(number) + "/" for number in range(2, len(parts) + 1)]
    (site / INDEX_FOLDER / BUNDLES_FILE).write_text(json.dumps({"bundles": further}) + "\n", encoding="utf-8")


def bundle_folder(number: int) -> str:
    """The folder of the index's part `number` (from 1), relative to the site."""
    return INDEX_FOLDER if number == 1 else f"{INDEX_FOLDER}-{number}"


def _pagefind(pages: Path, output: Path) -> None:
    command = [sys.executable, "-m", "pagefind", "--site", str(pages), "--output-path", str(output),
               "--root-selector", ROOT_SELECTOR, "--exclude-selectors", EXCLUDE_SELECTORS, "--force-language", "en",
               "--silent"]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0 or not (output / "pagefind.js").is_file():
        raise SearchIndexError(f"pagefind could not index {pages}:\n{result.stdout}{result.stderr}")
