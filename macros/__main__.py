"""Command line for the core.

  python -m macros check    validate data/ (every problem, as file:line: field: message)
  python -m macros schema   rewrite data/schema/*.json from macros/core/schema.py
  python -m macros urls     add the addresses of a built site/ to the URL manifest (never removes one)
  python -m macros new KIND ID   start data/<kinds>/<ID>.yaml from the commented template (model, paper, ...)
  python -m macros codes    rewrite the table of problem codes in CONTRIBUTING.md from macros/core/problems.py
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from . import scaffold
from .core import catalog, schema
from .core.problems import CODES, codes_table
from .publish import urls


def write_schemas(root: Path) -> list[Path]:
    out_dir = root / "data" / "schema"
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, content in schema.json_schemas().items():
        path = out_dir / name
        path.write_text(json.dumps(content, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        written.append(path)
    return written


def new_entry(root: Path, kind: str, entry_id: str) -> int:
    try:
        path = scaffold.new_entry(root, kind, entry_id)
    except scaffold.ScaffoldError as error:
        print(f"make new-{kind}: {error}", file=sys.stderr)
        return 1
    shown = path.relative_to(root).as_posix()
    print(f"Created {shown}. Next:\n"
          f"  1. replace every TODO in {shown} (the comments say what goes where; a source for every number);\n"
          f"  2. make check   (names the file, line and field of anything still wrong);\n"
          f"  3. make serve   (preview at http://127.0.0.1:8000/), then make test and make urls;\n"
          f"  4. commit, push and open a pull request: see CONTRIBUTING.md.")
    return 0


CODES_START = "<!-- codes: written by `python -m macros codes` from macros/core/problems.py; do not edit by hand -->"
CODES_END = "<!-- codes: end -->"


def contributing_with_codes(text: str) -> str:
    """CONTRIBUTING.md's text with the table of problem codes between its two markers rewritten."""
    start, end = text.index(CODES_START) + len(CODES_START), text.index(CODES_END)
    return text[:start] + "\n\n" + codes_table() + "\n" + text[end:]


def update_manifest(root: Path, site: Path) -> int:
    if not (site / "index.html").is_file():
        print(f"{site} holds no built site: run `make build` first", file=sys.stderr)
        return 1
    manifest = root / urls.MANIFEST
    known = urls.read_manifest(manifest)
    new = sorted(set(urls.published_urls(site)) - set(known))
    urls.write_manifest(manifest, known + new)
    print(f"{urls.MANIFEST}: {len(new)} new address{'es' if len(new) != 1 else ''}, {len(known) + len(new)} in all")
    return 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m macros", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=("check", "schema", "urls", "new", "codes"))
    parser.add_argument("kind", nargs="?", help="for `new`: " + ", ".join(scaffold.FOLDERS))
    parser.add_argument("id", nargs="?", default="", help="for `new`: the new entry's id")
    parser.add_argument("--root", type=Path, default=catalog.project_root(), help="repository root")
    parser.add_argument("--site", type=Path, default=None, help="built site for `urls` (default: <root>/site)")
    args = parser.parse_args(argv)
    if args.command == "new":
        return new_entry(args.root, args.kind, args.id)
    if args.command == "urls":
        return update_manifest(args.root, args.site or args.root / "site")
    if args.command == "codes":
        path = args.root / "CONTRIBUTING.md"
        path.write_text(contributing_with_codes(path.read_text(encoding="utf-8")), encoding="utf-8")
        print(f"wrote the {len(CODES)} problem codes into CONTRIBUTING.md")
        return 0
    if args.command == "schema":
        for path in write_schemas(args.root):
            print(f"wrote {path.relative_to(args.root)}")
        return 0
    result, problems = catalog.load_catalog(args.root)
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f"{catalog.problems_heading(problems)}.", file=sys.stderr)
        return 1
    rows = sum(len(row["scores"]) for table in result.benchmarks.values() for row in table["rows"])
    print(f"data/ is valid: {len(result.models)} models "
          f"({sum(len(m['variants']) for m in result.models.values())} variants), {len(result.papers)} papers, "
          f"{len(result.concepts)} concepts, {len(result.resources)} resources, {len(result.benchmarks)} benchmark"
          f" tables ({rows} scores), {len(result.families)} families, {len(result.organizations)} organizations,"
          f" {len(result.exclusions)} excluded titles.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
