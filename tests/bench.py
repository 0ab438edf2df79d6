"""Build-cost report (`make bench`): the Atlas against MkDocs + Material on the same pages as plain Markdown.

Four builds, each in a temporary copy of the project:
  atlas x1    the real catalog, built as the site is built (macros, hooks, generated pages);
  atlas x10   a catalog ten times larger, made by cloning every model and paper nine times under new ids;
  plain x1    the same pages as the Atlas x1, pre-rendered to Markdown files in docs/, with no macros and no hooks;
  plain x10   likewise for the x10 catalog.
For each: seconds per page, median and largest page size, and the search index size. The report is printed and
written to .bench/report.md. It is a measurement, not a test: nothing here passes or fails.
"""

from __future__ import annotations

import functools
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import jinja2
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import epoch  # noqa: E402  (tests/ is this script's folder)
from conftest import copy_project  # noqa: E402
from macros import publish  # noqa: E402
from macros.core import catalog as catalog_module  # noqa: E402
from macros.core import kinds  # noqa: E402
from macros.publish import pages  # noqa: E402

COPIES = 10


def multiply(project: Path, copies: int) -> None:
    """Clone every entry (copies - 1) times with new ids, names, URLs and arXiv ids, keeping it all valid."""
    data = project / "data"
    taken = {yaml.safe_load(path.read_text(encoding="utf-8")).get("arxiv") for path in (data / "papers").glob("*.yaml")}
    for kind in ("models", "papers", "concepts", "resources", "benchmarks"):
        for path in sorted((data / kind).glob("*.yaml")):
            entry = yaml.safe_load(path.read_text(encoding="utf-8"))
            for n in range(1, copies):
                clone = dict(entry)
                if kind == "models":
                    # Each copy introduces the copy of its paper, so every copied paper of kind model is used.
                    clone.update(name=f"{entry['name']} (copy {n})", other_names=[],
                                 papers=[f"{paper}-copy-{n}" for paper in entry.get("papers", [])])
                elif kind == "papers":
                    clone["title"] = f"{entry['title']} (copy {n})"
                    if "arxiv" in entry:  # a free number in the same month, so no copy takes a real paper's id
                        year, number = entry["arxiv"].split(".")
                        step = int(number)
                        while f"{year}.{step:0{len(number)}d}" in taken:
                            step = (step + 7) % 10**len(number)
                        clone["arxiv"] = f"{year}.{step:0{len(number)}d}"
                        taken.add(clone["arxiv"])
                elif kind == "concepts":
                    clone["name"] = f"{entry['name']} (copy {n})"
                    clone["other_names"] = [f"{name} (copy {n})" for name in entry.get("other_names", [])]
                elif kind == "resources":
                    clone["url"] = f"{entry['url']}#copy-{n}"
                text = yaml.safe_dump(clone, sort_keys=False, allow_unicode=True, width=120)
                (data / kind / f"{path.stem}-copy-{n}.yaml").write_text(text, encoding="utf-8")


def write_plain(project: Path) -> None:
    """Turn the project into plain MkDocs + Material: every generated page pre-rendered into docs/ as Markdown."""
    catalog, problems = catalog_module.load_catalog(project)
    assert not problems, problems[:5]
    docs = project / "docs"
    for page in pages.generated_pages(catalog, "https://atlas.example/"):
        (docs / page.src_uri).parent.mkdir(parents=True, exist_ok=True)
        (docs / page.src_uri).write_text(page.markdown, encoding="utf-8")
    for path in docs.rglob("*.md"):  # hand-written pages that call macros: render the calls into the Markdown
        text = path.read_text(encoding="utf-8")
        if "render_macros: true" in text:
            root = kinds.root_of(path.relative_to(docs).as_posix().removesuffix("index.md").removesuffix(".md") +
                                  ("" if path.name == "index.md" else "/"))
            macros = {name: functools.partial(function, catalog, root)
                      for name, function in publish.macros("https://atlas.example/").items()}
            text = jinja2.Template(text).render(**macros).replace("render_macros: true\n", "")
            path.write_text(text, encoding="utf-8")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"  - macros:\n(      .*\n)+", "", config)
    config = re.sub(r"hooks:\n  - macros/hooks.py\n", "", config).replace("  - macros\n", "")
    config += "not_in_nav: |\n" + "".join(f"  /{kind.folder}/*.md\n" for kind in kinds.PAGE_KINDS.values())
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    # The Python goes; the scaffold templates stay, since docs/contributing.md includes them as snippets.
    for path in (project / "macros").rglob("*"):
        if path.is_file() and "scaffold" not in path.relative_to(project / "macros").parts:
            path.unlink()


def _search_kb(site: Path) -> float:
    bundles = [path for path in site.glob("pagefind*") if path.is_dir()]  # pagefind/, and pagefind-2/ … when split
    if bundles:
        return sum(path.stat().st_size for b in bundles for path in b.rglob("*") if path.is_file()) / 1024
    return (site / "search" / "search_index.json").stat().st_size / 1024


def _run(command: list, project: Path, env: dict) -> tuple[float, float]:
    """Run a child process: (wall-clock seconds, its peak resident memory in GB)."""
    log = project / "build.log"
    start = time.perf_counter()
    with log.open("a") as out:
        child = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, env=env, cwd=project)
        _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"{command[2]} failed in {project}:\n{log.read_text()[-5000:]}")
    return seconds, usage.ru_maxrss / 2**20  # Linux reports kilobytes


def _timed_build(project: Path, site: Path) -> tuple[float, float, float]:
    """Build with MkDocs, then index the site for search, each in its own child process, as `make build` does in
    one: (seconds of both, peak memory of the site build in GB, peak memory of the search indexer in GB)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    seconds, build_gb = _run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f",
                              str(project / "mkdocs.yml"), "-d", str(site)], project,
                             {**env, "ATLAS_SEARCH_INDEX": "later"})
    search_gb = 0.0
    if (project / "macros" / "hooks.py").is_file():  # the plain baseline builds Material's own index in-process
        index_seconds, search_gb = _run([sys.executable, "-c", "import sys; from pathlib import Path;"
                                         " from macros.publish import search; search.index_site(Path(sys.argv[1]))",
                                         str(site)], project, env)
        seconds += index_seconds
    return seconds, build_gb, search_gb


def _search_query_kb(site: Path) -> float:
    """An upper bound of what one search downloads before its first results: Pagefind's script and the list of
    parts, then for every part of the index its entry file, metadata and WebAssembly and its two largest word-index
    chunks (a two-word query), and the 30 largest fragments of all (the search worker reads the first 30 results to
    rank exact name matches first)."""
    if not (site / "pagefind").is_dir():
        return (site / "search" / "search_index.json").stat().st_size / 1024
    total, fragments = 0, []
    for bundle in (path for path in site.glob("pagefind*") if path.is_dir()):
        total += sum(p.stat().st_size for p in bundle.iterdir() if p.is_file() and (
            p.name in ("pagefind.js", "pagefind-entry.json", "atlas-bundles.json") or p.suffix == ".pf_meta"
            or p.name == "wasm.en.pagefind"))
        total += sum(sorted((p.stat().st_size for p in (bundle / "index").glob("*")), reverse=True)[:2])
        fragments += [p.stat().st_size for p in (bundle / "fragment").glob("*")]
    return (total + sum(sorted(fragments, reverse=True)[:30])) / 1024


def build(project: Path) -> dict:
    site = project / "site"
    seconds, peak_gb, search_gb = _timed_build(project, site)
    html = [p for p in site.rglob("*.html") if p.name != "404.html"]
    sizes = [p.stat().st_size for p in html]
    largest = max(html, key=lambda p: p.stat().st_size)
    return {
        "pages": len(sizes),
        "seconds": seconds,
        "ms_per_page": 1000 * seconds / len(sizes),
        "median_kb": statistics.median(sizes) / 1024,
        "largest_kb": max(sizes) / 1024,
        # The Atlas's search is Pagefind's chunked index (a query fetches a few chunks); plain Markdown's is Material's
        # one JSON file, which every search downloads whole.
        "search_kb": _search_kb(site),
        "query_kb": _search_query_kb(site),
        "peak_gb": peak_gb,
        "search_gb": search_gb,
        "largest_page": "/" + largest.parent.relative_to(site).as_posix().strip(".") + "/",
        "models": len(list((project / "data" / "models").glob("*.yaml"))),
        "site_mb": sum(p.stat().st_size for p in site.rglob("*") if p.is_file()) / 2**20,
    }


def live_edit_seconds(project: Path, model: str = "bert") -> float | None:
    """Under `mkdocs serve`, the seconds from saving a change to one model's YAML to the served page showing it."""
    import socket
    import urllib.request

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true",
           "SITE_URL": f"http://127.0.0.1:{port}/"}  # as `make serve` sets it: pages served from the root
    log = (project / "serve.log").open("w")
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--strict", "--dirty", "--livereload", "-f",
                               str(project / "mkdocs.yml"), "--dev-addr", f"127.0.0.1:{port}"],
                              stdout=log, stderr=subprocess.STDOUT, env=env, cwd=project)
    url = f"http://127.0.0.1:{port}/models/{model}/"

    def page() -> str:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.read().decode("utf-8", "replace")
        except OSError:
            return ""

    try:
        deadline = time.monotonic() + 300
        while not page():
            if time.monotonic() > deadline or server.poll() is not None:
                return None
            time.sleep(0.2)
        path = project / "data" / "models" / f"{model}.yaml"
        marker = f"Edited-{time.time_ns()}"
        text = path.read_text(encoding="utf-8").replace("summary: >-\n", f"summary: >-\n  {marker}\n", 1)
        start = time.perf_counter()
        path.write_text(text, encoding="utf-8")
        while marker not in page():
            if time.perf_counter() - start > 120:
                return None
            time.sleep(0.05)
        return time.perf_counter() - start
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


def explorer_timings(site: Path) -> dict | None:
    """In Chromium: ms from navigation to a usable explorer on /models/, and for one filter keystroke to draw."""
    from conftest import CHROMIUM, CHROMIUM_ARGS, serve

    if not Path(CHROMIUM).exists():
        return None
    from playwright.sync_api import sync_playwright

    with serve(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        tab = browser.new_page()
        tab.goto(base + "models/")
        tab.wait_for_selector("[data-atlas-explorer][data-loaded]", timeout=120_000)
        usable = tab.evaluate("() => performance.now()")
        keystrokes = []
        for text in ("l", "ll", "lla", "llam", "llama"):
            keystrokes.append(tab.evaluate("""(text) => {
                const box = document.querySelector('input[name="q"]');
                const start = performance.now();
                box.value = text;
                box.dispatchEvent(new Event('input', {bubbles: true}));
                document.body.getBoundingClientRect();  // the layout of what was drawn counts too
                return performance.now() - start;
            }""", text))
        memory = tab.evaluate("() => performance.memory ? performance.memory.usedJSHeapSize : 0")
        browser.close()
    return {"usable_ms": usable, "keystroke_ms": max(keystrokes), "heap_mb": memory / 2**20}


LIGHTHOUSE_PAGES = ("", "models/", "models/llama-2/")  # the home page, the explorer and a model page (issue 13)


def lighthouse_scores(site: Path) -> dict | None:
    """Lighthouse performance (mobile, its default throttling) of a few pages, served gzip-compressed as any static
    host serves them. Needs the lighthouse command: `npm install lighthouse` somewhere and LIGHTHOUSE pointing at
    node_modules/.bin/lighthouse, or lighthouse on PATH. None when it is absent."""
    import json
    import shutil

    from conftest import CHROMIUM, serve

    command = os.environ.get("LIGHTHOUSE") or shutil.which("lighthouse")
    if not command or not Path(CHROMIUM).exists():
        return None
    scores = {}
    with serve(site, compress=True) as base, tempfile.TemporaryDirectory() as tmp:
        for page in LIGHTHOUSE_PAGES:
            out = Path(tmp) / "report.json"
            subprocess.run([command, base + page, "--quiet", "--only-categories=performance", "--output=json",
                            f"--output-path={out}", "--chrome-flags=--headless=new --no-sandbox"],
                           env={**os.environ, "CHROME_PATH": CHROMIUM}, capture_output=True, timeout=600)
            report = json.loads(out.read_text()) if out.is_file() else {}
            score = report.get("categories", {}).get("performance", {}).get("score")
            scores["/" + page] = score
    return scores


def _targets(rows: dict, big: str, extra: dict) -> list[tuple[str, str, bool | None]]:
    """The targets of issue 13, with what this run measured: a report, not a test (timings vary by machine)."""
    atlas1, atlas_big = rows["atlas x1"], rows[f"atlas {big}"]
    ratio1 = atlas1["ms_per_page"] / rows["plain x1"]["ms_per_page"]
    ratio_big = atlas_big["ms_per_page"] / rows[f"plain {big}"]["ms_per_page"]
    atlas_rows = {label: r for label, r in rows.items() if label.startswith("atlas")}
    largest_label, largest = max(atlas_rows.items(), key=lambda item: item[1]["largest_kb"])
    query = max(r["query_kb"] for r in atlas_rows.values())
    out = [
        ("build cost <= 1.10 x plain Markdown at x1", f"{ratio1:.2f}", ratio1 <= 1.10),
        (f"build cost <= 1.10 x plain Markdown at {big}", f"{ratio_big:.2f}", ratio_big <= 1.10),
        (f"cost per page at {big} <= at x1", f"{atlas_big['ms_per_page']:.1f} vs {atlas1['ms_per_page']:.1f} ms",
         atlas_big["ms_per_page"] <= atlas1["ms_per_page"]),
        ("no page over 300 KB (every Atlas build)",
         f"{largest['largest_kb']:.0f} KB ({largest['largest_page']}, {largest_label})", largest["largest_kb"] <= 300),
        (f"median page <= 40 KB at {big}", f"{atlas_big['median_kb']:.1f} KB", atlas_big["median_kb"] <= 40),
        ("a query downloads <= 1.5 MB of search index (every Atlas build, upper bound)", f"{query:.0f} KB",
         query <= 1536),
    ]
    if "live_edit_s" in extra:
        value = extra["live_edit_s"]
        out.append(("make serve shows a saved YAML edit in <= 3 s (x1)",
                    "not measured" if value is None else f"{value:.1f} s", None if value is None else value <= 3))
    epoch_big = rows.get("atlas epoch x7")
    if epoch_big:
        out.append(("epoch x7: cost per page <= atlas x1",
                    f"{epoch_big['ms_per_page']:.1f} vs {atlas1['ms_per_page']:.1f} ms",
                    epoch_big["ms_per_page"] <= atlas1["ms_per_page"]))
        out.append(("epoch x7: peak memory < 1 GB (site build)", f"{epoch_big['peak_gb']:.2f} GB",
                    epoch_big["peak_gb"] < 1))
        out.append(("epoch x7: peak memory < 1 GB (Pagefind indexing, a separate process)",
                    f"{epoch_big['search_gb']:.2f} GB", epoch_big["search_gb"] < 1))
    for page, score in (extra.get("lighthouse") or {}).items():
        out.append((f"Lighthouse performance >= 0.9 on {page} (mobile, served gzip-compressed)",
                    "not measured" if score is None else f"{score:.2f}", None if score is None else score >= 0.9))
    explorer = extra.get("explorer")
    if explorer:
        out.append(("explorer usable <= 1 s after load (all real rows, Chromium)", f"{explorer['usable_ms']:.0f} ms",
                    explorer["usable_ms"] <= 1000))
        out.append(("a filter keystroke redraws <= 100 ms (all real rows)", f"{explorer['keystroke_ms']:.0f} ms",
                    explorer["keystroke_ms"] <= 100))
    return out


def main(argv=None) -> int:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--copies", type=int, default=COPIES, help="size of the large catalog (default: 10)")
    parser.add_argument("--out", type=Path, default=ROOT / ".bench", help="folder of report.md")
    parser.add_argument("--quick", action="store_true", help="skip the Epoch AI scale run and the live-edit test")
    args = parser.parse_args(argv)
    big = f"x{args.copies}"
    rows, extra = {}, {}
    epoch_note = ""
    with tempfile.TemporaryDirectory(prefix="atlas-bench-") as tmp:
        plan = [("atlas x1", 1, False, False), (f"atlas {big}", args.copies, False, False),
                ("plain x1", 1, True, False), (f"plain {big}", args.copies, True, False)]
        if not args.quick and epoch.EPOCH_CSV.is_file():
            plan += [("atlas epoch", 1, False, True), ("atlas epoch x7", 7, False, True)]
        elif not args.quick:
            epoch_note = f"Epoch AI scale run skipped: {epoch.EPOCH_CSV} is absent."
        for label, copies, plain, with_epoch in plan:
            project = copy_project(Path(tmp) / label.replace(" ", "-"))
            if with_epoch:
                counts = epoch.convert(project)
                epoch_note = (f"Epoch AI's table: {counts['rows']} rows, {counts['converted']} converted into models"
                              f" (one variant each), {counts['dropped']} dropped (no full date, or a name the Atlas"
                              " refuses or already has).")
            if copies > 1:
                multiply(project, copies)
            if plain:
                write_plain(project)
            print(f"building {label} ...", flush=True)
            rows[label] = build(project)
            if label == "atlas x1":
                print("running Lighthouse ...", flush=True)
                extra["lighthouse"] = lighthouse_scores(project / "site")
                if extra["lighthouse"] is None:
                    extra["lighthouse_note"] = ("Lighthouse not run: set LIGHTHOUSE to a lighthouse command"
                                                " (npm install lighthouse) to measure the home, /models/ and a model"
                                                " page.")
            if label == "atlas epoch":
                print("timing the explorer in Chromium ...", flush=True)
                extra["explorer"] = explorer_timings(project / "site")
        if not args.quick:
            print("timing a live edit under mkdocs serve ...", flush=True)
            extra["live_edit_s"] = live_edit_seconds(copy_project(Path(tmp) / "serve"))
    header = ("| build | models | pages | seconds | ms per page | peak GB (build) | peak GB (search index) |"
              " median page KB | largest page KB | search index KB (all) | one query KB (max) | site MB |")
    lines = [header, "|" + " --- |" * 12]
    for label, r in rows.items():
        lines.append(f"| {label} | {r['models']} | {r['pages']} | {r['seconds']:.1f} | {r['ms_per_page']:.1f} |"
                     f" {r['peak_gb']:.2f} | {r['search_gb']:.2f} | {r['median_kb']:.1f} |"
                     f" {r['largest_kb']:.1f} ({r['largest_page']}) |"
                     f" {r['search_kb']:.0f} | {r['query_kb']:.0f} | {r['site_mb']:.1f} |")
    per_page = {k: v["ms_per_page"] for k, v in rows.items()}
    lines += ["",
              f"Atlas vs plain Markdown, per page: x1 {per_page['atlas x1'] / per_page['plain x1']:.2f}, "
              f"{big} {per_page[f'atlas {big}'] / per_page[f'plain {big}']:.2f} (1.00 = same cost).",
              f"Atlas {big} vs x1, per page: {per_page[f'atlas {big}'] / per_page['atlas x1']:.2f} "
              "(at most 1.00 means the cost per page does not grow with the catalog).",
              f"Machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}; wall-clock times of one build each."]
    if epoch_note:
        lines.append(epoch_note)
    if extra.get("lighthouse_note"):
        lines.append(extra["lighthouse_note"])
    if extra.get("explorer"):
        e = extra["explorer"]
        lines.append(f"Explorer with all real rows (Chromium): usable {e['usable_ms']:.0f} ms after navigation;"
                     f" slowest of five keystrokes {e['keystroke_ms']:.1f} ms; JS heap {e['heap_mb']:.0f} MB.")
    lines += ["", "| target (issue 13) | measured | met |", "| --- | --- | --- |"]
    for label, measured, met in _targets(rows, big, extra):
        lines.append(f"| {label} | {measured} | {'-' if met is None else 'yes' if met else 'no'} |")
    report = "\n".join(lines) + "\n"
    out = args.out
    out.mkdir(parents=True, exist_ok=True)
    (out / "report.md").write_text(report, encoding="utf-8")
    print(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
