"""A newcomer's pull request, played end to end: scaffold, fill in, check, build, find it everywhere; then the
three mistakes contributors make most, each reported by file, line and field."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import re
import subprocess
import sys
from pathlib import Path

import feedparser
import pytest

from conftest import ROOT, copy_project, mkdocs_build
from macros import scaffold
from macros.core import schema
MODEL_ID, PAPER_ID = "atlas-demo-lm", "doe-2026-atlas-demo"


def make(project: Path, *args: str) -> subprocess.CompletedProcess:
    """The contributor's own commands, run with the repository's Makefile and its already-installed venv."""
    venv = Path(sys.executable).parent.parent
    return subprocess.run(["make", "-s", "-C", str(project), *args, f"VENV={venv}"], capture_output=True, text=True)


def fill(text: str, values: dict[str, str]) -> str:
    """Replace each template line that starts with `key:` (indentation included) by `key: value`."""
    for key, value in values.items():
        text, count = re.subn(rf"^{re.escape(key)}:.*$", f"{key}: {value}", text, count=1, flags=re.MULTILINE)
        assert count == 1, f"the template has no line {key}:"
    return text


def replace_block(text: str, key: str, value: str) -> str:
    """Replace a folded block (`key: >-` and its indented lines) by a one-line value."""
    new, count = re.subn(rf"^{key}: >-\n(  .*\n)+", f"{key}: {value}\n", text, count=1, flags=re.MULTILINE)
    assert count == 1
    return new


@pytest.fixture(scope="module")
def contribution(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("contributor"))
    for kind, entry_id in (("paper", PAPER_ID), ("model", MODEL_ID)):
        result = make(project, f"new-{kind}", f"ID={entry_id}")
        assert result.returncode == 0, result.stderr
        assert f"Created data/{kind}s/{entry_id}.yaml" in result.stdout
    paper_file = project / "data" / "papers" / f"{PAPER_ID}.yaml"
    paper = fill(paper_file.read_text(), {
        "title": '"Atlas Demo: A Small Decoder for Testing the Contribution Flow"',
        "authors": "[Jane Doe, Richard Roe]", "organizations": "[google]", "date": '"2026-01-15"',
        "url": "https://example.org/atlas-demo", "kind": "model", "topics": "[architecture]"})
    paper_file.write_text(replace_block(paper, "summary", "Describes a made-up decoder used to test the Atlas."))
    model_file = project / "data" / "models" / f"{MODEL_ID}.yaml"
    model = model_file.read_text().replace("  - id: TODO ", "  - id: atlas-demo-lm-1b ", 1)  # the variant's id
    model = model.replace("    # layers: 12 ", "    layers: 24 ", 1)  # an optional number, uncommented
    model = fill(model, {
        "name": "Atlas Demo LM", "families": "[gpt-t5-like]", "organizations": "[google]", "date": '"2026-01"',
        "architecture": "decoder", "papers": f"[{PAPER_ID}]", "concepts": "[self-attention]", "license": "MIT",
        "open_weights": "true", "    paper": PAPER_ID, "    locator": "Table 1",
        "    name": "Atlas Demo LM 1B", "    params": "1100000000"})
    model_file.write_text(replace_block(model, "summary", "A made-up decoder that exists to test contributions."))
    return project


def test_the_scaffolded_files_carry_the_schema_comment_and_todays_date(contribution):
    text = (contribution / "data" / "models" / f"{MODEL_ID}.yaml").read_text()
    assert text.startswith("# yaml-language-server: $schema=../schema/model.schema.json\n")
    assert f'date_added: "{dt.date.today().isoformat()}"' in text


@pytest.fixture(scope="module")
def contribution_site(contribution):
    check = make(contribution, "check")
    assert check.returncode == 0, check.stderr
    assert "data/ is valid" in check.stdout
    site = contribution / "site"
    result = mkdocs_build(contribution, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


def test_the_new_model_is_on_its_family_page_in_the_table_search_api_and_feed(contribution_site):
    site = contribution_site
    model_page = (site / "models" / MODEL_ID / "index.html").read_text()
    assert "<title>Atlas Demo LM · Model · Transformer Atlas</title>" in model_page
    assert '<tr id="atlas-demo-lm-1b">' in model_page
    family = (site / "families" / "gpt-t5-like" / "index.html").read_text()
    assert f'href="../../models/{MODEL_ID}/">Atlas Demo LM</a>' in family
    table = (site / "models" / "index.html").read_text()
    assert f'<tr id="{MODEL_ID}--atlas-demo-lm-1b"' in table
    # Pagefind keeps one gzipped fragment per page (after a signature): the new model's page is among them.
    fragments = [json.loads(gzip.decompress(path.read_bytes()).removeprefix(b"pagefind_dcd"))
                 for path in (site / "pagefind" / "fragment").glob("*.pf_fragment")]
    assert any(f["url"] == f"/models/{MODEL_ID}/" and f["meta"]["title"] == "Atlas Demo LM" for f in fragments)
    models = json.loads((site / "api" / "v1" / "models.json").read_text())["models"]
    [mine] = [m for m in models if m["id"] == MODEL_ID]
    assert mine["variants"][0]["params"] == 1_100_000_000 and mine["variants"][0]["layers"] == 24
    paper_page = (site / "papers" / PAPER_ID / "index.html").read_text()
    assert f'href="../../models/{MODEL_ID}/">Atlas Demo LM</a>' in paper_page
    entries = feedparser.parse((site / "feed.xml").read_text()).entries
    assert "Added: Atlas Demo LM (model)" in [e.title for e in entries]


MISTAKES = (  # (file, text in the filled-in file, the mistake, the message that must come back)
    ("data/papers/doe-2026-atlas-demo.yaml", "kind: model\n", "kind: model\narxiv: 2601.01234\n",
     "data/papers/doe-2026-atlas-demo.yaml:{line}: arxiv: expected an arXiv id such as \"1810.04805\" in quotes, got"
     " the number 2601.01234 (YAML reads the unquoted 2601.01234 that way: put it in quotes) [V401]"),
    ("data/models/atlas-demo-lm.yaml", "license: MIT\n", "licence: MIT\n",
     "data/models/atlas-demo-lm.yaml:{line}: licence: unknown key (did you mean 'license'?) [V403]"),
    ("data/models/atlas-demo-lm.yaml", "    params: 1100000000\n", "    params: 1.1B\n",
     "data/models/atlas-demo-lm.yaml:{line}: variants[0].params: expected an integer, unknown, or a mapping with"
     " value and source, got '1.1B' [V401]"),
)


def test_three_typical_mistakes_are_each_named_by_file_line_and_field(contribution, contribution_site):
    expected = []
    for rel, old, new, message in MISTAKES:
        path = contribution / rel
        text = path.read_text()
        assert text.count(old) == 1
        text = text.replace(old, new)
        path.write_text(text)
        line = text[: text.index(new.strip().splitlines()[-1])].count("\n") + 1
        expected.append(message.format(line=line))
    result = make(contribution, "check")
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    for message in expected:
        assert message in result.stderr.splitlines(), result.stderr
    assert "nothing was built" in result.stderr


def test_the_scaffold_refuses_a_taken_id_a_bad_slug_and_a_former_id(tmp_path):
    project = copy_project(tmp_path / "project")
    gpt3 = project / "data" / "models" / "gpt-3.yaml"
    gpt3.write_text(gpt3.read_text().replace("\nfamilies:", "\naliases: [gpt3-davinci]\nfamilies:", 1))
    for entry_id, message in (
        ("gpt-3", "model 'gpt-3' already exists: data/models/gpt-3.yaml"),
        ("GPT_3", "'GPT_3' is not a valid id"),
        ("gpt3-davinci", "'gpt3-davinci' is a former id of model 'gpt-3'"),
        ("", "give the new model's id"),
    ):
        result = make(project, "new-model", f"ID={entry_id}")
        assert result.returncode != 0 and message in result.stderr, result.stderr
    result = make(project, "new-paper", "ID=attention-paper")
    assert "does not follow <first-author>-<year>-<keyword>" in result.stderr
    assert not (project / "data" / "models" / "GPT_3.yaml").exists()


@pytest.mark.parametrize("kind", sorted(scaffold.FOLDERS))
def test_each_template_mentions_every_field_of_its_kind(kind):
    text = (scaffold.TEMPLATES / f"{kind}.yaml").read_text()
    spec = schema.KINDS[kind]
    missing = [key for key in spec.fields if not re.search(rf"^#?\s*{key}:", text, flags=re.MULTILINE)]
    assert missing == [], f"macros/scaffold/{kind}.yaml does not explain {missing}"
    if kind == "model":
        variant_fields = spec.fields["variants"].spec.item.fields
        missing = [key for key in variant_fields if not re.search(rf"^\s*#?\s*-?\s*{key}:", text, flags=re.MULTILINE)]
        assert missing == [], f"the model template's variant does not explain {missing}"


@pytest.mark.parametrize("kind", sorted(scaffold.FOLDERS))
def test_an_untouched_template_fails_with_todo_messages_only(kind, tmp_path):
    project = copy_project(tmp_path / "project")
    entry_id = "doe-2026-demo" if kind == "paper" else "demo"
    scaffold.new_entry(project, kind, entry_id)
    result = subprocess.run([sys.executable, "-m", "macros", "check", "--root", str(project)], capture_output=True,
                            text=True, cwd=ROOT)
    mine = [line for line in result.stderr.splitlines() if f"/{entry_id}.yaml:" in line]
    assert result.returncode == 1 and mine
    assert all(line.endswith("still holds the template's TODO placeholder: replace it with the real value [V405]")
               for line in mine), mine


def test_the_contribute_page_shows_the_flow_and_every_template(built_site):
    page = (built_site / "contributing" / "index.html").read_text(encoding="utf-8")
    assert "make new-model ID=my-model" in page and "make urls" in page
    for kind in scaffold.FOLDERS:
        assert f'id="template-{kind}"' in page
        assert f"$schema=../schema/{kind}.schema.json" in page  # the template's first line, shown whole


def test_contributing_lists_every_problem_code_and_every_code_is_used():
    from macros.__main__ import contributing_with_codes
    from macros.core.problems import CODES

    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert contributing_with_codes(text) == text, "CONTRIBUTING.md's list of codes is stale: run python -m macros codes"
    for code, entry in CODES.items():
        assert f"| `{code}` | {entry.meaning} |" in text
    sources = "".join(path.read_text(encoding="utf-8") for path in (ROOT / "macros").rglob("*.py")
                      if path.name != "problems.py")
    used = set(re.findall(r'"([FYSVRXA][0-9]{3})"', sources)) | {"V401"}  # V401: the default of Checker.report
    assert set(CODES) == used, f"codes never reported: {set(CODES) - used}; unknown: {used - set(CODES)}"
