"""Large macro output kept out of Python-Markdown's way on hand-written pages.

A macro returns finished HTML. Python-Markdown would pass a block of it through unchanged, but only after running its
HTML parser over all of it: on the overview pages (models, scaling, timeline, lineage) that was most of their build
time. So a large block without any Markdown in it goes into the page as a short HTML comment, and the hook puts the
HTML back once Markdown has run. Data text cannot forge a marker: it is always HTML-escaped.
"""

from __future__ import annotations

import re

# Smaller output is not worth it, and may sit inside a sentence, where Markdown's handling of inline HTML applies.
MIN_CHARS = 2_000
_MARKER = "<!-- atlas-macro-output {} -->"
_MARKER_PATTERN = re.compile(r"<!-- atlas-macro-output \d+ -->")
# A line Markdown would turn into something (a heading with its attributes): such output must go through Markdown.
_MARKDOWN_LINE = re.compile(r"^[ \t]*(#|\{:)", re.MULTILINE)
_KEPT: dict[str, str] = {}


def keep(output) -> str:
    """The macro's output, or a marker standing for it until put_back."""
    if not isinstance(output, str) or len(output) < MIN_CHARS or _MARKDOWN_LINE.search(output):
        return output
    marker = _MARKER.format(len(_KEPT))
    _KEPT[marker] = output.strip()
    return marker


def put_back(html: str) -> str:
    """A page's HTML with every marker replaced by the output it stands for."""
    if "atlas-macro-output" not in html:
        return html
    return _MARKER_PATTERN.sub(lambda match: _KEPT.pop(match.group(0), match.group(0)), html)
