"""A variant's architecture, resolved in one place: the model's components with the variant's overrides applied
key by key, and its layer mix as groups of layers. The rules, the derived figures, the diagram, the compare view
and the exports all read a variant's architecture through here."""

from __future__ import annotations

from dataclasses import dataclass

from .numbers import plain_value
from .registry import COMPONENTS, FFN_KINDS, LAYER_MIXERS, UNDISCLOSED


@dataclass(frozen=True)
class Layer:
    mixer: str  # a key of LAYER_MIXERS
    ffn: str  # a key of FFN_KINDS

    @property
    def kind(self) -> str:
        return f"{self.mixer}/{self.ffn}"


@dataclass(frozen=True)
class Group:
    repeat: int
    layers: tuple  # of Layer, one repetition
    note: str | None = None

    @property
    def count(self) -> int:
        return self.repeat * len(self.layers)


def value_of(raw):
    """A component's value in either written form (`gqa` or `{value: gqa, source: …}`)."""
    return raw.get("value") if isinstance(raw, dict) else raw


def merged_components(model_components, variant_components) -> dict:
    """The raw component entries that apply to one variant: the model's, overridden key by key by the variant's."""
    out = dict(model_components) if isinstance(model_components, dict) else {}
    if isinstance(variant_components, dict):
        out.update({key: value for key, value in variant_components.items() if key != "source" and value is not None})
    return out


def component_values(components: dict) -> dict:
    """name -> plain value, for every component (None when unrecorded or undisclosed)."""
    values = {c.name: value_of(components.get(c.name)) for c in COMPONENTS}
    return {name: None if value == UNDISCLOSED else value for name, value in values.items()}


def undisclosed_components(components: dict) -> tuple:
    """The components whose source was read and does not disclose them, in the registry's order."""
    return tuple(c.name for c in COMPONENTS if value_of(components.get(c.name)) == UNDISCLOSED)


def has_experts(numbers_or_variant: dict) -> bool:
    """Whether a variant is a mixture of experts: it records experts (a count, or as undisclosed)."""
    return numbers_or_variant.get("experts") is not None


def layer_groups(layer_mix, moe: bool) -> list[Group] | None:
    """The layer mix as groups, each layer kind spelled out (`global` → `global/dense` or `global/moe`).
    None when the layer mix is absent or not well formed (the schema reports the latter)."""
    if not isinstance(layer_mix, list):
        return None
    groups = []
    for entry in layer_mix:
        if not isinstance(entry, dict) or not isinstance(entry.get("pattern"), list):
            return None
        repeat = entry.get("repeat", 1)
        if not isinstance(repeat, int) or isinstance(repeat, bool) or repeat < 1:
            return None
        layers = []
        for kind in entry["pattern"]:
            if not isinstance(kind, str):
                return None
            mixer, _, ffn = kind.partition("/")
            ffn = ffn or ("moe" if moe else "dense")
            if mixer not in LAYER_MIXERS or ffn not in FFN_KINDS:
                return None
            layers.append(Layer(mixer, ffn))
        groups.append(Group(repeat, tuple(layers), entry.get("note")))
    return groups


def uniform_stack(layers: int | None, attention: str | None, moe: bool) -> list[Group] | None:
    """The stack a model without a layer mix has: `layers` full-attention layers. None when the attention kind is
    not recorded (nothing is then known of the stack) or is none."""
    if not layers or attention in (None, "none"):
        return None
    return [Group(layers, (Layer("global", "moe" if moe else "dense"),))]


def layer_count(groups) -> int:
    return sum(group.count for group in groups)


def mixers_in(groups) -> set:
    return {layer.mixer for group in groups or () for layer in group.layers}


def ffns_in(groups) -> set:
    return {layer.ffn for group in groups or () for layer in group.layers}


def variant_numbers(variant: dict, names) -> dict:
    return {name: plain_value(variant.get(name)) for name in names}


# ---------------------------------------------------------------------------------------------------------------
# Figures derived from the shape (issue 14). Each is an estimate, marked ≈ wherever it is shown, and None when a
# number it needs is not recorded: the Atlas never fills a gap with a guess.

BF16_BYTES = 2
GATED = ("swiglu", "geglu", "reglu")


@dataclass(frozen=True)
class Shape:
    """What the derived figures read: a variant's numbers (plain integers or None) and its resolved components."""

    numbers: dict
    components: dict  # name -> plain value (None when unrecorded or undisclosed)
    groups: list | None  # the layer mix, or the uniform stack; None when neither is known
    architecture: str
    undisclosed: tuple = ()  # component names the source does not disclose

    @property
    def d_head(self) -> int | None:
        n = self.numbers
        if n.get("d_head"):
            return n["d_head"]
        if n.get("d_model") and n.get("heads") and n["d_model"] % n["heads"] == 0:
            return n["d_model"] // n["heads"]
        return None


def shape_of(model: dict, variant: dict, numbers: dict) -> Shape:
    """The shape of one validated variant: `numbers` maps each number field to its integer or None."""
    raw = merged_components(model.get("components"), variant.get("components"))
    values = component_values(raw)
    moe = variant.get("experts") is not None
    groups = layer_groups(raw.get("layer_mix"), moe) if raw.get("layer_mix") else \
        uniform_stack(numbers.get("layers"), values.get("attention"), moe)
    return Shape(numbers, values, groups, model.get("architecture", ""), undisclosed_components(raw))


def kv_bytes_per_layer(shape: Shape) -> int | None:
    """Bytes of cache one attention layer keeps per token at bf16: keys and values of every KV head, or MLA's
    compressed latent and its shared rotary key."""
    n, attention = shape.numbers, shape.components.get("attention")
    if attention == "mla":
        if n.get("kv_lora_rank") and n.get("rope_head_dim"):
            return (n["kv_lora_rank"] + n["rope_head_dim"]) * BF16_BYTES
        return None
    kv = n.get("kv_heads") or (n.get("heads") if attention == "mha" else None)
    if attention == "mqa":
        kv = 1
    if kv is None or shape.d_head is None:
        return None
    return 2 * kv * shape.d_head * BF16_BYTES


def kv_cache(shape: Shape, tokens: int | None = None) -> int | None:
    """Bytes of KV cache at bf16 for `tokens` tokens of context (one token when None, counting every attention
    layer: what each new token costs while windows are still filling). Sliding and chunked layers keep at most
    their window; constant-state layers (Mamba, DeltaNet, linear attention) keep nothing per token."""
    if shape.architecture not in ("decoder", "other") or not shape.groups:
        return None
    per_layer = None
    total = 0
    for group in shape.groups:
        for layer in group.layers:
            cache = LAYER_MIXERS[layer.mixer].cache
            if cache in ("state", "none"):
                continue
            per_layer = per_layer if per_layer is not None else kv_bytes_per_layer(shape)
            if per_layer is None:
                return None
            kept = 1 if tokens is None else tokens
            if cache == "window" and tokens is not None:
                window = shape.numbers.get("sliding_window")
                if window is None:
                    return None
                kept = min(tokens, window)
            total += group.repeat * per_layer * kept
    return total


def params_from_shape(shape: Shape) -> int | None:
    """Parameters counted from the recorded shape of a decoder or encoder stack: embeddings (twice if the output
    head is not tied), attention projections and feed-forward blocks (every expert of a mixture). Norms and biases
    are left out (well under 1 %). None when a part cannot be counted from the data (MLA's projections, state-space
    layers, an encoder-decoder)."""
    n, c = shape.numbers, shape.components
    d, vocab, heads, d_head = n.get("d_model"), n.get("vocab_size"), n.get("heads"), shape.d_head
    if shape.architecture not in ("decoder", "encoder") or not shape.groups or None in (d, vocab, heads, d_head):
        return None
    if c.get("attention") == "mla" or c.get("activation") is None:
        return None
    if shape.architecture == "decoder" and c.get("tied_embeddings") is None:
        return None  # whether the output head has its own matrix decides a vocabulary × width block
    kv = 1 if c.get("attention") == "mqa" else n.get("kv_heads") or heads
    ffn_matrices = 3 if c.get("activation") in GATED else 2
    # An encoder's released weights end at its last layer (a masked-LM head, when kept, reuses the embedding).
    total = vocab * d * (1 if c.get("tied_embeddings") or shape.architecture == "encoder" else 2)
    if c.get("positions") == "learned" and n.get("context_length"):
        total += n["context_length"] * d
    attention = d * heads * d_head * 2 + d * kv * d_head * 2
    for group in shape.groups:
        for layer in group.layers:
            mixer = LAYER_MIXERS[layer.mixer]
            if mixer.cache == "state":
                return None
            layer_total = attention if mixer.cache in ("full", "window") else 0
            if layer.ffn == "dense":
                if not n.get("d_ff"):
                    return None
                layer_total += ffn_matrices * d * n["d_ff"]
            elif layer.ffn == "moe":
                width = n.get("expert_d_ff") or n.get("d_ff")
                if not width or not n.get("experts"):
                    return None
                layer_total += (n["experts"] + (n.get("shared_experts") or 0)) * ffn_matrices * d * width
                layer_total += d * n["experts"]  # the router
            total += group.repeat * layer_total
    return total


def shape_figures(shape: Shape) -> dict:
    """The derived figures of issue 14 for one variant (None where not computable)."""
    params = shape.numbers.get("params")
    context = shape.numbers.get("context_length")
    return {
        "kv_bytes_per_token": kv_cache(shape),
        "kv_cache_context": kv_cache(shape, context) if context else None,
        "weights_bf16": params * BF16_BYTES if params else None,
        "weights_4bit": params // 2 if params else None,
        "params_from_shape": params_from_shape(shape),
    }


def implied_concepts(shape: Shape, numbers: dict) -> list[str]:
    """The concepts a variant's recorded architecture says it uses, in a stable order: concept pages list their
    models from these, so nobody has to keep the lists by hand."""
    from .registry import COMPONENT_FIELDS, NUMBER_CONCEPTS

    found = []
    for name, value in shape.components.items():
        component = COMPONENT_FIELDS[name]
        if component.choices is None:
            concept = component.concept if value is True else ""
        else:
            choice = component.choices.get(value)
            concept = choice.concept if choice else ""
        found.append(concept)
    found += [LAYER_MIXERS[layer.mixer].concept for group in shape.groups or () for layer in group.layers]
    found += [concept for name, concept in NUMBER_CONCEPTS.items() if numbers.get(name) is not None]
    return [c for c in dict.fromkeys(found) if c]


# ---------------------------------------------------------------------------------------------------------------
# The recipe over time (the architectures page): which share of each year's models uses a component value.

TRENDS = (  # (key, label, test on a variant's shape and numbers, the component whose recording makes it count)
    ("rope", "RoPE", lambda s, n: s.components.get("positions") == "rope", "positions"),
    ("gqa", "GQA/MQA", lambda s, n: s.components.get("attention") in ("gqa", "mqa"), "attention"),
    ("rmsnorm", "RMSNorm", lambda s, n: s.components.get("norm") == "rmsnorm", "norm"),
    ("gated", "gated FFN", lambda s, n: s.components.get("activation") in GATED, "activation"),
    ("moe", "MoE", lambda s, n: n.get("experts") is not None, "attention"),
    ("window", "windows",
     lambda s, n: bool(mixers_in(s.groups) & {"sliding", "chunked"}), "attention"),
)


def model_uses(model: dict, test) -> bool:
    """Whether any variant of a model passes `test` (on its shape and its numbers)."""
    return any(test(v["shape"], {k: (x.value if x is not None else None) for k, x in v["numbers"].items()})
               for v in model["variants"])


def recorded(model: dict, component: str) -> bool:
    return any(v["shape"].components.get(component) is not None for v in model["variants"])


def trends(models, first_year: int = 2017) -> list[dict]:
    """Per year from `first_year`: how many models record their architecture, and the share using each trend."""
    years: dict[int, list] = {}
    for model in models:
        year = int(model["date"][:4])
        if year >= first_year:
            years.setdefault(year, []).append(model)
    out = []
    for year in sorted(years):
        row = {"year": year, "models": len(years[year])}
        for key, _, test, component in TRENDS:
            counted = [m for m in years[year] if recorded(m, component)]
            row[key] = (sum(model_uses(m, test) for m in counted), len(counted))
        out.append(row)
    return out
