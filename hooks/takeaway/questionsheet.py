"""The question-only sheet: every question grouped by topic with its level and a 高频 mark, no
answers. The interviewer's sheet and the candidate's self-test; each question links to its answer
online. Printed by the cheat sheet's PDF machinery (fonts, tofu checks, cache)."""

from __future__ import annotations

import html

from bank import links
from takeaway.anki import HOT_SOURCES, is_hot
from page.badges import LEVEL_CLASS
from bank.questions import Question

PDF_NAME = "question-sheet.pdf"
TITLE = "题目清单"


def content(site_name: str, topics: list[tuple[str, str, str]], questions: list[Question],
            base: str) -> str:
    """The sheet as HTML for pdf.render_pdf; numbering runs on across topics."""
    out = [f"<h1>{html.escape(site_name)} · {TITLE}</h1>",
           f'<p class="qsheet-lead">共 {len(questions)} 题，按主题分组，只有题目。'
           f"<strong>★</strong> = 高频（出现于 ≥ {HOT_SOURCES} 篇来源文章）。点题目打开在线答案："
           f'<a href="{html.escape(base)}">{html.escape(base)}</a></p>']
    number = 1
    for src, _url, title in topics:
        qs = [q for q in questions if q.src == src]
        if not qs:
            continue
        out.append(f"<h2>{html.escape(title)}<span class=\"qsheet-count\">{len(qs)} 题</span></h2>")
        out.append(f'<ol class="qsheet" start="{number}">')
        for q in qs:
            level = f'<span class="qsheet-level qsheet-level--{LEVEL_CLASS.get(q.level, "none")}">{q.level}</span>'
            hot = ' <strong class="qsheet-hot" title="高频">★</strong>' if is_hot(q) else ""
            out.append(f'<li>{level} <a href="{html.escape(links.question_url(base, q))}">'
                       f"{html.escape(q.title)}</a>{hot}</li>")
        out.append("</ol>")
        number += len(qs)
    return "\n".join(out)
