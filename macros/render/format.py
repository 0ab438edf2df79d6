"""How numbers and prose are written on pages: one formatter for every count, compute figure and description."""

from __future__ import annotations

import re

from ..core.registry import FIELDS




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


def size_in_bytes(value: int) -> str:
    """1536 -> '1.5 KiB', 140 * 2**30 -> '140 GiB' (binary units, three significant digits, as memory is sold).
    A value that would read 1,000 or more of a unit is written in the next one (1,000 KiB is '0.977 MiB')."""
    units = ((2**10, "KiB"), (2**20, "MiB"), (2**30, "GiB"), (2**40, "TiB"))
    for index, (size, suffix) in reversed(list(enumerate(units))):
        if value >= size:
            scaled = value / size
            if float(f"{scaled:.3g}") >= 1000 and index + 1 < len(units):
                size, suffix = units[index + 1]
                scaled = value / size
            text = f"{scaled:.3g}"
            return (text if "e" not in text else f"{scaled:,.0f}") + " " + suffix
    return f"{value} B"


def show_number(name: str, value) -> str:
    """A value of the numeric field `name`, written in that field's style."""
    style = FIELDS[name].style
    if style == "count":
        return human(value)
    if style == "ratio":
        return f"{value:.1f}" if value < 100 else f"{value:.0f}"
    if style == "flops":
        return flops(value)
    if style == "bytes":
        return size_in_bytes(value)
    return f"{value:,}"


def plain_text(text: str, limit: int = 160) -> str:
    """A one-line, length-limited version of contributor prose, for meta descriptions."""
    text = re.sub(r"\s+", " ", text).strip()
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"
