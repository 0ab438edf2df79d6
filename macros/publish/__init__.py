"""Publishing: what the built site holds besides hand-written pages (generated pages, redirects, chart files, the
export, the feed, the URL manifest and the Content-Security-Policy). Imports the core and the renderers, never
MkDocs."""

from __future__ import annotations

from ..render import views
from . import apidocs


def macros() -> dict:
    """name -> function(catalog, root, *args) for every macro hand-written pages may call (see docs/macros.md)."""
    return {name: getattr(module, name) for module in (views, apidocs) for name in module.MACROS}
