"""Function plots: the activation curves."""

from __future__ import annotations

import math

from .style import INK, KINDS
from .svg import Svg


GRID = "#e3e5ec"     # plot grid lines (activation curves)

def _phi(x: float) -> float:
    return math.exp(-x * x / 2) / math.sqrt(2 * math.pi)


def _sigmoid(x: float) -> float:
    return 1 / (1 + math.exp(-x))


# (name, colour, dash, f, f') for the activation-curve plots; dashes tell the curves apart
# without colour. GELU is the exact x·Φ(x) of Hendrycks & Gimpel, not the tanh approximation.
ACTIVATIONS = [
    ("σ(x)", KINDS["gate"], None, _sigmoid, lambda x: _sigmoid(x) * (1 - _sigmoid(x))),
    ("tanh(x)", KINDS["tanh"], "10 5", math.tanh, lambda x: 1 - math.tanh(x) ** 2),
    ("ReLU(x)", KINDS["op"], "2 5", lambda x: max(x, 0.0), lambda x: 1.0 if x > 0 else 0.0),
    ("GELU(x)", KINDS["input"], "12 4 2 4", lambda x: x * 0.5 * (1 + math.erf(x / math.sqrt(2))),
     lambda x: 0.5 * (1 + math.erf(x / math.sqrt(2))) + x * _phi(x)),
]


def plot_panel(s: Svg, x0, y0, w, h, y_range, y_ticks, title, y_label, which):
    """One panel of function plots over x in [-3, 3]; `which` 0 = f, 1 = f'.

    Returns the data -> SVG coordinate maps (X, Y) for annotations."""
    ylo, yhi = y_range
    def X(v): return x0 + (v + 3) / 6 * w
    def Y(v): return y0 + h - (v - ylo) / (yhi - ylo) * h
    for t in range(-3, 4):                                   # grid and x ticks
        s.curve([(X(t), y0), (X(t), y0 + h)], GRID, 1)
        s.text(X(t), y0 + h + 20, f"{t}".replace("-", "−"), 14, "muted")
    for v, label in y_ticks:
        s.curve([(x0, Y(v)), (x0 + w, Y(v))], GRID, 1)
        s.text(x0 - 8, Y(v) + 5, label, 14, "muted", "end")
    s.curve([(x0, Y(0)), (x0 + w, Y(0))], INK, 1.3)          # axes
    s.curve([(X(0), y0), (X(0), y0 + h)], INK, 1.3)
    s.text(x0 + w + 4, Y(0) + 5, "x", 15, "ink", "start")
    s.text(X(0) + 6, y0 - 8, y_label, 15, "ink", "start")
    s.text(x0 - 34, y0 - 30, title, 15, "ink", "start", weight="bold")
    n = 240
    for name, colour, dash, f, df in ACTIVATIONS:
        fn = (f, df)[which]
        pts = []
        for i in range(n + 1):
            v = -3 + 6 * i / n
            y = fn(v)
            if ylo <= y <= yhi:
                pts.append((X(v), Y(y)))
        if name.startswith("ReLU") and which == 1:          # a step: draw the two pieces apart
            s.curve([(X(-3), Y(0)), (X(0), Y(0))], colour, 2.6, dash)
            s.curve([(X(0), Y(1)), (X(3), Y(1))], colour, 2.6, dash)
            continue
        s.curve(pts, colour, 2.6, dash)
    return X, Y


def d_activation_curves() -> Svg:
    s = Svg("activation-curves", 760, 420, "常用激活函数及其导数",
            "两个面板，横轴 x 从 −3 到 3。左：函数值。sigmoid σ(x) 在 0 到 1 之间，tanh(x) 在 −1 到 1 之间，"
            "ReLU(x) = max(0, x)，GELU(x) = x·Φ(x) 在 x 为负时略低于 0（最小约 −0.17）。"
            "右：导数。σ′(x) 最大 0.25（x = 0 处），tanh′(x) 最大 1（x = 0 处），两者在 |x| 大时趋于 0；"
            "ReLU′(x) 在 x < 0 时为 0、x > 0 时为 1；GELU′(x) 平滑，最大约 1.13，在 x 约 −1.4 处为负（约 −0.13）。")
    # legend: a line sample in each curve's colour and dash, then its name
    for j, (name, colour, dash, _, _) in enumerate(ACTIVATIONS):
        x = 70 + 170 * j
        s.curve([(x, 34), (x + 40, 34)], colour, 2.6, dash, layer="labels")
        s.text(x + 50, 39, name, 15, "ink", "start")
    s.frame(14, 58, 360, 348, rx=12)
    s.frame(386, 58, 360, 348, rx=12)
    plot_panel(s, 60, 112, 282, 246, (-1.25, 3.0),
               [(v, f"{v}".replace("-", "−")) for v in (-1, 0, 1, 2, 3)],
               "函数值", "f(x)", 0)
    X, Y = plot_panel(s, 432, 112, 282, 246, (-0.25, 1.25),
               [(v, f"{v:g}") for v in (0, 0.25, 0.5, 0.75, 1)],
               "导数", "f′(x)", 1)
    # the two facts interviews ask about: the peaks of σ' and tanh'
    s.dot(X(0), Y(0.25), "gate", r=3.2)
    s.dot(X(0), Y(1), "tanh", r=3.2)
    s.text(X(-0.25), Y(1.06), "tanh′(0) = 1", 14, "tanh", "end")
    s.text(X(0.3), Y(-0.16), "σ′(0) = 0.25", 14, "gate", "start")
    return s
