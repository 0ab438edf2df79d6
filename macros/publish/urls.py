"""The URL contract: every address the built site publishes, and whether a later build still serves it.

Lecturers put Atlas links on slides they reuse for years, so an address, once published, must keep answering:
with the same page, or with a redirect page (written for each former id in `aliases`). `published_urls` reads a
built `site/` and lists its pages, its downloads and the anchors of its entry pages (section headings and variant
rows); the committed manifest (tests/published-urls.txt) is the union of every such list so far, and
`unserved` says which of its addresses a build has broken. This reads files only, so it works for any generator.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

MANIFEST = Path("tests") / "published-urls.txt"
ENTRY_PAGE = re.compile(r"^/(families|models|papers|concepts)/[^/]+/$")
DOWNLOADS = (".json", ".csv", ".bib", ".xml", ".svg")
# Theme files, search indexes (named by content hash) and crawler aids: not content, so not promised to last.
NOT_PUBLISHED = ("assets/", "search/", "pagefind/", "sitemap.xml", "404.html")
REFRESH = re.compile(r'<meta http-equiv="refresh" content="\d+;\s*url=([^"]+)"', re.IGNORECASE)
MAX_HOPS = 5


class _Anchors(HTMLParser):
    """The ids a link may point at on an entry page: section headings and the rows of the variants table."""

    def __init__(self):
        super().__init__()
        self.ids: set[str] = set()  # every id on the page
        self.contract: set[str] = set()  # the ones the manifest promises
        self._variant_tables = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table" and "atlas-variants" in (attrs.get("class") or "").split():
            self._variant_tables += 1
        anchor = attrs.get("id")
        if not anchor:
            return
        self.ids.add(anchor)
        if tag in ("h2", "h3") or (tag == "tr" and self._variant_tables):
            self.contract.add(anchor)

    def handle_endtag(self, tag):
        if tag == "table" and self._variant_tables:
            self._variant_tables -= 1


def _anchors(html: str) -> _Anchors:
    parser = _Anchors()
    parser.feed(html)
    return parser


def _file_of(site: Path, url: str) -> Path:
    path = site / url.lstrip("/")
    return path / "index.html" if url.endswith("/") else path


def redirect_target(html: str) -> str | None:
    """Where a redirect page sends the reader (relative to the page), or None for a real page."""
    match = REFRESH.search(html)
    return match.group(1) if match else None


def published_urls(site: Path) -> list[str]:
    """Every address the build in `site` serves: "/models/bert/", "/models/bert/#bert-base", "/feed.xml"."""
    urls = set()
    for path in sorted(site.rglob("*")):
        rel = path.relative_to(site).as_posix()
        if not path.is_file() or rel.startswith(NOT_PUBLISHED):
            continue
        if path.name == "index.html":
            url = "/" + rel[: -len("index.html")]
            urls.add(url)
            html = path.read_text(encoding="utf-8")
            if ENTRY_PAGE.match(url) and redirect_target(html) is None:
                urls.update(f"{url}#{anchor}" for anchor in _anchors(html).contract)
        elif path.suffix in DOWNLOADS:
            urls.add("/" + rel)
    return sorted(urls)


def unserved(site: Path, manifest: list[str]) -> list[str]:
    """The manifest's addresses that `site` no longer serves, each with the reason; redirects are followed."""
    broken = []
    for url in manifest:
        start, _, fragment = url.partition("#")
        path = start
        for _ in range(MAX_HOPS):
            file = _file_of(site, path)
            if not file.is_file():
                broken.append(f"{url}: not served" + (f" (redirected to {path})" if path != start else ""))
                break
            html = file.read_text(encoding="utf-8") if file.suffix == ".html" else ""
            target = redirect_target(html)
            if target is None:
                if fragment and fragment not in _anchors(html).ids:
                    broken.append(f"{url}: {path} has no anchor #{fragment}")
                break
            path = urljoin(path, target)
        else:
            broken.append(f"{url}: more than {MAX_HOPS} redirects")
    return broken


def read_manifest(path: Path) -> list[str]:
    if not path.is_file():
        return []
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]


def write_manifest(path: Path, urls: list[str]) -> None:
    header = ("# Every address the Atlas has published. A test fails when a build stops serving one of them, unless"
              " it redirects.\n# Add new addresses with `make urls` (which never removes any); remove one only on"
              " purpose, by hand.\n")
    path.write_text(header + "".join(f"{url}\n" for url in sorted(set(urls))), encoding="utf-8")
