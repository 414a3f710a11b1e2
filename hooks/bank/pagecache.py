"""Per-page results that survive `mkdocs serve` rebuilds.

MkDocs re-executes hook files on every rebuild, but modules they import stay loaded, so a page
whose rendered HTML is unchanged is not parsed again. Keyed by (source, URL, hash of HTML + tag vocabulary).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bank.questions import Question


@dataclass
class PageResult:
    html: str = ""
    anchors: set[str] = field(default_factory=set)
    links: list[str] = field(default_factory=list)  # notebooks only
    questions: list[Question] = field(default_factory=list)  # topic pages only
    formulas: list[str] = field(default_factory=list)  # other pages


pages: dict[tuple[str, str, str], PageResult] = {}
