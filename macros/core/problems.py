"""What can be wrong with the data, each with a stable code, and how a problem is shown.

A problem is printed as `file:line: field: message [CODE]`. The code stays the same when the wording of the
message changes, so CI scripts, the contributor guide and the tests can refer to it. Everything a contributor
wrote is shown with its non-printable characters escaped (`\\x1b`, `\\u202e`), so that no data file can move the
cursor, recolour or overwrite a line of a terminal or CI log.
"""

from __future__ import annotations

from dataclasses import dataclass

# code -> what it means. Codes are never reused for a different meaning.
CODES = {
    # Files
    "F101": "not a regular file: a symlink, a folder where a file belongs, or a special file",
    "F102": "a file the Atlas does not read, in a place where only entries belong",
    "F103": "the file is larger than the Atlas accepts",
    "F104": "not UTF-8 text",
    "F105": "a required file is missing",
    # YAML
    "Y201": "not valid YAML",
    "Y202": "the file is empty or holds only null",
    "Y203": "duplicate key",
    "Y204": "YAML merge keys are not supported",
    "Y205": "YAML aliases and anchors are not supported",
    "Y206": "YAML tags (!!type) are not supported",
    "Y207": "nested deeper than any entry needs",
    "Y208": "a number YAML reads in a way nobody means (base 2, 8, 16 or 60) or with too many digits",
    "Y209": "a key must be plain text",
    "Y210": "a value YAML cannot construct",
    # Unsafe text
    "S301": "a character that cannot be shown safely: control, format, bidirectional, invisible, private-use, "
            "surrogate, unassigned or noncharacter",
    "S302": "a web address with credentials, a non-ASCII host or characters that hide where it leads",
    "S303": "a name that looks like another entry's name (after Unicode normalisation and confusable folding)",
    "S304": "mixes Latin letters with look-alike Greek or Cyrillic letters in one word",
    "S305": "an id reserved for a hand-written page or a page section",
    "S306": "text longer than any field needs",
    # Values
    "V401": "wrong type or form",
    "V402": "not one of the allowed values",
    "V403": "missing or unknown key",
    "V404": "out of range",
    "V405": "a template placeholder or delimiter left in",
    "V406": "a date that is not real or is in the future",
    # Cross-references and rules between fields or files
    "R501": "refers to an entry that does not exist",
    "R502": "used twice where it must be unique",
    "R503": "contradicts another field or file",
    "R504": "lineage that loops or runs backwards in time",
}


def printable(text: str) -> str:
    """`text` with every non-printable character written as a Python escape (tab and newline included)."""
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in text)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one value: where it is, what is wrong, and the stable code of that kind of mistake."""

    file: str
    line: int
    field: str
    message: str
    code: str = "V401"

    def __post_init__(self):
        if self.code not in CODES:  # a programming error, caught by the tests
            raise ValueError(f"unknown problem code {self.code!r}")

    def __str__(self) -> str:
        return f"{printable(self.file)}:{self.line}: {printable(self.field)}: {printable(self.message)} [{self.code}]"
