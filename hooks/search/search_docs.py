"""What the site search indexes, page by page: clean text only.

A topic page gives one document per question (title, level, tags, the way the sources asked it,
the one-line answer, and the rest of the answer) plus one for its introduction; other pages give
one per H2 section; a notebook gives one for its Markdown cells. Never indexed: badges, permalink
symbols, follow-up links (they name other questions), code blocks, notebook code and outputs,
images, display formulas. Inline formulas become readable text (W_hh, σ, ⊙), never raw TeX.

Kept apart from the hook (search_index.py) so that the per-section cache survives `mkdocs serve`
rebuilds, as in bank/pagecache.py.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from bs4 import BeautifulSoup, NavigableString, Tag
from pylatexenc.latex2text import LatexNodes2Text

from bank.questions import FOLLOW_UPS, ONE_LINER, parse_page
from page.sections import Kept

BLOCKS = {"p", "li", "ul", "ol", "div", "table", "thead", "tbody", "tr", "td", "th", "br", "dd", "dt",
          "dl", "figure", "figcaption", "blockquote", "details", "summary", "h1", "h2", "h3", "h4", "h5", "h6"}
SKIP_TAGS = {"script", "style", "pre", "svg", "img", "math", "button"}
SKIP_CLASSES = {"headerlink", "admonition-title", "rnnq-meta"}
SKIP_ADMONITIONS = {ONE_LINER, FOLLOW_UPS}  # the answer is indexed on its own; follow-ups name other questions
OPERATORS = re.compile(r"\s*([=+<>≤≥≈≠∈⊙·×→←−])\s*")

_latex = LatexNodes2Text(math_mode="text")
by_section = Kept()  # a page's documents, section by section (page/sections.py)
notebooks: dict[tuple, list[dict]] = {}


def tex_to_text(tex: str) -> str:
    """`\\(W_{hh} \\odot \\sigma(z)\\)` → `W_hh ⊙ σ(z)`: readable, searchable, no TeX left."""
    tex = re.sub(r"^\s*(\\\(|\\\[|\$\$?)|(\\\)|\\\]|\$\$?)\s*$", "", tex)
    try:
        text = _latex.latex_to_text(tex)
    except Exception:  # malformed TeX is reported by the formula check; never index it raw
        return ""
    text = OPERATORS.sub(r" \1 ", text)
    text = re.sub(r"[{}\\]", "", text)
    return re.sub(r"\s+", " ", text).strip()


# $$display$$ first, then $inline$ (not $$, not an escaped \$), as in notebooks.py.
DOLLAR_MATH = re.compile(r"\$\$(.+?)\$\$|(?<![\\$])\$(?!\$)(.+?)(?<![\\$])\$", re.S)


def dollar_math(text: str) -> str:
    """Inline $…$ as readable text, $$…$$ dropped."""
    if "$" not in text:
        return text
    return DOLLAR_MATH.sub(lambda m: "" if m.group(1) is not None else " " + tex_to_text(m.group(2)) + " ", text)


def squash(text: str) -> str:
    text = re.sub(r"\s+", " ", text)
    text = re.sub(r" (?=[，。；：、！？）》」』])|(?<=[（《「『]) ", "", text)  # no space at CJK punctuation
    return text.strip()


def admonition_title(node: Tag) -> str:
    head = node.find(class_="admonition-title")
    return head.get_text(strip=True) if head else ""


def text_of(nodes) -> str:
    out: list[str] = []

    def walk(node) -> None:
        if type(node) is NavigableString:  # not comments, doctypes, CDATA
            out.append(dollar_math(str(node)))  # $…$ that arithmatex left alone (figure captions)
            return
        if not isinstance(node, Tag) or node.name in SKIP_TAGS:
            return
        classes = set(node.get("class") or [])
        if classes & SKIP_CLASSES:
            return
        if "arithmatex" in classes:
            out.append(" " + (tex_to_text(node.get_text()) if node.name == "span" else "") + " ")
            return
        if "admonition" in classes and admonition_title(node) in SKIP_ADMONITIONS:
            return
        for child in node.children:
            walk(child)
        if node.name in BLOCKS:
            out.append(" ")

    for node in nodes:
        walk(node)
    return squash("".join(out))


def heading_text(h: Tag) -> str:
    return text_of([c for c in h.children])


def split_sections(soup: BeautifulSoup) -> tuple[list, list[tuple[Tag, list]]]:
    """Nodes before the first H2 with an id (the H1 left out), and each such H2 with its nodes."""
    intro: list = []
    sections: list[tuple[Tag, list]] = []
    for node in soup.children:
        if isinstance(node, Tag) and node.name == "h2" and node.get("id"):
            sections.append((node, []))
        elif sections:
            sections[-1][1].append(node)
        elif not (isinstance(node, Tag) and node.name == "h1"):
            intro.append(node)
    return intro, sections


def page_docs(html: str | BeautifulSoup, src: str, url: str, title: str, tag_labels: dict) -> list[dict]:
    """The search documents of one Markdown page (or section), from its HTML (or parsed tree,
    only read) before the bank hook edits it."""
    soup = html if isinstance(html, BeautifulSoup) else BeautifulSoup(html, "html.parser")
    questions = {q.id: q for q in parse_page(soup, src, url, topic=title)} if src.startswith("topics/") else {}
    # The lightbox plugin (selectolax) hands on a whole <html><body> document, not a fragment.
    intro, sections = split_sections(soup.body or soup)
    docs = [{"location": url, "title": title, "text": text_of(intro)}]
    for h2, nodes in sections:
        doc = {"location": f"{url}#{h2['id']}", "title": heading_text(h2)}
        q = questions.get(h2["id"])
        if q is not None and not q.meta_error:
            one = next((n for n in nodes if isinstance(n, Tag) and "admonition" in (n.get("class") or [])
                        and admonition_title(n) == ONE_LINER), None)
            asked = [str(s.get("q", "")) for s in q.sources if isinstance(s, dict)]
            doc.update(level=q.level, tags=[str(tag_labels.get(t, t)) for t in q.tags],
                       asked=list(dict.fromkeys(a for a in asked if a.strip())),
                       answer=text_of([c for c in one.children]) if one is not None else "")
        doc["text"] = text_of(nodes)
        docs.append(doc)
    return docs


def markdown_text(markdown: str) -> str:
    """Plain text of a notebook Markdown cell."""
    text = dollar_math(markdown)
    text = re.sub(r"```.*?```", " ", text, flags=re.S)
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", " ", text)          # images
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)        # links keep their text
    text = re.sub(r"<[^>]+>", " ", text)                        # inline HTML
    text = re.sub(r"^\s{0,3}(#{1,6}|[-*+]|\d+\.|>)\s*", "", text, flags=re.M)
    text = re.sub(r"\*{1,3}|`+", "", text)                     # emphasis, code marks
    return squash(text)


def notebook_doc(path: Path, url: str, title: str) -> dict:
    """A notebook's Markdown cells; its code and outputs (plot setup, numbers) are not prose."""
    cells = json.loads(path.read_text(encoding="utf-8")).get("cells", [])
    text = " ".join(markdown_text("".join(c.get("source", ""))) for c in cells if c.get("cell_type") == "markdown")
    return {"location": url, "title": title, "text": text}
