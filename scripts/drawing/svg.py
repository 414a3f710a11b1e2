"""The SVG builder: wires, nodes and labels in layers, rendered deterministically."""

from __future__ import annotations

import contextlib
from xml.sax.saxutils import escape

from .labels import SUB, SUB_DY, SUP_DY, _TALL, parse
from .style import (ARROW_INSET, ARROW_LEN, ARROW_REF, ARROW_W, BG, BORDER, COLUMN, FONT, FRAME_FILL, FRAME_STROKE,
                    INK, KINDS, MIN_LABEL_PX, STROKE, STROKE_BOX, fmt, tint)


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
