"""Notebook pages (mkdocs-jupyter) brought in line with the rest of the site.

mkdocs-jupyter renders Markdown cells with nbconvert: math stays as raw $...$ (no arithmatex
wrapping, so the site's MathJax ignores it), a MathJax 2 configuration is injected, and MkDocs
does not validate the links. Here math is wrapped like arithmatex does, the foreign MathJax
setup is removed, and links are collected for hooks/bank/checks.py.
"""

from __future__ import annotations

import posixpath
import re

from bs4 import BeautifulSoup, NavigableString, Tag

MARKDOWN_CELL = re.compile(r"jp-RenderedMarkdown|jp-MarkdownOutput|text_cell_render")
# $$display$$ first, then $inline$ (not $$, not an escaped \$).
MATH = re.compile(r"\$\$(.+?)\$\$|(?<![\\$])\$(?!\$)(.+?)(?<![\\$])\$", re.S)
SKIP = {"code", "pre", "script", "style", "a"}


def _wrap_text(node: NavigableString, soup: BeautifulSoup) -> None:
    text = str(node)
    if "$" not in text:
        return
    pieces, last = [], 0
    for m in MATH.finditer(text):
        pieces.append(NavigableString(text[last:m.start()]))
        if m.group(1) is not None:
            el = soup.new_tag("div", attrs={"class": "arithmatex"})
            el.string = "\\[" + m.group(1).strip() + "\\]"
        else:
            el = soup.new_tag("span", attrs={"class": "arithmatex"})
            el.string = "\\(" + m.group(2).strip() + "\\)"
        pieces.append(el)
        last = m.end()
    if not pieces:
        return
    pieces.append(NavigableString(text[last:]))
    for piece in pieces:
        node.insert_before(piece)
    node.extract()


def integrate(soup: BeautifulSoup, page, files) -> None:
    """Edit a notebook page's tree in place."""
    _resolve_links(soup, page, files)
    for script in soup.find_all("script"):
        kind, src = script.get("type", ""), script.get("src", "")
        if "mathjax" in kind.lower() or "mathjax" in src.lower() or "MathJax" in (script.string or ""):
            script.decompose()
    for cell in soup.find_all(class_=MARKDOWN_CELL):
        for node in list(cell.find_all(string=True)):
            if type(node) is NavigableString and not any(
                isinstance(p, Tag) and p.name in SKIP for p in node.parents
            ):
                _wrap_text(node, soup)


def _resolve_links(soup: BeautifulSoup, page, files) -> None:
    """Point links to .md/.ipynb sources at their pages, as MkDocs does for Markdown pages.
    Unknown targets are left as written, for the link check to report."""
    base = posixpath.dirname(page.file.src_uri)
    for a in soup.find_all("a", href=True):
        path, hash_, fragment = a["href"].partition("#")
        if not path.endswith((".md", ".ipynb")) or "://" in path:
            continue
        target = files.get_file_from_path(posixpath.normpath(posixpath.join(base, path)))
        if target is not None:
            a["href"] = target.url_relative_to(page.file) + hash_ + fragment


def links(soup: BeautifulSoup) -> list[str]:
    return [a["href"] for a in soup.find_all("a", href=True) if "anchor-link" not in (a.get("class") or [])]


def formulas(soup: BeautifulSoup) -> list[str]:
    return [re.sub(r"^\\[\(\[]|\\[\)\]]$", "", m.get_text().strip()).strip()
            for m in soup.find_all(class_="arithmatex")]
