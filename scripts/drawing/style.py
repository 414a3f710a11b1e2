"""The visual language: one colour per kind of thing, stroke widths, the column width."""

from __future__ import annotations



FONT = "'Noto Sans CJK SC', 'Noto Sans SC', 'Microsoft YaHei', sans-serif"
BG = "#fbfbfd"          # every diagram's own background
BORDER = "#d3d6de"
FRAME_FILL = "#f1f2f7"  # the box around one LSTM/GRU cell
FRAME_STROKE = "#c3c7d2"
INK = "#2b2f3a"         # text and neutral wires (e.g. the concatenated [h_{t-1}, x_t] bus)
MUTED = "#5d6473"       # secondary notes

# kind -> stroke colour. Mid-tone hues, distinguishable by hue *and* by shape/label.
KINDS = {
    "input": "#2f6fc0",    # x_t, source / decoder-input tokens
    "state": "#7a4fc0",    # hidden / cell state paths: h_t, c_t, s_t
    "gate": "#d97a06",     # sigmoid gates f, i, o, z, r; attention weights alpha
    "tanh": "#2f9446",     # tanh layers / candidates \tilde c_t, \tilde h_t
    "op": "#c8377e",       # element-wise operations: x, +, 1-
    "output": "#0c8a86",   # \hat y_t, target tokens
    "grad": "#d2332b",     # gradient arrows (dashed)
    "ink": INK,            # neutral
    "muted": MUTED,
}

STROKE = 2.0        # ordinary wire
STROKE_HWY = 3.2    # cell-state / top "highway" line
STROKE_BOX = 1.8    # outline of boxes and op circles
ARROW_LEN, ARROW_W, ARROW_REF = 10.0, 8.0, 4.0   # one arrowhead shape everywhere
ARROW_INSET = ARROW_LEN - ARROW_REF                # wires stop this far before their target

# Readable at desktop width (issue 9): at a 1280 px page a figure is drawn at its own width, at
# most COLUMN px (the content column, docs/assets/reading.css); there its smallest label, scripts
# included, must be at least MIN_LABEL_PX. A figure wider than the column therefore needs larger
# font sizes; most wide figures are drawn with Svg(k=...) instead, which shrinks the geometry.
COLUMN = 688
MIN_LABEL_PX = 11.0


def tint(hex_colour: str, amount: float = 0.14) -> str:
    """Mix a colour with white (amount = share of the colour)."""
    r, g, b = (int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    mix = [round(255 - (255 - c) * amount) for c in (r, g, b)]
    return "#{:02x}{:02x}{:02x}".format(*mix)


def fmt(v: float) -> str:
    s = f"{round(v, 2):.2f}".rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s
