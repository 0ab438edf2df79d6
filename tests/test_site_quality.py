"""Quality gates on the built site, with the standard tools: the W3C Nu HTML validator (vnu.jar) on every page,
LinkChecker on the served site (internal links and anchors, nothing external is fetched) and Lighthouse on three
pages (accessibility, best practices and SEO at 0.95 or more). Each gate has a negative check on a known-bad page.
The tools come from `make test`: LinkChecker in .venv, vnu-jar and Lighthouse in node_modules (`npm ci`)."""

from __future__ import annotations

import contextlib
import csv
import functools
import html
import http.server
import json
import os
import re
import subprocess
import threading
import time
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from conftest import CHROMIUM, ROOT, _QuietHandler, serve
from macros.publish import urls
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
LINKCHECKER = ROOT / ".venv" / "bin" / "linkchecker"

# One real page of each page type (paths from the site root). The compare page's ?m=... is read by its script;
# the HTML checked here is the same file.
PAGE_TYPES = {
    "home": "", "family": "families/bert-like/", "model": "models/gpt-3/", "paper": "papers/vaswani-2017-attention/",
    "concept": "concepts/self-attention/", "models index and comparison table": "models/", "papers index": "papers/",
    "compare": "compare/", "timeline": "timeline/", "lineage": "lineage/", "scaling": "scaling/", "API docs": "api/",
    "download": "download/", "contribute": "contributing/",
}

# Nu validator errors caused by Material for MkDocs' own templates, not by ours. Each is matched by its exact message
# AND a piece of the offending markup, so the same mistake made in our templates or pages still fails the test.
THEME_ERRORS = [
    ("Attribute “autocomplete” is only allowed when the input type is “color”, “date”, “datetime-local”, “email”,"
     " “hidden”, “month”, “number”, “password”, “range”, “search”, “tel”, “text”, “time”, “url”, or “week”.",
     '<input class="md-toggle" data-md-toggle=',
     "Material's base.html: the invisible checkboxes #__drawer and #__search that open the navigation drawer and"
     " the search carry autocomplete=\"off\" (so that Firefox does not restore them on reload); HTML allows the"
     " attribute on text-like inputs only."),
    ("The value of the “for” attribute of the “label” element must be the ID of a non-hidden form control.",
     '<label class="md-nav__title" for="__toc">',
     "Material's partials/toc.html: the table of contents' title is a <label for=\"__toc\">, but the #__toc checkbox"
     " is rendered by partials/nav-item.html only for a page listed in the navigation; the 400 entry pages (models,"
     " papers, concepts, families) are deliberately not listed there."),
]


def _theme_error(message: dict) -> bool:
    return any(message.get("message") == text and markup in (message.get("extract") or "")
               for text, markup, _why in THEME_ERRORS)


# ---------------------------------------------------------------------------------------------------------------
# W3C Nu HTML validator

def run_vnu(*paths: Path) -> list[dict]:
    """Validate HTML files (directories: every .html file in them) in one run; return the error messages."""
    if not VNU.is_file():
        pytest.fail(f"{VNU.relative_to(ROOT)} is missing: run `npm ci` (or `make test`) to install vnu-jar")
    result = subprocess.run(["java", "-jar", str(VNU), "--format", "json", "--errors-only", "--skip-non-html",
                             *map(str, paths)], capture_output=True, text=True, timeout=600)
    report = next((out for out in (result.stdout, result.stderr) if out.lstrip().startswith("{")), None)
    assert report is not None, f"vnu printed no JSON report (exit {result.returncode}):\n{result.stderr[-3000:]}"
    messages = json.loads(report)["messages"]
    # Exit status 1 means errors were found; anything else than 0 without an error message is a crash.
    assert result.returncode == 0 or messages, result.stderr[-3000:]
    return [m for m in messages if m.get("type") in ("error", "non-document-error")]


def _describe(messages: list[dict], root: Path) -> str:
    lines = []
    for m in messages[:40]:
        where = unquote(m.get("url", "")).removeprefix("file:").replace(str(root), "")
        lines.append(f"{where}:{m.get('lastLine', '?')}: {m['message']}\n    {(m.get('extract') or '').strip()[:200]}")
    return "\n".join(lines) + (f"\n... and {len(messages) - 40} more" if len(messages) > 40 else "")


@pytest.fixture(scope="module")
def redirect_page(tmp_path_factory) -> Path:
    """The one page type the real data does not build (no entry has `aliases`): render it from its template, as
    the build does for a renamed entry (tests/test_links.py builds one end to end)."""
    from macros.publish import pages

    folder = tmp_path_factory.mktemp("redirect") / "models" / "old-tiny"
    folder.mkdir(parents=True)
    page = folder / "index.html"
    page.write_text(pages.redirect_page("model", "old-tiny", "Tiny", "../tiny/",
                                        "https://transformer-atlas.github.io/transformer-atlas/models/tiny/"),
                    encoding="utf-8")
    return page


def test_every_page_is_valid_html(built_site, redirect_page):
    missing = [f"{kind}: /{path}" for kind, path in PAGE_TYPES.items()
               if not (built_site / path / "index.html").is_file()]
    assert missing == [], "page types missing from the build: " + ", ".join(missing)
    pages = list(built_site.rglob("*.html"))
    assert len(pages) > 400  # every entry page, not a sample
    started = time.monotonic()
    errors = run_vnu(built_site, redirect_page)
    print(f"vnu: {len(pages) + 1} pages in {time.monotonic() - started:.0f} s")
    ours = [m for m in errors if not _theme_error(m)]
    assert ours == [], f"{len(ours)} HTML errors (Nu validator):\n" + _describe(ours, built_site)
    # The theme's known errors are still there: if Material fixes them, drop them from THEME_ERRORS.
    for text, _markup, _why in THEME_ERRORS:
        assert any(m["message"] == text for m in errors), f"no longer reported, remove from THEME_ERRORS: {text}"


def test_the_validator_reports_a_bad_page(tmp_path):
    bad = tmp_path / "bad.html"
    bad.write_text('<!doctype html><html lang="en"><head><title>Bad</title></head><body><p id="x">One</p>'
                   '<p id="x">Two</p><span aria-label="not recorded">–</span><div></span></body></html>',
                   encoding="utf-8")
    errors = run_vnu(bad)
    messages = [m["message"] for m in errors]
    assert "Duplicate ID “x”." in messages, messages
    assert any(m.startswith("The “aria-label” attribute must not be specified on any “span” element")
               for m in messages), messages
    assert not any(_theme_error(m) for m in errors)


# ---------------------------------------------------------------------------------------------------------------
# LinkChecker

class _LinkCheckerHandler(_QuietHandler):
    """conftest's handler plus a `LinkChecker` response header. LinkChecker waits 0.1-0.6 s between two requests
    to one host whatever `maxrequestspersecond` says, unless the server answers with this header (its documented
    opt-in for sites that welcome fast crawling); without it the crawl takes several minutes."""

    def end_headers(self):
        self.send_header("LinkChecker", "fast crawling welcome")
        super().end_headers()


@contextlib.contextmanager
def serve_for_linkchecker(directory: Path):
    """conftest.serve(), with the header above."""
    handler = functools.partial(_LinkCheckerHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


# Only the URLs given to LinkChecker are internal; checkextern=0 makes every other host "filtered": its syntax is
# checked, nothing is fetched. Query-string variants of a page (?view=projector, the compare page's ?m=...) are the
# same static file, already crawled; they are only syntax-checked (ignore) and their paths are checked below.
LINKCHECKER_RC = """\
[checking]
threads=4
maxrequestspersecond=1000
timeout=30
[filtering]
checkextern=0
ignore=
  \\?view=projector
  /compare/\\?
"""


def start_linkchecker(tmp_path: Path, name: str, args: list[str], anchors: bool = False, stdin: str = ""):
    """Start LinkChecker with the config above; `finish` waits for it. Two can run at once (one core each)."""
    if not LINKCHECKER.exists():
        pytest.fail(f"{LINKCHECKER.relative_to(ROOT)} is missing: run `make test` to install LinkChecker")
    rc = tmp_path / f"{name}.rc"
    rc.write_text(LINKCHECKER_RC + ("[AnchorCheck]\n" if anchors else ""), encoding="utf-8")
    (tmp_path / f"{name}.in").write_text(stdin, encoding="utf-8")
    # As root, LinkChecker switches to user nobody after reading its config, so it writes to inherited files only.
    with open(tmp_path / f"{name}.in", "rb") as given, open(tmp_path / f"{name}.csv", "wb") as out, \
            open(tmp_path / f"{name}.err", "wb") as err:
        process = subprocess.Popen([str(LINKCHECKER), "-f", str(rc), "--no-status", "-v", "-o", "csv", *args],
                                   stdin=given, stdout=out, stderr=err, env={**os.environ, "LC_ALL": "C.UTF-8"})
    return process, tmp_path / name


def finish(started) -> tuple[int, list[dict], str]:
    """(exit status, rows of LinkChecker's CSV log, its output)."""
    process, name = started
    try:
        status = process.wait(timeout=900)
    finally:
        process.kill()
    out = name.with_suffix(".csv").read_text(encoding="utf-8")
    lines = [line for line in out.splitlines() if line and not line.startswith("#")]
    return status, list(csv.DictReader(lines, delimiter=";")), out + name.with_suffix(".err").read_text()


def _problems(rows: list[dict]) -> list[dict]:
    return [r for r in rows if r.get("valid") != "True" or r.get("warningstring")]


def _show(rows: list[dict]) -> str:
    return "\n".join(f"{r['url']} (linked from {r['parentname']}, line {r['line']}, text {r['name']!r}): "
                     f"{r['result']} {r['warningstring']}".rstrip() for r in rows[:40])


_HREF = re.compile(r'\bhref="([^"]*)"')   # also xlink:href in the charts; the build always quotes attributes
_ID = re.compile(r'\b(?:id|name)="([^"]+)"')


def _page_url(site: Path, file: Path, base: str) -> str:
    rel = file.relative_to(site).as_posix()
    return base + (rel.removesuffix("index.html") if file.name == "index.html" else rel)


def internal_links(site: Path, base: str) -> set[tuple[str, str]]:
    """(page, absolute URL) for every link of every page of `site` (served at `base`) to `base` itself."""
    links = set()
    for file in site.rglob("*.html"):
        page = _page_url(site, file, base)
        for href in _HREF.findall(file.read_text(encoding="utf-8")):
            url = urljoin(page, html.unescape(href))
            if url.startswith(base):
                links.add((page, url))
    return links


def _file(site: Path, base: str, url: str) -> Path:
    """The file that serves `url` (query and fragment ignored)."""
    path = urlsplit(url).path.removeprefix(urlsplit(base).path)
    return site / path / "index.html" if path.endswith("/") or not path else site / path


def _ids(site: Path, base: str, url: str) -> set[str]:
    file = _file(site, base, url)
    return {html.unescape(i) for i in _ID.findall(file.read_text(encoding="utf-8"))} if file.is_file() else set()


def check_links(site: Path, tmp_path: Path) -> tuple[list[str], dict]:
    """Crawl `site` served on 127.0.0.1 and check its anchors; return the problems and some statistics.

    1. LinkChecker crawls from the home page: every internal link, image, script and stylesheet must load.
    2. LinkChecker's AnchorCheck plugin checks every link to an anchor on another page. It fetches and parses the
       target once per distinct anchor (about 0.06 s each; all 2,000 anchors would take 100 s more, and with the
       plugin on during the crawl it takes 3-5 minutes), so links to an anchor of the same page (tables of
       contents, permalinks, source notes: 1,700 of them) are checked here against the page's ids instead.
    3. Links with a query string, ignored by the crawl, must point to a page that exists."""
    problems, stats = [], {}
    with serve_for_linkchecker(site) as base:
        links = internal_links(site, base)
        cross = sorted({url for page, url in links if "#" in url and "?" not in url and url.split("#")[0] != page})
        same = sorted({(page, url) for page, url in links if "#" in url and url.split("#")[0] == page})
        started = time.monotonic()
        crawl = start_linkchecker(tmp_path, "crawl", [base])
        anchors = start_linkchecker(tmp_path, "anchors", ["-r", "0", "--stdin"], anchors=True, stdin="\n".join(cross))

        status, rows, raw = finish(crawl)
        stats["crawl seconds"] = round(time.monotonic() - started, 1)
        fetched = [r for r in rows if r["url"].startswith(base) and r["result"].startswith("200")]
        stats["URLs fetched"] = len(fetched)
        crawled = {r["url"] for r in fetched}
        stats["pages crawled"] = len({url for url in crawled if url.endswith("/")})
        # Every page is reached from the home page, except redirect pages (nothing links to an old address).
        stats["pages not reached"] = sorted(
            url for url in (_page_url(site, file, base) for file in site.rglob("index.html"))
            if url not in crawled and urls.redirect_target(_file(site, base, url).read_text(encoding="utf-8")) is None)
        external = [r for r in rows if not r["url"].startswith(base) and r["result"] not in ("filtered", "ignored")]
        problems += [f"fetched or failed an external URL: {r['url']} {r['result']}" for r in external]
        problems += [f"broken link: {line}" for line in _show(_problems(rows)).splitlines()]
        if status != 0 and not _problems(rows):
            problems.append(f"LinkChecker exit status {status}:\n{raw[-3000:]}")

        status, rows, raw = finish(anchors)
        stats["anchor check seconds"] = round(time.monotonic() - started, 1)
        stats["anchors on other pages"] = len(cross)
        checked = {r["url"] for r in rows}
        problems += [f"broken link: {line}" for line in _show(_problems(rows)).splitlines()]
        problems += [f"LinkChecker did not check {url}" for url in cross if url not in checked]
        if status != 0 and not _problems(rows):
            problems.append(f"LinkChecker (anchors) exit status {status}:\n{raw[-3000:]}")

    ids: dict[str, set[str]] = {}
    for page, url in same:
        fragment = unquote(url.partition("#")[2])
        if fragment and fragment not in ids.setdefault(page, _ids(site, base, page)):
            problems.append(f"broken anchor: {url} (on its own page): no element with id {fragment!r}")
    stats["anchors on the same page"] = len(same)
    for page, url in sorted(links):
        if "?" in url and not _file(site, base, url).is_file():
            problems.append(f"broken link: {url} (linked from {page}): its page does not exist")
    return problems, stats


def test_every_internal_link_and_anchor_resolves(built_site, tmp_path):
    problems, stats = check_links(built_site, tmp_path)
    print("LinkChecker:", stats)
    assert problems == [], f"{len(problems)} broken links:\n" + "\n".join(problems[:60])
    assert stats["pages not reached"] == [], "pages no link leads to (or the crawl stopped early)"


def test_the_link_check_reports_broken_links_and_anchors(tmp_path):
    site = tmp_path / "site"
    (site / "other").mkdir(parents=True)
    (site / "index.html").write_text(
        '<!doctype html><html><body><a href="other/">ok</a> <a href="missing/">gone</a>'
        ' <a href="other/#there">ok</a> <a href="other/#nowhere">no anchor</a> <a href="#top">no anchor here</a>'
        ' <a href="missing/?view=projector">gone too</a> <a href="https://example.invalid/never-fetched">far</a>'
        '</body></html>', encoding="utf-8")
    (site / "other" / "index.html").write_text('<!doctype html><html><body><h2 id="there">T</h2></body></html>',
                                               encoding="utf-8")
    problems, _ = check_links(site, tmp_path)
    text = "\n".join(problems)
    assert "missing/ (linked from" in text, text
    assert "other/#nowhere" in text and "Anchor `nowhere' (decoded: `nowhere') not found" in text, text
    assert "#top (on its own page)" in text, text
    assert "missing/?view=projector (linked from" in text, text
    assert "example.invalid" not in text, text  # external: syntax only, never fetched
    assert "other/#there" not in text, text
    assert len(problems) == 4, text


# ---------------------------------------------------------------------------------------------------------------
# Lighthouse

LIGHTHOUSE_PAGES = {"home": "", "model": "models/gpt-3/", "comparison table": "models/"}
LIGHTHOUSE_GATED = ("accessibility", "best-practices", "seo")
CHROME_FLAGS = ("--headless=new --no-sandbox --disable-gpu --disable-background-networking"
                " --disable-component-update")


def run_lighthouse(url: str, output: Path, categories=(*LIGHTHOUSE_GATED, "performance")) -> dict:
    if not LIGHTHOUSE.exists():
        pytest.fail(f"{LIGHTHOUSE.relative_to(ROOT)} is missing: run `npm ci` (or `make test`)")
    result = subprocess.run([str(LIGHTHOUSE), url, "--output=json", f"--output-path={output}",
                             f"--only-categories={','.join(categories)}",
                             f"--chrome-flags={CHROME_FLAGS}", "--quiet"],
                            capture_output=True, text=True, timeout=300, env={**os.environ, "CHROME_PATH": CHROMIUM})
    assert result.returncode == 0 and output.is_file(), result.stdout[-2000:] + result.stderr[-3000:]
    report = json.loads(output.read_text(encoding="utf-8"))
    assert not report.get("runtimeError"), report["runtimeError"]
    return report


def failing_audits(report: dict, categories=LIGHTHOUSE_GATED) -> list[str]:
    failing = []
    for name in categories:
        for ref in report["categories"][name]["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref.get("weight", 0) > 0 and audit.get("score") is not None and audit["score"] < 1:
                failing.append(f"{name}: {audit['id']} ({audit['title']}): {audit['score']}")
    return failing


@pytest.mark.browser
def test_lighthouse_scores(site_url, tmp_path):
    """Accessibility, best practices and SEO at 0.95 or more on three pages; performance is printed only (a
    throttled mobile run on a 2-core machine measures the machine as much as the site)."""
    low = []
    for kind, path in LIGHTHOUSE_PAGES.items():
        started = time.monotonic()
        report = run_lighthouse(site_url + path, tmp_path / f"{kind.replace(' ', '-')}.json")
        scores = {name: category["score"] for name, category in report["categories"].items()}
        print(f"Lighthouse /{path} in {time.monotonic() - started:.0f} s: {scores}")
        assert urlsplit(report["finalDisplayedUrl"]).hostname == "127.0.0.1", report["finalDisplayedUrl"]
        for name in LIGHTHOUSE_GATED:
            if scores[name] is None or scores[name] < 0.95:
                low.append(f"/{path} {name} {scores[name]}")
        if any(scores[name] is None or scores[name] < 0.95 for name in LIGHTHOUSE_GATED):
            low += [f"    /{path} {line}" for line in failing_audits(report)]
    assert low == [], "Lighthouse scores below 0.95:\n" + "\n".join(low)


@pytest.mark.browser
def test_lighthouse_reports_a_bad_page(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    # No lang, no title, no description, an image without alt text, an unlabelled button, zooming disabled.
    (site / "index.html").write_text(
        '<!doctype html><html><head><meta name="viewport" content="width=device-width, user-scalable=no">'
        '</head><body><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" width="10" height="10">'
        '<button></button><a href="#">click here</a></body></html>', encoding="utf-8")
    with serve(site) as url:
        report = run_lighthouse(url, tmp_path / "bad.json", categories=("accessibility", "seo"))
    failing = "\n".join(failing_audits(report, categories=("accessibility", "seo")))
    for audit in ("image-alt", "button-name", "html-has-lang", "document-title", "meta-description"):
        assert f": {audit} (" in failing, failing
    assert report["categories"]["accessibility"]["score"] < 0.95
