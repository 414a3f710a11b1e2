"""Math typeset at build time: every formula reaches the reader as an image drawn by MathJax.

arithmatex (Markdown pages) and hooks/page/notebooks.py (notebook pages) leave each formula as
`<span class="arithmatex">\\(…\\)</span>` or `<div class="arithmatex">\\[…\\]</div>`. Once a page
is final (on_post_page: after the cheat sheet is filled and the search index has read the TeX),
each one gets an <img> of MathJax's SVG (hooks/maths/mathsvg.py) drawn as a WebP (hooks/maths/mathraster.py
says why not the SVG itself), the way Wikipedia serves math: the file is written to
assets/math/<content hash>.webp, so a formula used on several pages is fetched once and cached,
and a phone parses a light page instead of thousands of inline SVG elements.
The image is sized in ex (it scales with the text, inline math sits on the baseline), lazy
(off-screen formulas load as the reader scrolls), and its alt text is the TeX, announced as
“公式” (README, 无障碍, says why TeX and not a spoken form). The page loads no
math script, shows no raw TeX at any moment, and instant navigation needs nothing special.

Also here: `$…$` in <figcaption> (raw HTML that arithmatex never sees) is typeset like the rest;
inline math keeps the Chinese punctuation after it on its line; a MathJax error or raw TeX left
in a page is a build warning (so `--strict` fails) naming the file, the question and the fix.
"""

from __future__ import annotations

import hashlib
import html
import logging
import os
import re

from mkdocs.utils import get_relative_url

from maths import mathraster, mathsvg
from page import rendercache

log = logging.getLogger("mkdocs.hooks.mathjax")

# Closing punctuation that must not begin a line (Chinese line-breaking rules).
CLOSING = "，。、；：！？）》」』”’"
FORMULA = re.compile(r'<(span|div) class="arithmatex">(.*?)</\1>([' + CLOSING + r']*)', re.S)
HEADING = re.compile(r'<h2 id="([^"]+)"')
CAPTION = re.compile(r"(<figcaption\b[^>]*>)(.*?)(</figcaption>)", re.S)
# $$display$$, $inline$ (not an escaped \$), \(inline\)
CAPTION_MATH = re.compile(r"\$\$(.+?)\$\$|(?<![\\$])\$(?!\$)(.+?)(?<![\\$])\$|\\\((.+?)\\\)", re.S)
# Where TeX may stay: code, scripts, the formulas' labels, notebooks' hidden copy-button text.
VERBATIM = re.compile(r"<(pre|code|script|style|textarea)\b.*?</\1>"
                      r'|<div class="clipboard-copy-txt"[^>]*>.*?</div>', re.S | re.I)
TAG = re.compile(r"<[^>]+>")
# Where the formula images go in the built site (the same folder for `mkdocs serve`'s temp dir).
MATH_DIR = "assets/math"
# The first formulas of a page load at once, found by the preload scanner (the first screen);
# the rest wait until the reader scrolls near them.
EAGER = 0
RAW_TEX = re.compile(r"\\\(|\\\)|\\\[|\\\]|\$\$|\\begin\{|(?<![\\$])\$[^$\s][^$]*?[\\_^{}][^$]*?\$")


def captions_to_math(output: str) -> str:
    """Mark up the math in figure captions the way arithmatex would."""
    def formula(m: re.Match) -> str:
        if m.group(1) is not None:
            return f'<span class="arithmatex">\\({m.group(1).strip()}\\)</span>'  # inline in a caption
        return f'<span class="arithmatex">\\({(m.group(2) or m.group(3)).strip()}\\)</span>'

    def caption(m: re.Match) -> str:
        # Only text between tags: never touch attributes.
        body = re.sub(r"(?<=>)[^<]+|^[^<]+", lambda t: CAPTION_MATH.sub(formula, t.group(0)), m.group(2))
        return m.group(1) + body + m.group(3)

    return CAPTION.sub(caption, output)


def question_at(output: str):
    """A function: position in the page -> id of the question (H2) it belongs to, or None."""
    heads = [(m.start(), m.group(1)) for m in HEADING.finditer(output)]

    def at(pos: int) -> str | None:
        found = None
        for start, qid in heads:
            if start > pos:
                break
            found = qid
        return found
    return at


written: set[str] = set()  # files already in this build's site_dir (cleared before each build)
svgs: dict[str, str] = {}  # image name -> its SVG: a page typeset in an earlier build puts its images back
used: list[str] = []  # the images of the page being typeset


def math_file(image: mathsvg.Image, site_dir: str) -> str:
    """Write the formula's image once per build; its path in the site."""
    name = f"{MATH_DIR}/{hashlib.sha256(image.svg.encode()).hexdigest()[:16]}.webp"
    svgs[name] = image.svg
    used.append(name)
    put(name, site_dir)
    return name


def put(name: str, site_dir: str) -> None:
    if name not in written:
        mathraster.save(svgs[name], os.path.join(site_dir, name))  # a str: ~1900 of them per build
        written.add(name)


def img_tag(container: str, tex: str, display: bool, page_url: str, site_dir: str, eager: bool) -> str:
    image = mathsvg.standalone(container)
    src = get_relative_url(math_file(image, site_dir), page_url)
    if display:
        style = f"width:{image.width};height:{image.height}"
    else:  # the height follows the width, so a formula wider than the column can shrink (CSS)
        ratio = f"{image.width[:-2]}/{image.height[:-2]}"
        style = f"width:{image.width};aspect-ratio:{ratio};vertical-align:{image.valign}"
    return (f'<img class="rnnq-math" src="{src}" alt="{html.escape(tex)}" aria-roledescription="公式" style="{style}" '
            f'loading="{"eager" if eager else "lazy"}" decoding="async">')


def typeset(output: str, src: str, page_url: str, site_dir: str) -> str:
    matches = list(FORMULA.finditer(output))
    if not matches:
        return output
    formulas = [(_tex(m.group(2)), m.group(1) == "div") for m in matches]
    try:
        results = mathsvg.engine.render(formulas)
    except mathsvg.MathJaxError as exc:
        log.error(f"{src}: formulas cannot be typeset: {exc}")
        return output
    where = question_at(output)
    pieces, last = [], 0
    for i, (m, (tex, display), result) in enumerate(zip(matches, formulas, results)):
        pieces.append(output[last:m.start()])
        last = m.end()
        if isinstance(result, mathsvg.TexError):
            qid = where(m.start())
            log.warning(f"{src}{' › ' + qid if qid else ''}: MathJax cannot typeset ${tex}$ ({result}). "
                        "Fix: correct the TeX (braces, \\begin/\\end, command names; see docs/notation.md)")
            pieces.append(m.group(0))
            continue
        tag = m.group(1)
        try:
            image = img_tag(result, tex, display, page_url, site_dir, eager=i < EAGER)
        except mathraster.GlyphError as exc:
            qid = where(m.start())
            log.warning(f"{src}{' › ' + qid if qid else ''}: ${tex}$: {exc}. Fix: use a symbol MathJax's "
                        "TeX fonts have (\\mathbf{1} for an indicator; Chinese goes outside the formula)")
            pieces.append(m.group(0))
            continue
        formula = f'<{tag} class="arithmatex">{image}</{tag}>'
        if m.group(3):  # keep "，" etc. on the formula's line
            formula = f'<span class="rnnq-nowrap">{formula}{m.group(3)}</span>'
        pieces.append(formula)
    pieces.append(output[last:])
    return "".join(pieces)


def _tex(inner: str) -> str:
    tex = html.unescape(inner).strip()
    for left, right in (("\\(", "\\)"), ("\\[", "\\]")):
        if tex.startswith(left) and tex.endswith(right):
            return tex[2:-2].strip()
    return tex


def raw_tex(output: str) -> list[str]:
    """Visible text that still looks like TeX source: what a reader would see unrendered."""
    body = output[output.find("<body"):]
    text = html.unescape(TAG.sub(" ", VERBATIM.sub(" ", body)))
    return [m.group(0)[:60] for m in RAW_TEX.finditer(text)]


def on_pre_build(config) -> None:
    written.clear()


def on_post_page(output: str, page, config) -> str:
    src = page.file.src_uri
    key = (page.url, config.site_dir, output)  # compared, never hashed
    output, names = rendercache.kept("maths", src, key, lambda: typeset_page(output, src, page.url, config.site_dir))
    for name in names:  # `mkdocs serve` empties site_dir on every rebuild
        put(name, config.site_dir)
    return output


def typeset_page(output: str, src: str, page_url: str, site_dir: str) -> tuple[str, list[str]]:
    used.clear()
    output = typeset(captions_to_math(output), src, page_url, site_dir)
    for snippet in raw_tex(output):
        log.warning(f"{src}: raw TeX {snippet!r} would be shown to readers. Fix: write math as $…$ in "
                    "Markdown or in a <figcaption>; inside other raw HTML add markdown=\"1\" (md_in_html) "
                    "so arithmatex sees it")
    return output, list(used)
