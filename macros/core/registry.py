"""What the Atlas knows, declared once: its numeric fields, its vocabularies and its identity.

The validator and the JSON Schemas (schema.py), the renderers and templates, the exports and their documentation,
and the JavaScript of the site (through /api/v1/fields.json) all read these tables. Adding a numeric field is one
new line in NUMBER_FIELDS; tests/test_registry.py adds one in a copy of the project and finds it on the model page,
in the comparison table, in the compare view's field list, in the CSV and in the JSON Schema.
"""

from __future__ import annotations

from dataclasses import dataclass

SITE_NAME = "Transformer Atlas"
SITE_AUTHOR = "Transformer Atlas contributors"
DATA_LICENCE = "CC BY 4.0"
CODE_LICENCE = "MIT"


@dataclass(frozen=True)
class NumberField:
    """A number recorded for each variant (or, if derived, computed by the Atlas from those numbers)."""

    name: str  # key in data files, exports and the page address
    label: str  # column heading
    meaning: str  # one line for the JSON Schema and the API documentation
    style: str = "exact"  # "count": 1.4T, 175B; "exact": 4,096; "ratio": 20.0; "flops": 3.1 × 10²³; "bytes": 1.5 GiB
    derived: bool = False  # computed by the Atlas, never stated by a source
    compared: bool = False  # a column of the comparison table on /models/
    note: str = ""  # how a derived figure is computed, shown when its heading is hovered
    section: str = "size"  # "size": a column of the variants table; "architecture": a line of the architecture box
    # Released weights fix it (their configuration states it), so `unknown` is never the answer for a size with open
    # weights: until someone reads it there, it is not recorded.
    set_by_weights: bool = False

    def as_json(self) -> dict:
        return {"name": self.name, "label": self.label, "meaning": self.meaning, "style": self.style,
                "derived": self.derived, "compared": self.compared, "note": self.note, "section": self.section,
                "set_by_weights": self.set_by_weights}


NUMBER_FIELDS = (
    NumberField("params", "Parameters", "Parameters", "count", compared=True),
    NumberField("active_params", "Active parameters", "Parameters used per token (mixture of experts)", "count"),
    NumberField("layers", "Layers", "Layers (encoder layers for encoder-decoder models)", compared=True,
                set_by_weights=True),
    NumberField("decoder_layers", "Decoder layers", "Decoder layers of an encoder-decoder model", set_by_weights=True),
    NumberField("d_model", "d_model", "Hidden size", compared=True, set_by_weights=True),
    NumberField("heads", "Heads", "Attention heads", compared=True, set_by_weights=True),
    NumberField("kv_heads", "KV heads", "Key/value heads (grouped-query or multi-query attention)",
                set_by_weights=True),
    NumberField("d_head", "d_head", "Size of each head", set_by_weights=True),
    NumberField("d_ff", "d_ff", "Feed-forward inner size", set_by_weights=True),
    NumberField("context_length", "Context", "Context length in tokens", compared=True),
    NumberField("vocab_size", "Vocabulary", "Vocabulary size", compared=True, set_by_weights=True),
    NumberField("training_tokens", "Training tokens", "Training tokens", "count", compared=True),
    NumberField("experts", "Experts", "Experts per mixture-of-experts layer", set_by_weights=True),
    NumberField("experts_per_token", "Experts per token", "Experts used per token", set_by_weights=True),
    # The shape of the blocks (issue 14): shown in each model's architecture box, not as variants-table columns.
    NumberField("pretraining_context", "Pretraining context", "Context length of the main pretraining stage",
                section="architecture"),
    NumberField("sliding_window", "Sliding window", "Tokens seen by each sliding-window (local) attention layer",
                section="architecture", set_by_weights=True),
    NumberField("rope_theta", "RoPE base θ", "Base of the rotary position embedding (of the global layers when"
                " local ones use another)", section="architecture", set_by_weights=True),
    NumberField("rotary_dim", "Rotary dimensions", "Dimensions per head that are rotated, when rotary embeddings"
                " cover only part of each head", section="architecture", set_by_weights=True),
    NumberField("kv_lora_rank", "KV latent rank", "Rank of the compressed key/value latent (multi-head latent"
                " attention)", section="architecture", set_by_weights=True),
    NumberField("q_lora_rank", "Query latent rank", "Rank of the compressed query (multi-head latent attention)",
                section="architecture", set_by_weights=True),
    NumberField("rope_head_dim", "Decoupled RoPE dimensions", "Size of the decoupled rotary key shared by all heads"
                " (multi-head latent attention)", section="architecture", set_by_weights=True),
    NumberField("shared_experts", "Shared experts", "Experts every token uses, besides the routed ones",
                section="architecture", set_by_weights=True),
    NumberField("expert_d_ff", "Expert d_ff", "Inner size of each routed expert", section="architecture",
                set_by_weights=True),
    NumberField("mtp_depth", "Multi-token prediction depth", "Extra modules that predict tokens further ahead",
                section="architecture"),
    NumberField("patch_size", "Patch size", "Pixels per side of an image patch", section="architecture",
                set_by_weights=True),
    NumberField("frame_ms", "Frame (ms)", "Milliseconds of audio per encoder position", section="architecture"),
    NumberField("tokens_per_param", "Tokens per parameter ≈", "Estimate by the Atlas: training tokens ÷ parameters.",
                "ratio", derived=True, compared=True, note="estimate: training tokens ÷ parameters"),
    NumberField("kv_bytes_per_token", "KV cache per token ≈", "Estimate by the Atlas: bytes of key/value cache each"
                " token adds at bf16, over every attention layer (MLA: its latent; state-space layers: none).",
                "bytes", derived=True, compared=True, section="architecture",
                note="estimate: 2 (K and V) × KV heads × head size × 2 bytes, summed over attention layers"),
    NumberField("kv_cache_context", "KV cache at full context ≈", "Estimate by the Atlas: bytes of key/value cache"
                " for one sequence of the full context at bf16 (sliding-window layers keep only their window).",
                "bytes", derived=True, section="architecture",
                note="estimate: per-layer cache × tokens kept (the context, or the window of a local layer)"),
    NumberField("weights_bf16", "Weights at bf16 ≈", "Estimate by the Atlas: parameters × 2 bytes.", "bytes",
                derived=True, section="architecture", note="estimate: parameters × 2 bytes"),
    NumberField("weights_4bit", "Weights at 4-bit ≈", "Estimate by the Atlas: parameters × half a byte, before"
                " quantisation overheads.", "bytes", derived=True, section="architecture",
                note="estimate: parameters × 0.5 bytes"),
    NumberField("params_from_shape", "Parameters from shape ≈", "Estimate by the Atlas: parameters counted from"
                " the recorded layer shapes (embeddings, attention, feed-forward and experts; no norms or"
                " biases).", "count", derived=True, section="architecture",
                note="estimate: embeddings + attention projections + feed-forward blocks, from the recorded shape"),
    NumberField("train_flops", "Training compute ≈", "Estimate by the Atlas: 6 × parameters (active ones for"
                " mixture-of-experts models) × training tokens.", "flops", derived=True, compared=True,
                note="estimate: 6 × parameters × training tokens (active parameters for mixture-of-experts models)"),
)
FIELDS = {field.name: field for field in NUMBER_FIELDS}
HYPERPARAMETERS = tuple(field.name for field in NUMBER_FIELDS if not field.derived)  # the numbers data files hold
SIZE_NUMBERS = tuple(field.name for field in NUMBER_FIELDS if not field.derived and field.section == "size")
SHAPE_NUMBERS = tuple(field.name for field in NUMBER_FIELDS if field.section == "architecture")
DERIVED = tuple(field.name for field in NUMBER_FIELDS if field.derived)
SIZE_DERIVED = tuple(field.name for field in NUMBER_FIELDS if field.derived and field.section == "size")

# Architectures: a model is one of the first four; a family may also be "mixed".
ARCHITECTURES = {
    "encoder": "Encoder",
    "decoder": "Decoder",
    "encoder-decoder": "Encoder-decoder",
    "other": "Other",
    "mixed": "Mixed",
}
MODEL_ARCHITECTURES = ("encoder", "decoder", "encoder-decoder", "other")
FAMILY_ARCHITECTURES = ("encoder", "decoder", "encoder-decoder", "mixed")


@dataclass(frozen=True)
class Relation:
    """How a model was made from another: read from the child ("up"), from the parent ("down"), and drawn."""

    up: str
    down: str
    legend: str
    dash: str  # SVG stroke-dasharray on lineage charts
    colour: str  # and its colour there: relations differ in two ways, not in dash style alone


RELATIONS = {
    "fine-tune": Relation("Fine-tuned from", "is a fine-tune of this model", "fine-tune", "none", "#1e88e5"),
    "distillation": Relation("Distilled from", "is distilled from this model", "distillation", "6 3", "#d81b60"),
    "continued-pretraining": Relation("Continued pretraining of", "continues the pretraining of this model",
                                      "continued pretraining", "2 3", "#2e7d32"),
    "architecture": Relation("Reuses the architecture of", "reuses the architecture of this model",
                             "reused architecture", "10 4 2 4", "#8e24aa"),
}

PAPER_KINDS = {
    "model": "Introduces a model",
    "method": "Method, analysis or system",
    "survey": "Survey",
}

# The topic tags of papers, with the label the site shows. A fixed list keeps tags from splintering
# ("MoE", "moe", "mixture of experts") and lets each one have a page.
TOPICS = {
    "architecture": "Architecture",
    "pretraining": "Pretraining objectives",
    "scaling": "Scaling",
    "alignment": "Alignment and RLHF",
    "instruction-tuning": "Instruction tuning",
    "fine-tuning": "Fine-tuning and adaptation",
    "efficiency": "Efficiency",
    "mixture-of-experts": "Mixture of experts",
    "long-context": "Long context",
    "retrieval": "Retrieval",
    "multilingual": "Multilingual",
    "multimodal": "Multimodal",
    "vision": "Vision",
    "image-generation": "Image and video generation",
    "speech": "Speech",
    "code": "Code",
    "dialogue": "Dialogue",
    "reasoning": "Reasoning",
    "evaluation": "Evaluation and benchmarks",
    "analysis": "Analysis and interpretability",
    "safety": "Safety",
    "data": "Data",
    "domain": "Domain-specific models",
    "systems": "Training and inference systems",
    "survey": "Surveys",
}

CONCEPT_CATEGORIES = {
    "objective": "Pretraining objectives",
    "adaptation": "Fine-tuning and alignment",
    "attention": "Attention",
    "position": "Positions",
    "architecture": "Architecture",
    "efficiency": "Efficiency and scale",
    "training": "Data and tokenization",
    "modality": "Beyond text",
}

RESOURCE_KINDS = {
    "article": "Articles",
    "tutorial": "Tutorials",
    "video": "Videos",
    "book": "Books",
    "course": "Courses",
    "implementation": "Implementations",
    "tool": "Tools",
    "list": "Lists and collections",
}

MODALITIES = ("text", "code", "image", "audio", "video")
OUTPUT_MODALITIES = MODALITIES + ("embedding",)
ORGANIZATION_KINDS = ("company", "university", "research-lab", "nonprofit", "community")
SOURCE_KINDS = ("model-card", "config", "repository", "blog", "other")

# key -> (label on the page, what the contributor writes there)
KEY_IDEAS = {
    "pretraining_objective": ("Pretraining objective", "What the model learns to predict."),
    "tokenizer": ("Tokenizer", "Tokenizer and vocabulary."),
    "positional_encoding": ("Positional encoding", "How positions are encoded."),
    "normalization": ("Normalisation", "Where and which normalisation is applied."),
    "attention": ("Attention", "Attention variant."),
    "activation": ("Activation", "Feed-forward activation."),
    "training_data": ("Training data", "What it was trained on."),
    "fine_tuning": ("Fine-tuning", "How it was adapted after pretraining."),
    "other": ("Other", "Anything notable that does not fit above."),
}


# What a contributor writes for a number or a component that the source was read for and does not disclose.
UNDISCLOSED = "unknown"

# ---------------------------------------------------------------------------------------------------------------
# Architecture as data (issue 14): the named parts of a Transformer block, each a small vocabulary.
# The validator, the JSON Schema, the model page's architecture box and diagram, the explorer's facets, the
# architectures page and the exports all read these tables.


@dataclass(frozen=True)
class Choice:
    """One value of a component's vocabulary."""

    label: str  # short, for tables and diagrams: "GQA"
    meaning: str  # two sentences at most, for the architectures page and the JSON Schema
    concept: str = ""  # the concept page that explains it, when there is one


@dataclass(frozen=True)
class Component:
    """A named part of the architecture recorded per model (and overridden per variant): a choice or a yes/no."""

    name: str
    label: str
    meaning: str
    choices: dict | None = None  # value -> Choice; None for a yes/no component
    facet: bool = True  # a filter of the models explorer and a section of the architectures page
    needs: str = ""  # a condition under which alone it applies: "experts" (a mixture of experts)
    concept: str = ""  # for a yes/no component: the concept a model with "yes" uses

    def as_json(self) -> dict:
        return {"name": self.name, "label": self.label, "meaning": self.meaning, "needs": self.needs,
                "choices": None if self.choices is None else
                {value: {"label": c.label, "meaning": c.meaning, "concept": c.concept}
                 for value, c in self.choices.items()}}


COMPONENTS = (
    Component("attention", "Attention", "How the attention layers share keys and values among their heads", {
        "mha": Choice("MHA", "Multi-head attention: every query head has its own keys and values.",
                      "self-attention"),
        "mqa": Choice("MQA", "Multi-query attention: all query heads share a single key/value head, which shrinks"
                             " the cache the most.", "multi-query-attention"),
        "gqa": Choice("GQA", "Grouped-query attention: query heads are split into groups that each share one"
                             " key/value head.", "grouped-query-attention"),
        "mla": Choice("MLA", "Multi-head latent attention: keys and values are rebuilt from one small latent vector"
                             " per token, and only that latent is cached.", "multi-head-latent-attention"),
        "none": Choice("none", "No attention layers at all: every layer keeps a fixed-size state instead.",
                       "state-space-model"),
    }),
    Component("qk_norm", "QK-norm", "Queries and keys are normalised before their dot product", None,
              facet=False, concept="qk-norm"),
    Component("positions", "Positions", "How the model knows where each token is", {
        "learned": Choice("learned", "A trained vector per position is added to each token's embedding.",
                          "absolute-position-embedding"),
        "sinusoidal": Choice("sinusoidal", "Fixed sine and cosine waves of many frequencies are added to the"
                                           " embeddings.", "absolute-position-embedding"),
        "relative-bias": Choice("relative bias", "A learned bias per distance bucket is added to the attention"
                                                 " scores (T5).", "relative-position-encoding"),
        "relative": Choice("relative", "Attention scores get terms that depend on the distance between tokens,"
                                       " learned or fixed (Transformer-XL, DeBERTa).", "relative-position-encoding"),
        "rope": Choice("RoPE", "Queries and keys are rotated by an angle that grows with the position, so their"
                               " dot product depends on the distance.", "rotary-position-embedding"),
        "alibi": Choice("ALiBi", "A fixed penalty proportional to the distance is subtracted from attention"
                                 " scores, with a different slope per head.", "alibi"),
        "none": Choice("none", "No positional encoding: the causal mask alone tells tokens apart.",
                       "no-positional-encoding"),
    }),
    Component("norm", "Norm", "The normalisation layer", {
        "layernorm": Choice("LayerNorm", "Subtracts the mean and divides by the standard deviation of each"
                                         " token's vector, then scales and shifts.", "pre-norm"),
        "rmsnorm": Choice("RMSNorm", "Divides each token's vector by its root mean square and scales it, with no"
                                     " mean subtraction.", "rmsnorm"),
    }),
    Component("norm_placement", "Norm placement", "Where the normalisation sits around each sublayer", {
        "post": Choice("post-norm", "After the residual addition, as in the original Transformer.", "pre-norm"),
        "pre": Choice("pre-norm", "At the input of each sublayer, leaving the residual path untouched.",
                      "pre-norm"),
        "pre-post": Choice("pre+post", "At both the input and the output of each sublayer (a sandwich).",
                           "pre-norm"),
        "sublayer-post": Choice("sublayer output", "On each sublayer's output before it joins the residual path,"
                                                   " with no norm at its input.", "pre-norm"),
    }),
    Component("activation", "Activation", "The feed-forward block's nonlinearity and gating", {
        "relu": Choice("ReLU", "Two projections with a ReLU between them."),
        "gelu": Choice("GELU", "Two projections with a GELU between them."),
        "silu": Choice("SiLU", "Two projections with a SiLU (swish) between them."),
        "squared-relu": Choice("ReLU²", "Two projections with a squared ReLU between them."),
        "swiglu": Choice("SwiGLU", "A gated block: one projection, passed through SiLU, multiplies another"
                                   " elementwise before the output projection.", "gated-linear-units"),
        "geglu": Choice("GeGLU", "A gated block whose gate goes through GELU.", "gated-linear-units"),
        "reglu": Choice("ReGLU", "A gated block whose gate goes through ReLU.", "gated-linear-units"),
    }),
    Component("router", "Router", "How a mixture-of-experts layer picks the experts for a token", {
        "softmax-topk": Choice("softmax top-k", "Scores every expert, keeps the k best and weights them by a"
                                                " softmax.", "mixture-of-experts"),
        "sigmoid-topk": Choice("sigmoid top-k", "Scores every expert with a sigmoid, keeps the k best and"
                                                " normalises their weights.", "mixture-of-experts"),
        "expert-choice": Choice("expert choice", "Each expert picks the tokens it takes, so the load is"
                                                 " balanced by construction.", "mixture-of-experts"),
        "hash": Choice("hash", "A fixed hash of the token decides its expert; nothing is learned.",
                       "mixture-of-experts"),
    }, facet=False, needs="experts"),
    Component("tied_embeddings", "Tied embeddings", "The output head reuses the input embedding matrix", None,
              facet=False),
)
COMPONENT_FIELDS = {component.name: component for component in COMPONENTS}


@dataclass(frozen=True)
class Mixer:
    """What mixes information across positions in one layer of the stack (the layer mix's first half)."""

    label: str
    cache: str  # "full": keys/values for every token; "window": at most the window; "state": a fixed-size state
    concept: str = ""


LAYER_MIXERS = {
    "global": Mixer("global attention", "full", "self-attention"),
    "sliding": Mixer("sliding-window attention", "window", "sliding-window-attention"),
    "chunked": Mixer("chunked attention", "window", "chunked-attention"),
    "global-nope": Mixer("global attention, no positions", "full", "no-positional-encoding"),
    "banded": Mixer("banded sparse attention", "window", "sparse-attention"),
    "mamba": Mixer("Mamba", "state", "state-space-model"),
    "mamba2": Mixer("Mamba-2", "state", "state-space-model"),
    "deltanet": Mixer("Gated DeltaNet", "state", "linear-attention"),
    "linear": Mixer("linear attention", "state", "linear-attention"),
    "mlstm": Mixer("mLSTM", "state", "state-space-model"),
    "rglru": Mixer("RG-LRU recurrence", "state", "state-space-model"),
    "none": Mixer("no mixer (feed-forward only)", "none"),
}
# The second half of a layer kind: its feed-forward block. Omitted, it is "moe" when the variant records experts.
FFN_KINDS = {"dense": "dense FFN", "moe": "MoE FFN", "none": "no FFN"}
HYBRID_MIXERS = tuple(name for name, mixer in LAYER_MIXERS.items() if mixer.cache == "state")

# Numbers whose presence means a model uses a concept (besides the components' choices and the layer mixers).
NUMBER_CONCEPTS = {"experts": "mixture-of-experts", "sliding_window": "sliding-window-attention",
                   "mtp_depth": "multi-token-prediction", "kv_lora_rank": "multi-head-latent-attention"}
