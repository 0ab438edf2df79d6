"""`make new-model ID=...` and friends: start a data file from the commented template of its kind.

The templates (macros/scaffold/<kind>.yaml) put TODO where a value is needed; the validator names each TODO that is
left, by file, line and field. The command refuses an id that is malformed, taken, or a former id of another entry,
because any of those would fail later with a less obvious message.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import yaml

from .core.kinds import DATA_DIRS, PAGE_KINDS
from .core.schema import SLUG

TEMPLATES = Path(__file__).parent / "scaffold"
TODAY_MARK = '"TODAY"'
PAPER_ID = re.compile(r"^[a-z0-9-]+-\d{4}-[a-z0-9-]+$")
FOLDERS = {kind: folder for folder, kind in DATA_DIRS.items() if kind in PAGE_KINDS}


class ScaffoldError(Exception):
    """A reason not to create the file, worded for the contributor."""


def _former_ids(path: Path) -> list:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError):
        return []  # a broken file is `make check`'s business, not a reason to refuse a new id
    aliases = data.get("aliases") if isinstance(data, dict) else None
    return aliases if isinstance(aliases, list) else []


def new_entry(root: Path, kind: str, entry_id: str, today: dt.date | None = None) -> Path:
    """Create data/<folder>/<entry_id>.yaml from the template of `kind`; return its path."""
    if kind not in FOLDERS:
        raise ScaffoldError(f"no template for {kind!r}: use one of {', '.join(FOLDERS)}")
    if not entry_id:
        raise ScaffoldError(f"give the new {kind}'s id, e.g. make new-{kind} ID=<id>")
    if not SLUG.fullmatch(entry_id):
        raise ScaffoldError(f"{entry_id!r} is not a valid id: use lowercase letters, digits and hyphens, starting "
                            "with a letter or digit (the id is the file name and the page address)")
    if kind == "paper" and not PAPER_ID.fullmatch(entry_id):
        raise ScaffoldError(f"{entry_id!r} does not follow <first-author>-<year>-<keyword>, e.g. devlin-2018-bert")
    folder = root / "data" / FOLDERS[kind]
    path = folder / f"{entry_id}.yaml"
    if path.exists():
        raise ScaffoldError(f"{kind} {entry_id!r} already exists: data/{FOLDERS[kind]}/{entry_id}.yaml")
    for other in sorted(folder.glob("*.yaml")):
        if entry_id in _former_ids(other):
            raise ScaffoldError(f"{entry_id!r} is a former id of {kind} {other.stem!r} (in its aliases), so its "
                                "address redirects there: choose another id")
    text = (TEMPLATES / f"{kind}.yaml").read_text(encoding="utf-8")
    folder.mkdir(parents=True, exist_ok=True)
    path.write_text(text.replace(TODAY_MARK, f'"{(today or dt.date.today()).isoformat()}"'), encoding="utf-8")
    return path
