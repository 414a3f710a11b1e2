"""Accessibility fixes written into every built page (tests/page/test_accessibility.py runs axe-core).

Done in the HTML, so they hold without JavaScript:
- Scroll boxes a keyboard must reach (WCAG 2.1.1; axe scrollable-region-focusable): notebook
  code (cells, and code blocks in Markdown cells), and display formulas wide enough to scroll on a 360 px phone, take focus
  (tabindex="0") and are named groups, so arrow keys scroll them and a screen reader says what
  they are (Material does the same for its code blocks). assets/javascripts/a11y.js gives
  Material's table scroll boxes, made by its JavaScript, the same treatment.
- A table's empty corner header cell (`| | LSTM | GRU |`) gets visually hidden text, so a
  screen reader announces the first column (axe empty-table-header).
- A notebook whose title nbconvert slugged to `id=""` (a Chinese title) gets the id Material's
  skip link points to, so 跳转至 lands on the title.
"""

from __future__ import annotations

import re

from page import rendercache

# A display formula wider than this (MathJax draws at 8 px per ex) may not fit the 328 px
# column of a 360 px phone: its box may scroll, so it is made focusable.
SCROLL_EX = 36
DISPLAY = re.compile(r'<div class="arithmatex">(<img class="rnnq-math"[^>]*style="width:([\d.]+)ex)')
# Notebook code: a code cell's box, or the <pre> of a code block in a Markdown cell (Material's own
# code blocks, <pre><span></span><code>, get their tab stop from Material's JavaScript).
CODE_CELL = re.compile(r'<div class="highlight-ipynb(?: [^"]*)?"|(?<=<div class="highlight">)<pre(?=><span></span>(?!<code))')
EMPTY_TH = re.compile(r"<th([^>]*)>\s*</th>")
SKIP = re.compile(r'<a href="#([^"]+)" class="md-skip">')
CORNER = "对比项"


def scroll_boxes(html: str) -> str:
    def formula(m: re.Match) -> str:
        if float(m.group(2)) <= SCROLL_EX:
            return m.group(0)
        return ('<div class="arithmatex" tabindex="0" role="group" aria-label="宽公式" data-rnnq-scroll>'
                + m.group(1))

    count = 0

    def cell(m: re.Match) -> str:
        nonlocal count
        count += 1
        return f'{m.group(0)} tabindex="0" role="group" aria-label="代码单元 {count}" data-rnnq-scroll'

    return CODE_CELL.sub(cell, DISPLAY.sub(formula, html))


def table_corners(html: str) -> str:
    return EMPTY_TH.sub(lambda m: f'<th{m.group(1)}><span class="rnnq-sr-only">{CORNER}</span></th>', html)


def skip_target(html: str) -> str:
    m = SKIP.search(html)
    if not m or f'id="{m.group(1)}"' in html or '<h1 id="">' not in html:
        return html
    target = m.group(1)
    return html.replace('<h1 id="">', f'<h1 id="{target}">', 1).replace(
        '<a class="anchor-link" href="#">', f'<a class="anchor-link" href="#{target}">', 1)


def on_post_page(output: str, page, config) -> str:
    return rendercache.kept("a11y", page.file.src_uri, output, lambda: skip_target(table_corners(scroll_boxes(output))))
