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
import sys
import tempfile
import time
from pathlib import Path

import jinja2
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from conftest import copy_project, mkdocs_build  # noqa: E402  (tests/ is this script's folder)
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
    pagefind = site / "pagefind"
    if pagefind.is_dir():
        return sum(path.stat().st_size for path in pagefind.rglob("*") if path.is_file()) / 1024
    return (site / "search" / "search_index.json").stat().st_size / 1024


def build(project: Path) -> dict:
    site = project / "site"
    start = time.perf_counter()
    result = mkdocs_build(project, site)
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"build failed in {project}:\n{result.stdout}{result.stderr}")
    sizes = [p.stat().st_size for p in site.rglob("*.html") if p.name != "404.html"]
    return {
        "pages": len(sizes),
        "seconds": seconds,
        "ms_per_page": 1000 * seconds / len(sizes),
        "median_kb": statistics.median(sizes) / 1024,
        "largest_kb": max(sizes) / 1024,
        # The Atlas's search is Pagefind's chunked index (a query fetches a few chunks); plain Markdown's is Material's
        # one JSON file, which every search downloads whole.
        "search_kb": _search_kb(site),
        "site_mb": sum(p.stat().st_size for p in site.rglob("*") if p.is_file()) / 2**20,
    }


def _targets(rows: dict, big: str) -> list[tuple[str, str, bool]]:
    """The build targets, with what this run measured: a report, not a test (timings vary with the machine)."""
    atlas1, atlas_big = rows["atlas x1"], rows[f"atlas {big}"]
    ratio1 = atlas1["ms_per_page"] / rows["plain x1"]["ms_per_page"]
    ratio_big = atlas_big["ms_per_page"] / rows[f"plain {big}"]["ms_per_page"]
    largest = max(atlas1["largest_kb"], atlas_big["largest_kb"])
    return [
        ("build cost <= 1.10 x plain Markdown at x1", f"{ratio1:.2f}", ratio1 <= 1.10),
        (f"build cost <= 1.10 x plain Markdown at {big}", f"{ratio_big:.2f}", ratio_big <= 1.10),
        (f"cost per page at {big} <= at x1", f"{atlas_big['ms_per_page']:.1f} vs {atlas1['ms_per_page']:.1f} ms",
         atlas_big["ms_per_page"] <= atlas1["ms_per_page"]),
        ("no page over 300 KB", f"{largest:.0f} KB", largest <= 300),
        ("median page <= 40 KB", f"{atlas_big['median_kb']:.1f} KB", atlas_big["median_kb"] <= 40),
    ]


def main(argv=None) -> int:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--copies", type=int, default=COPIES, help="size of the large catalog (default: 10)")
    parser.add_argument("--out", type=Path, default=ROOT / ".bench", help="folder of report.md")
    args = parser.parse_args(argv)
    big = f"x{args.copies}"
    rows = {}
    with tempfile.TemporaryDirectory(prefix="atlas-bench-") as tmp:
        for label, copies, plain in (("atlas x1", 1, False), (f"atlas {big}", args.copies, False),
                                     ("plain x1", 1, True), (f"plain {big}", args.copies, True)):
            project = copy_project(Path(tmp) / label.replace(" ", "-"))
            if copies > 1:
                multiply(project, copies)
            if plain:
                write_plain(project)
            print(f"building {label} ...", flush=True)
            rows[label] = build(project)
    header = "| build | pages | seconds | ms per page | median page KB | largest page KB | search index KB (all) | site MB |"
    lines = [header, "|" + " --- |" * 8]
    for label, r in rows.items():
        lines.append(f"| {label} | {r['pages']} | {r['seconds']:.1f} | {r['ms_per_page']:.1f} | {r['median_kb']:.1f}"
                     f" | {r['largest_kb']:.1f} | {r['search_kb']:.0f} | {r['site_mb']:.1f} |")
    per_page = {k: v["ms_per_page"] for k, v in rows.items()}
    lines += ["",
              f"Atlas vs plain Markdown, per page: x1 {per_page['atlas x1'] / per_page['plain x1']:.2f}, "
              f"{big} {per_page[f'atlas {big}'] / per_page[f'plain {big}']:.2f} (1.00 = same cost).",
              f"Atlas {big} vs x1, per page: {per_page[f'atlas {big}'] / per_page['atlas x1']:.2f} "
              "(at most 1.00 means the cost per page does not grow with the catalog).",
              f"Machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}; wall-clock times of one build each."]
    lines += ["", "| target (issue 13) | measured | met |", "| --- | --- | --- |"]
    for label, measured, met in _targets(rows, big):
        lines.append(f"| {label} | {measured} | {'yes' if met else 'no'} |")
    report = "\n".join(lines) + "\n"
    out = args.out
    out.mkdir(parents=True, exist_ok=True)
    (out / "report.md").write_text(report, encoding="utf-8")
    print(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
