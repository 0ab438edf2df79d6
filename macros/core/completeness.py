"""What the Atlas has not recorded yet: the parts and numbers every decoder released since 2023 should carry
(issues 14 and 15), size by size. The data tests and the /about/ page read the same list, from this one definition."""

from __future__ import annotations

from dataclasses import dataclass

# A recent decoder is described by its attention, positions, norm and activation, and by these numbers.
PARTS = ("attention", "positions", "norm", "activation")
NUMBERS = ("layers", "d_model", "heads", "kv_heads", "context_length", "vocab_size")
SINCE = "2023"
ATTENTION_NUMBERS = ("heads", "kv_heads")


@dataclass(frozen=True)
class Gap:
    """One size of a model that lacks a required part or number."""

    model_id: str
    variant_id: str
    parts: tuple  # components neither recorded nor (for a size without released weights) said to be undisclosed
    numbers: tuple  # numbers a released size lacks (its configuration holds them)


def variant_gap(model_id: str, variant: dict) -> Gap | None:
    shape = variant["shape"]
    # `unknown` answers for a size whose weights were never released: its makers are the only source.
    parts = tuple(p for p in PARTS if shape.components.get(p) is None
                  and (variant["open_weights"] or p not in shape.undisclosed))
    # A stack without attention has no heads to count (the rules refuse them there).
    wanted = NUMBERS if shape.components.get("attention") != "none" else \
        tuple(n for n in NUMBERS if n not in ATTENTION_NUMBERS)
    # A closed size may leave its numbers undisclosed; a released one has a configuration that gives them.
    numbers = tuple(n for n in wanted if variant["open_weights"]
                    and (variant["numbers"][n] is None or not variant["numbers"][n].known))
    return Gap(model_id, variant["id"], parts, numbers) if parts or numbers else None


def decoder_gaps(models: dict) -> list[Gap]:
    """Every size of a decoder released since 2023 that lacks a required part or number, in catalog order."""
    gaps = []
    for model_id, model in models.items():
        if model["architecture"] != "decoder" or model["date"] < SINCE:
            continue
        gaps += [gap for variant in model["variants"] if (gap := variant_gap(model_id, variant))]
    return gaps
