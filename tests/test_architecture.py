"""Architecture as data (issue 14): one test per rule, and the derived figures against hand-computed cases."""

from __future__ import annotations

import pytest

from conftest import MINI, edit
from macros.core import architecture as arch
from macros.core.catalog import load_catalog  # noqa: F401  (the mini fixture uses it)

MODEL = "data/models/tiny.yaml"

# A decoder with the architecture block, as a contributor would write it; each test changes one thing.
DECODER = MINI["models/tiny.yaml"].replace("architecture: encoder", "architecture: decoder").replace(
    "  output: [embedding]", "  output: [text]").replace("sources:\n", """components:
  source: config
  attention: gqa
  positions: rope
  norm: rmsnorm
  norm_placement: pre
  activation: swiglu
sources:
""", 1).replace("""    heads: 12
    d_head: 64
""", """    heads: 12
    kv_heads: 4
    d_head: 64
    context_length: 4096
""", 1)


def decoder(old: str = "", new: str = "") -> dict:
    text = DECODER
    if old:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return {"models/tiny.yaml": text}


def messages(problems) -> list[str]:
    return [p.split(": ", 2)[1] + ": " + p.split(": ", 2)[2] for p in problems]


def test_a_recorded_architecture_is_valid(mini):
    catalog, problems = mini(decoder())
    assert problems == []
    shape = catalog.models["tiny"]["variants"][0]["shape"]
    assert shape.components["attention"] == "gqa" and shape.groups[0].count == 12


@pytest.mark.parametrize("old, new, field, wanted", [
    ("attention: gqa", "attention: mqa", "variants[0].kv_heads", "multi-query attention has one key/value head"),
    ("attention: gqa", "attention: mha", "variants[0].kv_heads", "as many key/value heads as heads"),
    ("    kv_heads: 4\n", "    kv_heads: 1\n", "variants[0].kv_heads", "is it mqa?"),
    ("    kv_heads: 4\n", "    kv_heads: 5\n", "variants[0].kv_heads", "must be at most 12 heads and divide them"),
])
def test_head_counts_must_match_the_attention_kind(mini, old, new, field, wanted):
    _, problems = mini(decoder(old, new))
    assert any(p.split(": ")[1] == field and wanted in p for p in problems), problems


def test_an_unknown_attention_kind_lists_the_allowed_ones(mini):
    _, problems = mini(decoder("attention: gqa", "attention: flash"))
    assert problems == [f"{MODEL}:16: components.attention: 'flash' is not one of: mha, mqa, gqa, mla, none; or unknown"
                        " when the source does not disclose it"]


@pytest.mark.parametrize("extra, field", [
    ("    kv_lora_rank: 512\n", "kv_lora_rank"),  # MLA numbers on a GQA model
    ("    q_lora_rank: 1536\n", "q_lora_rank"),
    ("    rope_head_dim: 64\n", "rope_head_dim"),
    ("    shared_experts: 1\n", "shared_experts"),  # expert numbers without experts
    ("    expert_d_ff: 2048\n", "expert_d_ff"),
    ("    patch_size: 14\n", "patch_size"),  # an image number on a text model
    ("    frame_ms: 20\n", "frame_ms"),
])
def test_a_field_that_does_not_apply_is_an_error(mini, extra, field):
    _, problems = mini(decoder("    context_length: 4096\n", "    context_length: 4096\n" + extra))
    assert any(f"variants[0].{field}: " in p for p in problems), problems


def test_rope_numbers_need_rotary_positions(mini):
    theta = ("    context_length: 4096\n", "    context_length: 4096\n    rope_theta: 10000\n")
    _, problems = mini(decoder(*theta))
    assert problems == []
    text = DECODER.replace("positions: rope", "positions: alibi").replace(*theta, 1)
    _, problems = mini({"models/tiny.yaml": text})
    assert any("variants[0].rope_theta: only applies to rotary positions" in p for p in problems)


def test_a_router_needs_experts(mini):
    _, problems = mini(decoder("  activation: swiglu\n", "  activation: swiglu\n  router: softmax-topk\n"))
    assert any("components.router: only applies to a mixture of experts" in p for p in problems)


LOCAL_GLOBAL = """  layer_mix:
    - repeat: 2
      pattern: [sliding, sliding, sliding, sliding, sliding, global]
"""


def test_a_layer_mix_must_add_up_to_the_layer_count(mini):
    _, problems = mini(decoder("  activation: swiglu\n", "  activation: swiglu\n" + LOCAL_GLOBAL))
    # 2 x 6 = 12 layers matches tiny-base, but tiny-large has 24 and no window is recorded
    assert any("components.layer_mix: the groups hold 2 × 6 = 12 layers, but tiny-large has 24" in p
               for p in problems)
    assert any("variants[0].sliding_window: the layer mix has sliding layers" in p for p in problems)


def test_the_window_must_be_shorter_than_the_context_and_belong_to_windowed_layers(mini):
    one_variant = DECODER[:DECODER.index("  - id: tiny-large")] + 'concepts: [masked-lm]\ndate_added: "2020-06-01"\n'
    with_mix = one_variant.replace("  activation: swiglu\n", "  activation: swiglu\n" + LOCAL_GLOBAL)
    _, problems = mini({"models/tiny.yaml": with_mix.replace("    context_length: 4096\n",
                                                             "    context_length: 4096\n    sliding_window: 8192\n")})
    assert any("variants[0].sliding_window: a window of 8192 is not shorter than the 4096-token context" in p
               for p in problems)
    _, problems = mini({"models/tiny.yaml": one_variant.replace(
        "    context_length: 4096\n", "    context_length: 4096\n    sliding_window: 1024\n")})
    assert any("variants[0].sliding_window: no layer uses a window" in p for p in problems)


def test_moe_layers_need_experts_and_experts_per_token_cannot_exceed_experts(mini):
    _, problems = mini(decoder("  activation: swiglu\n", "  activation: swiglu\n  layer_mix:\n"
                                                          "    - repeat: 12\n      pattern: [global/moe]\n"))
    assert any("has mixture-of-experts layers, but the variant records no `experts`" in p for p in problems)


def test_a_layer_kind_outside_the_vocabulary_is_refused(mini):
    _, problems = mini(decoder("  activation: swiglu\n", "  activation: swiglu\n  layer_mix:\n"
                                                          "    - repeat: 12\n      pattern: [retnet]\n"))
    assert any("components.layer_mix[0].pattern[0]: 'retnet': the layer's mixer must be one of" in p
               for p in problems)


def test_every_problem_is_reported_in_one_run(mini):
    text = DECODER.replace("attention: gqa", "attention: mqa").replace("activation: swiglu", "activation: swish")
    text = text.replace("    context_length: 4096\n", "    context_length: 4096\n    kv_lora_rank: 512\n", 1)
    _, problems = mini({"models/tiny.yaml": text})
    fields = {p.split(": ")[1] for p in problems}
    assert {"components.activation", "variants[0].kv_heads", "variants[0].kv_lora_rank"} <= fields


def test_a_variant_overrides_the_models_components_key_by_key(mini):
    catalog, problems = mini(decoder("    kv_heads: 4\n", "    kv_heads: 12\n    components:\n      attention: mha\n"))
    assert problems == []
    base, large = catalog.models["tiny"]["variants"]
    assert base["shape"].components["attention"] == "mha" and large["shape"].components["attention"] == "gqa"
    assert base["shape"].components["norm"] == "rmsnorm"  # not overridden: the model's value


def test_a_component_the_source_does_not_disclose_is_unknown_and_shown_as_such(mini):
    from macros.publish.export import model_record
    from macros.render.views import architecture
    closed = DECODER.replace("open_weights: true\n", "open_weights: false\n")
    assert closed != DECODER
    catalog, problems = mini({"models/tiny.yaml": closed.replace("  attention: gqa\n", "  attention: unknown\n").replace(
        "  activation: swiglu\n", "  activation: {value: unknown, source: config, note: not in the report}\n")})
    assert problems == []
    variant = catalog.models["tiny"]["variants"][0]
    # Nothing derived from it: the value is absent, and the shape says which parts were read and not disclosed.
    assert variant["shape"].components["attention"] is None and variant["shape"].groups is None
    assert variant["shape"].undisclosed == ("attention", "activation")
    assert "Not disclosed by its makers: attention, activation." in architecture(catalog, "/", "tiny")
    exported = model_record(catalog, catalog.models["tiny"])["variants"][0]
    assert exported["components"]["attention"] == "unknown" and exported["components"]["norm"] == "rmsnorm"
    assert exported["component_sources"]["attention"] == "config"
    # `unknown` is the only word besides the vocabulary.
    _, problems = mini(decoder("  attention: gqa\n", "  attention: undisclosed\n"))
    assert any("components.attention: 'undisclosed' is not one of: mha," in p and "or unknown when" in p for p in problems), problems


def test_a_variant_date_before_the_model_date_is_refused(mini):
    _, problems = mini(decoder("    name: Tiny-Base\n", '    name: Tiny-Base\n    date: "2019-01"\n'))
    assert any("variants[0].date: 2019-01 is before the model's date 2020-05" in p for p in problems)


# --- derived figures, computed by hand ------------------------------------------------------------------------

def shape(components: dict, numbers: dict, mix=None, architecture="decoder") -> arch.Shape:
    moe = numbers.get("experts") is not None
    groups = arch.layer_groups(mix, moe) if mix is not None else arch.uniform_stack(
        numbers.get("layers"), components.get("attention"), moe)
    full = {c.name: None for c in arch.COMPONENTS} | components
    return arch.Shape(numbers, full, groups, architecture)


def test_kv_cache_of_multi_head_attention():
    # GPT-2 XL-like: 48 layers x 2 (K, V) x 25 heads x 64 dims x 2 bytes = 307,200 bytes per token
    s = shape({"attention": "mha"}, {"layers": 48, "heads": 25, "d_model": 1600, "context_length": 1024})
    assert arch.kv_cache(s) == 48 * 2 * 25 * 64 * 2 == 307_200
    assert arch.kv_cache(s, 1024) == 307_200 * 1024


def test_kv_cache_of_grouped_query_attention():
    # Llama 2 70B: 80 layers x 2 x 8 KV heads x 128 x 2 bytes = 327,680 bytes (320 KiB) per token
    s = shape({"attention": "gqa"}, {"layers": 80, "heads": 64, "kv_heads": 8, "d_head": 128})
    assert arch.kv_cache(s) == 327_680


def test_kv_cache_of_multi_query_attention():
    # Falcon-7B: 32 layers x 2 x 1 KV head x 64 x 2 bytes = 8,192 bytes per token
    s = shape({"attention": "mqa"}, {"layers": 32, "heads": 71, "kv_heads": 1, "d_head": 64})
    assert arch.kv_cache(s) == 8_192


def test_kv_cache_of_multi_head_latent_attention():
    # DeepSeek-V3: 61 layers x (512 latent + 64 rotary) x 2 bytes = 70,272 bytes per token, whatever the heads
    s = shape({"attention": "mla"}, {"layers": 61, "heads": 128, "kv_heads": 128, "d_head": 128,
                                     "kv_lora_rank": 512, "rope_head_dim": 64})
    assert arch.kv_cache(s) == 61 * 576 * 2 == 70_272


def test_kv_cache_of_sliding_window_layers_is_capped_at_the_window():
    # 5 local : 1 global, 12 layers, 4 KV heads of 256, window 1024, context 32,768
    mix = [{"repeat": 2, "pattern": ["sliding"] * 5 + ["global"]}]
    s = shape({"attention": "gqa"}, {"layers": 12, "heads": 8, "kv_heads": 4, "d_head": 256,
                                     "sliding_window": 1024, "context_length": 32768}, mix)
    per_layer = 2 * 4 * 256 * 2
    assert arch.kv_cache(s) == 12 * per_layer
    assert arch.kv_cache(s, 32768) == 2 * per_layer * 32768 + 10 * per_layer * 1024


def test_kv_cache_of_a_hybrid_counts_only_its_attention_layers():
    # Jamba-like: 1 attention layer in 8, the others Mamba (constant state)
    mix = [{"repeat": 4, "pattern": ["mamba", "mamba", "mamba", "mamba", "global", "mamba", "mamba", "mamba"]}]
    s = shape({"attention": "gqa"}, {"layers": 32, "heads": 32, "kv_heads": 8, "d_head": 128}, mix)
    assert arch.kv_cache(s) == 4 * 2 * 8 * 128 * 2


def test_no_kv_cache_figure_without_the_numbers_it_needs():
    assert arch.kv_cache(shape({"attention": "gqa"}, {"layers": 32, "heads": 32})) is None  # no KV heads
    assert arch.kv_cache(shape({}, {"layers": 32, "heads": 32, "kv_heads": 32})) is None  # stack unknown
    assert arch.kv_cache(shape({"attention": "mla"}, {"layers": 61, "kv_lora_rank": 512})) is None


def test_parameters_from_the_shape_of_a_dense_decoder():
    # Llama 2 7B: 32000 x 4096 x 2 + 32 x (4 x 4096² + 3 x 4096 x 11008) = 6,738,149,376 (norms excluded)
    s = shape({"attention": "mha", "activation": "swiglu", "tied_embeddings": False},
              {"layers": 32, "d_model": 4096, "heads": 32, "kv_heads": 32, "d_ff": 11008, "vocab_size": 32000})
    assert arch.params_from_shape(s) == 32000 * 4096 * 2 + 32 * (4 * 4096**2 + 3 * 4096 * 11008) == 6_738_149_376


def test_no_parameter_estimate_for_a_decoder_whose_head_may_or_may_not_be_tied():
    s = shape({"attention": "mha", "activation": "gelu"},
              {"layers": 2, "d_model": 64, "heads": 4, "d_ff": 256, "vocab_size": 1000})
    assert arch.params_from_shape(s) is None


def test_parameters_from_the_shape_of_a_mixture_of_experts():
    # Mixtral 8x7B: attention with 8 KV heads, 8 experts of 14336 per layer, router 4096 x 8
    s = shape({"attention": "gqa", "activation": "swiglu", "tied_embeddings": False},
              {"layers": 32, "d_model": 4096, "heads": 32, "kv_heads": 8, "d_head": 128, "d_ff": 14336,
               "vocab_size": 32000, "experts": 8, "experts_per_token": 2})
    attention = 4096 * 4096 * 2 + 4096 * 8 * 128 * 2
    experts = 8 * 3 * 4096 * 14336 + 4096 * 8
    assert arch.params_from_shape(s) == 32000 * 4096 * 2 + 32 * (attention + experts) == 46_702_526_464


def test_a_moved_variant_must_exist_on_the_model_it_names(mini):
    moved = 'moved_variants:\n  - id: {vid}\n    model: {mid}\ndate_added: "2020-06-01"'
    text = MINI["models/tiny.yaml"]
    _, problems = mini({"models/tiny.yaml": text.replace('date_added: "2020-06-01"',
                                                         moved.format(vid="tiny-xl", mid="tiny"))})
    assert any("moved_variants[0].id: model 'tiny' has no variant 'tiny-xl'" in p for p in problems)
    _, problems = mini({"models/tiny.yaml": text.replace('date_added: "2020-06-01"',
                                                         moved.format(vid="tiny-base", mid="tiny"))})
    assert any("moved_variants[0].id: 'tiny-base' is still a variant of this model" in p for p in problems)


# --- what is not recorded yet (macros/core/completeness.py) ---------------------------------------------------------

def test_the_gaps_of_a_recent_decoder_are_listed_size_by_size(mini):
    from macros.core.completeness import Gap, decoder_gaps
    recent = {"models/tiny.yaml": DECODER.replace('date: "2020-05"', 'date: "2024-05"')}
    catalog, problems = mini(recent)
    assert problems == []
    # Tiny-Base records everything; Tiny-Large, released too, lacks three numbers its configuration would give.
    assert decoder_gaps(catalog.models) == [Gap("tiny", "tiny-large", (), ("kv_heads", "context_length", "vocab_size"))]
    # The same model released before 2023 is outside the rule.
    catalog, _ = mini(decoder())
    assert decoder_gaps(catalog.models) == []


def test_a_closed_size_may_leave_numbers_and_parts_undisclosed_but_not_unrecorded(mini):
    from macros.core.completeness import Gap, decoder_gaps
    text = DECODER.replace('date: "2020-05"', 'date: "2024-05"').replace("  activation: swiglu\n", "")
    # Tiny-Large described but never released: its makers are the only source, so `unknown` is an answer there.
    closed = text.replace("    layers: 24\n", "    open_weights: false\n    layers: 24\n    kv_heads: unknown\n"
                          "    components:\n      activation: unknown\n")
    catalog, problems = mini({"models/tiny.yaml": closed})
    assert problems == []
    # Tiny-Base is released and records no activation: a gap. Tiny-Large says its activation is undisclosed and
    # may leave its numbers unrecorded.
    assert decoder_gaps(catalog.models) == [Gap("tiny", "tiny-base", ("activation",), ())]


def test_the_about_page_lists_each_gap_with_what_it_lacks(mini):
    from macros.render.views import known_gaps
    recent = DECODER.replace('date: "2020-05"', 'date: "2024-05"').replace("name: Tiny-Large", 'name: "Big <b>one</b>"')
    catalog, problems = mini({"models/tiny.yaml": recent})
    assert problems == []
    html = known_gaps(catalog, "/")
    assert html.count("<tr><td>") == 1 and "One size still lacks something" in html
    row = html.split("<tbody>")[1]
    # The size links to its row on the model page; the model is named when the size's name does not say it.
    assert '<a href="/models/tiny/#tiny-large">Big &lt;b&gt;one&lt;/b&gt;</a> <span class="atlas-meta">(Tiny)</span>' in row
    assert "KV heads, Context, Vocabulary" in row and "Tiny-Base" not in row
    catalog, _ = mini(decoder())  # nothing recent: the page says every recent decoder is complete
    assert "<table" not in known_gaps(catalog, "/") and "records its attention" in known_gaps(catalog, "/")


def test_coverage_json_lists_the_same_gaps_by_field_name(mini):
    from macros.publish.export import coverage_record
    catalog, problems = mini({"models/tiny.yaml": DECODER.replace('date: "2020-05"', 'date: "2024-05"')})
    assert problems == []
    record = coverage_record(catalog)
    assert record["models"] == len(catalog.models)
    assert record["not_recorded"] == [{"model": "tiny", "variant": "tiny-large",
                                       "missing": ["kv_heads", "context_length", "vocab_size"]}]
