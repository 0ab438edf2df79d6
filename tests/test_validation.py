"""The validator: one test per class of mistake, each asserting the file, line, field and message."""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import MINI, ROOT, copy_project, edit, mkdocs_build
from macros.core import schema
MODEL = "data/models/tiny.yaml"
PAPER = "data/papers/doe-2020-tiny.yaml"
BENCH = "data/benchmarks/tiny-glue.yaml"
TOPICS = list(schema.TOPICS)
CATEGORIES = list(schema.CONCEPT_CATEGORIES)
RESOURCE_KINDS = list(schema.RESOURCE_KINDS)


def test_the_baseline_catalog_is_valid(mini):
    catalog, problems = mini()
    assert problems == []
    assert list(catalog.models) == ["tiny"]
    assert catalog.models["tiny"]["variants"][0]["numbers"]["vocab_size"].source["id"] == "config"


def test_wrong_type_names_file_line_field_and_value(mini):
    _, problems = mini(edit("models/tiny.yaml", "layers: 12\n", "layers: 12L\n"))
    assert problems == [f"{MODEL}:26: variants[0].layers: expected an integer, unknown, or a mapping with value "
                        f"and source, got '12L'"]


def test_unknown_key_is_an_error_with_a_suggestion(mini):
    _, problems = mini(edit("models/tiny.yaml", "license: MIT", "licence: MIT"))
    assert f"{MODEL}:11: licence: unknown key (did you mean 'license'?)" in problems
    assert f"{MODEL}:1: license: is required" in problems


def test_duplicate_key_is_an_error_not_a_silent_overwrite(mini):
    _, problems = mini(edit("models/tiny.yaml", "date: \"2020-05\"\n", "date: \"2020-05\"\ndate: \"2021-01\"\n"))
    assert problems == [f"{MODEL}:6: date: duplicate key (first given on line 5); YAML would silently keep only "
                        "the last"]


def test_arxiv_id_without_quotes_loads_as_a_float_and_is_rejected(mini):
    _, problems = mini(edit("papers/doe-2020-tiny.yaml", 'arxiv: "2005.00001"', "arxiv: 2010.11930"))
    assert problems == [f"{PAPER}:5: arxiv: expected an arXiv id such as \"1810.04805\" in quotes, got the number "
                        "2010.1193 (YAML reads the unquoted 2010.11930 that way: put it in quotes)"]


def test_no_where_text_is_expected_is_reported_as_a_boolean(mini):
    _, problems = mini(edit("models/tiny.yaml", "license: MIT", "license: no"))
    assert problems == [f"{MODEL}:11: license: expected text, got the boolean false (YAML reads the unquoted no "
                        "that way: put it in quotes)"]


def test_boolean_field_given_text(mini):
    _, problems = mini(edit("models/tiny.yaml", "open_weights: true", "open_weights: 'yes'"))
    assert problems == [f"{MODEL}:12: open_weights: expected true or false, got 'yes'"]


@pytest.mark.parametrize("written, message", [
    ('date: 2020-05-01', "expected a date written \"YYYY\", \"YYYY-MM\" or \"YYYY-MM-DD\" in quotes, got a date "
                         "(YAML reads the unquoted 2020-05-01 that way: put it in quotes)"),
    ('date: "May 2020"', "'May 2020' is not a date written \"YYYY\", \"YYYY-MM\" or \"YYYY-MM-DD\""),
    ('date: "2020-02-30"', "'2020-02-30' is not a real date (day is out of range for month)"),
    ('date: "2031-01"', "'2031-01' is in the future"),
])
def test_bad_dates(mini, written, message):
    _, problems = mini(edit("models/tiny.yaml", 'date: "2020-05"', written))
    assert problems == [f"{MODEL}:5: date: {message}"]


def test_missing_required_field_points_at_the_mapping(mini):
    _, problems = mini(edit("models/tiny.yaml", "    name: Tiny-Large\n", ""))
    assert problems == [f"{MODEL}:33: variants[1].name: is required"]


@pytest.mark.parametrize("old, new, line, field, message", [
    ("families: [enc]", "families: [decoders]", 3, "families[0]", "no family with id 'decoders' in data/families/"),
    ("organizations: [lab, uni]", "organizations: [lab, acme]", 4, "organizations[1]",
     "no organization with id 'acme' in data/organizations.yaml"),
    ("papers: [doe-2020-tiny]", "papers: [doe-2021-huge]", 10, "papers[0]",
     "no paper with id 'doe-2021-huge' in data/papers/"),
    ("open_weights: true\n", "open_weights: true\nderived_from:\n  - model: giant\n    relation: fine-tune\n", 14,
     "derived_from[0].model", "no model with id 'giant' in data/models/"),
    ("    source: paper\n    params: 340000000", "    source: blog\n    params: 340000000", 35,
     "variants[1].source", "no source with id 'blog' in this file's sources"),
])
def test_dangling_references(mini, old, new, line, field, message):
    _, problems = mini(edit("models/tiny.yaml", old, new))
    assert problems == [f"{MODEL}:{line}: {field}: {message}"]


@pytest.mark.parametrize("old, new, line, field, message", [
    ("    params: 110000000\n", "    params: 110000000\n    active_params: 200000000\n", 26,
     "variants[0].active_params", "200000000 active parameters exceed the 110000000 total"),
    ("    heads: 12\n", "    heads: 12\n    kv_heads: 5\n", 29, "variants[0].kv_heads",
     "5 key/value heads must be at most 12 heads and divide them"),
    ("    heads: 12\n", "    heads: 12\n    kv_heads: 24\n", 29, "variants[0].kv_heads",
     "24 key/value heads must be at most 12 heads and divide them"),
    ("    layers: 24\n", "    layers: 24\n    experts: 8\n    experts_per_token: 16\n", 39,
     "variants[1].experts_per_token", "16 experts per token exceed the 8 experts"),
    ("    d_head: 64\n", "    d_head: 32\n", 27, "variants[0].d_model",
     "768 is not heads x d_head = 12 x 32 = 384; if the source prints it so, use the long form with a note on "
     "d_model or d_head"),
])
def test_impossible_numbers(mini, old, new, line, field, message):
    _, problems = mini(edit("models/tiny.yaml", old, new))
    assert problems == [f"{MODEL}:{line}: {field}: {message}"]


def test_a_note_explains_a_source_that_prints_inconsistent_widths(mini):
    _, problems = mini(edit("models/tiny.yaml", "    d_head: 64\n",
                            "    d_head:\n      value: 32\n      note: The paper prints 32.\n"))
    assert problems == []


@pytest.mark.parametrize("value, message", [
    ("0", "must be a positive integer, got 0"),
    ("1.5e+8", "expected an integer, unknown, or a mapping with value and source, got the number 150000000.0 "
               "(YAML reads the unquoted 1.5e+8 that way: put it in quotes)"),
    ("110M", "expected an integer, unknown, or a mapping with value and source, got '110M'"),
    ("true", "expected an integer, unknown, or a mapping with value and source, got the boolean true "
             "(YAML reads the unquoted true that way: put it in quotes)"),
])
def test_numbers_must_be_positive_integers(mini, value, message):
    _, problems = mini(edit("models/tiny.yaml", "params: 110000000", f"params: {value}"))
    assert problems == [f"{MODEL}:25: variants[0].params: {message}"]


def test_unknown_is_accepted_as_undisclosed(mini):
    catalog, problems = mini(edit("models/tiny.yaml", "params: 110000000", "params: unknown"))
    assert problems == []
    number = catalog.models["tiny"]["variants"][0]["numbers"]["params"]
    assert number is not None and number.value is None


def test_variant_ids_are_unique_within_a_model(mini):
    _, problems = mini(edit("models/tiny.yaml", "id: tiny-large", "id: tiny-base"))
    assert problems == [f"{MODEL}:33: variants[1].id: variant id 'tiny-base' is used twice"]


def test_file_name_must_be_a_slug(mini):
    renamed = {"models/tiny.yaml": None, "benchmarks/tiny-glue.yaml": None, "resources/tiny-explained.yaml": None}
    _, problems = mini(renamed,
                       extra={"models/Tiny_Model.yaml": MINI["models/tiny.yaml"]})
    assert problems == ["data/models/Tiny_Model.yaml:1: id: file name 'Tiny_Model' is not a valid id: use lowercase "
                        "letters, digits and hyphens, starting with a letter or digit"]


def test_a_file_the_atlas_would_not_read_is_an_error_not_ignored(mini):
    _, problems = mini(extra={"models/other.yml": MINI["models/tiny.yaml"]})
    assert problems == ["data/models/other.yml:1: (file): not a data file the Atlas reads: entries go in "
                        "data/families/, data/models/, data/papers/, data/concepts/, data/resources/ or "
                        "data/benchmarks/ as <id>.yaml"]


def test_yaml_syntax_error_gives_its_line(mini):
    _, problems = mini(edit("models/tiny.yaml", "architecture: encoder", "architecture: [encoder"))
    assert len(problems) == 1
    assert problems[0].startswith(f"{MODEL}:7: (yaml): not valid YAML:")


@pytest.mark.parametrize("rel, old, new, expected", [
    pytest.param("models/tiny.yaml", "architecture: encoder", "architecture: other",
                 f"{MODEL}:1: architecture_note: is required when architecture is 'other'", id="other-needs-note"),
    pytest.param("models/tiny.yaml", "open_weights: true\n",
                 "open_weights: true\nderived_from:\n  - model: tiny\n    relation: fine-tune\n",
                 f"{MODEL}:14: derived_from[0].model: a model cannot be derived from itself", id="derived-from-self"),
    pytest.param("models/tiny.yaml", "    locator: Table 1\n", "    locator: Table 1\n    url: https://example.org/\n",
                 f"{MODEL}:15: sources[0]: give exactly one of paper or url", id="source-paper-and-url"),
    pytest.param("papers/doe-2020-tiny.yaml", "url: https://arxiv.org/abs/2005.00001", "url: javascript:alert(1)",
                 f"{PAPER}:6: url: 'javascript:alert(1)' is not an http:// or https:// address", id="url-not-http"),
    pytest.param("models/tiny.yaml", "open_weights: true\n",
                 "open_weights: true\nseed_corrections:\n  - field: variants.tiny-huge.params\n"
                 "    seed: 1B\n    note: No such size.\n",
                 f"{MODEL}:14: seed_corrections[0].field: 'variants.tiny-huge.params' names nothing in this file: "
                 "use a top-level key, variants.<id> or variants.<id>.<number>", id="seed-correction-field"),
    pytest.param("benchmarks/tiny-glue.yaml", "scores: {task-a: 81.5, loss: 2.1}",
                 "scores: {task-a: 81.5, loss: 2.1, task-b: 3}",
                 f"{BENCH}:17: rows[0].scores.task-b: 'task-b' is not one of this table's metric ids: task-a, loss",
                 id="score-for-unknown-metric"),
    pytest.param("benchmarks/tiny-glue.yaml", "variant: tiny-base", "variant: tiny-huge",
                 f"{BENCH}:16: rows[0].variant: model 'tiny' has no variant 'tiny-huge'", id="benchmark-variant"),
    pytest.param("benchmarks/tiny-glue.yaml", "    model: tiny\n", "",
                 f"{BENCH}:15: rows[0].variant: needs model: a variant belongs to a model",
                 id="benchmark-variant-without-model"),
    pytest.param("benchmarks/tiny-glue.yaml", "scores: {task-a: 79, loss: 1.9}", 'scores: {task-a: "79%", loss: 1.9}',
                 f"{BENCH}:19: rows[1].scores.task-a: expected a number, got '79%'", id="score-not-a-number"),
    pytest.param("benchmarks/tiny-glue.yaml", "scores: {task-a: 79, loss: 1.9}", "scores: {task-a: yes, loss: 1.9}",
                 f"{BENCH}:19: rows[1].scores.task-a: expected a number, got the boolean true (YAML reads the "
                 "unquoted yes that way: put it in quotes)", id="score-boolean"),
    pytest.param("benchmarks/tiny-glue.yaml", "locator: Table 3\n", "locator: Table 3\nurl: https://example.org/\n",
                 f"{BENCH}:2: paper: give exactly one of paper (with locator) or url", id="benchmark-two-sources"),
    pytest.param("papers/doe-2020-tiny.yaml", "topics: [pretraining, efficiency]", "topics: [pretraining, moe]",
                 f"{PAPER}:9: topics[1]: 'moe' is not one of: " + ", ".join(TOPICS), id="unknown-topic"),
    pytest.param("papers/doe-2020-tiny.yaml", "kind: model", "kind: review",
                 f"{PAPER}:8: kind: 'review' is not one of: model, method, survey", id="unknown-paper-kind"),
    pytest.param("concepts/masked-lm.yaml", "papers: [doe-2020-tiny]", "papers: [doe-2020-tiny]\nrelated: [masked-lm]",
                 "data/concepts/masked-lm.yaml:10: related[0]: a concept cannot be related to itself",
                 id="concept-related-to-itself"),
    pytest.param("models/tiny.yaml", "concepts: [masked-lm]", "concepts: [masked-lm, rope]",
                 f"{MODEL}:44: concepts[1]: no concept with id 'rope' in data/concepts/", id="unknown-concept"),
    pytest.param("concepts/masked-lm.yaml", "category: objective", "category: objectives",
                 "data/concepts/masked-lm.yaml:3: category: 'objectives' is not one of: " + ", ".join(CATEGORIES),
                 id="unknown-concept-category"),
    pytest.param("resources/tiny-explained.yaml", "kind: article", "kind: podcast",
                 "data/resources/tiny-explained.yaml:3: kind: 'podcast' is not one of: " + ", ".join(RESOURCE_KINDS),
                 id="unknown-resource-kind"),
    pytest.param("excluded-papers.yaml", "- title: Giant Planets Around Small Stars",
                 '- title: "Tiny: A Small Encoder"',
                 "data/excluded-papers.yaml:1: [0].title: is excluded here but is the paper 'doe-2020-tiny'",
                 id="excluded-title-is-a-paper"),
])
def test_single_rule_violations(mini, rel, old, new, expected):
    _, problems = mini(edit(rel, old, new))
    assert problems == [expected]


def test_duplicate_arxiv_ids_across_papers(mini):
    second = MINI["papers/doe-2020-tiny.yaml"].replace("Tiny: A Small", "Tiny Again: A Small").replace(
        "kind: model", "kind: method")
    _, problems = mini(extra={"papers/doe-2020-tiny-again.yaml": second})
    assert problems == ["data/papers/doe-2020-tiny.yaml:5: arxiv: arXiv 2005.00001 is already the paper "
                        "'doe-2020-tiny-again'"]


def test_a_name_or_other_name_may_not_name_another_model(mini):
    other = MINI["models/tiny.yaml"].replace("name: Tiny\nother_names: [TinyNet]",
                                             "name: Small\nother_names: [tinynet, Tiny]")
    _, problems = mini(extra={"models/small.yaml": other})
    # Files are read in name order, so the clash is reported on the second file to use the name.
    assert problems == [
        "data/models/tiny.yaml:1: name: 'Tiny' already names model 'small'",
        "data/models/tiny.yaml:2: other_names[0]: 'TinyNet' already names model 'small'",
    ]


def renamed(old_ids: str, name: str = "Small") -> str:
    """A second model, a copy of tiny under another name, with `aliases` (its former ids) set to old_ids."""
    return MINI["models/tiny.yaml"].replace("name: Tiny\nother_names: [TinyNet]", f"name: {name}\naliases: {old_ids}")


def test_a_former_id_may_not_be_a_current_id_or_claimed_twice(mini):
    _, problems = mini(extra={"models/small.yaml": renamed("[tiny, small, old-small]"),
                              "models/wee.yaml": renamed("[old-small, Old_Wee]", name="Wee")})
    assert problems == [
        "data/models/small.yaml:2: aliases[0]: 'tiny' is the id of another model: a redirect there would hide its page",
        "data/models/small.yaml:2: aliases[1]: 'small' is this model's own id",
        "data/models/wee.yaml:2: aliases[0]: 'old-small' is already a former id of model 'small'",
        "data/models/wee.yaml:2: aliases[1]: 'Old_Wee' is not lowercase letters, digits and hyphens, starting with a"
        " letter or digit",
    ]


def test_a_former_variant_id_may_not_be_another_variants_anchor(mini):
    _, problems = mini(edit("models/tiny.yaml", "  - id: tiny-large\n",
                            "  - id: tiny-large\n    aliases: [tiny-base, tiny-l]\n"))
    assert problems == [f"{MODEL}:34: variants[1].aliases[0]: 'tiny-base' is already a variant id or former id in"
                        " this file"]


def test_template_delimiters_are_refused_in_text(mini):
    _, problems = mini(edit("models/tiny.yaml", "name: Tiny\nother_names", "name: Tiny {{ config }}\nother_names"))
    assert problems == [f"{MODEL}:1: name: must not contain template delimiters such as {{{{, {{% or {{#"]


def test_every_problem_of_every_file_is_reported_in_one_run(mini):
    overrides = {
        **edit("models/tiny.yaml", "layers: 12\n", "layers: twelve\n"),
        **edit("papers/doe-2020-tiny.yaml", 'date: "2020-05-01"', 'date: "2020-13-01"'),
        **edit("families/enc.yaml", "order: 1", "order: first"),
    }
    catalog, problems = mini(overrides)
    assert catalog is None
    assert [p.split(":")[0] for p in problems] == ["data/families/enc.yaml", MODEL, PAPER]


def test_check_command_lists_problems_and_fails_without_traceback(tmp_path):
    from conftest import write_catalog

    write_catalog(tmp_path, edit("models/tiny.yaml", "heads: 16", "heads: sixteen"))
    result = subprocess.run([sys.executable, "-m", "macros", "check", "--root", str(tmp_path)],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 1
    assert "data/models/tiny.yaml:39: variants[1].heads: expected an integer" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.slow
def test_a_broken_data_file_fails_the_strict_build_listing_every_error(tmp_path):
    project = copy_project(tmp_path / "project")
    bert = project / "data" / "models" / "bert.yaml"
    text = bert.read_text().replace("architecture: encoder", "architecture: encoder\narchitecture: decoder", 1)
    bert.write_text(text.replace("open_weights: true", "open_weights: maybe", 1))
    result = mkdocs_build(project, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "2 problems in data/" in output
    assert "data/models/bert.yaml:" in output and "architecture: duplicate key" in output
    assert "open_weights: expected true or false, got 'maybe'" in output
    assert "Traceback" not in output
    assert not (tmp_path / "site" / "models" / "bert").exists()


def test_a_paper_of_kind_model_must_introduce_a_model(mini):
    _, problems = mini(edit("models/tiny.yaml", "papers: [doe-2020-tiny]\n", ""))
    assert problems == [f"{PAPER}:8: kind: is model, but no model in data/models/ names this paper first in its papers;"
                        " use method or survey for a paper that introduces no model of the Atlas"]


def test_a_resource_url_is_listed_once(mini):
    again = MINI["resources/tiny-explained.yaml"].replace("Tiny, explained", "Tiny explained again")
    _, problems = mini(extra={"resources/tiny-again.yaml": again})
    assert problems == ["data/resources/tiny-explained.yaml:2: url: 'https://example.org/tiny-explained' is already "
                        "the url of resource 'tiny-again'"]


def test_metric_keys_must_be_ids(mini):
    _, problems = mini(edit("benchmarks/tiny-glue.yaml", "scores: {task-a: 79, loss: 1.9}",
                            "scores: {Task A: 79, loss: 1.9}"))
    assert problems == [f"{BENCH}:19: rows[1].scores.Task A: key 'Task A' is not an id (lowercase letters, digits,"
                        " hyphens)"]
