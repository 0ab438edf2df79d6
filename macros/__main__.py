"""Command line: `python -m macros check` validates data/; `python -m macros schema` rewrites data/schema/."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from . import catalog, schema


def write_schemas(root: Path) -> list[Path]:
    out_dir = root / "data" / "schema"
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, content in schema.json_schemas().items():
        path = out_dir / name
        path.write_text(json.dumps(content, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        written.append(path)
    return written


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m macros", description=__doc__)
    parser.add_argument("command", choices=("check", "schema"))
    parser.add_argument("--root", type=Path, default=catalog.project_root(), help="repository root")
    args = parser.parse_args(argv)
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
