"""A formula's MathJax SVG as a lossless WebP image, at build time.

Why not ship the SVG: a browser sets up every SVG <img> as a small document of its own, with
its own style and paint. The LSTM page has 329 formulas; on a phone (CPU throttled 4×) the
SVG images kept its first screen waiting about 0.2 of the page's load time longer than the same
page with WebP images (scripts/benchmark.py phone). A raster decodes off the main thread.

ZOOM 4 draws 32 px per ex (resvg reads 1ex as 8px), about 3.8 device pixels per CSS pixel for
16 px text: sharp on a 3× phone screen and in print. The glyphs are black on transparent
(fill="currentColor"), so dark mode can invert the image as it did the SVG.

Drawn once per distinct SVG and kept in .cache/mathjax/, next to the SVGs; a plain module (not
a hook file), so `mkdocs serve` rebuilds keep the memory cache too.
"""

from __future__ import annotations

import hashlib
import os
import io
import re
from importlib.metadata import version
from pathlib import Path

import resvg_py
from PIL import Image

from maths.mathsvg import CACHE

ZOOM = 4
# A <text> element is a character MathJax's own fonts lack (e.g. \mathbb{1}): the drawing
# would then depend on the fonts of the machine that builds the site.
TEXT = re.compile(r"<text\b[^>]*>([^<]*)<")
_SALT = f"{ZOOM}\0{version('resvg_py')}\0{version('pillow')}\0"
_memory: dict[str, bytes] = {}


class GlyphError(ValueError):
    """The formula uses a character that MathJax's fonts do not have."""


def save(svg: str, path: str | Path) -> None:
    """Put the formula's WebP at `path` (kept if already there): a hard link to the cached file
    where the file system allows it (`mkdocs serve` empties its site folder on every rebuild, and
    puts back some 1900 images), else a copy."""
    cached = _drawn.get(svg)
    if cached is None:
        webp(svg)
        cached = _drawn[svg] = CACHE / f"{_key(svg)}.webp"
    try:
        os.link(cached, path)
    except FileExistsError:
        pass
    except FileNotFoundError:  # its folder's first image in this build (or the cache was emptied)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        try:
            os.link(cached, path)
        except OSError:
            Path(path).write_bytes(webp(svg))
    except OSError:  # no hard links here
        Path(path).write_bytes(webp(svg))


_drawn: dict[str, Path] = {}  # SVG -> its WebP in the cache, drawn and written


def _key(svg: str) -> str:
    return hashlib.sha256((_SALT + svg).encode()).hexdigest()[:24]


def webp(svg: str) -> bytes:
    if m := TEXT.search(svg):
        raise GlyphError(f"MathJax's fonts have no glyph for {m.group(1)!r}")
    key = _key(svg)
    if key in _memory:
        return _memory[key]
    path = CACHE / f"{key}.webp"
    if path.exists():
        data = path.read_bytes()
    else:
        png = bytes(resvg_py.svg_to_bytes(svg_string=svg, zoom=ZOOM, skip_system_fonts=True))
        with Image.open(io.BytesIO(png)) as image:
            out = io.BytesIO()
            image.save(out, "WEBP", lossless=True, method=4)
        data = out.getvalue()
        CACHE.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    _memory[key] = data
    return data
