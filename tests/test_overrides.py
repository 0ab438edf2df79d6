"""Theme partials we override must stay copies of the installed Material files but for the intended change."""

from __future__ import annotations

from pathlib import Path

import material

from conftest import ROOT

THEME = Path(material.__file__).parent / "templates"


def _body(text: str) -> list[str]:
    """Lines without the leading Jinja comment block (ours explains the override; theirs says 'generated')."""
    lines = text.splitlines()
    if lines and lines[0].startswith("{#-"):
        lines = lines[next(i for i, line in enumerate(lines) if line.strip().endswith("-#}")) + 1:]
    return lines


def test_source_partial_differs_only_by_the_github_api_attribute():
    ours = _body((ROOT / "overrides/partials/source.html").read_text())
    theirs = _body((THEME / "partials/source.html").read_text())
    assert [line.replace(' data-md-component="source"', "") for line in theirs] == ours


def test_search_partial_differs_only_by_the_dialog_label():
    ours = _body((ROOT / "overrides/partials/search.html").read_text())
    theirs = _body((THEME / "partials/search.html").read_text())
    labelled = 'role="dialog" aria-label="{{ lang.t(\'search\') }}"'
    assert [line.replace(labelled, 'role="dialog"') for line in ours] == theirs
    assert sum(labelled in line for line in ours) == 1
