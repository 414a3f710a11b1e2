"""Label markup ("h_{t-1}", "\\tilde c_t") parsed into runs, and the Latin advance widths
used to place accents."""

from __future__ import annotations




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
