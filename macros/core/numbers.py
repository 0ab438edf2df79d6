"""A hyperparameter's value in any of its written forms (a plain integer, `unknown`, or `{value:, source:}`),
unwrapped in one place, and the figures the Atlas derives from them."""

from __future__ import annotations

from dataclasses import dataclass

from .registry import UNDISCLOSED


@dataclass(frozen=True)
class Number:
    """A hyperparameter after validation: its value (None when unknown) and where it comes from."""

    value: int | None
    source: dict | None = None
    estimated: bool = False
    note: str | None = None

    @property
    def known(self) -> bool:
        return self.value is not None


def plain_value(number):
    """The integer of a hyperparameter as written, in any of its forms (before validation), or None."""
    if isinstance(number, dict):
        number = number.get("value")
    return number if isinstance(number, int) and not isinstance(number, bool) else None


def number(raw, default_source: dict | None, sources: dict) -> Number | None:
    if raw is None:
        return None
    if raw == UNDISCLOSED:
        return Number(None, default_source)
    if isinstance(raw, dict):
        return Number(raw["value"], sources.get(raw.get("source")) or default_source,
                      bool(raw.get("estimated")), raw.get("note"))
    return Number(raw, default_source)


def known_value(number: Number | None) -> int | None:
    """The integer of a validated hyperparameter, or None when it is unrecorded or undisclosed."""
    return number.value if number is not None and number.known else None


def derived_figures(numbers: dict) -> dict:
    """Figures the Atlas computes, never states: tokens per parameter and the 6·N·D training-compute estimate.

    A mixture-of-experts model (one that records experts or active parameters, even as undisclosed) spends
    compute on its active parameters only: without them the estimate is unknown, since its total parameters
    would overstate it by as much as the ratio of experts to experts used.
    """
    params, tokens = known_value(numbers.get("params")), known_value(numbers.get("training_tokens"))
    if params is None or tokens is None:
        return {"tokens_per_param": None, "train_flops": None}
    active = known_value(numbers.get("active_params"))
    sparse = numbers.get("experts") is not None or numbers.get("active_params") is not None
    computing = active if sparse else params
    return {"tokens_per_param": tokens / params,
            "train_flops": None if computing is None else 6 * computing * tokens}
