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


def define_env(env) -> None:
    from .core.catalog import cached_catalog, project_root
    from .core.kinds import root_of
    from .publish import macros

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
            return function(catalog(), root_of(env.page.url), *args, **kwargs)
        return macro

    for name, function in macros(env.conf["site_url"] or "/").items():
        env.macro(bind(function), name)
