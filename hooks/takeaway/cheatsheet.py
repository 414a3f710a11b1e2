"""The cheat sheet: docs/cheatsheet.md holds the core formulas and diagrams; the build appends
every question as one line (its 速记), grouped by topic, and renders the page to cheatsheet.pdf.

The PDF is remade only when its content changes (artefacts.py), and a missing font only warns in
`mkdocs serve` (strict builds fail instead).
"""

from __future__ import annotations

import functools
import html as htmlmod
from pathlib import Path

from bs4 import BeautifulSoup
from mkdocs.utils import get_relative_url

from takeaway import artefacts
from bank import links
from bank.questions import Question

MARK = "<!-- cheatsheet:questions -->"
PDF_NAME = "cheatsheet.pdf"


def question_lines(topics: list[tuple[str, str, str]], questions: list[Question],
                   page_url: str = "cheatsheet/") -> str:
    out = []
    for src, url, title in topics:
        qs = [q for q in questions if q.src == src]
        out.append(f'<h2 id="cheat-{src.split("/")[-1][:-3]}">{htmlmod.escape(title)}</h2>')
        out.append('<ul class="rnnq-cheat">')
        for q in qs:
            href = get_relative_url(q.anchor_url, page_url)
            out.append(f'<li><a href="{href}"><strong>{htmlmod.escape(q.title)}</strong></a> {q.cheat}</li>')
        out.append("</ul>")
    return "\n".join(out)


def fill(content: str, topics, questions, page_url: str = "cheatsheet/") -> str:
    return content.replace(MARK, question_lines(topics, questions, page_url))


@functools.lru_cache(maxsize=4)  # `mkdocs serve`: an unchanged cheat sheet is not parsed again
def for_print(content: str, base: str, page_dest: str = "cheatsheet/index.html") -> str:
    """The page content as the PDF shows it: links to the online site, no permalink marks."""
    soup = BeautifulSoup(content, "html.parser")
    for a in soup.find_all("a", class_="headerlink"):
        a.decompose()
    for a in soup.find_all("a", href=True):
        a["href"] = links.online(base, page_dest, a["href"])
    for img in soup.find_all("img", src=True):  # docs-relative, the same in every build
        img["src"] = links.online("", page_dest, img["src"])
    return str(soup)


def make_pdf(page, config) -> bytes | None:
    """The PDF of the filled cheat-sheet page; images resolve against docs/ (they are static)."""
    docs = Path(config.docs_dir)
    html = for_print(page.content, links.link_base(config), page.file.dest_uri)
    return artefacts.printed(PDF_NAME, html, docs / "index.html", config.site_name + " 速查表",
                             config.strict, images=(docs / "diagrams").glob("*.svg"))
