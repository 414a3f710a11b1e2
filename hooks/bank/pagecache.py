"""Per-page results that survive `mkdocs serve` rebuilds.

MkDocs re-executes hook files on every rebuild, but modules they import stay loaded. A page is
read section by section (page/sections.py), and a section whose HTML is unchanged is not parsed
again, so a one-line edit re-reads one question.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bank.questions import Question
from page.sections import Kept


@dataclass
class PageResult:
    html: str = ""
    anchors: set[str] = field(default_factory=set)
    links: list[str] = field(default_factory=list)  # notebooks only
    questions: list[Question] = field(default_factory=list)  # topic pages only
    formulas: list[str] = field(default_factory=list)  # other pages

    @classmethod
    def joined(cls, opening: str, parts: list[PageResult], closing: str) -> PageResult:
        """One page's result from its sections' results, in page order."""
        return cls(html=opening + "".join(p.html for p in parts) + closing,
                   anchors=set().union(*(p.anchors for p in parts)),
                   links=[link for p in parts for link in p.links],
                   questions=[q for p in parts for q in p.questions],
                   formulas=[f for p in parts for f in p.formulas])


by_section = Kept()
