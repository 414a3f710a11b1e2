"""The cheat sheet: docs/cheatsheet.md holds the core formulas and diagrams; the build appends
every question as one line (its 速记), grouped by topic, and renders the page to cheatsheet.pdf.

In `mkdocs serve` the PDF is reused from .cache/ while its inputs are unchanged, and a missing
font only warns (strict builds fail instead).
"""

from __future__ import annotations

import hashlib
import html as htmlmod
import logging
import shutil
import time
from pathlib import Path
from urllib.parse import urljoin

from bs4 import BeautifulSoup

import pdf
from questions import Question

log = logging.getLogger("mkdocs.hooks.cheatsheet")

MARK = "<!-- cheatsheet:questions -->"
PDF_NAME = "cheatsheet.pdf"
CACHE = Path(".cache/cheatsheet")
PAGE_URL = "cheatsheet/"

_content: str | None = None  # the filled page content of this build, for the PDF


def question_lines(topics: list[tuple[str, str, str]], questions: list[Question]) -> str:
    out = []
    for src, url, title in topics:
        qs = [q for q in questions if q.src == src]
        out.append(f'<h2 id="cheat-{src.split("/")[-1][:-3]}">{htmlmod.escape(title)}</h2>')
        out.append('<ul class="rnnq-cheat">')
        for q in qs:
            href = "../" + q.anchor_url
            out.append(f'<li><a href="{href}"><strong>{htmlmod.escape(q.title)}</strong></a> {q.cheat}</li>')
        out.append("</ul>")
    return "\n".join(out)


def fill(content: str, topics, questions, config) -> str:
    global _content
    _content = content.replace(MARK, question_lines(topics, questions))
    return _content


def for_print(content: str, link_base: str) -> str:
    """The page content as the PDF shows it: absolute links, no permalink marks."""
    soup = BeautifulSoup(content, "html.parser")
    for a in soup.find_all("a", class_="headerlink"):
        a.decompose()
    for a in soup.find_all("a", href=True):
        a["href"] = urljoin(link_base + PAGE_URL, a["href"])
    return str(soup)


def write_pdf(site: Path, config, strict: bool) -> None:
    if _content is None:
        log.warning(f"no {PAGE_URL} page in this build: {PDF_NAME} not written. Fix: keep docs/cheatsheet.md")
        return
    link_base = (config.extra.get("cheatsheet") or {}).get("link_base") or config.site_url or ""
    html = for_print(_content, link_base)
    base = site / PAGE_URL / "index.html"
    try:
        font = pdf.find_cjk_font()
        key = hashlib.sha256("\0".join([
            html, Path(pdf.__file__).read_text(), pdf.CSS_PATH.read_text(), str(font),
            *(p.read_text() for p in sorted((site / "diagrams").glob("*.svg"))),
        ]).encode()).hexdigest()[:16]
        cached = CACHE / f"{key}.pdf"
        if cached.exists():
            shutil.copyfile(cached, site / PDF_NAME)
            return
        started = time.perf_counter()
        data = pdf.render_pdf(html, base_url=str(base), title=config.site_name + " 速查表")
    except pdf.PdfError as exc:
        if strict:
            log.error(f"{PDF_NAME}: {exc}")
        else:
            log.warning(f"{PDF_NAME} skipped: {exc}")
        return
    (site / PDF_NAME).write_bytes(data)
    CACHE.mkdir(parents=True, exist_ok=True)
    for old in CACHE.glob("*.pdf"):
        old.unlink()
    cached.write_bytes(data)
    log.info(f"{PDF_NAME} written in {time.perf_counter() - started:.2f} s")
