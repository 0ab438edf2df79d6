"""`make serve` rebuilds only what an edit changes (mkdocs serve --dirty with publish/incremental.py): after a series
of edits, the served site is byte for byte what a fresh build of the edited data gives, and a page the edits could
not touch was not written again."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from conftest import copy_project

URL = "http://127.0.0.1:8000/"

# Builds the site the way `mkdocs serve --dirty` does, in one process, once per argument; between builds it applies
# the edit named by the argument (see EDITS) and prints the modification time of the page that stays untouched.
BUILDS = textwrap.dedent(f"""
    import os, sys
    from pathlib import Path
    from mkdocs.config import load_config
    from mkdocs.commands.build import build
    site = sys.argv[1]
    untouched = Path(site, "papers", "devlin-2018-bert", "index.html")
    for step, edit in enumerate(sys.argv[2:]):
        config = load_config(config_file="mkdocs.yml", site_dir=site)
        config.site_url = "{URL}"
        if step == 0:
            config.plugins.on_startup(command="serve", dirty=True)
        if edit != "none":
            exec(open(edit).read())
        build(config, serve_url="{URL}", dirty=True)
        print("untouched", untouched.stat().st_mtime_ns)
""")

EDITS = {
    # A model's summary: its page, its family's and its relatives' change; not the paper of another model.
    "summary": 'p = Path("data/models/llama-2.yaml"); t = p.read_text()\n'
               'p.write_text(t.replace("summary: >-\\n", "summary: >-\\n  Edited under serve.\\n", 1))\n',
    # A new model, then its removal: its page appears, then goes (a dirty build keeps old files otherwise).
    "add": 'src = Path("data/models/llama-2.yaml").read_text()\n'
           'src = src.replace("name: Llama 2\\n", "name: Llama 2 Copy\\n", 1)\n'
           'src = "\\n".join(line for line in src.split("\\n") if not line.startswith("other_names:"))\n'
           'Path("data/models/llama-2-copy.yaml").write_text(src)\n',
    "remove": 'Path("data/models/llama-2-copy.yaml").unlink()\n',
}


def run_builds(project: Path, site: Path, *steps: str) -> list[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true",
           "ATLAS_SEARCH_INDEX": "later"}
    for name, code in EDITS.items():
        (project / f"edit-{name}.py").write_text(code, encoding="utf-8")
    args = [step if step == "none" else f"edit-{step}.py" for step in steps]
    done = subprocess.run([sys.executable, "-c", BUILDS, str(site), *args], cwd=project, env=env,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    return [line.split()[1] for line in done.stdout.splitlines() if line.startswith("untouched ")]


def files_of(site: Path) -> dict:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in site.rglob("*") if path.is_file()}


def test_a_rebuild_under_serve_equals_a_fresh_build_and_skips_untouched_pages(tmp_path):
    project = copy_project(tmp_path / "project")
    times = run_builds(project, tmp_path / "served", "none", "summary", "add")
    served_with_copy = files_of(tmp_path / "served")
    assert "models/llama-2-copy/index.html" in served_with_copy
    assert b"Edited under serve." in served_with_copy["models/llama-2/index.html"]
    assert times[0] == times[1] == times[2], "a page the edits did not touch was written again"
    fresh = tmp_path / "fresh"
    run_builds(project, fresh, "none")
    assert served_with_copy == files_of(fresh)

    # Removing the entry removes its page from the served site, as a fresh build would not have it.
    later = run_builds(project, tmp_path / "served-2", "none", "remove")
    assert not (tmp_path / "served-2" / "models" / "llama-2-copy" / "index.html").exists()
    assert later[0] == later[1]
