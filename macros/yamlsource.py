"""Read YAML the strict way: remember where every value came from, and refuse YAML's traps.

PyYAML's ordinary loaders forget line numbers and let a repeated key silently win. This module composes the node
graph itself, so each value is stored with its line, a duplicate key is an error rather than an overwrite, and
each scalar remembers whether it was quoted. The validator needs that last fact to tell a contributor that
`2010.11930` loaded as a float because it had no quotes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

try:  # libyaml is about ten times faster; the pure-Python classes are the fallback.
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader

_CONSTRUCTOR = yaml.constructor.SafeConstructor()

# A path to a value inside one document, e.g. ("variants", 1, "layers").
ValuePath = tuple


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one value: where it is and what is wrong."""

    file: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.field}: {self.message}"


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

    def line(self, path: ValuePath) -> int:
        """The line of `path`, or of its nearest recorded ancestor (for a missing key: the mapping's line)."""
        path = tuple(path)
        while path not in self.lines and path:
            path = path[:-1]
        return self.lines.get(path, 1)

    def problem(self, path: ValuePath, message: str) -> Problem:
        return Problem(self.file, self.line(path), field_name(path), message)


def parse(text: str, file: str) -> Document:
    """Parse one YAML document from `text`; problems are collected on the document, never raised."""
    doc = Document(file)
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        what = " ".join(part for part in (exc.context, exc.problem) if part)
        doc.problems.append(Problem(file, line, "(yaml)", f"not valid YAML: {what}"))
        return doc
    except yaml.YAMLError as exc:  # e.g. several documents in one file
        doc.problems.append(Problem(file, 1, "(yaml)", f"not valid YAML: {exc}"))
        return doc
    if node is None:
        doc.problems.append(Problem(file, 1, "(document)", "the file is empty"))
        return doc
    doc.data = _convert(node, (), doc)
    return doc


def load(path: Path, root: Path) -> Document:
    """Load a file; its name in messages is relative to `root` (the repository), as contributors see it."""
    shown = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        doc = Document(shown)
        doc.problems.append(Problem(shown, 1, "(file)", f"not UTF-8 text: {exc.reason}"))
        return doc
    return parse(text, shown)


def _convert(node: yaml.Node, path: ValuePath, doc: Document):
    doc.lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        result: dict = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                doc.problems.append(
                    Problem(doc.file, key_node.start_mark.line + 1, field_name(path), "a key must be plain text")
                )
                continue
            key = key_node.value
            if key == "<<":
                doc.problems.append(
                    Problem(doc.file, key_node.start_mark.line + 1, field_name(path),
                            "YAML merge keys (<<) are not supported: write the keys out")
                )
                continue
            if key in result:
                first = doc.lines.get(path + (key,), "?")
                doc.problems.append(
                    Problem(doc.file, key_node.start_mark.line + 1, field_name(path + (key,)),
                            f"duplicate key (first given on line {first}); YAML would silently keep only the last")
                )
                continue
            result[key] = _convert(value_node, path + (key,), doc)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_convert(item, path + (index,), doc) for index, item in enumerate(node.value)]
    doc.raw[path] = (node.value, not node.style)  # plain style is None (Python parser) or "" (libyaml)
    try:
        return _CONSTRUCTOR.construct_object(node, deep=True)
    except yaml.constructor.ConstructorError as exc:
        # e.g. an unquoted 2019-02-30, which YAML resolves to a timestamp but cannot build
        doc.problems.append(doc.problem(path, f"cannot read {node.value!r}: {exc.problem}"))
        return node.value
