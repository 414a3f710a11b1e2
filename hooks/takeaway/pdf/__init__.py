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

from .errors import PdfError
from .fonts import find_cjk_font
from .math_svg import math_to_svg
from .render import render_pdf

__all__ = ["PdfError", "find_cjk_font", "math_to_svg", "render_pdf"]
