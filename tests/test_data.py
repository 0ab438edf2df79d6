"""The real catalog in data/: valid, complete for the seed models, consistent with its JSON Schemas."""

from __future__ import annotations

import json
import re
import tomllib

import jsonschema
import pytest
import yaml

from conftest import ROOT
from macros import catalog as catalog_module
from macros import schema

CATALOG, PROBLEMS = catalog_module.load_catalog(ROOT)
DATA_FILES = sorted((ROOT / "data").glob("*/*.yaml")) + [ROOT / "data" / "organizations.yaml"]

# The 24 numbered models of seed 000, plus GPT-3 and LLaMA whose size tables seed 001 reproduces.
SEED_MODELS = {
    "bert", "roberta", "albert", "gpt-2", "t5", "bart", "instructgpt", "alpaca", "vicuna", "plbart", "codex",
    "codet5", "image-gpt", "vit", "beit", "dall-e", "latent-diffusion", "imagen", "simvlm", "coca", "gpt-4",
    "conformer", "transformer-transducer", "hubert", "gpt-3", "llama",
}


def test_the_catalog_has_no_problems():
    assert [str(p) for p in PROBLEMS] == []


def test_every_seed_model_is_present_with_a_paper_and_sources():
    assert SEED_MODELS <= set(CATALOG.models)
    for model_id in SEED_MODELS:
        model = CATALOG.models[model_id]
        assert model["papers"], model_id
        assert model["variants"], model_id


def test_every_seed_family_has_models():
    assert len(CATALOG.families) == 8
    for family_id in CATALOG.families:
        assert CATALOG.models_of_family(family_id), family_id


def test_seed_001_tables_are_complete():
    """GPT-3 has the 8 sizes of its paper's Table 2.1 and LLaMA the 4 of its Table 2, each fully specified."""
    for model_id, count in (("gpt-3", 8), ("llama", 4)):
        variants = CATALOG.models[model_id]["variants"]
        assert len(variants) == count
        for variant in variants:
            for name in ("params", "layers", "d_model", "heads", "context_length", "vocab_size", "training_tokens"):
                assert variant["numbers"][name] is not None and variant["numbers"][name].known, (variant["id"], name)


def test_every_paper_is_used_by_a_model_or_is_the_transformer_paper():
    used = {p for m in CATALOG.models.values() for p in m["papers"]} | {
        s["paper"] for m in CATALOG.models.values() for s in m["sources"] if s["paper"]}
    assert set(CATALOG.papers) - used <= {"vaswani-2017-attention"}


def test_arxiv_ids_are_well_formed_and_unique():
    ids = [p["arxiv"] for p in CATALOG.papers.values() if p["arxiv"]]
    assert all(re.fullmatch(r"\d{4}\.\d{4,5}", i) for i in ids)
    assert len(ids) == len(set(ids))


def test_committed_json_schemas_match_the_definitions():
    for name, generated in schema.json_schemas().items():
        committed = json.loads((ROOT / "data" / "schema" / name).read_text())
        assert committed == generated, f"data/schema/{name} is stale: run `make schema`"


def test_schemas_are_valid_json_schema():
    for generated in schema.json_schemas().values():
        jsonschema.Draft202012Validator.check_schema(generated)


@pytest.mark.parametrize("path", DATA_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_file_validates_against_its_published_schema(path):
    """A second, independent validator (jsonschema) agrees with ours on every data file."""
    kind = "organizations" if path.name == "organizations.yaml" else {
        "families": "family", "models": "model", "papers": "paper"}[path.parent.name]
    published = schema.json_schemas()[f"{kind}.schema.json"]
    jsonschema.Draft202012Validator(published).validate(yaml.safe_load(path.read_text()))


@pytest.mark.parametrize("path", DATA_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_file_points_editors_at_its_schema(path):
    first = path.read_text().splitlines()[0]
    match = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
    assert match, f"{path.name}: first line must be the yaml-language-server schema comment"
    assert (path.parent / match.group(1)).resolve().is_file()


def test_the_lock_file_satisfies_the_declared_ranges():
    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name

    pinned = {}
    for line in (ROOT / "requirements.lock").read_text().splitlines():
        if line and not line.startswith("#"):
            name, version = line.split("==")
            pinned[canonicalize_name(name)] = version
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    declared = project["dependencies"] + project["optional-dependencies"]["test"]
    for text in declared:
        requirement = Requirement(text)
        version = pinned.get(canonicalize_name(requirement.name))
        assert version is not None, f"{requirement.name} is not pinned in requirements.lock"
        assert requirement.specifier.contains(version), f"{requirement.name}=={version} is outside {text}"
