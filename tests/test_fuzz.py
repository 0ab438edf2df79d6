"""Fuzzing the loader and the validator with Hypothesis: whatever a data file holds, the answer is either a valid
entry or coded `file:line: field:` problems, never a traceback, and always in bounded time.

`make test` runs a short budget (the "ci" profile); the weekly workflow sets HYPOTHESIS_PROFILE=long.
"""

from __future__ import annotations

import datetime as dt
import json
import os

import markupsafe
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import MINI, write_catalog
from macros.core import catalog, problems, safetext, schema, yamlsource
from macros.publish import pages
from macros.render import views as render
settings.register_profile("ci", max_examples=150, deadline=2000,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
settings.register_profile("long", max_examples=5000, deadline=5000,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

TODAY = dt.date(2026, 11, 22)
FILE = "data/models/fuzz.yaml"

# Characters that have broken parsers, pages and terminals: controls, C1, bidi, zero-width, noncharacters,
# look-alike letters, YAML indicators and Markdown / HTML syntax.
NASTY = ("\x00", "\x07", "\x1b", "\x7f", "\x85", "\x9b", "\u200b", "\u200d", "\u202e", "\u2066", "\u2028", "\ufeff",
         "\ufffe", "\uffff", "\ue000", "\u3164", "Ε", "Т", "Ｂ", "&", "*", "!!", "<<", "? ", ": ", "- ", "{", "}",
         "[", "]", "#", "|", ">", "'", '"', "%", "@", "`", "\\", "\t", "\n", "\r", "---", "...", "<script>",
         "](javascript:", "{: onerror=x }", "{{", "1:20", "012", "0x1f", "9" * 60, ".inf", "~", "no", "2010.11930")
text_values = st.one_of(
    st.text(max_size=40),
    st.lists(st.sampled_from(NASTY) | st.text(max_size=5), max_size=12).map("".join),
)
keys = st.sampled_from(["name", "summary", "date", "variants", "sources", "id", "params", "license", "x"]) | text_values
scalars = st.one_of(st.none(), st.booleans(), st.integers(min_value=-10**30, max_value=10**30),
                    st.floats(allow_nan=True), text_values)
trees = st.recursive(scalars, lambda children: st.lists(children, max_size=4)
                     | st.dictionaries(keys, children, max_size=4), max_leaves=20)


def documents():
    """YAML text: dumped trees (valid YAML holding anything), fragment soups (mostly invalid YAML, anchors,
    aliases, tags, deep nesting) and the mini model with one line replaced."""
    dumped = trees.map(lambda tree: __import__("yaml").safe_dump(tree, allow_unicode=True))
    fragments = st.sampled_from(["a: ", "&x ", "*x", "!!python/object ", "[", "]", "{", "}", "- ", "\n", "  ",
                                 "<<: ", "? ", "---\n", "\"\\u202e\"", "'", "#", "1:20", "0o7", "9" * 5000])
    soup = st.lists(fragments | text_values, max_size=40).map("".join)
    model_lines = MINI["models/tiny.yaml"].splitlines()
    edited = st.tuples(st.integers(0, len(model_lines) - 1), text_values).map(
        lambda edit: "\n".join(model_lines[:edit[0]] + [edit[1]] + model_lines[edit[0] + 1:]) + "\n")
    deep = st.integers(10, 3000).map(lambda n: "x: " + "[" * n + "]" * n + "\n")
    return st.one_of(dumped, soup, edited, deep)


def assert_coded(found, text: str = "") -> None:
    lines = text.count("\n") + 2
    for problem in found:
        assert problem.code in problems.CODES
        assert 1 <= problem.line <= max(lines, 2), problem
        shown = str(problem)
        assert shown.isprintable(), shown
        assert shown.startswith(f"{problem.file}:{problem.line}: ")


@given(documents())
def test_any_document_is_read_or_refused_with_coded_problems(text):
    doc = yamlsource.parse(text, FILE)
    assert_coded(doc.problems, text)
    if not doc.problems:
        checker = schema.Checker(doc, TODAY)
        schema.MODEL.check(doc.data, (), checker)
        assert_coded(doc.problems, text)


@given(text_values)
def test_any_name_is_refused_with_a_code_or_shown_inertly(tmp_path_factory, name):
    root = tmp_path_factory.mktemp("fuzz")
    model = MINI["models/tiny.yaml"].replace("name: Tiny\n", f"name: {json.dumps(name)}\n")
    write_catalog(root, {"models/tiny.yaml": model})
    result, found = catalog.load_catalog(root, TODAY)
    assert_coded(found, model)
    if result is None:
        assert found
        return
    assert result.models["tiny"]["name"] == name
    assert safetext.unsafe_characters(name) == []
    # A valid name always makes front matter that reads back, and template text with no markup in it.
    pages.front_matter({"title": render.escape(name), "atlas_kind": "model"})
    shown = render.inert(name)
    assert isinstance(shown, markupsafe.Markup)
    assert not set(str(shown)) & set("<>\"'[]{}`*|")
