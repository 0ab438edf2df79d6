"""Finding the files of data/: every path is seen, none is followed.

A symlink, a folder where an entry belongs or a special file is listed here so that the loader can refuse it;
nothing outside the repository is ever opened.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from .kinds import DATA_DIRS, GENERATED_IDS


def data_paths(root: Path) -> list[tuple[Path, os.stat_result]]:
    """Every path under data/ except folders, with its lstat: symlinks are listed, never followed, so a link to a
    file outside the repository (or to a folder, or a broken one) is seen and refused rather than read or skipped."""
    out = []
    pending = [Path(root) / "data"]
    while pending:
        folder = pending.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                info = entry.stat(follow_symlinks=False)
                if stat.S_ISDIR(info.st_mode):
                    pending.append(Path(entry.path))
                else:
                    out.append((Path(entry.path), info))
    return sorted(out)


def fingerprint(root: Path) -> tuple:
    """Changes whenever a data file is added, removed or edited: the cache key for `mkdocs serve`."""
    return tuple((str(p), info.st_mode, info.st_mtime_ns, info.st_size) for p, info in data_paths(root))


def reserved_ids(root: Path) -> dict[str, dict[str, str]]:
    """folder -> {id: hand-written page}: the addresses under /models/, /papers/, … that docs/ already uses.

    An entry with such an id would silently replace the hand-written page (data/models/index.yaml would become
    /models/), so the ids are refused.
    """
    out: dict[str, dict[str, str]] = {}
    for folder in DATA_DIRS:
        docs = Path(root) / "docs" / folder
        names = {"index": f"docs/{folder}/index.md"}  # every folder's own page, whether written yet or not
        names.update(GENERATED_IDS.get(folder, {}))
        if docs.is_dir():
            for path in docs.iterdir():
                page_id = path.stem if path.suffix == ".md" else path.name
                names[page_id] = path.relative_to(root).as_posix()
        out[folder] = names
    return out


def reserved_description(what: str) -> str:
    """How a problem names what holds a reserved address: a hand-written page, or pages the build makes."""
    return f"the hand-written page {what}" if what.startswith("docs/") else what


def folder_list() -> str:
    folders = [f"data/{folder}/" for folder in DATA_DIRS]
    return ", ".join(folders[:-1]) + " or " + folders[-1]
