"""The site builds the same with ProperDocs, the maintained fork of MkDocs 1.x, as with MkDocs 1.6.1: the same
pages and the same exports, byte for byte, apart from the generator named in each page's head."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

pytestmark = pytest.mark.slow
GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def files(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


def test_properdocs_builds_the_same_site(built_site, tmp_path):
    site = tmp_path / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    result = subprocess.run([str(Path(sys.executable).parent / "properdocs"), "build", "--strict", "-q",
                             "-f", str(ROOT / "mkdocs.yml"), "-d", str(site)], capture_output=True, text=True,
                            cwd=ROOT, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    mine, theirs = files(built_site), files(site)
    assert sorted(mine) == sorted(theirs)
    for path in mine:
        if path.startswith(("api/", "feed.xml", "timeline/", "lineage/", "scaling/")) and not path.endswith(".html"):
            assert mine[path] == theirs[path], path  # the export and the chart files
    differing = [path for path in mine if path.endswith(".html")
                 and GENERATOR.sub(b"", mine[path]) != GENERATOR.sub(b"", theirs[path])]
    assert differing == []
    assert b"ProperDocs" in GENERATOR.search(theirs["index.html"]).group(0)
