"""The MkDocs adapter: validate the data before anything is built, then add the generated pages and the export.

This is the only module that imports MkDocs; everything it calls is plain Python in the `macros` package.
"""

from __future__ import annotations

import os
import sys
import threading
import zlib
from pathlib import Path

# MkDocs puts only this file's folder on sys.path while loading a hook; the package needs the repository root.
_ROOT = Path(__file__).resolve().parent.parent
if str(_ROOT) not in sys.path:
    sys.path.insert(0, str(_ROOT))

from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.structure.files import File, InclusionLevel  # noqa: E402
from mkdocs.structure.toc import get_toc  # noqa: E402

from macros.core import catalog as catalog_module  # noqa: E402
from macros.publish import csp, search  # noqa: E402
from macros.render import cite  # noqa: E402
from macros.publish.export import export_files  # noqa: E402
from macros.publish.pages import chart_files, generated_pages, redirect_files  # noqa: E402


def _catalog(config):
    root = Path(config.config_file_path).resolve().parent
    result, problems = catalog_module.cached_catalog(root)
    if problems:
        listing = "\n".join(str(p) for p in problems)
        raise PluginError(f"{catalog_module.problems_heading(problems)}.\n{listing}")
    return result


# `mkdocs serve` injects its live-reload script inline, with a value that changes on every reload, so no hash can
# allow it: the policy is added to built pages only (make build, the deployed site and the tests).
_SERVING = {"on": False}
_READY: dict = {}  # src_uri -> GeneratedPage, whose body is rendered when MkDocs reaches the page
_BODIES: dict = {}  # marker -> compressed body HTML of a generated page, between on_page_content and on_post_page
# Material adds its own <h1> to a page whose content has none: the marker says "<h1" so it does not (the body has one).
_MARKER = "<!-- atlas-generated-body <h1> {} -->"


def on_startup(command, dirty):
    _SERVING["on"] = command == "serve"


def _qr_cache() -> Path:
    """A per-user cache of drawn QR codes, shared by every copy of the project (content-addressed, so never stale)."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "transformer-atlas" / "qr"


def on_config(config):
    cite.QR_CACHE = _qr_cache()
    _catalog(config)  # fail before any page is rendered, with every problem listed
    return config


def on_files(files, config):
    cat = _catalog(config)
    site_url = config["site_url"] or "/"
    _READY.clear()
    _BODIES.clear()
    for page in generated_pages(cat, site_url):
        if files.get_file_from_path(page.src_uri) is not None:
            raise PluginError(f"{page.edit_path}: the generated page {page.src_uri} would replace the hand-written"
                              f" docs/{page.src_uri}: rename the entry [S305]")
        # MkDocs gets the front matter only; the body, rendered as HTML, is put in place after Markdown has run.
        _READY[page.src_uri] = page
        file = File.generated(config, page.src_uri, content=page.front + "\n", inclusion=InclusionLevel.NOT_IN_NAV)
        # edit_uri is relative to the configured edit_uri, which points at docs/
        file.edit_uri = "../" + page.edit_path
        files.append(file)
    made = {**export_files(cat, site_url), **chart_files(cat, site_url), **redirect_files(cat, site_url)}
    for path, content in made.items():
        if files.get_file_from_path(path) is not None:
            raise PluginError(f"the generated file {path} would replace docs/{path} [S305]")
        files.append(File.generated(config, path, content=content))
    return files


def on_page_markdown(markdown, page, config, files):
    # MkDocs renders front matter it cannot parse as Markdown, silently: a generated page must have been read back.
    if page.file.src_uri in _READY and "atlas_kind" not in page.meta:
        raise PluginError(f"the front matter of the generated page {page.file.src_uri} was not read back")
    # Pagefind indexes the site (publish/search.py); Material's own index would only be downloaded and unused.
    page.meta["search"] = {"exclude": True}
    return markdown


def on_page_content(html, page, config, files):
    generated = _READY.get(page.file.src_uri)
    if generated is None:
        return html
    body, toc_tokens = generated.ready()
    page.toc = get_toc(toc_tokens)
    # MkDocs keeps every page's content until the build ends; a generated page keeps only a marker there, and its
    # body waits compressed until its own HTML is written (on_post_page), so memory does not grow with the catalog.
    marker = _MARKER.format(page.file.src_uri)
    _BODIES[marker] = zlib.compress(body.encode("utf-8"), 1)
    return marker


def on_post_page(output, page, config):
    content = page.content or ""
    if not _SERVING["on"]:
        output = csp.with_policy(output, content)
    body = _BODIES.pop(content, None)
    if body is not None:
        output = output.replace(content, zlib.decompress(body).decode("utf-8"), 1)
    return output


def on_post_build(config):
    site = Path(config["site_dir"])
    if os.environ.get("ATLAS_SEARCH_INDEX") == "later":
        return  # make bench indexes the built site itself, to measure the two steps apart
    if _SERVING["on"]:
        # Under `make serve` the edited page is served as soon as the build ends; the search index follows a
        # moment later, off the critical path (an indexing failure is printed, and the next save retries).
        threading.Thread(target=_index_quietly, args=(site,), daemon=True).start()
        return
    try:
        search.index_site(site)
    except search.SearchIndexError as error:
        raise PluginError(str(error)) from None


def _index_quietly(site: Path) -> None:
    try:
        search.index_site(site)
    except search.SearchIndexError as error:
        print(f"WARNING -  search index not updated: {error}", file=sys.stderr)


def on_post_template(output_content, template_name, config):
    # The theme's own pages (404.html), which hold no data text at all.
    if _SERVING["on"] or not template_name.endswith(".html"):
        return output_content
    return csp.with_policy(output_content)
