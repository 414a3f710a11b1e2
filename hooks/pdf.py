"""Printable cheat sheet: turn the rendered HTML of the cheat-sheet page into a PDF.

Self-contained helper used by an MkDocs hook. Public API:

* ``PdfError`` -- every failure; the message says what is wrong and how to fix it.
* ``find_cjk_font()`` -- locate a CJK (Simplified Chinese) font file.
* ``math_to_svg(html)`` -- replace pymdownx.arithmatex (generic mode) math by inline SVG (ziamath).
* ``render_pdf(content_html, base_url, title=...)`` -- full document -> PDF bytes (WeasyPrint).

Font lookup order (first hit wins), see ``find_cjk_font``:

1. the file named by the environment variable ``RNNQ_CJK_FONT`` (an error if it does not exist);
2. Debian's ``fonts-noto-cjk`` files, in the order of ``CJK_FONT_PATHS``;
3. a pip package that ships Noto Sans SC (``PIP_FONT_PACKAGES``: ``pylopdf-fonts-zh-cn``), if
   installed; it is optional and not in the requirements.

For a font collection (.ttc/.otc) the Simplified Chinese face is picked by name and copied into a
single-face OpenType file in a per-process temporary directory, so WeasyPrint cannot fall back to
the collection's first (Japanese) face (code gets the collection's Noto Sans Mono CJK SC face).
Every character of the page's text, footer and CSS-generated text is checked against the face's
cmap before rendering (the tofu check); after rendering, any .notdef glyph WeasyPrint drew (also
in <text> of SVG diagrams, which use their own, installed fonts) is an error as well.
WeasyPrint embeds the fonts as subsets (BaseFont ``ABCDEF+NotoSansCJKsc-Sheet``).

Math is drawn by ziamath as SVG paths (STIX Two Math), so formulas need no font in the PDF.
Relative image URLs are resolved against ``base_url``; only ``file:`` and ``data:`` URLs are
fetched (no network), and a resource that cannot be loaded is an error instead of a hole.
"""

from __future__ import annotations

import atexit
import copy
import functools
import hashlib
import html as html_lib
import importlib
import logging
import os
import pathlib
import re
import shutil
import struct
import tempfile
import unicodedata
import warnings
import xml.etree.ElementTree as ET
import json

from bs4 import BeautifulSoup, Comment

import formulas

__all__ = ["PdfError", "find_cjk_font", "math_to_svg", "render_pdf"]

ENV_VAR = "RNNQ_CJK_FONT"
INSTALL_HINT = "apt-get install fonts-noto-cjk"

# Known locations of Noto Sans CJK, most likely first. Debian/Ubuntu `fonts-noto-cjk` ships the
# collection; older releases shipped one OpenType file per region. The last entries are other
# distributions' packages of the same font.
CJK_FONT_PATHS: tuple[str, ...] = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJKsc-Regular.otf",
    "/usr/share/fonts/opentype/noto/NotoSansSC-Regular.otf",
    "/usr/share/fonts/truetype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
)

# (importable module, font file inside the package directory). Optional, never required.
PIP_FONT_PACKAGES: tuple[tuple[str, str], ...] = (
    ("pylopdf_fonts_zh_cn", "NotoSansSC-Regular.otf"),
)

CSS_PATH = pathlib.Path(__file__).with_name("pdf.css")

# ziamath draws at this size (SVG user units per em); sizes are converted to em so that formulas
# scale with the surrounding text. STIX Two has a smaller x-height than Noto Sans, hence the scale.
MATH_SIZE = 24.0
MATH_SCALE = 1.08
# ziamath's SVG 2 mode draws each glyph once as <symbol id> + <use href>; plain paths (False) make
# bigger SVG without any ids but WeasyPrint draws them ~30 % faster (0.5 s on a 4-page sheet).
# Either way ids get a per-formula prefix, see _prefix_ids.
SVG2 = False

_COLLECTION_SUFFIXES = {".ttc", ".otc"}
# Characters that never need a glyph (line breaks, tabs, soft hyphen, zero-width marks).
_IGNORABLE = set("\n\r\t\f\v\u00ad\u200b\u200c\u200d\u2060\ufeff")
_XLINK_HREF = "{http://www.w3.org/1999/xlink}href"


class PdfError(Exception):
    """The cheat-sheet PDF cannot be built; the message says why and how to fix it."""


# --------------------------------------------------------------------------------------- fonts

def find_cjk_font() -> pathlib.Path | None:
    """Return the CJK font file to use, or None when none is installed.

    Order: ``$RNNQ_CJK_FONT``; ``CJK_FONT_PATHS`` (Debian fonts-noto-cjk first); the packages in
    ``PIP_FONT_PACKAGES`` (e.g. ``pip install pylopdf-fonts-zh-cn``) if importable.
    Raises PdfError if RNNQ_CJK_FONT is set but is not a file.
    """
    value = os.environ.get(ENV_VAR, "").strip()
    if value:
        path = pathlib.Path(value).expanduser()
        if not path.is_file():
            raise PdfError(
                f"{ENV_VAR}={value!r} is not a font file. Point it at a Noto Sans CJK / "
                f"Noto Sans SC font (.ttc/.otf/.ttf), or unset it to use the system font; "
                f"install that with: {INSTALL_HINT}"
            )
        return path
    for candidate in CJK_FONT_PATHS:
        path = pathlib.Path(candidate)
        if path.is_file():
            return path
    for module_name, filename in PIP_FONT_PACKAGES:
        try:
            module = importlib.import_module(module_name)
        except ImportError:
            continue
        module_file = getattr(module, "__file__", None)
        if module_file:
            path = pathlib.Path(module_file).parent / filename
            if path.is_file():
                return path
    return None


def _no_font_error() -> PdfError:
    return PdfError(
        "No CJK font found for the cheat-sheet PDF. Install one with: "
        f"{INSTALL_HINT} (or `pip install pylopdf-fonts-zh-cn`), or set {ENV_VAR} to the path "
        "of a Noto Sans CJK/SC font file. Searched: " + ", ".join(CJK_FONT_PATHS)
    )


class _Face:
    """One face of a font file: where it is, its names and its character coverage."""

    def __init__(self, path: pathlib.Path, index: int, ps_name: str, cmap: frozenset[int],
                 collection: bool):
        self.path = path
        self.index = index
        self.ps_name = ps_name
        self.cmap = cmap
        self.collection = collection

    @property
    def css_family(self) -> str:
        # "NotoSansCJKsc-Regular" -> "NotoSansCJKsc-Sheet". WeasyPrint names the embedded font
        # after the CSS family, so the PDF's BaseFont reads "ABCDEF+NotoSansCJKsc-Sheet". The
        # suffix matters: fontconfig compares family names ignoring case and blanks, so plain
        # "NotoSansCJKsc" would also match an installed "Noto Sans CJK SC" instead of our file.
        base = self.ps_name.rsplit("-", 1)[0] if "-" in self.ps_name else self.ps_name
        return (re.sub(r"[^A-Za-z0-9]", "", base) or "CJK") + "-Sheet"


def _is_simplified_chinese(names: list[str], mono: bool = False) -> bool:
    """Names (family, full, PostScript) of a Simplified Chinese face, monospaced or not."""
    if any("mono" in name.lower() for name in names) != mono:
        return False
    pattern = r"(?<![A-Za-z])(SC|CN|Hans)(?![A-Za-z])|(?:CJKsc|[a-z]SC)-|Simplified"
    return any(re.search(pattern, name) for name in names)


def _stat_key(path: pathlib.Path) -> tuple[str, int, int]:
    st = path.stat()
    return (str(path.resolve()), st.st_mtime_ns, st.st_size)


@functools.lru_cache(maxsize=8)
def _load_face_cached(key: tuple[str, int, int], mono: bool) -> _Face | None:
    from fontTools.ttLib import TTCollection, TTFont, TTLibError

    path = pathlib.Path(key[0])
    try:
        if path.suffix.lower() in _COLLECTION_SUFFIXES:
            collection = TTCollection(str(path), lazy=True)
            index = None
            for i, font in enumerate(collection.fonts):
                names = [font["name"].getDebugName(n) or "" for n in (1, 4, 6)]
                if _is_simplified_chinese(names, mono):
                    index = i
                    break
            if index is None:
                if mono:
                    return None
                index = 0  # no SC face: the collection's first face is the best guess
            font = collection.fonts[index]
            is_collection = True
        else:
            if mono:
                return None
            font = TTFont(str(path), lazy=True)
            index = 0
            is_collection = False
        ps_name = font["name"].getDebugName(6) or path.stem
        cmap = frozenset((font.getBestCmap() or {}).keys())
    except (OSError, TTLibError, KeyError, AssertionError) as exc:
        raise PdfError(
            f"Cannot read font file {path}: {exc}. Use a valid OpenType font "
            f"(e.g. {INSTALL_HINT}) or fix {ENV_VAR}."
        ) from exc
    if not cmap:
        raise PdfError(f"Font file {path} has no usable character map; use another font.")
    return _Face(path, index, ps_name, cmap, is_collection)


def _load_face(path: pathlib.Path) -> _Face:
    try:
        key = _stat_key(path)
    except OSError as exc:
        raise PdfError(f"Cannot read font file {path}: {exc}. {INSTALL_HINT}") from exc
    face = _load_face_cached(key, False)
    assert face is not None
    return face


def _load_mono_face(path: pathlib.Path) -> _Face | None:
    """The monospaced SC face of the same collection (Noto Sans Mono CJK SC), if any."""
    try:
        return _load_face_cached(_stat_key(path), True)
    except PdfError:
        return None


def _bold_sibling(path: pathlib.Path) -> pathlib.Path | None:
    """NotoSansCJK-Regular.ttc -> NotoSansCJK-Bold.ttc when it exists."""
    if "Regular" not in path.name:
        return None
    bold = path.with_name(path.name.replace("Regular", "Bold"))
    return bold if bold.is_file() else None


_TMP_DIR: pathlib.Path | None = None
_EXTRACTED: dict[tuple, pathlib.Path] = {}


def _tmp_dir() -> pathlib.Path:
    global _TMP_DIR
    if _TMP_DIR is None:
        _TMP_DIR = pathlib.Path(tempfile.mkdtemp(prefix="rnnq-pdf-fonts-"))
        atexit.register(shutil.rmtree, _TMP_DIR, True)
    return _TMP_DIR


def _face_file(face: _Face) -> pathlib.Path:
    """A file holding exactly this face (collections: copy the face's tables, cached)."""
    if not face.collection:
        return face.path
    key = (*_stat_key(face.path), face.index)
    cached = _EXTRACTED.get(key)
    if cached is not None and cached.is_file():
        return cached
    target = _tmp_dir() / f"{face.ps_name or 'face'}-{face.index}.otf"
    try:
        target.write_bytes(_extract_face(face.path, face.index))
    except (OSError, struct.error, ValueError) as exc:
        raise PdfError(f"Cannot read face {face.index} of font collection {face.path}: {exc}. "
                       f"Reinstall it ({INSTALL_HINT}) or fix {ENV_VAR}.") from exc
    _EXTRACTED[key] = target
    return target


def _extract_face(path: pathlib.Path, index: int) -> bytes:
    """Copy one face of a TrueType/OpenType collection into a standalone sfnt, table by table.

    Raw copy, tables and their checksums unchanged (fontTools' SFNTWriter recomputes every
    checksum in Python: 0.15 s per 16 MB face, this takes ~0.02 s). head.checkSumAdjustment is
    left as in the collection; nothing downstream (FreeType, HarfBuzz, WeasyPrint) checks it.
    """
    with open(path, "rb") as fh:
        def read(offset: int, length: int) -> bytes:
            fh.seek(offset)
            blob = fh.read(length)
            if len(blob) != length:
                raise ValueError(f"truncated at byte {offset}")
            return blob

        tag, _version, count = struct.unpack(">4sLL", read(0, 12))
        if tag != b"ttcf" or not 0 <= index < count:
            raise ValueError(f"not a font collection with a face {index}")
        (offset,) = struct.unpack(">L", read(12 + 4 * index, 4))
        sfnt_version, num_tables = struct.unpack(">4sH", read(offset, 6))
        table_dir = read(offset + 12, 16 * num_tables)
        records = sorted(struct.unpack_from(">4sLLL", table_dir, 16 * i)
                         for i in range(num_tables))
        power = 1 << (num_tables.bit_length() - 1)
        header = struct.pack(">4sHHHH", sfnt_version, num_tables, power * 16,
                             power.bit_length() - 1, num_tables * 16 - power * 16)
        position = 12 + 16 * num_tables
        directory, blobs = [], []
        for table_tag, checksum, table_offset, length in records:
            blob = read(table_offset, length)
            directory.append(struct.pack(">4sLLL", table_tag, checksum, position, length))
            padded = blob + b"\0" * (-length % 4)
            blobs.append(padded)
            position += len(padded)
    return b"".join([header, *directory, *blobs])


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


# ------------------------------------------------------------------------------------ coverage

def _css_strings(css: str) -> str:
    """Characters that CSS generates as text (content:, string list markers)."""
    out = []
    for decl in re.findall(r"(?:content|list-style-type|list-style)\s*:\s*([^;}]*)", css):
        out.extend(re.findall(r'"((?:[^"\\]|\\.)*)"', decl))
    return " ".join(out)


def _check_coverage(text: str, face: _Face) -> None:
    missing: dict[str, int] = {}
    for pos, ch in enumerate(text):
        if ch in _IGNORABLE or ch in missing:
            continue
        if ord(ch) not in face.cmap:
            missing[ch] = pos
    if not missing:
        return
    lines = []
    for ch, pos in list(missing.items())[:30]:
        context = text[max(0, pos - 15):pos + 16].replace("\n", " ").strip()
        name = unicodedata.name(ch, "unnamed character")
        lines.append(f"  U+{ord(ch):04X} {name} {ch!r} in: …{context}…")
    more = f"\n  (and {len(missing) - 30} more)" if len(missing) > 30 else ""
    raise PdfError(
        f"The font {face.ps_name} ({face.path}) has no glyph for {len(missing)} character(s) of "
        "the cheat sheet; they would print as empty boxes (tofu):\n" + "\n".join(lines) + more
        + "\nReplace or remove these characters in the source (write formulas as LaTeX, avoid "
        "emoji), or point " + ENV_VAR + " at a font that has them."
    )


# ------------------------------------------------------------------------------------- layout

_HEADING = {"h2", "h3", "h4", "h5", "h6"}


def _is_heading(el) -> bool:
    """A heading, or a paragraph that opens with bold text: a lead-in such as "**损失函数**（…）"."""
    if el.name in _HEADING:
        return True
    first = next((c for c in el.contents if not (isinstance(c, str) and not c.strip())), None) if el.name == "p" else None
    return getattr(first, "name", None) in ("strong", "b")


def _keep_headings_with_next(soup: BeautifulSoup) -> None:
    """Wrap each heading (with any headings right after it) and the start of what follows, i.e.
    the first list item or the next block, in one `div.keep` that pdf.css keeps unbroken.
    WeasyPrint ignores `break-after: avoid` in multi-column layout, so without this a heading
    can end a column while its text starts the next one."""
    for head in soup.find_all(_is_heading):
        if head.parent is not None and "keep" in (head.parent.get("class") or []):
            continue  # already kept with the heading before it
        group = [head]
        while (nxt := group[-1].find_next_sibling()) is not None and _is_heading(nxt):
            group.append(nxt)
        keep = soup.new_tag("div", attrs={"class": "keep"})
        head.insert_before(keep)
        for el in group:
            keep.append(el.extract())
        if nxt is None:
            continue
        items = nxt.find_all("li", recursive=False) if nxt.name in ("ul", "ol") else []
        if len(items) > 1:  # split the list: its first item stays with the heading
            first = soup.new_tag(nxt.name, attrs={**nxt.attrs, "class": [*(nxt.get("class") or []), "keep-start"]})
            first.append(items[0].extract())
            keep.append(first)
            if nxt.name == "ol":
                nxt["start"] = str(int(nxt.get("start", 1)) + 1)
        else:
            keep.append(nxt.extract())


_LATIN_HYPHENATED = re.compile(r"[A-Za-z0-9]+(?:-[A-Za-z0-9]+)+")


def _no_break_in_latin_words(soup: BeautifulSoup) -> None:
    """`n-gram`, `Seq2Seq-style`: a line may not break at the hyphen (pdf.css `.nobr`)."""
    for text in soup.find_all(string=_LATIN_HYPHENATED):
        if isinstance(text, Comment) or text.find_parent(["pre", "code", "style", "script"]):
            continue
        parts, last = [], 0
        for m in _LATIN_HYPHENATED.finditer(text):
            span = soup.new_tag("span", attrs={"class": "nobr"})
            span.string = m.group(0)
            parts += [text[last:m.start()], span]
            last = m.end()
        parts.append(text[last:])
        for part in parts:
            if part != "":
                text.insert_before(part)
        text.extract()


# ---------------------------------------------------------------------------------------- PDF

def _css_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def render_pdf(content_html: str, base_url: str, *, title: str,
               site_name: str | None = None) -> bytes:
    """Render the cheat-sheet content (inner HTML of the article) to PDF bytes.

    ``base_url``: where the page lives, against which relative image URLs such as
    ``../diagrams/lstm-cell.svg`` resolve: a path (an existing directory, or the page's file such
    as ``site/cheatsheet/index.html``) or a ``file://`` URL (end a directory URL with ``/``).
    ``title``: document title (PDF metadata). ``site_name``: footer text (defaults to ``title``).
    """
    font_path = find_cjk_font()
    if font_path is None:
        raise _no_font_error()
    face = _load_face(font_path)
    bold_path = _bold_sibling(font_path)
    bold = _load_face(bold_path) if bold_path else None

    css = CSS_PATH.read_text(encoding="utf-8")
    footer = site_name if site_name is not None else title

    soup = BeautifulSoup(content_html, "html.parser")
    for el in soup.select("a.headerlink, script, style, template, noscript"):
        el.decompose()
    # A paragraph that is only bold text is a sub-heading: keep it with what follows (pdf.css).
    for p in soup.find_all("p"):
        children = [c for c in p.contents if not (isinstance(c, str) and not c.strip())]
        if len(children) == 1 and getattr(children[0], "name", None) in ("strong", "b"):
            p["class"] = [*p.get("class", []), "subhead"]
    _keep_headings_with_next(soup)  # before the math becomes placeholder comments
    replacements = _replace_math(soup, content_html)
    _no_break_in_latin_words(soup)  # after: TeX such as h_{t-1} is not text

    # Tofu check: every character the PDF will show as text must be in the font.
    text = soup.get_text() + "\n" + footer + "\n" + _css_strings(css) + "\n0123456789"
    if soup.find(["ul", "ol"]):
        text += "\n•◦▪."  # list markers are drawn with the same font
    _check_coverage(text, face)
    if bold is not None:
        try:
            _check_coverage(text, bold)
        except PdfError:
            bold = None  # the bold face lacks something: let WeasyPrint use the regular one
    code_elements = soup.find_all(["pre", "code", "kbd", "samp", "tt"])
    mono = _load_mono_face(font_path) if code_elements else None
    if mono is not None:
        try:
            _check_coverage("\n".join(el.get_text() for el in code_elements), mono)
        except PdfError:
            mono = None  # fall back to the proportional face, which passed the check

    family = face.css_family
    families = {family}
    font_css = [
        f'@font-face {{ font-family: "{family}"; font-weight: 400; font-style: normal; '
        f'src: url("{_face_file(face).as_uri()}"); }}'
    ]
    if bold is not None:
        font_css.append(
            f'@font-face {{ font-family: "{family}"; font-weight: 700; font-style: normal; '
            f'src: url("{_face_file(bold).as_uri()}"); }}'
        )
    font_css.append(f'html, body, pre, code, kbd, samp, tt {{ font-family: "{family}"; }}')
    if mono is not None:
        families.add(mono.css_family)
        font_css.append(
            f'@font-face {{ font-family: "{mono.css_family}"; font-weight: 400; '
            f'font-style: normal; src: url("{_face_file(mono).as_uri()}"); }}'
        )
        font_css.append(
            f'pre, code, kbd, samp, tt {{ font-family: "{mono.css_family}", "{family}"; }}'
        )
    font_css.append(
        f'@page {{ @bottom-left {{ content: {_css_string(footer)}; font-family: "{family}"; }} '
        f'@bottom-right {{ font-family: "{family}"; }} }}'
    )

    body = _splice(str(soup), replacements)
    doc_html = (
        '<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
        f"<title>{html_lib.escape(title)}</title></head>"
        f'<body><main class="cheatsheet">{body}</main></body></html>'
    )

    import weasyprint
    from weasyprint.urls import FatalURLFetchingError

    fetcher = weasyprint.urls.URLFetcher(allowed_protocols=("file", "data"),
                                         fail_on_errors=True)
    if "://" not in base_url:
        base = pathlib.Path(base_url).resolve()
        base_url = base.as_uri() + ("/" if base.is_dir() else "")
    from weasyprint.text.fonts import FontConfiguration

    # @font-face in a user stylesheet only works with a FontConfiguration shared by both calls.
    font_config = FontConfiguration()
    warnings = _WarningCollector()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(warnings)
    try:
        stylesheets = [weasyprint.CSS(string=css + "\n" + "\n".join(font_css),
                                      base_url=CSS_PATH.parent.as_uri() + "/",
                                      url_fetcher=fetcher, font_config=font_config)]
        document = weasyprint.HTML(string=doc_html, base_url=base_url, url_fetcher=fetcher,
                                   ).render(stylesheets=stylesheets, font_config=font_config)
        data = document.write_pdf()
    except FatalURLFetchingError as exc:
        cause = exc.__cause__
        raise PdfError(
            f"{exc} ({type(cause).__name__}: {cause}). Images must be local files relative to "
            f"{base_url}; remote resources are never fetched."
        ) from None
    finally:
        logger.removeHandler(warnings)

    # Second line of defence against tofu. Text of the page itself can only use our faces (the
    # cmap check passed); other fonts may legitimately appear for <text> inside SVG diagrams,
    # but no font anywhere may have drawn a .notdef glyph.
    problems = [m for m in warnings.messages if ".notdef" in m or "cannot be loaded" in m]
    used = {f.family for f in document.fonts.values()}
    for font in document.fonts.values():
        if font.missing:
            chars = ", ".join(f"U+{cp:04X}" for cp in sorted(font.missing))
            problems.append(f".notdef drawn with font {font.family} for {chars}")
    if text.strip() and not used & families:
        problems.append(f"the font {family} was not used at all (fonts used: "
                        f"{', '.join(sorted(used)) or 'none'})")
    if problems:
        raise PdfError(
            "WeasyPrint did not render the cheat sheet cleanly with the CJK font "
            + str(face.path) + ":\n  " + "\n  ".join(dict.fromkeys(problems))
            + "\nText inside SVG diagrams must use characters of an installed font; check the "
            f"font file (or {ENV_VAR}); install the font with: {INSTALL_HINT}"
        )
    return data


class _WarningCollector(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        try:
            self.messages.append(record.getMessage())
        except Exception:  # never let logging break rendering
            pass
