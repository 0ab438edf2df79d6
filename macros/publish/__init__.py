"""Publishing: what the built site holds besides hand-written pages (generated pages, redirects, chart files, the
export, the feed, the URL manifest and the Content-Security-Policy). Imports the core and the renderers, never
MkDocs."""

from __future__ import annotations

import functools
import inspect

from ..render import views
from . import apidocs


def macros(site_url: str) -> dict:
    """name -> function(catalog, root, *args) for every macro hand-written pages may call (see docs/macros.md).
    A macro that describes published files gets the site URL they are published with."""
    out = {}
    for module in (views, apidocs):
        for name in module.MACROS:
            function = getattr(module, name)
            if "site_url" in inspect.signature(function).parameters:
                function = functools.partial(function, site_url=site_url)
            out[name] = function
    return out
