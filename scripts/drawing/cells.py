"""The LSTM and GRU cells, drawn once and reused by several diagrams."""

from __future__ import annotations

from .style import FRAME_FILL, STROKE_HWY
from .svg import Svg


def lstm_cell(s: Svg, badges: float = 0.0, size: float = 22.0, box: float = 20.0) -> None:
    """LSTM cell in a 580 x 390 area (local units), origin at its top-left; badges: their font size.

    c_t = f_t ⊙ c_{t-1} + i_t ⊙ \\tilde c_t,  h_t = o_t ⊙ tanh(c_t); all gates read [h_{t-1}, x_t].
    """
    top, bus = 85, 305                       # cell-state highway and input bus
    xf, xi, xc, xo, xt = 170, 245, 320, 400, 450  # columns: f, i, candidate, o, tanh(c_t)
    gy = 238                                 # gate row
    s.frame(70, 40, 420, 290)
    # cell-state highway: c_{t-1} -> x f_t -> + -> c_t
    s.wire([(18, top), (xf, top)], "state", width=STROKE_HWY)
    s.wire([(xf, top), (xc, top)], "state", width=STROKE_HWY)
    s.wire([(xc, top), (562, top)], "state", width=STROKE_HWY)
    s.dot(xt, top, "state", r=4.4)
    s.wire([(xt, top), (xt, 136)], "state")                 # c_t -> tanh
    s.wire([(xt, 164), (xt, 186)], "state")                 # tanh(c_t) -> x o_t
    s.wire([(xt, 210), (xt, bus), (562, bus)], "state")     # h_t out
    # inputs: h_{t-1} from the left, x_t from below, joined into one bus
    s.wire([(18, bus), (110, bus)], "state", arrow=False)
    s.wire([(110, 372), (110, bus)], "input", arrow=False)
    s.wire([(110, bus), (xo, bus), (xo, gy + 18)], "ink")
    for x in (110, xf, xi, xc):
        s.dot(x, bus)
    for x in (xf, xi, xc):
        s.wire([(x, bus), (x, gy + 18)], "ink")
    # gate outputs
    s.wire([(xf, gy - 18), (xf, top)], "gate")                       # f_t -> x
    s.wire([(xi, gy - 18), (xi, 160), (xc, 160)], "gate")             # i_t -> x
    s.wire([(xc, gy - 18), (xc, 160)], "tanh")                        # \tilde c_t -> x
    s.wire([(xc, 160), (xc, top)], "op")                              # i_t ⊙ \tilde c_t -> +
    s.wire([(xo, gy - 18), (xo, 198), (xt, 198)], "gate")             # o_t -> x
    # boxes and operations
    for x, label, kind in ((xf, "σ", "gate"), (xi, "σ", "gate"), (xc, "tanh", "tanh"), (xo, "σ", "gate")):
        s.node(x, gy, 60 if kind == "tanh" else 46, 36, kind, label, box)
    s.op(xf, top, "×")
    s.op(xc, top, "+")
    s.op(xc, 160, "×")
    s.op(xt, 198, "×")
    s.pill(xt, 150, 66, 28, "tanh", "tanh", 16)
    # labels
    s.text(22, top - 12, "c_{t-1}", size, "state", "start")
    s.text(558, top - 12, "c_t", size, "state", "end")
    s.text(22, bus - 12, "h_{t-1}", size, "state", "start")
    s.text(558, bus - 12, "h_t", size, "state", "end")
    s.text(122, 372, "x_t", size, "input", "start")
    s.text(xf + 9, 150, "f_t", size, "gate", "start")
    s.text(xi - 9, 200, "i_t", size, "gate", "end")
    s.text(xc + 9, 205, "\\tilde c_t", size, "tanh", "start")
    s.text(xo - 9, 205, "o_t", size, "gate", "end")
    if badges:
        s.badge(xf - 16, 125, 1, badges)
        s.badge(xi - 16, 140, 2, badges)
        s.badge(xo + 2, 180, 3, badges)
        s.badge(250, top - 16, 4, badges)


def gru_cell(s: Svg, badges: float = 0.0, size: float = 22.0, box: float = 20.0,
             note: float = 16.0) -> None:
    """GRU cell in a 600 x 410 area (local units).

    z_t, r_t read [h_{t-1}, x_t]; \\tilde h_t = tanh(W_{xh} x_t + W_{hh}(r_t ⊙ h_{t-1}));
    h_t = z_t ⊙ h_{t-1} + (1 − z_t) ⊙ \\tilde h_t   (z_t keeps the OLD state).
    """
    top, bus, xbus = 80, 300, 345
    xa, xr, xz, xm, xc = 95, 180, 300, 375, 450   # columns: h_{t-1} drop, r, z, 1−, candidate
    gy, ry, my = 238, 160, 130                       # gate row, r⊙h row, 1−z row
    s.frame(70, 40, 450, 320)
    # top line: h_{t-1} -> x z_t -> + -> h_t
    s.wire([(18, top), (xz, top)], "state", width=STROKE_HWY)
    s.wire([(xz, top), (xc, top)], "state", width=STROKE_HWY)
    s.wire([(xc, top), (582, top)], "state", width=STROKE_HWY)
    s.dot(xa, top, "state", r=4.4)
    # h_{t-1} drops down: to r ⊙ h_{t-1} and into the gate bus
    s.wire([(xa, top), (xa, bus), (130, bus)], "state", arrow=False)
    s.dot(xa, ry, "state")
    s.wire([(xa, ry), (xr, ry)], "state")
    # x_t from below: into the gate bus and, separately, into the candidate layer
    s.wire([(130, 392), (130, bus)], "input", arrow=False)
    s.dot(130, xbus, "input")
    s.wire([(130, xbus), (xc, xbus), (xc, gy + 18)], "input")
    s.wire([(130, bus), (xz, bus), (xz, gy + 18)], "ink")
    s.dot(130, bus)
    s.dot(xr, bus)
    s.wire([(xr, bus), (xr, gy + 18)], "ink")
    # gates
    s.wire([(xr, gy - 18), (xr, ry)], "gate")                   # r_t -> x
    s.wire([(xz, gy - 18), (xz, top)], "gate")                  # z_t -> x on the top line
    s.dot(xz, my, "gate")
    s.wire([(xz, my), (xm - 21, my)], "gate")                   # z_t -> 1 −
    s.wire([(xm + 21, my), (xc, my)], "op")                     # 1 − z_t -> x
    s.wire([(xc, gy - 18), (xc, my)], "tanh")                   # \tilde h_t -> x
    s.wire([(xc, my), (xc, top)], "op")                         # (1 − z_t) ⊙ \tilde h_t -> +
    # r_t ⊙ h_{t-1} -> candidate: the one crossing (over z_t, with a gap)
    s.wire([(xr, ry), (400, ry), (400, gy), (xc - 30, gy)], "op", cross=True, halo=FRAME_FILL)
    for x, label, kind in ((xr, "σ", "gate"), (xz, "σ", "gate"), (xc, "tanh", "tanh")):
        s.node(x, gy, 60 if kind == "tanh" else 46, 36, kind, label, box)
    s.op(xz, top, "×")
    s.op(xc, top, "+")
    s.op(xr, ry, "×")
    s.op(xc, my, "×")
    s.pill(xm, my, 42, 28, "op", "1−", 17)
    # labels
    s.text(22, top - 12, "h_{t-1}", size, "state", "start")
    s.text(578, top - 12, "h_t", size, "state", "end")
    s.text(142, 392, "x_t", size, "input", "start")
    s.text(xr - 9, 205, "r_t", size, "gate", "end")
    s.text(xz + 9, 205, "z_t", size, "gate", "start")
    s.text(xc + 9, 200, "\\tilde h_t", size, "tanh", "start")
    if note:  # the two products; the side-by-side comparison has no room for them at its size
        s.text((xr + xz) / 2, ry - 9, "r_t ⊙ h_{t-1}", note, "op")
        s.text((xz + xc) / 2, top - 12, "z_t ⊙ h_{t-1}", note, "state", "middle")
    if badges:
        s.badge(xz - 16, 110, 1, badges)
        s.badge(xm, my - 26, 2, badges)
        s.badge(xr - 16, 125, 5, badges)
        s.badge(200, top - 16, 4, badges)
