"""Reproducible builds: the same commit built twice, with SOURCE_DATE_EPOCH set, gives byte-identical trees."""

from __future__ import annotations

import gzip
import hashlib
from pathlib import Path

from conftest import ROOT, mkdocs_build

EPOCH = "1767225600"  # 2026-01-01T00:00:00Z


def tree(site: Path) -> dict[str, str]:
    return {path.relative_to(site).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(site.rglob("*")) if path.is_file()}


def test_two_builds_of_the_same_commit_are_byte_identical(tmp_path):
    # Different output folders on purpose: no absolute path of the build may leak into the files.
    first, second = tmp_path / "first" / "site", tmp_path / "second" / "site"
    for site in (first, second):
        result = mkdocs_build(ROOT, site, SOURCE_DATE_EPOCH=EPOCH)
        assert result.returncode == 0, result.stdout + result.stderr
    one, two = tree(first), tree(second)
    assert len(one) > 500  # every page, download and asset
    assert sorted(one) == sorted(two)
    differing = [path for path in one if one[path] != two[path]]
    assert differing == []
    # The epoch is honoured rather than the clock: the sitemap's dates and the gzip header come from it.
    assert "<lastmod>2026-01-01</lastmod>" in (first / "sitemap.xml").read_text(encoding="utf-8")
    assert b"<lastmod>2026-01-01</lastmod>" in gzip.decompress((first / "sitemap.xml.gz").read_bytes())
    assert str(tmp_path) not in "".join(p.read_text(errors="ignore") for p in first.rglob("*.html"))
