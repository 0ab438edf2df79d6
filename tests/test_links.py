"""Links that last: the committed URL manifest, redirects from former ids, and stable anchors."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from conftest import ROOT, copy_project, mkdocs_build, serve
from macros.publish import urls
MANIFEST = urls.read_manifest(ROOT / urls.MANIFEST)
SITE_URL = "https://transformer-atlas.github.io/transformer-atlas/"  # mkdocs.yml's default, used by test builds


def test_the_manifest_lists_pages_downloads_and_variant_anchors():
    for url in ("/", "/models/", "/models/gpt-3/", "/models/gpt-3/#gpt-3-175b", "/models/gpt-3/#variants",
                "/papers/vaswani-2017-attention/#models", "/api/v1/models.json", "/timeline/timeline.svg"):
        assert url in MANIFEST


def test_every_published_address_is_still_served(built_site):
    broken = urls.unserved(built_site, MANIFEST)
    assert broken == [], ("Published addresses must keep working. When you rename an entry, add its old id to"
                          " `aliases` (and a variant's old id to the variant's `aliases`):\n" + "\n".join(broken))


def test_every_address_the_build_publishes_is_in_the_manifest(built_site):
    new = sorted(set(urls.published_urls(built_site)) - set(MANIFEST))
    assert new == [], f"run `make urls` and commit {urls.MANIFEST}; new addresses:\n" + "\n".join(new[:50])


# A tiny site on disk for the rules of the checker itself.
def _page(site: Path, url: str, body: str) -> None:
    path = site / url.lstrip("/") / "index.html"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"<!doctype html><html><body>{body}</body></html>", encoding="utf-8")


def _redirect(site: Path, url: str, target: str) -> None:
    _page(site, url, f'<meta http-equiv="refresh" content="0; url={target}">')


def test_published_urls_reads_pages_downloads_and_the_promised_anchors(tmp_path):
    _page(tmp_path, "/", "<h1>Home</h1>")
    _page(tmp_path, "/models/tiny/", '<h2 id="variants">V</h2><table class="atlas-variants"><tr id="tiny-base">'
                                     '</tr></table><p id="not-promised"></p><tr id="outside-the-table"></tr>')
    _redirect(tmp_path, "/models/old-tiny/", "../../models/tiny/")
    (tmp_path / "api").mkdir()
    (tmp_path / "api" / "models.json").write_text("{}")
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "theme.js").write_text("")
    assert urls.published_urls(tmp_path) == ["/", "/api/models.json", "/models/old-tiny/", "/models/tiny/",
                                             "/models/tiny/#tiny-base", "/models/tiny/#variants"]


def test_unserved_follows_redirects_and_checks_anchors_at_the_end(tmp_path):
    _page(tmp_path, "/models/tiny/", '<tr id="tiny-base"></tr>')
    _redirect(tmp_path, "/models/old-tiny/", "../../models/tiny/")
    _redirect(tmp_path, "/models/loop/", "../../models/loop/")
    manifest = ["/models/tiny/#tiny-base", "/models/old-tiny/#tiny-base", "/models/old-tiny/#gone",
                "/models/missing/", "/models/loop/"]
    assert urls.unserved(tmp_path, manifest) == [
        "/models/old-tiny/#gone: /models/tiny/ has no anchor #gone",
        "/models/missing/: not served",
        "/models/loop/: more than 5 redirects",
    ]


# A rename, end to end: CTRL's file and its one variant get new ids, and the old ones become aliases.
OLD, NEW, OLD_VARIANT, NEW_VARIANT = "ctrl", "salesforce-ctrl", "ctrl", "ctrl-1-63b"


@pytest.fixture(scope="module")
def renamed_site(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("renamed"))
    models = project / "data" / "models"
    text = (models / f"{OLD}.yaml").read_text(encoding="utf-8")
    assert text.count(f"  - id: {OLD_VARIANT}\n") == 1
    text = text.replace("\nfamilies:", f"\naliases: [{OLD}]\nfamilies:", 1)
    text = text.replace(f"  - id: {OLD_VARIANT}\n", f"  - id: {NEW_VARIANT}\n    aliases: [{OLD_VARIANT}]\n")
    (models / f"{NEW}.yaml").write_text(text, encoding="utf-8")
    (models / f"{OLD}.yaml").unlink()
    for path in (project / "data").rglob("*.yaml"):  # every reference to the model follows it
        before = path.read_text(encoding="utf-8")
        after = re.sub(rf"(models: \[[^\]]*)\b{OLD}\b", rf"\g<1>{NEW}", before)
        after = re.sub(rf"(model: ){OLD}\n", rf"\g<1>{NEW}\n", after)
        if after != before:
            path.write_text(after, encoding="utf-8")
    site = project / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


def test_a_rename_with_aliases_keeps_every_published_address(renamed_site):
    assert urls.unserved(renamed_site, MANIFEST) == []
    assert not urls.redirect_target((renamed_site / "models" / NEW / "index.html").read_text())


def test_the_redirect_page_refreshes_and_names_the_canonical_address(renamed_site):
    html = (renamed_site / "models" / OLD / "index.html").read_text(encoding="utf-8")
    assert urls.redirect_target(html) == f"../../models/{NEW}/"
    assert f'<link rel="canonical" href="{SITE_URL}models/{NEW}/">' in html
    assert '<meta name="robots" content="noindex">' in html
    assert f'<a href="../../models/{NEW}/">CTRL</a>' in html


def test_without_the_alias_the_old_addresses_are_reported(renamed_site, tmp_path):
    site = shutil.copytree(renamed_site, tmp_path / "site")
    (site / "models" / OLD / "index.html").unlink()
    broken = urls.unserved(site, MANIFEST)
    assert f"/models/{OLD}/: not served" in broken
    assert f"/models/{OLD}/#{OLD_VARIANT}: not served" in broken


@pytest.mark.browser
def test_an_old_variant_link_lands_on_the_renamed_row(renamed_site, browser):
    with serve(renamed_site) as base:
        page = browser.new_page()
        try:
            page.goto(f"{base}models/{OLD}/#{OLD_VARIANT}")
            page.wait_for_url(f"{base}models/{NEW}/#{OLD_VARIANT}")
            row = page.locator(f"tr:has(#{OLD_VARIANT})")
            assert row.get_attribute("id") == NEW_VARIANT
            assert "CTRL" in row.inner_text()
        finally:
            page.close()
