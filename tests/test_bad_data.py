"""The bad-data corpus: the mistakes contributors make, all in one run of `python -m macros check`.

Each entry of CORPUS is one broken file with one mistake. The validator must name each one (file, line, field and
a clear message), report them all at once, exit non-zero and never show a Python traceback.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import MINI, ROOT, write_catalog

TINY = MINI["models/tiny.yaml"].replace("name: Tiny\nother_names: [TinyNet]\n", "name: NAME\n")
PAPER = MINI["papers/doe-2020-tiny.yaml"].replace("kind: model", "kind: method")
CONCEPT = MINI["concepts/masked-lm.yaml"].replace("other_names: [MLM]\n", "")
FAMILY = MINI["families/enc.yaml"]


def variant(base: str, name: str, old: str = "", new: str = "") -> str:
    """A copy of `base` under its own name (so copies do not clash), with `old` replaced by `new`."""
    text = base.replace("NAME", name).replace("name: Masked language modelling", f"name: {name}")
    if old:
        assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times"
        text = text.replace(old, new)
    return text


# (file under data/, its text, the text on the reported line, the field, words the message must contain)
CORPUS = [
    # The parser notices the unclosed list on the next line, and says so there.
    ("models/yaml-syntax.yaml", variant(TINY, "A1", "families: [enc]", "families: [enc"), "organizations:",
     "(yaml)", "not valid YAML"),
    ("models/duplicate-key.yaml", variant(TINY, "A2", "license: MIT\n", "license: MIT\nlicense: Apache-2.0\n"),
     "license: Apache-2.0", "license", "duplicate key (first given on line 10)"),
    ("models/unknown-key.yaml", variant(TINY, "A3", "license: MIT\n", "licence: MIT\n"), "licence: MIT",
     "licence", "unknown key (did you mean 'license'?)"),
    ("models/wrong-type.yaml", variant(TINY, "A4", "    layers: 12\n", "    layers: twelve\n"), "layers: twelve",
     "variants[0].layers", "expected an integer"),
    ("models/unquoted-no.yaml", variant(TINY, "A5", "license: MIT", "license: no"), "license: no", "license",
     "YAML reads the unquoted no that way"),
    ("papers/float-arxiv-2020.yaml", variant(PAPER.replace("Tiny: A Small", "Float arXiv"), "",
                                             'arxiv: "2005.00001"', "arxiv: 2005.00002"),
     "arxiv: 2005.00002", "arxiv", "got the number 2005.00002"),
    ("models/dangling-family.yaml", variant(TINY, "A6", "families: [enc]", "families: [encoders]"),
     "families: [encoders]", "families[0]", "no family with id 'encoders'"),
    ("models/dangling-paper.yaml", variant(TINY, "A7", "papers: [doe-2020-tiny]", "papers: [doe-2020-huge]"),
     "papers: [doe-2020-huge]", "papers[0]", "no paper with id 'doe-2020-huge'"),
    ("models/dangling-org.yaml", variant(TINY, "A8", "organizations: [lab, uni]", "organizations: [lab, unknown-u]"),
     "organizations: [lab, unknown-u]", "organizations[1]", "no organization with id 'unknown-u'"),
    ("models/active-above-total.yaml", variant(TINY, "A9", "    params: 340000000\n",
                                               "    params: 340000000\n    active_params: 500000000\n"),
     "active_params: 500000000", "variants[1].active_params", "exceed"),
    ("models/kv-heads.yaml", variant(TINY, "A10", "    heads: 16\n", "    heads: 16\n    kv_heads: 5\n"),
     "kv_heads: 5", "variants[1].kv_heads", "divide"),
    ("models/negative-params.yaml", variant(TINY, "A11", "    params: 110000000\n", "    params: -110000000\n"),
     "params: -110000000", "variants[0].params", "must be a positive integer"),
    ("models/d-model.yaml", variant(TINY, "A12", "    d_head: 64\n", "    d_head: 32\n"), "d_model: 768",
     "variants[0].d_model", "heads x d_head"),
    ("models/month-13.yaml", variant(TINY, "A13", 'date: "2020-05"', 'date: "2020-13"'), 'date: "2020-13"', "date",
     "not a real date"),
    ("models/future-date.yaml", variant(TINY, "A14", 'date: "2020-05"', 'date: "2999-01"'), 'date: "2999-01"',
     "date", "in the future"),
    ("models/unquoted-date.yaml", variant(TINY, "A15", 'date: "2020-05"', "date: 2020-05-01"), "date: 2020-05-01",
     "date", "in quotes"),
    ("models/Bad_Slug.yaml", variant(TINY, "A16"), "name: A16", "id", "not a valid id"),
    ("models/variant-reused.yaml", variant(TINY, "A17", "  - id: tiny-large\n", "  - id: tiny-base  # again\n"),
     "# again", "variants[1].id", "variant id 'tiny-base' is used twice"),
    ("models/alias-is-an-id.yaml", variant(TINY, "A18", "name: A18\n", "name: A18\naliases: [tiny]\n"),
     "aliases: [tiny]", "aliases[0]", "the id of another model"),
    ("models/alias-claimed-1.yaml", variant(TINY, "A19", "name: A19\n", "name: A19\naliases: [old-tiny]\n"),
     None, None, None),  # the first claim is fine; the second one below is the mistake
    ("models/alias-claimed-2.yaml", variant(TINY, "A20", "name: A20\n", "name: A20\naliases: [old-tiny]\n"),
     "aliases: [old-tiny]", "aliases[0]", "already a former id of model 'alias-claimed-1'"),
    ("models/alias-own-id.yaml", variant(TINY, "A21", "name: A21\n", "name: A21\naliases: [alias-own-id]\n"),
     "aliases: [alias-own-id]", "aliases[0]", "own id"),
    # Clashes are reported on the file read second, in name order: these names sort after the originals.
    ("models/x-name-clash.yaml", variant(TINY, "Tiny"), "name: Tiny", "name", "'Tiny' already names model 'tiny'"),
    ("models/missing-source.yaml", variant(TINY, "A22", "    source: paper\n    params: 110000000",
                                           "    source: papers\n    params: 110000000"),
     "source: papers", "variants[0].source", "no source with id 'papers'"),
    ("models/missing-summary.yaml", variant(TINY, "A23", "summary: A made-up encoder. It exists so the tests have"
                                                         " something to break.\n", ""),
     "name: A23", "summary", "is required"),
    ("models/empty-name.yaml", variant(TINY, '""'), 'name: ""', "name", "must not be empty"),
    ("models/javascript-url.yaml", variant(TINY, "A24", "license: MIT\n",
                                           "license: MIT\nlinks:\n  homepage: javascript:alert(1)\n"),
     "homepage: javascript:alert(1)", "links.homepage", "not an http:// or https:// address"),
    ("models/todo-left.yaml", variant(TINY, "A25", "license: MIT", 'license: "TODO: SPDX id"'),
     'license: "TODO: SPDX id"', "license", "TODO placeholder"),
    ("models/template-syntax.yaml", variant(TINY, "A26 {{ config }}"), "name: A26 {{ config }}", "name",
     "template delimiters"),
    ("models/self-derived.yaml", variant(TINY, "A27", "license: MIT\n",
                                         "license: MIT\nderived_from:\n  - model: self-derived\n"
                                         "    relation: fine-tune\n"),
     "- model: self-derived", "derived_from[0].model", "derived from itself"),
    ("models/other-without-note.yaml", variant(TINY, "A28", "architecture: encoder", "architecture: other"),
     "name: A28", "architecture_note", "is required when architecture is 'other'"),
    ("models/dates-reversed.yaml", variant(TINY, "A29", 'date_added: "2020-06-01"',
                                           'date_added: "2020-06-01"\ndate_updated: "2020-01-01"'),
     'date_updated: "2020-01-01"', "date_updated", "before date_added"),
    ("papers/bad-topic-2020.yaml", variant(PAPER.replace("Tiny: A Small", "Bad topic"), "",
                                           "topics: [pretraining, efficiency]",
                                           "topics: [pretraining, transformers]"),
     "topics: [pretraining, transformers]", "topics[1]", "is not one of"),
    ("concepts/self-related.yaml", variant(CONCEPT, "Self-related idea", "papers: [doe-2020-tiny]\n",
                                           "papers: [doe-2020-tiny]\nrelated: [self-related]\n"),
     "related: [self-related]", "related[0]", "related to itself"),
    ("resources/x-same-url.yaml", MINI["resources/tiny-explained.yaml"].replace("Tiny, explained", "Tiny again"),
     "url: https://example.org/tiny-explained", "url", "already the url of resource 'tiny-explained'"),
    ("benchmarks/unknown-metric.yaml", MINI["benchmarks/tiny-glue.yaml"].replace(
        "scores: {task-a: 79, loss: 1.9}", "scores: {task-b: 79, loss: 1.9}"),
     "scores: {task-b: 79, loss: 1.9}", "rows[1].scores.task-b", "not one of this table's metric ids"),
    ("families/bad-architecture.yaml", FAMILY.replace("architecture: encoder", "architecture: recurrent")
     .replace("name: Encoders", "name: Recurrent"),
     "architecture: recurrent", "architecture", "is not one of"),
    ("models/notes.txt", "just some notes\n", "just some notes", "(file)", "not a data file"),
]
# The two papers copy the mini paper, whose arXiv id is taken: give each its own so that only its mistake shows.
CORPUS = [(path, text.replace('arxiv: "2005.00001"', f'arxiv: "2005.{10000 + n}"'), *rest)
          for n, (path, text, *rest) in enumerate(CORPUS)]


@pytest.fixture(scope="module")
def check_run(tmp_path_factory):
    root = tmp_path_factory.mktemp("bad-data")
    write_catalog(root)
    for path, text, *_ in CORPUS:
        (root / "data" / path).write_text(text, encoding="utf-8")
    return subprocess.run([sys.executable, "-m", "macros", "check", "--root", str(root)], capture_output=True,
                          text=True, cwd=ROOT)


def test_the_corpus_is_large_enough():
    assert len([entry for entry in CORPUS if entry[2] is not None]) >= 30


def test_every_mistake_fails_the_check_without_a_traceback(check_run):
    assert check_run.returncode == 1
    assert "Traceback" not in check_run.stderr + check_run.stdout
    assert check_run.stderr.splitlines()[-1].endswith("problems in data/: nothing was built.")


@pytest.mark.parametrize("path, text, line_text, field, words",
                         [entry for entry in CORPUS if entry[2] is not None], ids=lambda value: "")
def test_each_mistake_is_named_by_file_line_and_field(check_run, path, text, line_text, field, words):
    line = next(number for number, content in enumerate(text.splitlines(), 1) if line_text in content)
    prefix = f"data/{path}:{line}: {field}: "
    mine = [message for message in check_run.stderr.splitlines() if message.startswith(f"data/{path}:")]
    assert any(message.startswith(prefix) and words in message for message in mine), mine


def test_no_file_of_the_corpus_passes_unnoticed_and_the_good_files_stay_quiet(check_run):
    reported = {message.split(":", 1)[0] for message in check_run.stderr.splitlines()[:-1]}
    broken = {f"data/{path}" for path, _, line_text, *_ in CORPUS if line_text is not None}
    assert reported == broken
