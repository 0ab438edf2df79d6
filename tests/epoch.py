"""Epoch AI's public model table as Atlas entries, for the scale run of `make bench` (not part of the Atlas).

Epoch AI publishes a table of about 2,200 notable AI models (CC BY 4.0): name, organization, date, parameters,
training data size and a link, but no architecture. `convert` turns each row into one Atlas model with one variant,
so the build can be measured with real names, dates and sizes at ten and seventy times the shipped catalog. Rows the
Atlas would refuse (an unsafe name, a name that looks like an existing model's, a future date) are dropped, and the
report says how many. The table lives outside the project (`../shared/external/epoch-ai/`): without it the bench
skips these builds.
"""

from __future__ import annotations

import csv
import os
import re
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from macros.core import catalog as catalog_module  # noqa: E402

# Beside the project (../shared/), unless EPOCH_AI_CSV names another copy.
EPOCH_CSV = Path(os.environ.get("EPOCH_AI_CSV") or ROOT.parent / "shared" / "external" / "epoch-ai" / "all_ai_models.csv")
EPOCH_URL = "https://epoch.ai/data/ai-models"

# Epoch's domain -> (Atlas family, input modalities, output modalities)
DOMAINS = {
    "Language": ("gpt-t5-like", ["text"], ["text"]),
    "Vision": ("vision", ["image"], ["text"]),
    "Image generation": ("text-to-image", ["text"], ["image"]),
    "Video": ("video-generation", ["text"], ["video"]),
    "Speech": ("speech", ["audio"], ["text"]),
    "Audio": ("speech", ["audio"], ["text"]),
    "Multimodal": ("multimodal", ["text", "image"], ["text"]),
}


def slug(text: str) -> str:
    return re.sub(r"-+", "-", re.sub(r"[^a-z0-9]+", "-", text.lower())).strip("-")[:60].strip("-")


def _entry(row: dict, orgs: list[str]) -> dict | None:
    name = " ".join(row["Model"].split())
    date = row["Publication date"].strip()
    if not name or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", date):
        return None
    domain = next((d.strip() for d in row["Domain"].split(",") if d.strip() in DOMAINS), "Language")
    family, inputs, outputs = DOMAINS[domain]
    link = row["Link"].strip().split(",")[0].strip()
    source = {"id": "epoch", "url": link if re.fullmatch(r"https?://[^\s\"'<>]+", link) else EPOCH_URL,
              "kind": "other"}
    variant: dict = {"id": "main", "name": name, "source": "epoch"}
    try:
        params = int(float(row["Parameters"]))
        if 0 < params <= 10**15:
            variant["params"] = params
    except ValueError:
        pass
    accessibility = row["Model accessibility"].lower()
    return {
        "name": name,
        "families": [family],
        "organizations": orgs,
        "date": date,
        "architecture": "other",
        "architecture_note": "Epoch AI's table records no architecture.",
        "modalities": {"input": inputs, "output": outputs},
        "license": "other",
        "open_weights": accessibility.startswith("open weights"),
        "summary": f"{name}, as listed in Epoch AI's public table of AI models; imported for a scale test.",
        "sources": [source],
        "variants": [variant],
        "date_added": "2026-12-05",
    }


def convert(project: Path, csv_path: Path = EPOCH_CSV, rounds: int = 4) -> dict:
    """Add every convertible row of Epoch AI's table to `project`'s data. Returns counts for the report."""
    data = project / "data"
    org_file = data / "organizations.yaml"
    organizations = yaml.safe_load(org_file.read_text(encoding="utf-8"))
    by_name = {o["name"].casefold(): o["id"] for o in organizations}
    known_ids = {o["id"] for o in organizations}
    new_orgs = []
    rows = list(csv.DictReader(csv_path.open(encoding="utf-8")))
    written, taken = [], {p.stem for p in (data / "models").glob("*.yaml")}
    for row in rows:
        orgs = []
        for org_name in [o.strip() for o in row["Organization"].split(",") if o.strip()][:3]:
            org_id = by_name.get(org_name.casefold())
            if org_id is None:
                org_id = slug(org_name) or "org"
                while org_id in known_ids:
                    org_id += "-x"
                by_name[org_name.casefold()] = org_id
                known_ids.add(org_id)
                new_orgs.append({"id": org_id, "name": org_name, "kind": "company"})
            if org_id not in orgs:
                orgs.append(org_id)
        entry = _entry(row, orgs or ["epoch-unknown-org"])
        if entry is None:
            continue
        model_id = "epoch-" + (slug(entry["name"]) or "model")
        while model_id in taken:
            model_id += "-x"
        taken.add(model_id)
        path = data / "models" / f"{model_id}.yaml"
        path.write_text(yaml.safe_dump(entry, sort_keys=False, allow_unicode=True, width=120), encoding="utf-8")
        written.append(path)
    new_orgs.append({"id": "epoch-unknown-org", "name": "Organization not recorded by Epoch AI", "kind": "company"})
    with org_file.open("a", encoding="utf-8") as handle:
        handle.write("\n" + yaml.safe_dump(new_orgs, sort_keys=False, allow_unicode=True))
    # Drop what the Atlas refuses (each such file is named by the validator), until the catalog loads.
    dropped = 0
    for _ in range(rounds):
        _, problems = catalog_module.load_catalog(project)
        # A problem is in an imported file, or in a shipped one that names the import it clashes with.
        bad = {p.file for p in problems if p.file.startswith("data/models/epoch-")}
        bad |= {f"data/models/{m}.yaml" for p in problems for m in re.findall(r"'(epoch-[a-z0-9-]+)'", p.message)}
        bad = {file for file in bad if (project / file).is_file()}
        if not problems:
            break
        if not bad:
            raise SystemExit("the Epoch AI import broke the catalog:\n" + "\n".join(map(str, problems[:20])))
        for file in bad:
            (project / file).unlink()
        dropped += len(bad)
    return {"rows": len(rows), "converted": len(written) - dropped, "dropped": len(rows) - len(written) + dropped}


if __name__ == "__main__":
    from conftest import copy_project

    target = copy_project(Path(sys.argv[1]))
    print(convert(target))
