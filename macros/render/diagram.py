"""The architecture of one variant as a block diagram, laid out from the data (issue 14).

The layout is plain geometry (boxes with their text), so tests can check it without a browser: no box overlaps
another, every group of the layer mix is drawn, every line of text fits its box. The template
(templates/architecture.svg) only draws what is here; the text version (an ordered list) says the same in words.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..core import architecture as arch
from ..core.registry import COMPONENT_FIELDS, FFN_KINDS, LAYER_MIXERS
from .charts import text_width
from .format import human

WIDTH = 600
MARGIN = 12
LINE = 15  # px between lines of text
FONT = 12  # px


@dataclass
class Box:
    x: float
    y: float
    width: float
    height: float
    lines: list  # text lines, the first in bold
    kind: str  # CSS class suffix: embed, attn, local, state, ffn, moe, head, frame, none

    @property
    def right(self) -> float:
        return self.x + self.width

    @property
    def bottom(self) -> float:
        return self.y + self.height


@dataclass
class Diagram:
    id: str
    title: str
    description: str
    width: float
    height: float = 0.0
    boxes: list = field(default_factory=list)  # Box, drawn in order (frames first)
    repeats: list = field(default_factory=list)  # (x, y, "× 10") beside each group's frame
    steps: list = field(default_factory=list)  # the text version, one item per block


def _n(value) -> str:
    return f"{value:,}" if isinstance(value, int) else "?"


def _choice(name: str, value) -> str:
    component = COMPONENT_FIELDS[name]
    if value is None:
        return ""
    if component.choices is None:
        return component.label if value else ""
    choice = component.choices.get(value)
    return choice.label if choice else str(value)


def summary(shape: arch.Shape) -> str:
    """The architecture in one line: 'GQA (8 KV heads) · RoPE θ 500,000 · RMSNorm, pre-norm · SwiGLU · 80 layers'."""
    c, n = shape.components, shape.numbers
    parts = []
    attention = _choice("attention", c.get("attention"))
    if attention:
        if c.get("attention") in ("gqa", "mqa") and n.get("kv_heads"):
            attention += f" ({_n(n['kv_heads'])} KV head{'s' if n['kv_heads'] != 1 else ''})"
        elif c.get("attention") == "mla" and n.get("kv_lora_rank"):
            attention += f" (latent rank {_n(n['kv_lora_rank'])})"
        parts.append(attention + (", QK-norm" if c.get("qk_norm") else ""))
    positions = _choice("positions", c.get("positions"))
    if positions:
        parts.append(positions + (f" θ {_n(n['rope_theta'])}" if c.get("positions") == "rope" and n.get("rope_theta")
                                  else ""))
    norm = ", ".join(filter(None, (_choice("norm", c.get("norm")), _choice("norm_placement", c.get("norm_placement")))))
    if norm:
        parts.append(norm)
    if c.get("activation"):
        parts.append(_choice("activation", c["activation"]))
    if n.get("experts"):
        moe = f"MoE {_n(n.get('experts_per_token'))} of {_n(n['experts'])} experts"
        if n.get("shared_experts"):
            moe += f" + {_n(n['shared_experts'])} shared"
        parts.append(moe)
    hybrid = arch.mixers_in(shape.groups) & {m for m, x in LAYER_MIXERS.items() if x.cache == "state"}
    if hybrid:
        parts.append("hybrid with " + ", ".join(LAYER_MIXERS[m].label for m in sorted(hybrid)))
    if n.get("layers"):
        parts.append(f"{_n(n['layers'])} layers" + (f" + {_n(n['decoder_layers'])} decoder layers"
                                                    if n.get("decoder_layers") else ""))
    return " · ".join(parts)


def _mixer_lines(shape: arch.Shape, mixer: str) -> list[str]:
    n, c = shape.numbers, shape.components
    info = LAYER_MIXERS[mixer]
    if mixer == "none":
        return ["No mixer"]
    first = info.label[0].upper() + info.label[1:]
    details = []
    if info.cache in ("full", "window"):
        kind = _choice("attention", c.get("attention"))
        heads = f"{_n(n.get('heads'))} heads" if n.get("heads") else ""
        if c.get("attention") in ("gqa", "mqa") and n.get("kv_heads"):
            heads += f" / {_n(n['kv_heads'])} KV"
        details.append(" ".join(filter(None, (kind, heads))))
        if info.cache == "window" and n.get("sliding_window"):
            details.append(f"window {_n(n['sliding_window'])}")
        if c.get("attention") == "mla" and n.get("kv_lora_rank"):
            details.append(f"latent {_n(n['kv_lora_rank'])}")
    return [first, " · ".join(d for d in details if d)] if any(details) else [first]


def _ffn_lines(shape: arch.Shape, ffn: str) -> list[str]:
    n, c = shape.numbers, shape.components
    activation = _choice("activation", c.get("activation"))
    if ffn == "none":
        return ["No FFN"]
    if ffn == "moe":
        line = f"{_n(n.get('experts_per_token'))} of {_n(n.get('experts'))} experts"
        if n.get("shared_experts"):
            line += f" + {_n(n['shared_experts'])} shared"
        width = n.get("expert_d_ff") or n.get("d_ff")
        return [f"MoE FFN{' (' + activation + ')' if activation else ''}", line + (f" · {_n(width)}" if width else "")]
    return [f"{activation + ' ' if activation else ''}FFN", f"d_ff {_n(n['d_ff'])}" if n.get("d_ff") else ""]


def _fit(lines: list[str], width: float) -> list[str]:
    """Lines shortened with an ellipsis until each fits `width` px at the diagram's font size."""
    out = []
    for line in lines:
        if not line:
            continue
        while line and text_width(line) * FONT / 11 > width - 12:
            line = line[:-2].rstrip() + "…"
        out.append(line)
    return out


def diagram(model: dict, variant: dict, chart_id: str) -> Diagram:
    """The block diagram of one variant: embeddings, the layer mix as repeated groups, the output head."""
    shape: arch.Shape = variant["shape"]
    n, c = shape.numbers, shape.components
    d = Diagram(chart_id, f"Architecture of {variant['name']}", summary(shape) or "Architecture not recorded",
                WIDTH)
    inner = WIDTH - 2 * MARGIN
    y = MARGIN

    def block(lines, kind, x=MARGIN, width=inner, step=None):
        nonlocal y
        fitted = _fit(lines, width)
        box = Box(x, y, width, 10 + LINE * max(1, len(fitted)), fitted, kind)
        d.boxes.append(box)
        y = box.bottom + 10
        if step:
            d.steps.append(step)
        return box

    embed = [f"Token embedding · vocabulary {_n(n.get('vocab_size'))} · width {_n(n.get('d_model'))}"]
    positions = c.get("positions")
    if positions in ("learned", "sinusoidal"):
        embed.append(f"+ {_choice('positions', positions)} positions")
    if n.get("patch_size"):
        embed.append(f"images in {_n(n['patch_size'])} × {_n(n['patch_size'])} patches")
    block(embed, "embed", step=" ".join(embed))

    groups = shape.groups
    if model["architecture"] == "encoder-decoder" and n.get("layers"):
        groups = [arch.Group(n["layers"], (arch.Layer("global", "dense"),), "encoder")]
        if n.get("decoder_layers") or n.get("layers"):
            groups.append(arch.Group(n.get("decoder_layers") or n["layers"], (arch.Layer("global", "dense"),),
                                     "decoder: self-attention, cross-attention to the encoder, FFN"))
    if not groups:
        block(["Layer stack not recorded", "the sources opened for the Atlas do not describe it"], "none",
              step="The layer stack is not recorded.")
    norm = ", ".join(filter(None, (_choice("norm", c.get("norm")), _choice("norm_placement",
                                                                            c.get("norm_placement")))))
    for group in groups or ():
        frame_top = y
        y += 22  # room for the frame's caption
        caption = group.note or ("norm: " + norm if norm else "")
        start_boxes = len(d.boxes)
        for layer in group.layers:
            mixer_info = LAYER_MIXERS[layer.mixer]
            kind = {"full": "attn", "window": "local", "state": "state", "none": "none"}[mixer_info.cache]
            left_w = inner * 0.56 - 30
            row_y = y
            mixer_box = block(_mixer_lines(shape, layer.mixer), kind, x=MARGIN + 44, width=left_w)
            y = row_y
            ffn_box = block(_ffn_lines(shape, layer.ffn), "moe" if layer.ffn == "moe" else
                            "none" if layer.ffn == "none" else "ffn", x=MARGIN + 52 + left_w,
                            width=inner - left_w - 60)
            height = max(mixer_box.height, ffn_box.height)
            mixer_box.height = ffn_box.height = height
            y = row_y + height + 6
            d.steps.append(f"{' '.join(mixer_box.lines)}, then {' '.join(ffn_box.lines)}")
        frame = Box(MARGIN + 36, frame_top, inner - 36, y - frame_top + 2, _fit([caption], inner - 36), "frame")
        d.boxes.insert(start_boxes, frame)
        count = f"× {group.repeat}" if len(group.layers) == 1 else f"× {group.repeat} ({group.count} layers)"
        d.repeats.append((MARGIN, frame_top + frame.height / 2 + 4, f"× {group.repeat}"))
        d.steps[-len(group.layers):] = [f"{count}: " + "; ".join(d.steps[-len(group.layers):])]
        y = frame.bottom + 10
    head = ["Final norm → output head" + (" (tied to the embedding)" if c.get("tied_embeddings") else "")]
    if n.get("mtp_depth"):
        head.append(f"+ {_n(n['mtp_depth'])} multi-token prediction module{'s' if n['mtp_depth'] != 1 else ''}")
    block(head, "head", step=" ".join(head))
    d.height = y + MARGIN - 10
    return d


def params_label(value) -> str:
    return human(value) if isinstance(value, int) else "?"
