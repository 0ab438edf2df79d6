"""The strict build of the real site: every generated page, no macro error, no third-party asset, links whole."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from macros.render import views as render


def read(site: Path, rel: str) -> str:
    return (site / rel).read_text(encoding="utf-8")


def test_every_entry_has_its_page(real_catalog, built_site):
    for kind, table in (("models", real_catalog.models), ("papers", real_catalog.papers), ("families", real_catalog.families)):
        for entry_id in table:
            assert (built_site / kind / entry_id / "index.html").is_file(), f"{kind}/{entry_id}/ missing"


def test_no_macro_error_text_anywhere(built_site):
    for page in built_site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "Macro Rendering Error" not in text and "Macro Syntax Error" not in text, page


def test_model_page_content_title_description_and_edit_link(built_site):
    html = read(built_site, "models/gpt-3/index.html")
    assert "<title>GPT-3 · Model · Transformer Atlas</title>" in html
    assert re.search(r'<meta name="description" content="[^"]{40,}">', html)
    assert 'href="https://github.com/transformer-atlas/transformer-atlas/edit/main/data/models/gpt-3.yaml"' in html
    assert '<tr id="gpt-3-175b">' in html
    for anchor in ("variants", "lineage", "key-ideas"):
        assert f'id="{anchor}"' in html


def test_entry_pages_stay_out_of_the_navigation(real_catalog, built_site):
    """Everything before the About page's article is the header and the navigation: no entry page is linked there."""
    about = read(built_site, "about/index.html").split("<article", 1)[0]
    assert 'href="../papers/"' in about  # the nav is there...
    entry_links = [f'href="../{kind.folder}/{entry_id}/"' for kind in render.PAGE_KINDS.values()
                   for entry_id in getattr(real_catalog, kind.folder)]
    assert len(entry_links) > 50 and not [link for link in entry_links if link in about]  # ...without entry pages


def test_api_export_matches_the_catalog(real_catalog, built_site):
    models = json.loads(read(built_site, "api/v1/models.json"))
    assert models["version"] == 2 and len(models["models"]) == len(real_catalog.models)
    gpt3 = next(m for m in models["models"] if m["id"] == "gpt-3")
    largest = next(v for v in gpt3["variants"] if v["id"] == "gpt-3-175b")
    assert largest["params"] == 175_000_000_000 and largest["layers"] == 96 and largest["d_model"] == 12288
    assert (built_site / gpt3["url"] / "index.html").is_file()
    assert len(json.loads(read(built_site, "api/v1/papers.json"))["papers"]) == len(real_catalog.papers)
    assert json.loads(read(built_site, "api/v1/schema/model.schema.json"))["title"] == "Model"


class _Refs(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links, self.assets, self.ids = [], [], set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        link = attrs.get("href") or attrs.get("xlink:href")  # charts link with xlink:href
        if tag == "a" and link:
            self.links.append(link)
        if tag in ("script", "img", "iframe") and attrs.get("src"):
            self.assets.append(attrs["src"])
        if tag == "link" and attrs.get("href") and attrs.get("rel") != "canonical":
            self.assets.append(attrs["href"])


def _parse(path: Path) -> _Refs:
    refs = _Refs()
    refs.feed(path.read_text(encoding="utf-8"))
    return refs


def test_no_asset_is_loaded_from_another_host(built_site):
    for page in built_site.rglob("*.html"):
        external = [a for a in _parse(page).assets if urlsplit(a).scheme or a.startswith("//")]
        assert external == [], f"{page.relative_to(built_site)} loads {external}"


def test_every_internal_link_and_anchor_resolves(built_site):
    """A crawl of the built files: generated HTML links are not covered by MkDocs' own link validation."""
    # 404.html is served at any missing address, so it links with absolute paths on purpose.
    parsed = {page: _parse(page) for page in built_site.rglob("*.html") if page.name != "404.html"}
    broken = []
    for page, refs in parsed.items():
        base = "file://" + str(page)
        for href in refs.links:
            if urlsplit(href).scheme in ("http", "https", "mailto"):
                continue
            target = urlsplit(urljoin(base, href))
            path = Path(unquote(target.path))
            if path.is_dir():
                path = path / "index.html"
            if not path.exists():
                broken.append(f"{page.relative_to(built_site)} -> {href}")
            elif target.fragment and path in parsed and target.fragment not in parsed[path].ids:
                broken.append(f"{page.relative_to(built_site)} -> {href} (no such anchor)")
    assert broken == []
