"""Citing and sharing: BibTeX for the papers, and QR codes for slides, both made at build time.

BibTeX is written here once and used by the "Share and cite" box of every page and by /api/v1/catalog.bib.
Contributor text is escaped for (La)TeX, so a title with `{`, `%` or `\\` cannot break a reader's bibliography.
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

import segno

# TeX's special characters, replaced in one pass so no replacement is escaped again. Braces become commands, not
# \{ and \}: BibTeX counts every brace, escaped or not, so a lone one would break the entry.
_TEX = {"\\": r"\textbackslash{}", "{": r"\textbraceleft{}", "}": r"\textbraceright{}", "&": r"\&", "%": r"\%",
        "$": r"\$", "#": r"\#", "_": r"\_", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}
_TEX_PATTERN = re.compile("|".join(re.escape(char) for char in _TEX))
MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def tex(text: str) -> str:
    """Contributor text as a BibTeX field value: TeX specials escaped, whitespace folded."""
    return _TEX_PATTERN.sub(lambda match: _TEX[match.group(0)], re.sub(r"\s+", " ", text).strip())


def _value(text: str) -> str:
    """A field value in quotes: braces inside keep capitals as written, and `"` must itself be braced."""
    return '"{' + tex(text).replace('"', '{"}') + '}"'


def _url(url: str) -> str:
    # URLs are set verbatim by BibTeX styles, so TeX escapes would corrupt them; only braces and backslashes,
    # which would break the entry itself, are percent-encoded.
    return "{" + url.replace("\\", "%5C").replace("{", "%7B").replace("}", "%7D") + "}"


def _entry(key: str, fields: list[tuple[str, str]]) -> str:
    body = ",\n".join(f"  {name} = {value}" for name, value in fields)
    return f"@misc{{{key},\n{body}\n}}\n"


def _dated(fields: list, date: str) -> list:
    year, _, rest = date.partition("-")
    return fields + [("year", "{" + year + "}")] + ([("month", MONTHS[int(rest[:2]) - 1])] if rest else [])


# A word that makes an author a group, not a person. BibTeX would read "Gemini Team" as a person whose last name is
# Team, and "Llama Team, AI @ Meta" as "AI @ Meta Llama Team"; braced, a group name is kept whole.
_GROUP = re.compile(r"\b(team|workshop|project|collaboration|consortium|contributors|community|group|initiative|"
                    r"authors|lab|laboratory|laboratories|institute)\b|[,@&]", re.IGNORECASE)


def bibtex_author(name: str) -> str:
    """One author for BibTeX's `author` field: a person as written, a group braced so BibTeX keeps it whole."""
    return "{" + tex(name) + "}" if _GROUP.search(name) else tex(name)


def bibtex_entry(paper: dict) -> str:
    """A @misc entry keyed by the paper's id (valid in BibTeX), with the arXiv fields when there is an id."""
    fields = [("title", _value(paper["title"])),
              ("author", "{" + " and ".join([bibtex_author(name) for name in paper["authors"]]
                                            + (["others"] if paper.get("authors_shortened") else [])) + "}")]
    fields = _dated(fields, paper["date"])
    if paper.get("venue"):
        fields.append(("howpublished", "{" + tex(paper["venue"]) + "}"))
    if paper.get("arxiv"):
        fields += [("eprint", "{" + paper["arxiv"] + "}"), ("archiveprefix", "{arXiv}")]
    fields.append(("url", _url(paper["url"])))
    return _entry(paper["id"], fields)


def page_bibtex(kind: str, entry: dict, title: str, url: str) -> str:
    """An entry for an Atlas page itself, dated by when its facts last changed."""
    fields = [("title", _value(title)), ("author", '"{Transformer Atlas contributors}"'),
              ("howpublished", "{Transformer Atlas, " + kind + " page}")]
    fields = _dated(fields, entry["date_updated"] or entry["date_added"]) + [("url", _url(url))]
    return _entry(f"atlas-{kind}-{entry['id']}", fields)


# Drawing a QR code takes about 4 ms (segno tries eight masks and keeps the most readable), which was three quarters
# of the time spent generating pages. Codes are kept in a folder named by what they encode, so a rebuild, or a build of
# another copy of the project, draws only the codes of new or renamed pages. Set by the adapter; None: no cache.
QR_CACHE: Path | None = None
_QR_RECIPE = f"segno {segno.__version__}; error m; scale 1; #000 on #fff; role img"


def qr_svg(url: str, label: str) -> str:
    """An inline SVG QR code of `url`: black on white whatever the theme, since phone cameras expect that."""
    key = hashlib.sha256(f"{_QR_RECIPE}\n{url}\n{label}".encode("utf-8")).hexdigest()
    cached = QR_CACHE / f"{key}.svg" if QR_CACHE is not None else None
    if cached is not None and cached.is_file():
        return cached.read_text(encoding="utf-8")
    code = segno.make(url, error="m")
    svg = code.svg_inline(scale=1, dark="#000", light="#fff", omitsize=True, title=label, svgclass="atlas-qr")
    svg = svg.replace("<svg ", '<svg role="img" ', 1)
    if cached is not None:
        try:  # written under a temporary name and renamed, so a reader never sees half a file
            cached.parent.mkdir(parents=True, exist_ok=True)
            partial = cached.with_suffix(f".{os.getpid()}.tmp")
            partial.write_text(svg, encoding="utf-8")
            partial.replace(cached)
        except OSError:
            pass  # a cache that cannot be written only costs time
    return svg
