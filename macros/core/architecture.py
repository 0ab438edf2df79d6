"""A variant's architecture, resolved in one place: the model's components with the variant's overrides applied
key by key, and its layer mix as groups of layers. The rules, the derived figures, the diagram, the compare view
and the exports all read a variant's architecture through here."""

from __future__ import annotations

from dataclasses import dataclass

from .numbers import plain_value
from .registry import COMPONENTS, FFN_KINDS, LAYER_MIXERS


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
        out.update({key: value for key, value in variant_components.items() if key != "source"})
    return out


def component_values(components: dict) -> dict:
    """name -> plain value, for every component (None when unrecorded)."""
    return {c.name: value_of(components.get(c.name)) for c in COMPONENTS}


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
    """The stack a model without a layer mix has: `layers` full-attention layers (none when attention is none)."""
    if not layers or attention == "none":
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
