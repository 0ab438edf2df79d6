"""The MkDocs adapter: validate the data before anything is built, then add the generated pages and the export.

This is the only module that imports MkDocs; everything it calls is plain Python in the `macros` package.
"""

from __future__ import annotations

import hashlib
import logging
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

from macros.core import catalog as catalog_module, yamlsource  # noqa: E402
from macros.publish import csp, incremental, search, stash  # noqa: E402
from macros.render import cite  # noqa: E402
from macros.publish.export import export_files  # noqa: E402
from macros.publish.pages import chart_files, chart_makers, generated_pages, redirect_files  # noqa: E402


def _catalog(config):
    root = Path(config.config_file_path).resolve().parent
    result, problems = catalog_module.cached_catalog(root)
    if problems:
        listing = "\n".join(str(p) for p in problems)
        raise PluginError(f"{catalog_module.problems_heading(problems)}.\n{listing}")
    return result


# `mkdocs serve` injects its live-reload script inline, with a value that changes on every reload, so no hash can
# allow it: the policy is added to built pages only (make build, the deployed site and the tests).
_SERVING = {"on": False, "dirty": False}
_READY: dict = {}  # src_uri -> a function returning the page's body HTML and toc tokens, called when MkDocs reaches it
# Under `make serve` (mkdocs serve --dirty): the previous build's generated pages, the settings they were drawn with
# and the files the build generated, so that a rebuild renders and writes only what an edit changed.
_PAGES = incremental.PageCache()
_CHARTS = incremental.PageCache()  # the downloadable charts, by their first site path
_PREVIOUS = {"theme": None, "outputs": set()}
_BODIES: dict = {}  # marker -> compressed body HTML of a generated page, between on_page_content and on_post_page
# Material adds its own <h1> to a page whose content has none: the marker says "<h1" so it does not (the body has one).
_MARKER = "<!-- atlas-generated-body <h1> {} -->"


def on_startup(command, dirty):
    _SERVING["on"] = command == "serve"
    _SERVING["dirty"] = command == "serve" and dirty
    if _SERVING["on"]:
        yamlsource.PARSED = {}  # each rebuild parses only the data files that changed
    if _SERVING["dirty"]:
        # MkDocs warns that a dirty build may leave other pages' navigation stale (and --strict would stop on the
        # warning). Here it cannot: every hand-written page is rebuilt each time, a generated page (outside the
        # navigation) is skipped only when nothing it read changed, and any change to the theme, mkdocs.yml or the
        # set of hand-written pages rebuilds everything (on_files).
        logging.getLogger("mkdocs.commands.build").addFilter(
            lambda record: not record.getMessage().startswith("A 'dirty' build is being performed"))


def _fingerprint(config, *folders: str) -> str:
    """A digest of mkdocs.yml and of the names and modification times of the files under the given folders."""
    root = Path(config.config_file_path).resolve().parent
    h = hashlib.blake2b(Path(config.config_file_path).read_bytes(), digest_size=16)
    for folder in folders:
        for path in sorted((root / folder).rglob("*")):
            if path.is_file():
                stat = path.stat()
                h.update(f"{path.relative_to(root)}\0{stat.st_mtime_ns}\0{stat.st_size}\n".encode())
    return h.hexdigest()


def _qr_cache() -> Path:
    """A per-user cache of drawn QR codes, shared by every copy of the project (content-addressed, so never stale)."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "transformer-atlas" / "qr"


def on_config(config):
    cite.QR_CACHE = _qr_cache()
    _catalog(config)  # fail before any page is rendered, with every problem listed
    return config


def on_files(files, config):
    cat = plain = _catalog(config)
    site_url = config["site_url"] or "/"
    _READY.clear()
    _BODIES.clear()
    serving = _SERVING["on"]
    if serving:
        # Pages read the catalog through an observer, so the next rebuild knows which of them an edit can change.
        cat = incremental.ObservedCatalog(cat)
        templates = (site_url, _fingerprint(config, "macros/render/templates"))
        _PAGES.start(templates)
        _CHARTS.start(templates)
        theme = _fingerprint(config, "overrides", "docs")
        same_theme, _PREVIOUS["theme"] = theme == _PREVIOUS["theme"], theme
    outputs = set()
    for page in generated_pages(cat, site_url):
        if files.get_file_from_path(page.src_uri) is not None:
            raise PluginError(f"{page.edit_path}: the generated page {page.src_uri} would replace the hand-written"
                              f" docs/{page.src_uri}: rename the entry [S305]")
        # MkDocs gets the front matter only; the body, rendered as HTML, is put in place after Markdown has run.
        file = File.generated(config, page.src_uri, content=page.front + "\n", inclusion=InclusionLevel.NOT_IN_NAV)
        # edit_uri is relative to the configured edit_uri, which points at docs/
        file.edit_uri = "../" + page.edit_path
        files.append(file)
        outputs.add(file.abs_dest_path)
        if not serving:
            _READY[page.src_uri] = page.ready
            continue
        previous = _PAGES.reusable(page.src_uri, page.front, cat)
        if previous is not None:
            _READY[page.src_uri] = lambda output=previous.output: output
            if _SERVING["dirty"] and same_theme and os.path.isfile(file.abs_dest_path):
                file.is_modified = _unchanged  # its HTML from the previous build is still right: not written again
        else:
            _READY[page.src_uri] = lambda page=page: _PAGES.render(page.src_uri, page.front, cat, page.ready)
    if serving:
        _PAGES.forget_except(set(_READY))
        for file in files.documentation_pages():
            if file.src_uri not in _READY:
                file.is_modified = _changed  # hand-written pages call macros, which may read anything
    made = {**export_files(plain, site_url), **(_charts(cat, site_url) if serving else chart_files(plain, site_url)),
            **redirect_files(plain, site_url)}
    for path, content in made.items():
        if files.get_file_from_path(path) is not None:
            raise PluginError(f"the generated file {path} would replace docs/{path} [S305]")
        file = File.generated(config, path, content=content)
        files.append(file)
        outputs.add(file.abs_dest_path)
    if serving:
        # A dirty build keeps the previous site: remove what the catalog no longer generates (a renamed entry).
        for stale in _PREVIOUS["outputs"] - outputs:
            if os.path.isfile(stale):
                os.remove(stale)
        _PREVIOUS["outputs"] = outputs
    return files


def _charts(cat: incremental.ObservedCatalog, site_url: str) -> dict:
    """chart_files under `make serve`: a chart is drawn again only when something it read has changed."""
    files = {}
    makers = chart_makers(cat, site_url)
    for paths, make in makers:
        previous = _CHARTS.reusable(paths[0], "", cat)
        svg = previous.output if previous is not None else _CHARTS.render(paths[0], "", cat, make)
        files.update(dict.fromkeys(paths, svg))
    _CHARTS.forget_except({paths[0] for paths, _ in makers})
    return files


def _unchanged() -> bool:
    return False


def _changed() -> bool:
    return True


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
        return stash.put_back(html)
    body, toc_tokens = generated()
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
