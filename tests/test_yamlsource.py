"""The strict YAML reader: lines, duplicate keys, traps, syntax errors."""

from macros.core import yamlsource
def test_lines_are_recorded_for_nested_values():
    doc = yamlsource.parse("a: 1\nb:\n  - x: 2\n    y: [3, 4]\n", "f.yaml")
    assert doc.problems == []
    assert doc.data == {"a": 1, "b": [{"x": 2, "y": [3, 4]}]}
    assert doc.line(("b", 0, "y", 1)) == 4 and doc.line(("b", 0, "x")) == 3
    assert doc.line(("b", 0, "missing")) == 3  # a missing key points at its mapping


def test_duplicate_key_keeps_the_first_and_reports_the_second():
    doc = yamlsource.parse("a: 1\nb: 2\na: 3\n", "f.yaml")
    assert doc.data == {"a": 1, "b": 2}
    assert [str(p) for p in doc.problems] == [
        "f.yaml:3: a: duplicate key (first given on line 1); YAML would silently keep only the last [Y203]"]


def test_quoting_is_remembered():
    doc = yamlsource.parse('a: 2010.11930\nb: "2010.11930"\n', "f.yaml")
    assert doc.data == {"a": 2010.1193, "b": "2010.11930"}
    assert doc.raw[("a",)] == ("2010.11930", True) and doc.raw[("b",)] == ("2010.11930", False)


def test_syntax_error_and_empty_file_and_merge_keys():
    assert str(yamlsource.parse("a: [1\n", "f.yaml").problems[0]).startswith("f.yaml:2: (yaml): not valid YAML")
    assert [str(p) for p in yamlsource.parse("", "f.yaml").problems] == ["f.yaml:1: (document): the file is empty [Y202]"]
    doc = yamlsource.parse("c:\n  <<: {x: 1}\n", "f.yaml")
    assert [str(p) for p in doc.problems] == [
        "f.yaml:2: c: YAML merge keys (<<) are not supported: write the keys out [Y204]"]
    # with an anchor and an alias, as merge keys are usually written, the aliases are refused first
    doc = yamlsource.parse("base: &b {x: 1}\nc:\n  <<: *b\n", "f.yaml")
    assert [p.code for p in doc.problems] == ["Y205"] and doc.data is None


def test_field_names_read_like_the_docs():
    assert yamlsource.field_name(("variants", 1, "layers")) == "variants[1].layers"
    assert yamlsource.field_name((0, "id")) == "[0].id"
    assert yamlsource.field_name(()) == "(document)"
