"""Transformer Atlas core: load, validate and render the catalog in data/ (no MkDocs import here).

`define_env` is the entry point of mkdocs-macros-plugin (module_name: macros). It only registers thin macros: each
passes the catalog and the current page's way up to the site root to a pure function of `render`.
"""

from __future__ import annotations

import functools


def define_env(env) -> None:
    from . import render
    from .catalog import cached_catalog, project_root

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
            return function(catalog(), render.root_of(env.page.url), *args, **kwargs)
        return macro

    for name in render.MACROS:
        env.macro(bind(getattr(render, name)), name)
