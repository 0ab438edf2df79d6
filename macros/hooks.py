"""The MkDocs adapter: validate the data before anything is built, then add the generated pages and the export.

This is the only module that imports MkDocs; everything it calls is plain Python in the `macros` package.
"""

from __future__ import annotations

import sys
from pathlib import Path

# MkDocs puts only this file's folder on sys.path while loading a hook; the package needs the repository root.
_ROOT = Path(__file__).resolve().parent.parent
if str(_ROOT) not in sys.path:
    sys.path.insert(0, str(_ROOT))

from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.structure.files import File, InclusionLevel  # noqa: E402

from macros import catalog as catalog_module  # noqa: E402
from macros.export import export_files  # noqa: E402
from macros.pages import generated_pages, redirect_files  # noqa: E402
from macros.render import chart_files  # noqa: E402


def _catalog(config):
    root = Path(config.config_file_path).resolve().parent
    result, problems = catalog_module.cached_catalog(root)
    if problems:
        listing = "\n".join(str(p) for p in problems)
        raise PluginError(f"{catalog_module.problems_heading(problems)}.\n{listing}")
    return result


def on_config(config):
    _catalog(config)  # fail before any page is rendered, with every problem listed
    return config


def on_files(files, config):
    cat = _catalog(config)
    site_url = config["site_url"] or "/"
    for page in generated_pages(cat, site_url):
        file = File.generated(config, page.src_uri, content=page.markdown, inclusion=InclusionLevel.NOT_IN_NAV)
        # edit_uri is relative to the configured edit_uri, which points at docs/
        file.edit_uri = "../" + page.edit_path
        files.append(file)
    made = {**export_files(cat, site_url), **chart_files(cat, site_url), **redirect_files(cat, site_url)}
    for path, content in made.items():
        files.append(File.generated(config, path, content=content))
    return files
