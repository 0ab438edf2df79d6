"""How numbers and prose are written on pages: one formatter for every count, compute figure and description."""

from __future__ import annotations

import re



# How each hyperparameter is labelled and written in tables.
COLUMNS = {
    "params": ("Parameters", "count"),
    "active_params": ("Active parameters", "count"),
    "layers": ("Layers", "exact"),
    "decoder_layers": ("Decoder layers", "exact"),
    "d_model": ("d_model", "exact"),
    "heads": ("Heads", "exact"),
    "kv_heads": ("KV heads", "exact"),
    "d_head": ("d_head", "exact"),
    "d_ff": ("d_ff", "exact"),
    "context_length": ("Context", "exact"),
    "vocab_size": ("Vocabulary", "exact"),
    "training_tokens": ("Training tokens", "count"),
    "experts": ("Experts", "exact"),
    "experts_per_token": ("Experts per token", "exact"),
}


def human(value: int) -> str:
    """110000000 -> '110M', 6700000000 -> '6.7B', 1400000000000 -> '1.4T' (three significant digits).

    A value that rounds up to the next unit takes that unit (999,950 is '1M', not '1e+03K'); past a thousand
    trillion, which the schema refuses, the count of T is written out in full rather than in e-notation.
    """
    units = ((10**3, "K"), (10**6, "M"), (10**9, "B"), (10**12, "T"))
    for index, (size, suffix) in reversed(list(enumerate(units))):
        if value >= size:
            text = f"{value / size:.3g}"
            if float(text) >= 1000 and index + 1 < len(units):
                return human(units[index + 1][0])
            return (text if "e" not in text else f"{value / size:,.0f}") + suffix
    return str(value)


def flops(value: float) -> str:
    """6.3e+23 -> '6.3 × 10²³ FLOPs' (scientific notation is what papers use for compute)."""
    mantissa, exponent = f"{value:.1e}".split("e")
    superscript = str(int(exponent)).translate(str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹"))
    return f"{mantissa} × 10{superscript}"


def show_number(name: str, value: int) -> str:
    return human(value) if COLUMNS[name][1] == "count" else f"{value:,}"


def plain_text(text: str, limit: int = 160) -> str:
    """A one-line, length-limited version of contributor prose, for meta descriptions."""
    text = re.sub(r"\s+", " ", text).strip()
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"
