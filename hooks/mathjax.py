"""Math typeset at build time: every formula reaches the reader as SVG drawn by MathJax.

arithmatex (Markdown pages) and hooks/notebooks.py (notebook pages) leave each formula as
`<span class="arithmatex">\\(…\\)</span>` or `<div class="arithmatex">\\[…\\]</div>`. Once a page
is final (on_post_page: after the cheat sheet is filled and the search index has read the TeX),
each one gets MathJax's SVG instead (hooks/mathsvg.py). The page loads no math script, shows no
raw TeX at any moment, and instant navigation needs nothing special.

Also here: `$…$` in <figcaption> (raw HTML that arithmatex never sees) is typeset like the rest;
inline math keeps the Chinese punctuation after it on its line; a MathJax error or raw TeX left
in a page is a build warning (so `--strict` fails) naming the file, the question and the fix.
"""

from __future__ import annotations

import html
import logging
import re

import mathsvg

log = logging.getLogger("mkdocs.hooks.mathjax")

# Closing punctuation that must not begin a line (Chinese line-breaking rules).
CLOSING = "，。、；：！？）》」』”’"
FORMULA = re.compile(r'<(span|div) class="arithmatex">(.*?)</\1>([' + CLOSING + r']*)', re.S)
HEADING = re.compile(r'<h2 id="([^"]+)"')
CAPTION = re.compile(r"(<figcaption\b[^>]*>)(.*?)(</figcaption>)", re.S)
# $$display$$, $inline$ (not an escaped \$), \(inline\)
CAPTION_MATH = re.compile(r"\$\$(.+?)\$\$|(?<![\\$])\$(?!\$)(.+?)(?<![\\$])\$|\\\((.+?)\\\)", re.S)
# Where TeX may stay: code, scripts, the formulas' labels, notebooks' hidden copy-button text.
VERBATIM = re.compile(r"<(pre|code|script|style|textarea|mjx-container)\b.*?</\1>"
                      r'|<div class="clipboard-copy-txt"[^>]*>.*?</div>', re.S | re.I)
TAG = re.compile(r"<[^>]+>")
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


def typeset(output: str, src: str) -> str:
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
    for m, (tex, display), result in zip(matches, formulas, results):
        pieces.append(output[last:m.start()])
        last = m.end()
        if isinstance(result, mathsvg.TexError):
            qid = where(m.start())
            log.warning(f"{src}{' › ' + qid if qid else ''}: MathJax cannot typeset ${tex}$ ({result}). "
                        "Fix: correct the TeX (braces, \\begin/\\end, command names; see docs/notation.md)")
            pieces.append(m.group(0))
            continue
        tag = m.group(1)
        formula = f'<{tag} class="arithmatex">{result}</{tag}>'
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


def on_post_page(output: str, page, config) -> str:
    src = page.file.src_uri
    output = typeset(captions_to_math(output), src)
    for snippet in raw_tex(output):
        log.warning(f"{src}: raw TeX {snippet!r} would be shown to readers. Fix: write math as $…$ in "
                    "Markdown or in a <figcaption>; inside other raw HTML add markdown=\"1\" (md_in_html) "
                    "so arithmatex sees it")
    return output
