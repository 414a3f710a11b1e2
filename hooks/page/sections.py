"""A page read question by question, so that a one-line edit re-reads one question.

The bank and the search index each parse a page's HTML and walk it section by section: the
introduction, then each top-level H2 with an id (a question on a topic page) up to the next one.
Nothing they do crosses a section boundary, so a page can be cut into its sections as text,
each section read alone, and the results joined. In `mkdocs serve` the results are kept per
section, and after an edit only the changed section is parsed again.

A section is parsed once per build for both: the search index reads the tree first, then the
bank (the next hook) takes it and edits it, so no reader ever sees an edited tree (tree()).

Cutting HTML as text is safe only where every such H2 is a child of <body>. That is checked with
a real HTML parser (lexbor, through selectolax) on each page; a page with a nested H2 (a heading
inside an admonition, say) is read whole.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Hashable, Sequence
from typing import TypeVar

from bs4 import BeautifulSoup
from selectolax.lexbor import LexborHTMLParser

T = TypeVar("T")

# A question heading as Markdown writes it. Attribute values never hold ">" here; if one did,
# the count below would not match and the page would be read whole.
_H2 = re.compile(r"<h2\b[^>]*\sid=")
# The lightbox plugin hands pages on as whole documents; their wrapper is kept out of the sections.
_OPEN = re.compile(r"\A\s*<html\b[^>]*>\s*<head\b[^>]*>.*?</head>\s*<body\b[^>]*>", re.S | re.I)
_CLOSE = re.compile(r"</body>\s*</html>\s*\Z", re.I)


@functools.lru_cache(maxsize=256)  # the bank and the search index cut the same pages, build after build
def split(html: str) -> tuple[str, tuple[str, ...], str] | None:
    """(document opening, (introduction, section, …), document closing) whose concatenation is
    `html`, or None when the page cannot be cut safely."""
    opening = _OPEN.match(html)
    closing = _CLOSE.search(html)
    start = opening.end() if opening else 0
    end = closing.start() if closing and closing.start() >= start else len(html)
    cuts = [m.start() for m in _H2.finditer(html, start, end)]
    headings = LexborHTMLParser(html).css("h2[id]")
    if len(cuts) != len(headings) or any(h.parent is None or h.parent.tag != "body" for h in headings):
        return None
    bounds = [start, *cuts, end]
    return html[:start], tuple(html[a:b] for a, b in zip(bounds, bounds[1:])), html[end:]


def parts(html: str) -> tuple[str, tuple[str, ...], str]:
    """split(html), or the whole page as its one section where it cannot be cut."""
    return split(html) or ("", (html,), "")


class Kept:
    """Per-section results that survive `mkdocs serve` rebuilds. Each page keeps only the
    sections it had at its last read, so the store does not grow with every edit."""

    def __init__(self) -> None:
        self.pages: dict[Hashable, dict[tuple[bool, str], object]] = {}

    def map(self, page: Hashable, sections: Sequence[str], read: Callable[[str, int], T]) -> list[T]:
        """read(section, index) for each section; `page` must name everything read() uses
        besides the section text (the page's source, URL, vocabulary…)."""
        old = self.pages.get(page, {})
        new: dict[tuple[bool, str], object] = {}
        out = []
        for i, text in enumerate(sections):
            key = (i == 0, text)  # the introduction is read differently from a section
            if key not in new:
                new[key] = old[key] if key in old else read(text, i)
            out.append(new[key])
        self.pages[page] = new
        return out


_trees: dict[str, BeautifulSoup] = {}  # sections parsed by a reader, waiting for the hook that edits them


def tree(text: str, *, edits: bool) -> BeautifulSoup:
    """The parsed section. A hook that only reads it leaves it for the next hook; the hook that
    edits it takes it, and every tree left over from earlier pages is dropped then."""
    if not edits:
        if text not in _trees:
            _trees[text] = BeautifulSoup(text, "html.parser")
        return _trees[text]
    soup = _trees.pop(text, None)
    return soup if soup is not None else BeautifulSoup(text, "html.parser")


def done() -> None:
    """The page's last hook has read it: trees nobody took (their result came from the cache) go."""
    _trees.clear()
