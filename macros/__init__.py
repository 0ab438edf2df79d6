"""Transformer Atlas: load, validate, render and publish the catalog in data/.

The package is layered along the data flow, and imports only flow down (tests/test_layers.py checks it):

    core/      read, validate and index data/ (no Jinja, no MkDocs)
    render/    catalog -> Markdown, HTML, SVG and BibTeX
    publish/   generated pages, redirects, exports, feed, URL manifest, Content-Security-Policy
    __init__.py, hooks.py   the thin MkDocs adapter; __main__.py and scaffold.py, the command line

`define_env` is the entry point of mkdocs-macros-plugin (module_name: macros). It only registers thin macros: each
passes the catalog and the current page's way up to the site root to a pure function of `render` or `publish`.
"""

from __future__ import annotations

import functools
import sys
from pathlib import Path

_ROOT = Path(__file__).resolve().parent.parent


def define_env(env) -> None:
    # Absolute imports: Zensical's macros extension executes this file on its own, not as the `macros` package,
    # so relative imports would fail there; the repository root on sys.path lets it find the package.
    if str(_ROOT) not in sys.path:
        sys.path.insert(0, str(_ROOT))
    from macros.core.catalog import cached_catalog, project_root
    from macros.core.kinds import root_of
    from macros.publish import macros, stash

    # define_env runs once per build (and per rebuild under `mkdocs serve`): load the catalog here, not per page,
    # so the cost of checking data files for changes does not grow with pages x files.
    result, problems = cached_catalog(env.project_dir or str(project_root()))

    def catalog():
        if problems:
            raise ValueError("data/ has problems: run `make check`\n" + "\n".join(map(str, problems)))
        return result

    def bind(function):
        @functools.wraps(function)
        def macro(*args, **kwargs):
            return stash.keep(function(catalog(), root_of(env.page.url), *args, **kwargs))
        return macro

    for name, function in macros(env.conf["site_url"] or "/").items():
        env.macro(bind(function), name)
