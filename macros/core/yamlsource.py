"""Read YAML the strict way: remember where every value came from, and refuse YAML's traps.

PyYAML's ordinary loaders forget line numbers and let a repeated key silently win. This module composes the node
graph itself, so each value is stored with its line, a duplicate key is an error rather than an overwrite, and
each scalar remembers whether it was quoted. The validator needs that last fact to tell a contributor that
`2010.11930` loaded as a float because it had no quotes.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from . import safetext
from .problems import Problem

try:  # libyaml is about ten times faster; the pure-Python classes are the fallback.
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader

_CONSTRUCTOR = yaml.constructor.SafeConstructor()

# Bounds that keep a hostile file from using unbounded time or memory. Entries are small: the largest data file is
# about 11 KB and nests 4 levels deep.
MAX_FILE_BYTES = 256 * 1024
MAX_DEPTH = 16
MAX_INT_DIGITS = 24  # far above any count the Atlas records (10^15), far below Python's 4,300-digit limit
MAX_PROBLEMS_PER_FILE = 20  # past this, one line says how many more there were
# Integers YAML 1.1 reads in surprising ways: 1:20 is 80 (base 60), 012 is 10 (octal), 0x1f is 31.
_DECIMAL_INT = re.compile(r"[-+]?(0|[1-9][0-9_]*)", re.ASCII)
_DECIMAL_FLOAT = re.compile(r"[-+]?([0-9][0-9_]*)?(\.[0-9_]*)?([eE][-+]?[0-9]+)?|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)",
                            re.ASCII)
_INT_TAG = "tag:yaml.org,2002:int"
_FLOAT_TAG = "tag:yaml.org,2002:float"

# A path to a value inside one document, e.g. ("variants", 1, "layers").
ValuePath = tuple


def field_name(path: ValuePath) -> str:
    """Render a value path the way contributors read it: variants[1].layers."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out or "(document)"


@dataclass
class Document:
    """A loaded YAML file: its data, and for every path the line it starts on and its source text."""

    file: str
    data: object = None
    lines: dict = field(default_factory=dict)
    raw: dict = field(default_factory=dict)  # path -> (source text, was it a plain unquoted scalar)
    problems: list = field(default_factory=list)
    refused: set = field(default_factory=set)  # paths whose value was refused while reading: not reported again

    def line(self, path: ValuePath) -> int:
        """The line of `path`, or of its nearest recorded ancestor (for a missing key: the mapping's line)."""
        path = tuple(path)
        while path not in self.lines and path:
            path = path[:-1]
        return self.lines.get(path, 1)

    def problem(self, path: ValuePath, message: str, code: str = "V401") -> Problem:
        return Problem(self.file, self.line(path), field_name(path), message, code)

    def add(self, line: int, where: str, message: str, code: str) -> None:
        """Record a problem found before the value paths are known (while reading or scanning the file)."""
        if len(self.problems) < MAX_PROBLEMS_PER_FILE:
            self.problems.append(Problem(self.file, line, where, message, code))
        elif len(self.problems) == MAX_PROBLEMS_PER_FILE:
            self.problems.append(Problem(self.file, line, "(file)", "too many problems: fix these and run again",
                                         code))


# Parsed documents by file name and text, when a long-lived process turns this on (`make serve` rebuilds after each
# save, and most files have not changed): a content-addressed cache, so never stale. Each use gets its own copy,
# because loading the catalog adds problems to a document.
PARSED: dict | None = None


def parse(text: str, file: str) -> Document:
    """Parse one YAML document from `text`; problems are collected on the document, never raised."""
    if PARSED is None:
        return _parse(text, file)
    key = (file, hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest())
    if key not in PARSED:
        PARSED[key] = pickle.dumps(_parse(text, file), protocol=pickle.HIGHEST_PROTOCOL)
    return pickle.loads(PARSED[key])


def _parse(text: str, file: str) -> Document:
    """Parse one YAML document from `text`; problems are collected on the document, never raised.

    Three passes, each bounded: the characters (nothing unsafe, even in a comment), the event stream (no alias, no
    tag, no deep nesting, one document), then the node graph with a line for every value.
    """
    doc = Document(file)
    text = text.removeprefix("\ufeff")  # a byte-order mark some editors write; harmless at the very start
    if not _scan_characters(text, doc) or not _scan_events(text, doc):
        return doc
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        _yaml_problem(exc, text, doc)
        return doc
    if node is None:
        doc.add(1, "(document)", "the file is empty", "Y202")
        return doc
    doc.data = _convert(node, (), doc)
    if doc.data is None:
        doc.add(1, "(document)", "the file holds only a null value (~ or an empty document)", "Y202")
    return doc


def _scan_characters(text: str, doc: Document) -> bool:
    """Refuse unsafe characters anywhere in the file, comments included (a bidi override in a comment reorders
    what a reviewer sees). Returns True when there are none."""
    if not safetext.unsafe_characters(text.replace("\r\n", "\n")):  # a lone carriage return is refused
        return True
    for number, line in enumerate(text.split("\n"), start=1):
        message = safetext.unsafe_text_message(line.removesuffix("\r"))
        if message:
            doc.add(number, "(text)", message, "S301")
    return False


def _scan_events(text: str, doc: Document) -> bool:
    """Walk the parser's events (no tree is built, so this is linear in the file) and refuse what YAML can do
    but an entry never needs: aliases (a few lines can expand to gigabytes), explicit tags, deep nesting and more
    than one document. Returns True when the file passed."""
    depth = documents = 0
    references: list[tuple[int, str]] = []  # (line, "&name" or "*name")
    try:
        for event in yaml.parse(text, Loader=_Loader):
            line = event.start_mark.line + 1
            if isinstance(event, yaml.AliasEvent):
                references.append((line, f"*{event.anchor}"))
                continue
            if getattr(event, "anchor", None):
                references.append((line, f"&{event.anchor}"))
            if getattr(event, "tag", None) not in (None, "!"):
                doc.add(line, "(yaml)", f"the tag {event.tag} is not supported: write a plain value (quote it to"
                                        " make it text)", "Y206")
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents == 2:
                    doc.add(line, "(yaml)", "a second document (---): an entry file holds one document", "Y201")
            elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    doc.add(line, "(yaml)", f"nested more than {MAX_DEPTH} levels deep; no entry needs that", "Y207")
                    return False
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
    except yaml.YAMLError as exc:
        _yaml_problem(exc, text, doc)
    if references:
        line, first = references[0]
        more = f" (and {len(references) - 1} more anchors and aliases)" if len(references) > 1 else ""
        doc.add(line, "(yaml)", f"{first}{more}: YAML anchors (&) and aliases (*) are not supported, because a few"
                                " lines of them can expand to gigabytes; write every value out", "Y205")
    return not doc.problems


def _yaml_problem(exc: yaml.YAMLError, text: str, doc: Document) -> None:
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        what = " ".join(part for part in (exc.context, exc.problem) if part)
    else:  # a ReaderError knows the character position only
        position = getattr(exc, "position", 0) or 0
        line = text.count("\n", 0, position) + 1
        what = str(exc)
    doc.add(line, "(yaml)", f"not valid YAML: {what}", "Y201")


def load(path: Path, root: Path) -> Document:
    """Load a file; its name in messages is relative to `root` (the repository), as contributors see it.

    Only a regular file is read, never through a symlink (which could publish, or print into a CI log, a file from
    outside the repository), and never more than MAX_FILE_BYTES of it.
    """
    shown = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
    doc = Document(shown)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        doc.add(1, "(file)", f"cannot be opened as a regular file ({exc.strerror})", "F101")
        return doc
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            doc.add(1, "(file)", "is not a regular file: entries must be plain files", "F101")
            return doc
        data = handle.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        doc.add(1, "(file)", f"is larger than {MAX_FILE_BYTES // 1024} KiB; no entry needs that much", "F103")
        return doc
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        doc.add(line, "(file)", f"not UTF-8 text: byte 0x{data[exc.start]:02x} ({exc.reason})", "F104")
        return doc
    return parse(text, shown)


def _text_value(text: str, path: ValuePath, doc: Document) -> None:
    """Every string of a document, key or value, is refused if it holds a character that cannot be shown safely
    (this catches the ones written as escapes in double quotes, such as "\\x7f", that the file scan cannot see)."""
    message = safetext.unsafe_text_message(text)
    if message:
        doc.problems.append(doc.problem(path, message, "S301"))
        doc.refused.add(path)
    elif len(text) > safetext.MAX_TEXT_LENGTH:
        doc.problems.append(doc.problem(path, f"is {len(text):,} characters long; the limit is"
                                              f" {safetext.MAX_TEXT_LENGTH:,}", "S306"))
        doc.refused.add(path)


def _convert(node: yaml.Node, path: ValuePath, doc: Document):
    doc.lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        result: dict = {}
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == "<<" and not key_node.style:
                doc.problems.append(
                    Problem(doc.file, key_node.start_mark.line + 1, field_name(path),
                            "YAML merge keys (<<) are not supported: write the keys out", "Y204")
                )
                continue
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != "tag:yaml.org,2002:str":
                read_as = f": YAML reads {key_node.value!r} as a {key_node.tag.rsplit(':', 1)[-1]}, quote it" \
                    if isinstance(key_node, yaml.ScalarNode) else ""
                doc.problems.append(Problem(doc.file, key_node.start_mark.line + 1, field_name(path),
                                            "a key must be plain text" + read_as, "Y209"))
                continue
            key = key_node.value
            if key in result:
                first = doc.lines.get(path + (key,), "?")
                doc.problems.append(
                    Problem(doc.file, key_node.start_mark.line + 1, field_name(path + (key,)),
                            f"duplicate key (first given on line {first}); YAML would silently keep only the last",
                            "Y203")
                )
                continue
            doc.lines[path + (key,)] = key_node.start_mark.line + 1
            _text_value(key, path + (key,), doc)
            result[key] = _convert(value_node, path + (key,), doc)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_convert(item, path + (index,), doc) for index, item in enumerate(node.value)]
    plain = not node.style  # plain style is None (Python parser) or "" (libyaml)
    doc.raw[path] = (node.value, plain)
    if plain and node.tag in (_INT_TAG, _FLOAT_TAG):
        digits = sum(ch.isdigit() for ch in node.value)
        pattern = _DECIMAL_INT if node.tag == _INT_TAG else _DECIMAL_FLOAT
        if not pattern.fullmatch(node.value):
            doc.problems.append(doc.problem(path, f"YAML reads the unquoted {node.value} as a number in base 2, 8, 16"
                                                  " or 60: write a plain decimal number, or quote it to make it"
                                                  " text", "Y208"))
            doc.refused.add(path)
            return node.value
        if digits > MAX_INT_DIGITS:
            doc.problems.append(doc.problem(path, f"a number of {digits} digits; no count in the Atlas needs more"
                                                  f" than {MAX_INT_DIGITS}", "Y208"))
            doc.refused.add(path)
            return None
    try:
        value = _CONSTRUCTOR.construct_object(node, deep=True)
    except (yaml.constructor.ConstructorError, ValueError, OverflowError) as exc:
        # e.g. an unquoted 2019-02-30, which YAML resolves to a timestamp but cannot build
        problem = getattr(exc, "problem", None) or str(exc)
        doc.problems.append(doc.problem(path, f"cannot read {node.value!r}: {problem}", "Y210"))
        doc.refused.add(path)
        return node.value
    if isinstance(value, str):
        _text_value(value, path, doc)
    return value
