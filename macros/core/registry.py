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
    style: str = "exact"  # "count": 1.4T, 175B; "exact": 4,096; "ratio": 20.0; "flops": 3.1 × 10²³
    derived: bool = False  # computed by the Atlas, never stated by a source
    compared: bool = False  # a column of the comparison table on /models/
    note: str = ""  # how a derived figure is computed, shown when its heading is hovered

    def as_json(self) -> dict:
        return {"name": self.name, "label": self.label, "meaning": self.meaning, "style": self.style,
                "derived": self.derived, "compared": self.compared, "note": self.note}


NUMBER_FIELDS = (
    NumberField("params", "Parameters", "Parameters", "count", compared=True),
    NumberField("active_params", "Active parameters", "Parameters used per token (mixture of experts)", "count"),
    NumberField("layers", "Layers", "Layers (encoder layers for encoder-decoder models)", compared=True),
    NumberField("decoder_layers", "Decoder layers", "Decoder layers of an encoder-decoder model"),
    NumberField("d_model", "d_model", "Hidden size", compared=True),
    NumberField("heads", "Heads", "Attention heads", compared=True),
    NumberField("kv_heads", "KV heads", "Key/value heads (grouped-query or multi-query attention)"),
    NumberField("d_head", "d_head", "Size of each head"),
    NumberField("d_ff", "d_ff", "Feed-forward inner size"),
    NumberField("context_length", "Context", "Context length in tokens", compared=True),
    NumberField("vocab_size", "Vocabulary", "Vocabulary size", compared=True),
    NumberField("training_tokens", "Training tokens", "Training tokens", "count", compared=True),
    NumberField("experts", "Experts", "Experts per mixture-of-experts layer"),
    NumberField("experts_per_token", "Experts per token", "Experts used per token"),
    NumberField("tokens_per_param", "Tokens per parameter ≈", "Estimate by the Atlas: training tokens ÷ parameters.",
                "ratio", derived=True, compared=True, note="estimate: training tokens ÷ parameters"),
    NumberField("train_flops", "Training compute ≈", "Estimate by the Atlas: 6 × parameters (active ones for"
                " mixture-of-experts models) × training tokens.", "flops", derived=True, compared=True,
                note="estimate: 6 × parameters × training tokens (active parameters for mixture-of-experts models)"),
)
FIELDS = {field.name: field for field in NUMBER_FIELDS}
HYPERPARAMETERS = tuple(field.name for field in NUMBER_FIELDS if not field.derived)  # the numbers data files hold
DERIVED = tuple(field.name for field in NUMBER_FIELDS if field.derived)

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


RELATIONS = {
    "fine-tune": Relation("Fine-tuned from", "is a fine-tune of this model", "fine-tune", "none"),
    "distillation": Relation("Distilled from", "is distilled from this model", "distillation", "6 3"),
    "continued-pretraining": Relation("Continued pretraining of", "continues the pretraining of this model",
                                      "continued pretraining", "2 3"),
    "architecture": Relation("Reuses the architecture of", "reuses the architecture of this model",
                             "reused architecture", "10 4 2 4"),
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
