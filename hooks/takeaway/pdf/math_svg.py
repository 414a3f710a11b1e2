"""Formulas in the PDFs: arithmatex's TeX drawn by ziamath as SVG paths, cached on disk."""

from __future__ import annotations

import copy
import functools
import hashlib
import pathlib
import re
import warnings
import xml.etree.ElementTree as ET
import json

from bs4 import BeautifulSoup, Comment

from bank import formulas  # the build's formula lint

from .errors import PdfError


# ziamath draws at this size (SVG user units per em); sizes are converted to em so that formulas
# scale with the surrounding text. STIX Two has a smaller x-height than Noto Sans, hence the scale.
MATH_SIZE = 24.0
MATH_SCALE = 1.08
# ziamath's SVG 2 mode draws each glyph once as <symbol id> + <use href>; plain paths (False) make
# bigger SVG without any ids but WeasyPrint draws them ~30 % faster (0.5 s on a 4-page sheet).
# Either way ids get a per-formula prefix, see _prefix_ids.
SVG2 = False

# ---------------------------------------------------------------------------------------- math

_DELIMS = ((r"\(", r"\)"), (r"\[", r"\]"), ("$$", "$$"), ("$", "$"))


def _strip_delimiters(text: str) -> str:
    tex = text.strip()
    for left, right in _DELIMS:
        if tex.startswith(left) and tex.endswith(right) and len(tex) >= len(left) + len(right):
            return tex[len(left):len(tex) - len(right)].strip()
    return tex


class _Formula:
    def __init__(self, svg: ET.Element, width: float, height: float, depth: float):
        self.svg = svg          # ziamath's <svg> element (not to be mutated)
        self.width = width      # em
        self.height = height    # em
        self.depth = depth      # em below the baseline


def _render_formula(tex: str, display: bool) -> _Formula:
    """Render one formula with ziamath (cached per formula string within the process)."""
    return _render_formula_cached(tex, display, SVG2)


# Rendered formulas, kept across builds: ziamath takes ~20 ms a formula, the sheet has ~90.
_FORMULA_CACHE = pathlib.Path(".cache/formulas")
_XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
_NS = {"http://www.w3.org/2000/svg": "", "http://www.w3.org/1999/xlink": "xlink:"}


def _plain_svg(text: str, declarations: list[list[str]]) -> ET.Element:
    """Parse a cached SVG back into the shape ziamath builds: plain tag names with xmlns
    attributes, not ElementTree's {namespace}tag form, so the rest of this module sees no
    difference between a cached and a fresh formula."""
    root = ET.fromstring(text)
    for el in root.iter():
        el.tag = el.tag.rpartition("}")[2]
        for key in [k for k in el.attrib if k.startswith("{")]:
            ns, _, name = key[1:].partition("}")
            el.set(_NS.get(ns, "") + name, el.attrib.pop(key))
    attrs = dict(root.attrib)
    root.attrib.clear()
    root.attrib.update(declarations)  # xmlns attributes first, where ziamath puts them
    root.attrib.update(attrs)
    return root


@functools.lru_cache(maxsize=2048)
def _render_formula_cached(tex: str, display: bool, svg2: bool) -> _Formula:
    with warnings.catch_warnings():  # ziamath 0.13 finds its font with a deprecated importlib call
        warnings.simplefilter("ignore", DeprecationWarning)
        import ziamath

    shown = tex if len(tex) <= 200 else tex[:200] + "…"
    problems = formulas.problems(tex)  # the build's own formula lint, one source of truth
    if problems:
        raise PdfError(f"Malformed formula {shown!r}: {'; '.join(problems)}. Fix the LaTeX in the page source.")
    cache = _FORMULA_CACHE / (hashlib.sha256(
        repr((tex, display, svg2, MATH_SIZE, ziamath.__version__)).encode()).hexdigest()[:24] + ".json")
    if cache.exists():
        saved = json.loads(cache.read_text(encoding="utf-8"))
        return _Formula(_plain_svg(saved["svg"], saved["xmlns"]), saved["width"], saved["height"],
                        saved["depth"])
    previous_svg2 = ziamath.config.svg2
    ziamath.config.svg2 = svg2
    try:
        math = ziamath.Latex(tex, size=MATH_SIZE, inline=not display)
        svg = math.svgxml()
    except Exception as exc:  # ziamath/latex2mathml raise many exception types
        detail = f"{type(exc).__name__}: {exc}".rstrip(": ")
        raise PdfError(
            f"Malformed formula {shown!r}: ziamath cannot render it ({detail}). "
            "Fix the LaTeX in the page source."
        ) from exc
    finally:
        ziamath.config.svg2 = previous_svg2

    # Unknown commands were refused by formulas.problems above; ziamath still draws characters
    # its math font lacks as empty boxes, which is an error rather than silently wrong output.
    mathml = math.mathml if isinstance(math.mathml, ET.Element) else ET.fromstring(math.mathml)
    missing = []
    for el in mathml.iter():
        if el.tag not in ("mi", "mn", "mo", "mtext", "ms") or not el.text:
            continue
        for ch in el.text:
            if not ch.isspace() and math.font.glyphindex(ch) == 0 and ch not in missing:
                missing.append(ch)
    if missing:
        chars = ", ".join(f"U+{ord(c):04X} {c!r}" for c in missing)
        raise PdfError(
            f"Formula {shown!r} uses characters the math font has no glyph for ({chars}). "
            "Move Chinese or other text out of the formula into the surrounding sentence."
        )

    bbox = math.node.bbox
    margin = math.margin
    unit = MATH_SCALE / MATH_SIZE
    width = (bbox.xmax - bbox.xmin + 2 * margin) * unit
    height = (bbox.ymax - bbox.ymin + 2 * margin) * unit
    depth = (margin - bbox.ymin) * unit
    _FORMULA_CACHE.mkdir(parents=True, exist_ok=True)
    cache.write_text(json.dumps({
        "svg": ET.tostring(svg, encoding="unicode"),
        "xmlns": [[k, v] for k, v in svg.attrib.items() if k.startswith("xmlns")],
        "width": width, "height": height, "depth": depth,
    }), encoding="utf-8")
    return _Formula(svg, width, height, depth)


def _em(value: float) -> str:
    text = f"{value:.3f}".rstrip("0").rstrip(".")
    return f"{text or '0'}em"


def _prefix_ids(svg: ET.Element, prefix: str) -> None:
    ids = {el.get("id") for el in svg.iter() if el.get("id")}
    if not ids:
        return

    def fix_url(match: re.Match) -> str:
        return f"url(#{prefix}{match[1]})" if match[1] in ids else match[0]

    for el in svg.iter():
        for key, value in list(el.attrib.items()):
            if key == "id":
                el.set(key, prefix + value)
            elif key in ("href", "xlink:href", _XLINK_HREF) and value.startswith("#"):
                if value[1:] in ids:
                    el.set(key, "#" + prefix + value[1:])
            elif "url(#" in value:
                el.set(key, re.sub(r"url\(#([^)\s]+)\)", fix_url, value))


def _formula_markup(tex: str, display: bool, prefix: str) -> str:
    formula = _render_formula(tex, display)
    svg = copy.deepcopy(formula.svg)
    _prefix_ids(svg, prefix)
    width, height = _em(formula.width), _em(formula.height)
    svg.set("width", width)
    svg.set("height", height)
    svg.set("role", "img")
    svg.set("aria-label", tex)
    if display:
        svg.set("class", "math math-display-svg")
        svg.set("style", f"width:{width};height:{height}")
    else:
        svg.set("class", "math math-inline")
        svg.set("style", f"width:{width};height:{height};vertical-align:{_em(-formula.depth)}")
    markup = ET.tostring(svg, encoding="unicode", short_empty_elements=True)
    if display:
        return f'<div class="math-display">{markup}</div>'
    return markup


def _replace_math(soup: BeautifulSoup, seed: str) -> dict[str, str]:
    """Replace arithmatex elements in ``soup`` by placeholder comments; return comment -> SVG.

    SVG markup is spliced in after serialisation, so html.parser never lowercases viewBox.
    """
    digest = hashlib.sha1(seed.encode("utf-8")).hexdigest()[:6]
    replacements: dict[str, str] = {}
    for i, el in enumerate(soup.select(".arithmatex")):
        raw = el.get_text()
        stripped = raw.strip()
        display = (el.name == "div" or stripped.startswith((r"\[", "$$"))
                   or (stripped.startswith(r"\begin") and not stripped.startswith(r"\(")))
        tex = _strip_delimiters(raw)
        if not tex:
            el.decompose()
            continue
        token = f"rnnq-math-{digest}-{i}"
        replacements[f"<!--{token}-->"] = _formula_markup(tex, display, f"zm{digest}{i}-")
        el.replace_with(Comment(token))
    return replacements


def _splice(serialised: str, replacements: dict[str, str]) -> str:
    for token, markup in replacements.items():
        serialised = serialised.replace(token, markup, 1)
    return serialised


def math_to_svg(html: str) -> str:
    """Replace every arithmatex span/div in ``html`` by ziamath SVG.

    Inline math is sized in em and shifted with ``vertical-align`` so that the formula's baseline
    sits on the text baseline; display math becomes ``<div class="math-display">``. Every SVG id
    (and ``href="#…"``/``url(#…)`` reference) gets a per-formula prefix, so ids never collide.
    Raises PdfError naming the formula if it cannot be rendered.
    """
    soup = BeautifulSoup(html, "html.parser")
    replacements = _replace_math(soup, html)
    return _splice(str(soup), replacements)
