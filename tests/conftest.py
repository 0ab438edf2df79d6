"""Shared fixtures: a tiny valid catalog to break in one place at a time, one strict build of the real site,
a local HTTP server for it, and Debian's Chromium driven by Playwright."""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import gzip
import http.server
import io
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 11, 22)
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]

# A minimal valid catalog. Tests replace one file's text to introduce exactly one mistake.
MINI = {
    "organizations.yaml": """\
- id: lab
  name: Example Lab
  kind: research-lab
- id: uni
  name: Example University
  kind: university
""",
    "families/enc.yaml": """\
name: Encoders
order: 1
architecture: encoder
description: Models that read the whole input at once.
date_added: "2020-06-01"
""",
    "papers/doe-2020-tiny.yaml": """\
title: "Tiny: A Small Encoder"
authors: [Jane Doe]
organizations: [lab]
date: "2020-05-01"
arxiv: "2005.00001"
url: https://arxiv.org/abs/2005.00001
summary: A made-up paper used by the tests.
kind: model
topics: [pretraining, efficiency]
date_added: "2020-06-01"
""",
    "models/tiny.yaml": """\
name: Tiny
other_names: [TinyNet]
families: [enc]
organizations: [lab, uni]
date: "2020-05"
architecture: encoder
modalities:
  input: [text]
  output: [embedding]
papers: [doe-2020-tiny]
license: MIT
open_weights: true
summary: A made-up encoder. It exists so the tests have something to break.
sources:
  - id: paper
    paper: doe-2020-tiny
    locator: Table 1
  - id: config
    url: https://example.org/tiny/config.json
    kind: config
variants:
  - id: tiny-base
    name: Tiny-Base
    source: paper
    params: 110000000
    layers: 12
    d_model: 768
    heads: 12
    d_head: 64
    vocab_size:
      value: 30522
      source: config
  - id: tiny-large
    name: Tiny-Large
    source: paper
    params: 340000000
    layers: 24
    d_model: 1024
    heads: 16
    training_tokens:
      value: 128000000000
      estimated: true
      note: steps x batch x length
concepts: [masked-lm]
date_added: "2020-06-01"
""",
    "concepts/masked-lm.yaml": """\
name: Masked language modelling
other_names: [MLM]
category: objective
summary: Hide some tokens and train the model to guess them.
description: >-
  A share of the input tokens is replaced by a mask symbol.

  The model sees both sides of each gap.
papers: [doe-2020-tiny]
date_added: "2020-06-01"
""",
    "resources/tiny-explained.yaml": """\
title: Tiny, explained
url: https://example.org/tiny-explained
kind: article
authors: [Sam Writer]
concepts: [masked-lm]
models: [tiny]
""",
    "benchmarks/tiny-glue.yaml": """\
title: Tiny on two tasks
paper: doe-2020-tiny
locator: Table 3
description: Accuracy on two made-up tasks.
metrics:
  - id: task-a
    name: Task A
    unit: accuracy (%)
  - id: loss
    name: Loss
    unit: nats
    higher_is_better: false
rows:
  - label: Tiny-Base
    model: tiny
    variant: tiny-base
    scores: {task-a: 81.5, loss: 2.1}
  - label: Other model
    scores: {task-a: 79, loss: 1.9}
""",
    "excluded-papers.yaml": """\
- title: Giant Planets Around Small Stars
  seed: "004"
  reason: Astronomy, not machine learning.
""",
}


def write_catalog(root: Path, overrides: dict | None = None) -> Path:
    """Write MINI (with some files replaced, or removed when the new text is None) under root/data."""
    files = {**MINI, **(overrides or {})}
    for rel, text in files.items():
        path = root / "data" / rel
        if text is None:
            path.unlink(missing_ok=True)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


# `make test-fast` leaves out the tests marked slow: those that build a whole site (about 7 s each on 2 cores),
# drive Chromium, or run the external validators. They are marked here by the fixtures they use, so a new test
# that builds a site is slow without anyone remembering to say so.
SITE_FIXTURES = {"built_site", "site_url", "page", "browser", "hostile_site", "site_with_a_new_field", "contribution",
                 "renamed_site"}
SLOW_MODULES = {"test_site_quality", "test_accessibility", "test_reproducible", "test_bench", "test_serve"}


def pytest_collection_modifyitems(config, items):
    for item in items:
        if (SITE_FIXTURES & set(getattr(item, "fixturenames", ())) or item.get_closest_marker("browser")
                or item.module.__name__ in SLOW_MODULES):
            item.add_marker(pytest.mark.slow)


def edit(rel: str, old: str, new: str) -> dict:
    """An override of one MINI file with `old` replaced by `new` (which must occur exactly once)."""
    text = MINI[rel]
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {rel}"
    return {rel: text.replace(old, new)}


def assert_local_and_clean(page):
    """The page asked nothing of another host and logged no error (see the `page` fixture)."""
    assert page.hosts == {"127.0.0.1"}, f"requests left 127.0.0.1: {sorted(map(str, page.hosts))}"
    assert page.console_errors == []


def entry_ids(folder: str) -> list[str]:
    """The ids of data/<folder>/, read from the file names: safe to parametrize with, whatever the files hold."""
    return sorted(path.stem for path in (ROOT / "data" / folder).glob("*.yaml"))


@pytest.fixture(scope="session")
def real_catalog():
    """The catalog of data/, loaded once. A data problem fails the tests that need the catalog, each naming it;
    it never stops collection, so test_data.py still runs and lists every problem."""
    from macros.core.catalog import load_catalog

    catalog, problems = load_catalog(ROOT)
    if problems:
        pytest.fail("data/ has problems (run `make check`):\n" + "\n".join(map(str, problems[:20])))
    return catalog


@pytest.fixture
def mini(tmp_path):
    """Build a mini catalog with overrides and return (catalog, problems as strings)."""
    from macros.core.catalog import load_catalog

    def load(overrides=None, extra=None):
        write_catalog(tmp_path, overrides)
        for rel, text in (extra or {}).items():
            path = tmp_path / "data" / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        catalog, problems = load_catalog(tmp_path, today=TODAY)
        # Messages without their code: the codes are asserted by the adversarial corpus (test_adversarial.py).
        return catalog, [str(p).rsplit(" [", 1)[0] for p in problems]

    return load


@pytest.fixture
def catalog(mini):
    """Build a mini catalog that must be valid, and return it."""
    def build(overrides=None, extra=None):
        result, problems = mini(overrides, extra)
        assert problems == []
        return result
    return build


def mkdocs_build(project: Path, site_dir: Path, **env_vars: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true", **env_vars}
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f",
                           str(project / "mkdocs.yml"), "-d", str(site_dir)],
                          capture_output=True, text=True, env=env, cwd=project)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("site")
    result = mkdocs_build(ROOT, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class _CompressingHandler(_QuietHandler):
    """Sends each file gzip-compressed when the browser accepts it, as static hosts do (GitHub Pages, Netlify)."""

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if "gzip" not in self.headers.get("Accept-Encoding", "") or not path.is_file():
            return super().send_head()
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


@contextlib.contextmanager
def serve(directory: Path, compress: bool = False):
    """Serve a built site on 127.0.0.1 for the browser; yields its base URL."""
    handler = functools.partial(_CompressingHandler if compress else _QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


@pytest.fixture(scope="session")
def site_url(built_site):
    with serve(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser, site_url):
    """A fresh page that records every request's host and every console error."""
    from urllib.parse import urlsplit

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.hosts = set()
    tab.console_errors = []
    tab.on("request", lambda request: tab.hosts.add(urlsplit(request.url).hostname))
    tab.on("console", lambda message: message.type == "error" and tab.console_errors.append(message.text))
    tab.on("pageerror", lambda error: tab.console_errors.append(str(error)))
    yield tab
    context.close()


def copy_project(destination: Path) -> Path:
    """A copy of the repository's sources (not .venv, not site/) for tests that must change them."""
    destination.mkdir(parents=True, exist_ok=True)
    for name in ("mkdocs.yml", "docs", "data", "macros", "overrides", "CONTRIBUTING.md", "Makefile",
                 "requirements.lock"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, destination / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, destination / name)
    return destination
