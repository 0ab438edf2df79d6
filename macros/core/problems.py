"""What can be wrong with the data, each with a stable code, and how a problem is shown.

A problem is printed as `file:line: field: message [CODE]`. The code stays the same when the wording of the
message changes, so CI scripts, the contributor guide and the tests can refer to it. Everything a contributor
wrote is shown with its non-printable characters escaped (`\\x1b`, `\\u202e`), so that no data file can move the
cursor, recolour or overwrite a line of a terminal or CI log.
"""

from __future__ import annotations

from dataclasses import dataclass

@dataclass(frozen=True)
class Code:
    """One kind of mistake: what it means, an example of it, and how to fix it (listed in CONTRIBUTING.md)."""

    meaning: str
    example: str
    fix: str


# code -> what it means. Codes are never reused for a different meaning. CONTRIBUTING.md lists them from here
# (`python -m macros codes` rewrites the list; a test checks it is current).
CODES = {
    # Files
    "F101": Code("not a regular file: a symlink, a folder where a file belongs, or a special file",
                 "`data/models/bert.yaml` is a symlink to `../elsewhere.yaml`", "commit the file itself"),
    "F102": Code("a file the Atlas does not read, in a place where only entries belong",
                 "`data/models/notes.txt`", "move notes out of `data/`; entries are `<id>.yaml`"),
    "F103": Code("the file is larger than the Atlas accepts (256 KiB)", "a 2 MB model file",
                 "split it, or drop pasted text"),
    "F104": Code("not UTF-8 text", "a file saved as Latin-1 or UTF-16", "save it as UTF-8"),
    "F105": Code("a required file is missing", "`data/organizations.yaml` deleted", "restore it"),
    # YAML
    "Y201": Code("not valid YAML", "`families: [enc`", "close the bracket, indent with spaces"),
    "Y202": Code("the file is empty or holds only null", "a file holding only `---`", "fill in the entry"),
    "Y203": Code("duplicate key", "`license: MIT` and, later, `license: Apache-2.0`", "keep one"),
    "Y204": Code("YAML merge keys are not supported", "`<<: {license: MIT}`", "write the keys out"),
    "Y205": Code("YAML aliases and anchors are not supported", "`license: &l MIT` … `other: *l`",
                 "write each value out"),
    "Y206": Code("YAML tags (!!type) are not supported", "`date: !!str 2020`", 'quote the value: `"2020"`'),
    "Y207": Code("nested deeper than any entry needs", "`[[[[[[…]]]]]]`", "follow the template's shape"),
    "Y208": Code("a number YAML reads in a way nobody means (base 2, 8, 16 or 60) or with too many digits",
                 "`layers: 012` (read as 10), `context_length: 1:20` (read as 80)", "write `12`, or quote it"),
    "Y209": Code("a key must be plain text", "`yes: 1` (the key is the boolean true)", 'quote it: `"yes": 1`'),
    "Y210": Code("a value YAML cannot construct", "`date: 2019-02-30`", 'write a real date, quoted: `"2019-02"`'),
    # Unsafe text
    "S301": Code("a character that cannot be shown safely: control, format, bidirectional, invisible, private-use, "
                 "surrogate, unassigned or noncharacter", '`name: "BERT\\u200b"` (a zero-width space)',
                 "delete the character"),
    "S302": Code("a web address with credentials, a non-ASCII host or characters that hide where it leads",
                 "`url: https://arxiv.org@evil.example/`", "link to the real host"),
    "S303": Code("a name that looks like another entry's name (after Unicode normalisation and confusable folding)",
                 "`name: ＢＥＲＴ` (full-width letters)", "use the existing entry, or a distinct name"),
    "S304": Code("mixes Latin letters with look-alike Greek or Cyrillic letters in one word",
                 "`name: BΕRT` (a Greek capital Epsilon)", "retype the word in one script"),
    "S305": Code("an id reserved for a hand-written page or a page section", "`data/models/index.yaml`, or a variant"
                 " with `id: variants`", "choose another id"),
    "S306": Code("text longer than any field needs (4,000 characters)", "a summary pasted from a whole paper",
                 "write two to five sentences of your own"),
    # Values
    "V401": Code("wrong type or form", '`layers: twelve`, or `arxiv: 2005.14165` unquoted',
                 'write the type the template shows: `layers: 12`, `arxiv: "2005.14165"`'),
    "V402": Code("not one of the allowed values", "`architecture: recurrent`", "use one of the listed values"),
    "V403": Code("missing or unknown key", "`licence: MIT` (for `license`)", "use the template's key names"),
    "V404": Code("out of range", "`params: -7`, or a count above 10^15", "write the number the source gives"),
    "V405": Code("a template placeholder or delimiter left in", "`summary: TODO`", "write the real value"),
    "V406": Code("a date that is not real or is in the future", '`date: "2020-13"`', "write the real date"),
    # Cross-references and rules between fields or files
    "R501": Code("refers to an entry that does not exist",
                 "`families: [encoders]` with no `data/families/encoders.yaml`",
                 "use an existing id, or add the entry"),
    "R502": Code("used twice where it must be unique", "two variants with `id: base`", "rename one"),
    "R503": Code("contradicts another field or file", "`active_params` larger than `params`",
                 "correct the number, or explain it in a note"),
    "R504": Code("lineage that loops or runs backwards in time", "A `derived_from` B and B `derived_from` A",
                 "remove the wrong edge, or say in its note why a parent is dated later"),
    # Architecture (issue 14)
    "A601": Code("attention heads that contradict the attention kind", "`attention: mqa` with `kv_heads: 8`, or"
                 " `kv_heads: 6` with `heads: 32`", "record the kind and the head counts the config gives"),
    "A602": Code("an architecture field that does not apply to this model", "`kv_lora_rank` on a GQA model,"
                 " `rope_theta` with `positions: alibi`, `router` without experts", "remove it, or fix the kind"),
    "A603": Code("a layer mix that does not add up to the layer count", "10 × [5 sliding, 1 global] for 62 layers",
                 "add the missing group, e.g. `- pattern: [sliding, sliding]`"),
    "A604": Code("a sliding window that contradicts the layer mix or the context",
                 "`sliding_window: 4096` with no sliding layers, or a window longer than the context",
                 "record the window and the layers the config gives"),
    "A605": Code("`unknown` for a part that released weights fix", "`kv_heads: unknown` or `attention: unknown`"
                 " on a size with open weights", "read it from the released config or code; until then leave it"
                 " out (not recorded)"),
}


def codes_table() -> str:
    """The Markdown table of CONTRIBUTING.md: code, what it means, an example, the fix."""
    rows = ["| Code | What is wrong | Example | Fix |", "| --- | --- | --- | --- |"]
    rows += [f"| `{code}` | {c.meaning} | {c.example} | {c.fix} |" for code, c in CODES.items()]
    return "\n".join(rows) + "\n"


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
