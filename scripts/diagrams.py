#!/usr/bin/env python3
"""Generate the site's diagrams as plain, accessible SVG.

    python scripts/diagrams.py            # write docs/diagrams/*.svg
    python scripts/diagrams.py --check    # exit 1 if the committed SVGs differ from the generated ones

The visual language is documented in docs/about/diagram-style.md. In short:
one colour per kind of thing (KINDS below), a light rounded background drawn by
every SVG, presentation attributes only (no <style>, no classes, no filters, no
external references), one arrowhead shape, and labels written in a tiny TeX-like
markup ("h_{t-1}", "\\tilde c_t", "\\hat y_t") that becomes <tspan>s with dy shifts.
Accents (tilde, hat, arrows) are drawn as small paths, because combining
characters are not shaped by every renderer (WeasyPrint shows dotted circles).

Output is deterministic: no random ids, coordinates rounded to 0.01.
"""
from __future__ import annotations

import argparse
import contextlib
import math
import sys
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
OUT_DIR = ROOT / "docs" / "diagrams"

# ---------------------------------------------------------------------------
# Visual language
# ---------------------------------------------------------------------------
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


# ---------------------------------------------------------------------------
# Label markup: "h_{t-1}", "\tilde c_t", "W_{xh}", "α_{tj}", "h^{(2)}_t"
# ---------------------------------------------------------------------------
# Advance widths (em) of the Latin part of Noto Sans CJK SC, measured once in Chromium.
# Only used to place accents and to size a few boxes; text itself is anchored by the renderer.
_W = dict(zip("abcdefghijklmnopqrstuvwxyz",
              [.563, .618, .510, .620, .554, .325, .564, .607, .275, .275, .552, .284, .926,
               .610, .606, .620, .620, .388, .468, .377, .607, .521, .802, .498, .521, .475]))
_W.update(zip("ABCDEFGHIJKLMNOPQRSTUVWXYZ",
              [.608, .657, .638, .688, .589, .552, .689, .728, .293, .535, .646, .543, .812,
               .723, .742, .633, .742, .635, .596, .599, .721, .575, .878, .573, .531, .603]))
_W.update({c: .555 for c in "0123456789+=<>~−"})
_W.update({" ": .224, "(": .338, ")": .338, "[": .338, "]": .338, ",": .278, ".": .278,
           ";": .278, ":": .278, "-": .347, "/": .392, "'": .278, "σ": .609, "α": .625,
           "|": .270, "_": .559})
_TALL = set("bdfhklt") | set("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
SUB, SUP = 0.8, 0.8            # script size relative to the base size
SUB_DY, SUP_DY = 0.30, -0.42   # baseline shifts (em of the base size)
ACCENTS = ("tilde", "hat", "vec", "cev")


def char_width(ch: str) -> float:
    if ch in _W:
        return _W[ch]
    return 1.0 if ord(ch) > 0x2000 else 0.6   # CJK and math symbols are full width here


# Full-width symbols of CJK fonts that look loose next to Latin letters: (dx before, dx after) in em.
TIGHTEN = {"∂": (-0.08, -0.14)}


def parse(markup: str) -> list[dict]:
    """Split markup into runs {text, level, accent, dx, w}.

    level: 0 base, -1 subscript, +1 superscript. dx: horizontal shift before the run and
    w: advance, both in em of the base size. "_{..}" directly followed by "^{..}" (or the
    reverse) stacks the two scripts, as in h_t^{(l)}.
    """
    runs: list[dict] = []
    pending = 0.0           # dx to apply to the next run
    prev_script = None      # (level, width) of a script group that a following one may stack on

    def add(text: str, level: int, accent=None) -> None:
        nonlocal pending
        scale = SUB if level else 1.0
        before, after = TIGHTEN.get(text, (0.0, 0.0))
        runs.append({"text": text, "level": level, "accent": accent,
                     "dx": pending + before * scale, "w": char_width(text) * scale})
        pending = after * scale

    i = 0
    while i < len(markup):
        ch = markup[i]
        if ch == "\\":
            name = next((a for a in ACCENTS if markup.startswith(a + " ", i + 1)), None)
            if name is None:
                raise ValueError(f"unknown command in {markup!r}")
            i += len(name) + 2
            add(markup[i], 0, name)
            prev_script = None
            i += 1
        elif ch in "_^":
            if markup[i + 1] == "{":
                end = markup.index("}", i + 2)
                group, i = markup[i + 2:end], end + 1
            else:
                group, i = markup[i + 1], i + 2
            level = -1 if ch == "_" else 1
            first = len(runs)
            for g in group:  # in scripts a hyphen is a minus sign: t-1 -> t−1
                add("−" if g == "-" else g, level)
            width = sum(r["w"] for r in runs[first:])
            if prev_script and prev_script[0] == -level:   # stack on the previous script
                runs[first]["dx"] -= prev_script[1]
                pending += max(0.0, prev_script[1] - width)
                prev_script = None
            else:
                prev_script = (level, width)
        else:
            add(ch, 0)
            prev_script = None
            i += 1
    # merge neighbours of the same level (not across accents or shifts)
    merged: list[dict] = []
    for r in runs:
        m = merged[-1] if merged else None
        if m and m["level"] == r["level"] and not m["accent"] and not r["accent"] and not r["dx"]:
            m["text"] += r["text"]
            m["w"] += r["w"]
        else:
            merged.append(dict(r))
    return merged


# ---------------------------------------------------------------------------
# SVG builder
# ---------------------------------------------------------------------------
class Svg:
    """Collects elements in four layers: wires, crossing wires, nodes, labels.

    Drawing methods take local coordinates. `at()` moves the origin and may shrink the
    geometry (positions and shape sizes) by a factor k; font sizes, stroke widths and
    arrowheads are never scaled, so a compact figure keeps readable labels. `k` given here
    shrinks the whole figure that way: width and height are in local units.
    """

    def __init__(self, name: str, width: int, height: int, title: str, desc: str, k: float = 1.0):
        self.name, self.width, self.height = name, round(width * k), round(height * k)
        self.title, self.desc = title, desc
        self.layers: dict[str, list[str]] = {"wires": [], "over": [], "nodes": [], "labels": []}
        self.markers: set[str] = set()
        self.ox, self.oy, self.k = 0.0, 0.0, k
        # smallest font size (viewBox units) that draws at MIN_LABEL_PX in the content column
        self.min_size = MIN_LABEL_PX * max(1.0, self.width / COLUMN)

    def check_size(self, markup: str, size: float, scripts: bool) -> None:
        smallest = size * (SUB if scripts else 1.0)
        if smallest < self.min_size - 1e-9:
            raise ValueError(
                f"{self.name}: label {markup!r} at font size {fmt(size)} draws its smallest text at "
                f"{smallest:.2f} units, below {self.min_size:.2f} ({fmt(MIN_LABEL_PX)} px in a "
                f"{min(self.width, COLUMN)} px wide figure). Fix: a larger size, or a smaller Svg(k=...)")

    # -- coordinates -------------------------------------------------------
    @contextlib.contextmanager
    def at(self, ox: float, oy: float, k: float = 1.0):
        """Draw a sub-figure with its own origin and geometric scale."""
        saved = self.ox, self.oy, self.k
        self.ox, self.oy, self.k = self.ox + ox * self.k, self.oy + oy * self.k, self.k * k
        try:
            yield
        finally:
            self.ox, self.oy, self.k = saved

    def P(self, x: float, y: float) -> tuple[float, float]:
        """Local point -> absolute point."""
        return self.ox + x * self.k, self.oy + y * self.k

    def S(self, v: float) -> float:
        """Local length -> absolute length."""
        return v * self.k

    @staticmethod
    def _pt(x: float, y: float) -> str:
        return f"{fmt(x)},{fmt(y)}"

    # -- primitives ----------------------------------------------------------
    def wire(self, pts, kind="ink", arrow=True, width=STROKE, dashed=False, cross=False,
             radius=8.0, halo=BG):
        """Orthogonal or straight polyline with rounded corners and an optional arrowhead.

        cross=True draws the wire on top of others with a gap ("halo") in the colour `halo`,
        for the few places where two wires must cross without being connected.
        """
        pts = [self.P(*p) for p in pts]
        if arrow:  # stop short so the line end hides inside the arrowhead
            (x0, y0), (x1, y1) = pts[-2], pts[-1]
            length = ((x1 - x0) ** 2 + (y1 - y0) ** 2) ** 0.5
            f = (length - ARROW_INSET) / length
            pts[-1] = (x0 + (x1 - x0) * f, y0 + (y1 - y0) * f)
        d = [f"M{self._pt(*pts[0])}"]
        for j in range(1, len(pts) - 1):
            (xa, ya), (xb, yb), (xc, yc) = pts[j - 1], pts[j], pts[j + 1]
            la = ((xb - xa) ** 2 + (yb - ya) ** 2) ** 0.5
            lc = ((xc - xb) ** 2 + (yc - yb) ** 2) ** 0.5
            r = min(self.S(radius), la / 2, lc / 2)
            p_in = (xb - (xb - xa) / la * r, yb - (yb - ya) / la * r)
            p_out = (xb + (xc - xb) / lc * r, yb + (yc - yb) / lc * r)
            d.append(f"L{self._pt(*p_in)}Q{self._pt(xb, yb)} {self._pt(*p_out)}")
        d.append(f"L{self._pt(*pts[-1])}")
        attrs = f'fill="none" stroke="{KINDS[kind]}" stroke-width="{fmt(width)}"'
        if dashed:
            attrs += ' stroke-dasharray="7 5"'
        attrs += ' stroke-linecap="butt" stroke-linejoin="round"'
        if arrow:
            self.markers.add(kind)
            attrs += f' marker-end="url(#{self.name}-arrow-{kind})"'
        layer = "over" if cross else "wires"
        if cross:
            self.layers[layer].append(
                f'<path d="{"".join(d)}" fill="none" stroke="{halo}" stroke-width="{fmt(width + 7)}"/>')
        self.layers[layer].append(f'<path d="{"".join(d)}" {attrs}/>')

    def curve(self, pts, colour, width=STROKE, dash=None, layer="wires"):
        """A plotted function: a plain polyline (no rounding, no arrow)."""
        d = "M" + "L".join(self._pt(*self.P(x, y)) for x, y in pts)
        extra = f' stroke-dasharray="{dash}"' if dash else ""
        self.layers[layer].append(
            f'<path d="{d}" fill="none" stroke="{colour}" stroke-width="{fmt(width)}"{extra} '
            f'stroke-linecap="round" stroke-linejoin="round"/>')

    def dot(self, x, y, kind="ink", r=3.6):
        """A junction: the wires meeting here are connected."""
        x, y = self.P(x, y)
        self.layers["nodes"].append(f'<circle cx="{fmt(x)}" cy="{fmt(y)}" r="{fmt(r)}" fill="{KINDS[kind]}"/>')

    def rect(self, x, y, w, h, fill, stroke, rx=8.0, width=STROKE_BOX, layer="nodes", under=False):
        x, y = self.P(x, y)
        el = (f'<rect x="{fmt(x)}" y="{fmt(y)}" width="{fmt(self.S(w))}" height="{fmt(self.S(h))}" '
              f'rx="{fmt(self.S(rx))}" fill="{fill}" stroke="{stroke}" stroke-width="{fmt(width)}"/>')
        if under:
            self.layers[layer].insert(0, el)
        else:
            self.layers[layer].append(el)

    def frame(self, x, y, w, h, rx=16.0):
        """The light panel behind one cell or one group (drawn under everything else)."""
        self.rect(x, y, w, h, FRAME_FILL, FRAME_STROKE, rx=rx, width=1.5, layer="wires", under=True)

    def text(self, x, y, markup, size=16.0, kind="ink", anchor="middle", weight=None):
        """One label at baseline y. Scripts are <tspan>s shifted with dy; accents are paths."""
        x, y = self.P(x, y)
        colour = KINDS[kind]
        runs = parse(markup)
        self.check_size(markup, size, any(r["level"] for r in runs))
        parts: list[str] = []
        shift = 0.0  # current baseline offset
        for r in runs:
            target = {0: 0.0, -1: SUB_DY, 1: SUP_DY}[r["level"]] * size
            attrs = ""
            if r["dx"]:
                attrs += f' dx="{fmt(r["dx"] * size)}"'
            if target != shift:
                attrs += f' dy="{fmt(target - shift)}"'
                shift = target
            if r["level"] != 0:
                attrs += f' font-size="{fmt(size * SUB)}"'
            body = escape(r["text"])
            parts.append(f"<tspan{attrs}>{body}</tspan>" if attrs else body)
        bold = f' font-weight="{weight}"' if weight else ""
        self.layers["labels"].append(
            f'<text x="{fmt(x)}" y="{fmt(y)}" font-size="{fmt(size)}" fill="{colour}" '
            f'text-anchor="{anchor}"{bold}>{"".join(parts)}</text>')
        # accents, placed with the measured advance widths
        total = sum(r["dx"] + r["w"] for r in runs) * size
        pos = {"start": x, "middle": x - total / 2, "end": x - total}[anchor]
        for r in runs:
            pos += r["dx"] * size
            if r["accent"]:
                fs = size * (1 if r["level"] == 0 else SUB)
                base = y + {0: 0.0, -1: SUB_DY, 1: SUP_DY}[r["level"]] * size
                top = base - (0.80 if r["text"] in _TALL else 0.57) * fs   # glyph top (measured)
                lift = 0.26 if r["accent"] in ("vec", "cev") else 0.2
                self._accent(r["accent"], pos + r["w"] * size / 2, top - lift * fs, fs, colour)
            pos += r["w"] * size

    def _accent(self, name, cx, cy, fs, colour):
        """Tilde, hat or arrow above a letter, centred at absolute (cx, cy)."""
        w, a = 0.52 * fs, 0.07 * fs
        p = self._pt
        if name == "tilde":
            d = f"M{p(cx - w / 2, cy)}q{fmt(w / 4)},{fmt(-2 * a)} {fmt(w / 2)},0t{fmt(w / 2)},0"
        elif name == "hat":
            d = f"M{p(cx - w / 2.4, cy + 1.6 * a)}L{p(cx, cy - 1.6 * a)}L{p(cx + w / 2.4, cy + 1.6 * a)}"
        else:  # vec (right arrow) / cev (left arrow)
            s = 1 if name == "vec" else -1
            tip, h = cx + s * w * 0.62, 0.16 * fs
            d = (f"M{p(cx - s * w * 0.62, cy)}L{p(tip, cy)}"
                 f"M{p(tip - s * h, cy - h * 0.8)}L{p(tip, cy)}L{p(tip - s * h, cy + h * 0.8)}")
        self.layers["labels"].append(
            f'<path d="{d}" fill="none" stroke="{colour}" stroke-width="{fmt(0.075 * fs)}" '
            f'stroke-linecap="round" stroke-linejoin="round"/>')

    # -- composite shapes ------------------------------------------------------
    def node(self, cx, cy, w, h, kind, label="", size=17.0, rx=8.0):
        """A rounded box: a layer with weights (gate, tanh layer) or a state/token."""
        c = KINDS[kind]
        self.rect(cx - w / 2, cy - h / 2, w, h, tint(c), c, rx=rx)
        if label:
            self.text(cx, cy + 0.34 * size / self.k, label, size)

    def pill(self, cx, cy, w, h, kind, label, size=16.0):
        """An element-wise function (tanh(c_t), 1 −): capsule shape, white fill."""
        self.rect(cx - w / 2, cy - h / 2, w, h, "#ffffff", KINDS[kind], rx=h / 2)
        self.text(cx, cy + 0.34 * size / self.k, label, size, kind)

    def op(self, cx, cy, sym, r=12.0):
        """Element-wise × or + (drawn as strokes) or Σ (text) in a white circle."""
        c = KINDS["op"]
        ax, ay = self.P(cx, cy)
        r = self.S(r)
        self.layers["nodes"].append(
            f'<circle cx="{fmt(ax)}" cy="{fmt(ay)}" r="{fmt(r)}" fill="#ffffff" '
            f'stroke="{c}" stroke-width="{fmt(STROKE_BOX)}"/>')
        if sym not in "×+":
            self.text(cx, cy + 0.54 * r / self.k, sym, r * 1.5, "op")
            return
        q = r * (0.48 if sym == "×" else 0.6)
        p = self._pt
        if sym == "×":
            d = f"M{p(ax - q, ay - q)}L{p(ax + q, ay + q)}M{p(ax - q, ay + q)}L{p(ax + q, ay - q)}"
        else:
            d = f"M{p(ax - q, ay)}L{p(ax + q, ay)}M{p(ax, ay - q)}L{p(ax, ay + q)}"
        self.layers["nodes"].append(
            f'<path d="{d}" fill="none" stroke="{c}" stroke-width="2.2" stroke-linecap="round"/>')

    def badge(self, cx, cy, n, size=13.0):
        """A small numbered disc used to pair corresponding parts of two figures."""
        self.check_size(str(n), size, False)
        x, y = self.P(cx, cy)
        self.layers["labels"].append(
            f'<circle cx="{fmt(x)}" cy="{fmt(y)}" r="{fmt(0.73 * size)}" fill="{INK}"/>')
        self.layers["labels"].append(
            f'<text x="{fmt(x)}" y="{fmt(y + 0.354 * size)}" font-size="{fmt(size)}" fill="#ffffff" '
            f'text-anchor="middle" font-weight="bold">{n}</text>')

    # -- output ----------------------------------------------------------------
    def render(self) -> str:
        w, h = self.width, self.height
        out = [
            '<?xml version="1.0" encoding="UTF-8"?>',
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="{w}" height="{h}" '
            f'role="img" aria-labelledby="{self.name}-title {self.name}-desc" xml:lang="zh-CN">',
            f'<title id="{self.name}-title">{escape(self.title)}</title>',
            f'<desc id="{self.name}-desc">{escape(self.desc)}</desc>',
        ]
        if self.markers:
            out.append("<defs>")
            for kind in sorted(self.markers):
                out.append(
                    f'<marker id="{self.name}-arrow-{kind}" viewBox="0 0 {fmt(ARROW_LEN)} {fmt(ARROW_W)}" '
                    f'refX="{fmt(ARROW_REF)}" refY="{fmt(ARROW_W / 2)}" markerWidth="{fmt(ARROW_LEN)}" '
                    f'markerHeight="{fmt(ARROW_W)}" markerUnits="userSpaceOnUse" orient="auto">'
                    f'<path d="M0,0L{fmt(ARROW_LEN)},{fmt(ARROW_W / 2)}L0,{fmt(ARROW_W)}Z" '
                    f'fill="{KINDS[kind]}"/></marker>')
            out.append("</defs>")
        out.append(f'<rect x="1" y="1" width="{w - 2}" height="{h - 2}" rx="14" fill="{BG}" '
                   f'stroke="{BORDER}" stroke-width="1.5"/>')
        out.append(f'<g font-family="{FONT}">')
        for layer in ("wires", "over", "nodes", "labels"):
            out.extend(self.layers[layer])
        out.append("</g>")
        out.append("</svg>")
        return "\n".join(out) + "\n"


# ---------------------------------------------------------------------------
# Shared pieces
# ---------------------------------------------------------------------------
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


# ---------------------------------------------------------------------------
# The diagrams
# ---------------------------------------------------------------------------
def d_lstm_cell() -> Svg:
    s = Svg("lstm-cell", 580, 390, "LSTM 单元结构图",
            "LSTM 单元。顶部是细胞状态通路：c_{t-1} 先与遗忘门 f_t 按元素相乘，再加上输入门 i_t 与候选值 "
            "c̃_t 的按元素乘积，得到 c_t。h_{t-1} 与 x_t 拼接后分别送入三个 sigmoid 门（f_t、i_t、o_t）和 "
            "tanh 候选层。c_t 经 tanh 后与输出门 o_t 按元素相乘得到 h_t。")
    lstm_cell(s)
    return s


def d_gru_cell() -> Svg:
    s = Svg("gru-cell", 600, 410, "GRU 单元结构图",
            "GRU 单元。h_{t-1} 与 x_t 拼接后送入重置门 r_t 和更新门 z_t（sigmoid）。r_t 与 h_{t-1} 按元素相乘，"
            "与 x_t 一起进入 tanh 层得到候选 h̃_t。顶部通路上 z_t ⊙ h_{t-1} 与 (1 − z_t) ⊙ h̃_t 相加得到 h_t："
            "z_t 是保留旧状态的比例，“1−”节点算出 1 − z_t，即候选 h̃_t 所占的比例。")
    gru_cell(s)
    return s


def chain(s: Svg, xs, y, half_w, kind="state", **kw) -> None:
    """Arrows between consecutive nodes of one row (centres xs, node half width half_w)."""
    for a, b in zip(xs, xs[1:]):
        step = 1 if b > a else -1
        s.wire([(a + step * half_w, y), (b - step * half_w, y)], kind, **kw)


def up(s: Svg, x, y_from, y_to, kind="ink", **kw) -> None:
    s.wire([(x, y_from), (x, y_to)], kind, **kw)


def d_rnn_unrolled() -> Svg:
    s = Svg("rnn-unrolled", 880, 384, "简单 RNN：折叠形式与按时间展开",
            "左：折叠形式，输入 x_t 经 W_xh 进入隐状态 h_t，h_t 经 W_hh 自环连到下一时刻，经 W_hy 得到输出 ŷ_t。"
            "右：按时间展开为 t−1、t、t+1 三步，h_{t−1} → h_t → h_{t+1}，每一步使用同一组权重 W_xh、W_hh、W_hy。",
            k=0.78)
    yo, yh, yx = 80, 190, 300            # rows: output, hidden, input
    # folded
    cx = 120
    s.text(cx + 20, 40, "折叠", 17, weight="bold")
    s.node(cx, yx, 56, 36, "input", "x_t")
    s.node(cx, yh, 64, 42, "state", "h_t", 18)
    s.node(cx, yo, 56, 36, "output", "\\hat y_t")
    up(s, cx, yx - 18, yh + 21, "input")
    up(s, cx, yh - 21, yo + 18, "state")
    s.wire([(cx + 32, yh + 8), (206, yh + 8), (206, yh - 48), (cx + 18, yh - 48), (cx + 18, yh - 21)],
           "state", radius=12)
    s.text(cx - 10, yh + 62, "W_{xh}", 16, "muted", "end")
    s.text(cx - 10, yh - 50, "W_{hy}", 16, "muted", "end")
    s.text(214, yh - 14, "W_{hh}", 16, "muted", "start")
    # "unfold" arrow
    s.wire([(262, yh), (322, yh)], "muted", width=2.5)
    s.text(292, yh - 14, "展开", 15, "muted")
    # unrolled
    cols = [(490, "t-1"), (630, "t"), (770, "t+1")]
    s.text(630, 40, "按时间展开", 17, weight="bold")
    xs = [c for c, _ in cols]
    s.wire([(392, yh), (xs[0] - 32, yh)], "state")
    chain(s, xs, yh, 32)
    s.wire([(xs[-1] + 32, yh), (840, yh)], "state")
    s.text(384, yh + 6, "⋯", 18, "state", "end")
    s.text(846, yh + 6, "⋯", 18, "state", "start")
    for c, t in cols:
        s.node(c, yx, 62, 36, "input", f"x_{{{t}}}")
        s.node(c, yh, 64, 42, "state", f"h_{{{t}}}", 18)
        s.node(c, yo, 62, 36, "output", f"\\hat y_{{{t}}}")
        up(s, c, yx - 18, yh + 21, "input")
        up(s, c, yh - 21, yo + 18, "state")
        s.text(c + 8, yh + 62, "W_{xh}", 15, "muted", "start")
        s.text(c + 8, yh - 50, "W_{hy}", 15, "muted", "start")
    for a, b in zip(xs, xs[1:]):
        s.text((a + b) / 2, yh - 12, "W_{hh}", 15, "muted")
    s.text(426, yh - 12, "W_{hh}", 15, "muted")
    s.text(630, 362, "各时间步共享同一组权重 W_{xh}、W_{hh}、W_{hy}", 15, "muted")
    return s


def d_rnn_io_structures() -> Svg:
    s = Svg("rnn-io-structures", 900, 580, "RNN 的四种输入输出结构",
            "四个面板。一对多（1 vs N）：一个输入，逐步生成 N 个输出，例如图像描述。"
            "多对一（N vs 1）：读完 N 个输入后给出一个输出，例如情感分类。"
            "多对多对齐（N vs N）：每个输入时刻对应一个输出，例如序列标注。"
            "多对多编码器-解码器（N vs M）：编码器读入 N 个输入，解码器生成 M 个输出，例如机器翻译。", k=0.76)
    panels = [
        (20, 20, "一对多 (1 vs N)", "例：图像描述生成（一张图 → 一句话）", "1N"),
        (460, 20, "多对一 (N vs 1)", "例：文本情感分类（一句话 → 一个类别）", "N1"),
        (20, 300, "多对多·对齐 (N vs N)", "例：序列标注，如词性标注、命名实体识别", "NN"),
        (460, 300, "多对多·编码器-解码器 (N vs M)", "例：机器翻译（源语言句子 → 目标语言句子）", "NM"),
    ]
    for px, py, title, example, kind in panels:
        with s.at(px, py):
            s.frame(0, 0, 420, 260, rx=12)
            s.text(20, 32, title, 17, "ink", "start", weight="bold")
            s.text(20, 244, example, 14, "muted", "start")
            yo, yh, yx = 78, 140, 202
            if kind == "NM":
                enc, dec = [48, 123, 198], [298, 373]
                for j, c in enumerate(enc, 1):
                    s.node(c, yx, 46, 30, "input", f"x_{j}", 15)
                    s.node(c, yh, 50, 34, "state", f"h_{j}", 15)
                    up(s, c, yx - 15, yh + 17, "input")
                for j, c in enumerate(dec, 1):
                    s.node(c, yh, 50, 34, "state", f"s_{j}", 15)
                    s.node(c, yo, 46, 30, "output", f"\\hat y_{j}", 15)
                    up(s, c, yh - 17, yo + 15, "state")
                chain(s, enc + dec, yh, 25)
                s.text(248, yh - 10, "ctx", 13, "muted")
                s.text(123, 110, "编码器", 13, "muted")
                s.text(336, yx + 6, "解码器", 13, "muted")
                continue
            cols = [75, 165, 255, 345]
            chain(s, cols, yh, 25)
            for j, c in enumerate(cols, 1):
                s.node(c, yh, 50, 34, "state", f"h_{j}", 15)
                has_x = kind != "1N" or j == 1
                has_y = kind != "N1" or j == len(cols)
                if has_x:
                    s.node(c, yx, 46, 30, "input", "x" if kind == "1N" else f"x_{j}", 15)
                    up(s, c, yx - 15, yh + 17, "input")
                if has_y:
                    label = "\\hat y" if kind == "N1" else f"\\hat y_{j}"
                    s.node(c, yo, 46, 30, "output", label, 15)
                    up(s, c, yh - 17, yo + 15, "state")
    return s


def d_lstm_vs_gru() -> Svg:
    s = Svg("lstm-vs-gru", 1000, 650, "LSTM 与 GRU 单元对照",
            "左为 LSTM 单元，右为 GRU 单元，编号标出对应关系：① LSTM 遗忘门 f_t 对应 GRU 更新门 z_t；"
            "② LSTM 输入门 i_t 对应 GRU 的 1 − z_t；③ LSTM 输出门 o_t 在 GRU 中没有对应；"
            "④ LSTM 有单独的细胞状态 c_t，GRU 只有 h_t；⑤ GRU 的重置门 r_t 在 LSTM 中没有直接对应。")
    k = 0.8   # compact: geometry shrinks, labels keep their size
    s.text(20 + 290 * k, 40, "LSTM：c_t 与 h_t，三个门", 20, weight="bold")
    s.text(500 + 300 * k, 40, "GRU：只有 h_t，两个门", 20, weight="bold")
    with s.at(20, 52, k):
        lstm_cell(s, badges=16, size=22, box=19)
    with s.at(500, 46, k):
        gru_cell(s, badges=16, size=22, box=19, note=0)
    rows = [
        "遗忘门 f_t ↔ 更新门 z_t：都决定旧状态保留多少（GRU 中 z_t 乘 h_{t-1}）",
        "输入门 i_t ↔ 1 − z_t：GRU 把“保留”和“写入”绑在一起，两者之和为 1",
        "输出门 o_t ↔ 无：GRU 没有输出门，新的 h_t 直接输出",
        "细胞状态 c_t（另有 h_t）↔ 只有 h_t：GRU 的 h_t 兼任两者",
        "无 ↔ 重置门 r_t：决定候选 \\tilde h_t 读入多少 h_{t-1}",
    ]
    y0 = 428
    s.text(50, y0, "对应关系（左：LSTM，右：GRU；编号与图中一致）", 18, "muted", "start")
    for n, row in enumerate(rows, 1):
        y = y0 + 40 * n
        s.badge(62, y - 7, n, 16)
        s.text(84, y, row, 20, "ink", "start")
    return s


def d_birnn() -> Svg:
    s = Svg("birnn", 840, 420, "双向 RNN",
            "双向 RNN（示例长度 T = 4）。上行是前向 RNN，从 x_1 读到 x_4，得到 →h_t；下行是反向 RNN，"
            "从 x_4 读到 x_1，得到 ←h_t。中间一行：每个输入 x_t 同时送入两条链，"
            "每个时刻的输出是两者的拼接 [→h_t; ←h_t]。", k=0.81)
    yf, ym, yb = 90, 200, 310
    cols = [170, 340, 510, 680]
    s.wire([(60, yf), (cols[0] - 60, yf)], "state")
    chain(s, cols, yf, 60)
    s.wire([(790, yb), (cols[-1] + 60, yb)], "state")
    chain(s, cols[::-1], yb, 60)
    s.text(60, yf - 12, "\\vec h_0", 16, "state", "start")
    s.text(790, yb - 12, "\\cev h_5", 16, "state", "end")
    s.text(cols[-1] + 72, yf + 6, "前向", 15, "muted", "start")
    s.text(cols[0] - 72, yb + 6, "反向", 15, "muted", "end")
    for t, c in enumerate(cols, 1):
        s.node(c, yf, 120, 42, "state", f"\\vec h_{t}", 18)
        s.node(c, yb, 120, 42, "state", f"\\cev h_{t}", 18)
        s.node(c - 42, ym, 48, 34, "input", f"x_{t}", 17)
        s.node(c + 40, ym, 80, 34, "output", f"[\\vec h_{t}; \\cev h_{t}]", 15)
        up(s, c - 42, ym - 17, yf + 21, "input")
        up(s, c - 42, ym + 17, yb - 21, "input")
        up(s, c + 40, yf + 21, ym - 17, "state")
        up(s, c + 40, yb - 21, ym + 17, "state")
    s.text(420, 382, "输出 h_t = [\\vec h_t; \\cev h_t]：把同一时刻前向与反向的隐状态拼接（维度 2n）", 15, "muted")
    return s


def d_stacked_rnn() -> Svg:
    s = Svg("stacked-rnn", 700, 520, "堆叠（多层）RNN",
            "三层 RNN 按时间展开四步。第 1 层读入 x_t；第 l 层在时刻 t 的隐状态 h_t^(l) 既沿时间传给同层的下一时刻，"
            "也作为第 l+1 层在同一时刻的输入；最上层的隐状态给出输出 ŷ_t。")
    cols = [220, 350, 480, 610]
    rows = {"y": 60, 3: 150, 2: 240, 1: 330, "x": 420}
    labels = {"y": "输出", 3: "第 3 层", 2: "第 2 层", 1: "第 1 层", "x": "输入"}
    for key, y in rows.items():
        s.text(40, y + 6, labels[key], 15, "muted", "start")
    for l in (1, 2, 3):
        s.wire([(128, rows[l]), (cols[0] - 36, rows[l])], "state")
        chain(s, cols, rows[l], 36)
    for t, c in enumerate(cols, 1):
        s.node(c, rows["x"], 54, 34, "input", f"x_{t}")
        s.node(c, rows["y"], 54, 34, "output", f"\\hat y_{t}")
        up(s, c, rows["x"] - 17, rows[1] + 20, "input")
        up(s, c, rows[1] - 20, rows[2] + 20, "state")
        up(s, c, rows[2] - 20, rows[3] + 20, "state")
        up(s, c, rows[3] - 20, rows["y"] + 17, "state")
        for l in (1, 2, 3):
            s.node(c, rows[l], 72, 40, "state", f"h_{t}^{{({l})}}", 17)
    s.text(370, 496, "第 l 层的 h_t^{(l)} 沿时间传给同层下一步，同时作为第 l+1 层在时刻 t 的输入", 15, "muted")
    return s


def d_seq2seq() -> Svg:
    s = Svg("seq2seq", 920, 440, "Seq2Seq 编码器-解码器",
            "编码器依次读入源语言词“猫”“喜欢”“鱼”，最后的隐状态 h_3 作为上下文向量 ctx，"
            "用作解码器的初始状态。解码器从 <bos> 开始，每一步输出一个目标词（cats、like、fish、<eos>），"
            "并把上一步的输出作为下一步的输入（虚线），生成 <eos> 时结束。", k=0.74)
    yo, ys, yi = 108, 220, 330
    enc = [(90, "猫"), (185, "喜欢"), (280, "鱼")]
    dec_in = ["<bos>", "cats", "like", "fish"]
    dec_out = ["cats", "like", "fish", "<eos>"]
    dec = [500, 620, 740, 860]
    s.frame(30, 150, 300, 230, rx=12)
    s.frame(440, 40, 460, 340, rx=12)
    s.text(45, 176, "编码器", 16, "ink", "start", weight="bold")
    s.text(455, 66, "解码器", 16, "ink", "start", weight="bold")
    ex = [c for c, _ in enc]
    chain(s, ex, ys, 30)
    for j, (c, tok) in enumerate(enc, 1):
        s.node(c, yi, 56, 34, "input", tok, 16)
        s.node(c, ys, 60, 40, "state", f"h_{j}", 17)
        up(s, c, yi - 17, ys + 20, "input")
    s.wire([(ex[-1] + 30, ys), (353, ys)], "state")
    s.node(385, ys, 64, 40, "state", "ctx", 16)
    s.wire([(417, ys), (dec[0] - 30, ys)], "state")
    s.text(385, ys + 46, "上下文向量", 14, "muted")
    s.text(385, ys + 68, "ctx = h_3", 14, "muted")
    chain(s, dec, ys, 30)
    for t, c in enumerate(dec, 1):
        s.node(c, yi, 64, 34, "input", dec_in[t - 1], 15)
        s.node(c, ys, 60, 40, "state", f"s_{t}", 17)
        s.node(c, yo, 64, 34, "output", dec_out[t - 1], 15)
        up(s, c, yi - 17, ys + 20, "input")
        up(s, c, ys - 20, yo + 17, "state")
    for a, b in zip(dec, dec[1:]):
        s.wire([(a + 18, yo + 17), (b - 18, yi - 17)], "output", dashed=True, cross=True,
               halo=FRAME_FILL, width=1.8)
    s.text(460, 418, "虚线：上一步生成的词作为下一步输入（推理时）；训练时常改用真实的上一个词（teacher forcing）",
           14, "muted")
    return s


def d_attention() -> Svg:
    alphas = [0.10, 0.60, 0.22, 0.08]
    s = Svg("attention", 840, 492, "注意力机制：对齐权重与上下文向量",
            "编码器隐状态 h_1 到 h_4 由输入 x_1 到 x_4 得到。解码器在第 t 步用上一状态 s_{t−1} 与每个 h_j "
            "计算打分 e_tj，softmax 后得到对齐权重 α_tj（示例：0.10、0.60、0.22、0.08，连线越粗、柱越高，权重越大）。"
            "上下文向量 ctx_t = Σ_j α_tj h_j 与 s_{t−1} 一起得到解码器状态 s_t，再输出 ŷ_t。", k=0.81)
    yx, yh, ysum, ys, yy = 430, 350, 215, 120, 42
    cols = [110, 220, 330, 440]
    sx, st_x, sprev_x = 275, 660, 500
    chain(s, cols, yh, 32)
    for j, (c, a) in enumerate(zip(cols, alphas), 1):
        s.node(c, yx, 50, 32, "input", f"x_{j}", 16)
        s.node(c, yh, 64, 40, "state", f"h_{j}", 17)
        up(s, c, yx - 16, yh + 20, "input")
        # alignment weight: line width grows with alpha
        s.wire([(c, yh - 20), (sx, ysum + 18)], "gate", arrow=False, width=1.2 + 13 * a)
    s.op(sx, ysum, "Σ", r=18)
    s.text(sx + 26, ysum - 16, "ctx_t = Σ_j α_{tj} h_j", 16, "op", "start")
    s.wire([(sx + 18, ysum), (st_x, ysum), (st_x, ys + 20)], "op")
    s.node(sprev_x, ys, 70, 40, "state", "s_{t-1}", 17)
    s.node(st_x, ys, 64, 40, "state", "s_t", 17)
    s.node(st_x, yy, 56, 34, "output", "\\hat y_t", 16)
    s.wire([(sprev_x + 35, ys), (st_x - 32, ys)], "state")
    s.wire([(st_x + 32, ys), (790, ys)], "state")
    s.text(798, ys + 6, "⋯", 18, "state", "start")
    up(s, st_x, ys - 20, yy + 17, "state")
    # where the weights come from
    s.wire([(sprev_x - 35, ys), (392, ys)], "muted", dashed=True, width=1.6)
    s.text(380, ys - 8, "e_{tj} = score(s_{t-1}, h_j)", 15, "ink", "end")
    s.text(380, ys + 20, "α_{tj} = softmax_j(e_{tj})", 15, "ink", "end")
    # the same weights as bars
    bx, by, bh = 560, 420, 110
    s.text(bx - 14, 318, "对齐权重 α_{tj}（示例）", 14, "muted", "start")
    s.wire([(bx - 14, by), (bx + 216, by)], "muted", arrow=False, width=1.2)
    for j, a in enumerate(alphas, 1):
        x = bx + (j - 1) * 56
        s.rect(x, by - bh * a, 30, bh * a, tint(KINDS["gate"], 0.55), KINDS["gate"], rx=2, width=1.4)
        s.text(x + 15, by - bh * a - 6, f"{a:.2f}", 13, "gate")
        s.text(x + 15, by + 20, f"α_{{t{j}}}", 14, "gate")
    s.text(bx + 101, 476, "连线粗细同样表示 α_{tj}，Σ_j α_{tj} = 1", 14, "muted")
    return s


def d_bptt_gradient_flow() -> Svg:
    s = Svg("bptt-gradient-flow", 880, 670, "BPTT 中的梯度流：普通 RNN 与 LSTM 细胞状态",
            "上图：普通 RNN 的隐状态链 h_1 到 h_4，损失 L_4 的梯度沿红色虚线反向传播，每经过一步乘一次 "
            "∂h_t/∂h_{t−1} = diag(1 − h_t²) W_hh，得到连乘积，容易消失或爆炸。"
            "下图：LSTM 细胞状态通路 c_1 到 c_4，每步只经过遗忘门的按元素乘法和一次加法，"
            "沿这条路径 ∂c_t/∂c_{t−1} = diag(f_t)，f_t 接近 1 时梯度几乎不衰减。", k=0.78)
    # --- top: vanilla RNN ---
    s.frame(20, 20, 840, 310, rx=12)
    s.text(40, 50, "普通 RNN：梯度沿 h 链反向连乘", 17, "ink", "start", weight="bold")
    cols = [150, 310, 470, 630]
    yh, yx, yg = 190, 268, 150
    chain(s, cols, yh, 32)
    for t, c in enumerate(cols, 1):
        s.node(c, yx, 50, 32, "input", f"x_{t}", 16)
        s.node(c, yh, 64, 40, "state", f"h_{t}", 17)
        up(s, c, yx - 16, yh + 20, "input")
    s.wire([(cols[-1] + 32, yh), (742, yh)], "state")
    s.node(780, yh, 64, 36, "output", "L_4", 17)
    s.wire([(780, yh - 18), (780, yg), (cols[-1] + 12, yg), (cols[-1] + 12, yh - 20)], "grad", dashed=True,
           radius=6)
    s.text(711, yg - 10, "∂L_4/∂h_4", 15, "grad")
    for t in range(len(cols) - 1, 0, -1):
        a, b = cols[t], cols[t - 1]
        s.wire([(a - 12, yh - 20), (a - 12, yg), (b + 12, yg), (b + 12, yh - 20)], "grad", dashed=True, radius=6)
        s.text((a + b) / 2, yg - 10, f"∂h_{t + 1}/∂h_{t}", 15, "grad")
    # the product, with a bracket over the three factors
    s.wire([(cols[0] + 12, 112), (cols[0] + 12, 104), (cols[-1] - 12, 104), (cols[-1] - 12, 112)],
           "grad", arrow=False, width=1.4, radius=2)
    s.text(390, 92, "∂h_4/∂h_1 = ∏_{t=2}^{4} ∂h_t/∂h_{t-1}", 16, "grad")
    s.text(440, 316, "每个因子 ∂h_t/∂h_{t-1} = diag(1 − h_t^2) W_{hh}：多次连乘后范数趋于 0（消失）或变得极大（爆炸）",
           14, "muted")
    # --- bottom: LSTM cell state ---
    s.frame(20, 350, 840, 300, rx=12)
    s.text(40, 380, "LSTM：细胞状态通路是一条“加法高速路”", 17, "ink", "start", weight="bold")
    yc, yin, yg2 = 520, 596, 480
    cs = [100, 320, 540, 760]
    for t, c in enumerate(cs, 1):
        s.node(c, yc, 56, 36, "state", f"c_{t}", 17)
    for t in range(1, len(cs)):
        a, b = cs[t - 1], cs[t]
        xm, xp = a + 80, a + 150
        s.wire([(a + 28, yc), (xm, yc)], "state", arrow=False, width=STROKE_HWY)
        s.wire([(xm, yc), (xp, yc)], "state", arrow=False, width=STROKE_HWY)
        s.wire([(xp, yc), (b - 28, yc)], "state", width=STROKE_HWY)
        s.op(xm, yc, "×")
        s.op(xp, yc, "+")
        s.node(xm, yin, 44, 30, "gate", f"f_{t + 1}", 15)
        s.node(xp, yin, 78, 30, "op", f"i_{t + 1}⊙\\tilde c_{t + 1}", 14)
        up(s, xm, yin - 15, yc + 12, "gate")
        up(s, xp, yin - 15, yc + 12, "op")
        s.wire([(b - 14, yc - 18), (b - 14, yg2), (a + 14, yg2), (a + 14, yc - 18)], "grad", dashed=True, radius=6)
        s.text((a + b) / 2, yg2 - 10, f"diag(f_{t + 1})", 15, "grad")
    s.text(440, 432, "沿这条路径 ∂c_t/∂c_{t-1} = diag(f_t)：只有按元素乘遗忘门，没有 W_{hh} 连乘和 tanh′", 14, "grad")
    s.text(440, 638, "f_t ≈ 1 时梯度几乎原样传回；加法让各步的贡献相加而不是相乘", 14, "muted")
    return s


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


def d_residual_block() -> Svg:
    s = Svg("residual-block", 520, 580, "残差块：F(x) + x",
            "残差块（He et al. 2016）。输入 x 分成两路：主路依次经过权重层 W_1、ReLU、权重层 W_2，得到残差 F(x)；"
            "捷径（恒等映射）把 x 原样送到加法节点。两路在 ⊕ 处按元素相加得到 F(x) + x，再经 ReLU 输出。"
            "F(x) 与 x 形状必须相同；不同时捷径改用线性投影 W_s x。")
    cx, xs = 190, 380             # main branch and shortcut columns
    yx, yfork, yw1, yr1, yw2, yadd, yr2, yout = 50, 100, 160, 232, 304, 384, 446, 520
    s.node(cx, yx, 64, 36, "input", "x", 18)
    s.wire([(cx, yx + 18), (cx, yw1 - 20)], "input")
    s.dot(cx, yfork, "input")
    # identity shortcut: thicker, like the other additive "highways"
    s.wire([(cx, yfork), (xs, yfork), (xs, yadd), (cx + 14, yadd)], "input", width=STROKE_HWY, radius=12)
    s.text(xs + 12, (yfork + yadd) / 2 - 4, "x", 18, "input", "start")
    s.text(xs + 12, (yfork + yadd) / 2 + 20, "恒等映射", 14, "muted", "start")
    # main branch
    s.node(cx, yw1, 170, 40, "ink", "权重层 W_1", 16)
    s.wire([(cx, yw1 + 20), (cx, yr1 - 14)], "ink")
    s.pill(cx, yr1, 80, 28, "tanh", "ReLU", 15)
    s.wire([(cx, yr1 + 14), (cx, yw2 - 20)], "ink")
    s.node(cx, yw2, 170, 40, "ink", "权重层 W_2", 16)
    s.wire([(cx, yw2 + 20), (cx, yadd - 12)], "op")
    s.text(cx + 10, yadd - 28, "F(x)", 16, "op", "start")
    # the residual F(x) spans the two weight layers
    bx = cx - 104
    s.wire([(bx + 8, yw1 - 20), (bx, yw1 - 20), (bx, yw2 + 20), (bx + 8, yw2 + 20)], "op",
           arrow=False, width=1.6, radius=3)
    s.text(bx - 10, (yw1 + yw2) / 2 + 6, "F(x)", 18, "op", "end")
    s.op(cx, yadd, "+")
    s.wire([(cx, yadd + 12), (cx, yr2 - 14)], "op")
    s.text(cx + 12, yadd + 36, "F(x) + x", 16, "op", "start")
    s.pill(cx, yr2, 80, 28, "tanh", "ReLU", 15)
    s.wire([(cx, yr2 + 14), (cx, yout - 17)], "output")
    s.node(cx, yout, 170, 34, "output", "ReLU(F(x) + x)", 15)
    s.text(260, 566, "F(x) 与 x 形状不同时，捷径改为投影 W_s x", 14, "muted")
    return s


def d_parallel_scan() -> Svg:
    T, cols = 8, [142 + 86 * t for t in range(8)]
    s = Svg("parallel-scan", 820, 660, "线性递推 h_t = a_t h_{t−1} + b_t 的并行扫描",
            "Hillis–Steele 式并行前缀扫描，T = 8。第一行是 8 个输入对 (a_t, b_t)。"
            "第 1、2、3 层的偏移分别为 1、2、4：每个框把自己与左边相隔“偏移”步的框用 ◦ 合并，"
            "(a_1, b_1) ◦ (a_2, b_2) = (a_1 a_2, a_2 b_1 + b_2)，较早的一步在左；左边没有可合并的框时原样复制。"
            "框内 j:t 表示第 j 步到第 t 步合成的一步 (a_{j:t}, b_{j:t})。3 层之后第 t 个框是 1:t，"
            "h_t = a_{1:t} h_0 + b_{1:t}。每层内的合并互不依赖，可同时计算，所以深度是 log_2 T = 3。", k=0.83)
    rows = [92, 192, 292, 392]
    yh = 482
    s.text(410, 40, "h_t = a_t h_{t-1} + b_t 的并行扫描（T = 8）", 18, "ink", weight="bold")
    s.text(24, rows[0] + 6, "输入", 15, "muted", "start")
    for d in (1, 2, 3):
        s.text(24, rows[d] - 2, f"第 {d} 层", 15, "muted", "start")
        s.text(24, rows[d] + 18, f"偏移 {2 ** (d - 1)}", 14, "muted", "start")
    s.text(24, yh + 6, "输出", 15, "muted", "start")
    start = list(range(1, T + 1))        # start[t-1] = first step covered by box t at this level
    for t, c in enumerate(cols, 1):
        s.node(c, rows[0], 76, 34, "input", f"(a_{t}, b_{t})", 15)
    for d in (1, 2, 3):
        k, yp, yc = 2 ** (d - 1), rows[d - 1], rows[d]
        new = start[:]
        for t in range(1, T + 1):
            c = cols[t - 1]
            s.wire([(c, yp + 17), (c, yc - 17)], "ink", width=1.6)
            if t > k:
                new[t - 1] = start[t - 1 - k]
                s.wire([(cols[t - 1 - k] + 12, yp + 17), (c - 18, yc - 17)], "op", width=1.8, cross=True)
                s.node(c, yc, 66, 34, "op", f"{new[t - 1]}:{t}", 15)
            else:
                s.node(c, yc, 66, 34, "muted", f"{new[t - 1]}:{t}", 15)
        start = new
    for t, c in enumerate(cols, 1):
        s.wire([(c, rows[3] + 17), (c, yh - 17)], "state")
        s.node(c, yh, 56, 34, "state", f"h_{t}", 16)
    notes = [
        ("品红框：一次合并 ◦，斜线来自较早的段（左操作数）；灰框：左边没有可合并的段，原样复制", "muted"),
        ("(a_1, b_1) ◦ (a_2, b_2) = (a_1 a_2, a_2 b_1 + b_2)，满足结合律，所以可以任意分组", "op"),
        ("j:t 表示 (a_{j:t}, b_{j:t})，即 h_t = a_{j:t} h_{j-1} + b_{j:t}；最后一层是 1:t，得 h_t = a_{1:t} h_0 + b_{1:t}", "ink"),
        ("深度 log_2 T = 3 层，共 7 + 6 + 4 = 17 次 ◦；Blelloch 扫描深度约 2 log_2 T，总计算量 O(T)", "muted"),
    ]
    for j, (line, kind) in enumerate(notes):
        s.text(410, 546 + 28 * j, line, 14, kind)
    return s


DIAGRAMS = [d_rnn_unrolled, d_rnn_io_structures, d_lstm_cell, d_gru_cell, d_lstm_vs_gru,
            d_birnn, d_stacked_rnn, d_seq2seq, d_attention, d_bptt_gradient_flow,
            d_activation_curves, d_residual_block, d_parallel_scan]



def generate() -> dict[str, str]:
    return {f"{(svg := make()).name}.svg": svg.render() for make in DIAGRAMS}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--check", action="store_true",
                    help="compare docs/diagrams/*.svg with the generated output; write nothing")
    ap.add_argument("--out", type=Path, default=OUT_DIR, help="output directory")
    args = ap.parse_args(argv)
    files = generate()
    if args.check:
        problems = []
        for name, content in files.items():
            path = args.out / name
            if not path.exists():
                problems.append(f"missing: {path}")
            elif path.read_text(encoding="utf-8") != content:
                problems.append(f"out of date: {path}")
        for path in sorted(args.out.glob("*.svg")):
            if path.name not in files:
                problems.append(f"not generated by this script: {path}")
        for p in problems:
            print(p, file=sys.stderr)
        if problems:
            print("run: python scripts/diagrams.py", file=sys.stderr)
            return 1
        print(f"ok: {len(files)} diagrams up to date")
        return 0
    args.out.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        (args.out / name).write_text(content, encoding="utf-8")
    print(f"wrote {len(files)} diagrams to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
