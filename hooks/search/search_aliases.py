"""The search vocabulary: concepts (names that mean the same thing, in Chinese or English),
function words, and hints. One source of truth with the glossary: every glossary row is a
concept whose [→] link names its canonical question; search/aliases.yml only adds spellings,
synonyms and function words. The browser side is docs/assets/javascripts/workers/search-engine.js.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from bank.checks import Problem

GLOSSARY_HEADER = ("中文", "English", "缩写")
NO_NAME = {"", "—", "-", "–"}
LINK = re.compile(r"\[→\]\(([^)\s]*)\)")


@dataclass
class Concept:
    forms: list[str]
    to: list[str] = field(default_factory=list)  # ids of the questions that explain it
    where: str = ""  # where it is defined, for messages
    ask: list[str] | None = None  # the forms a query may use, where not all of them (English -> Chinese)

    def as_json(self) -> dict:
        out = {"forms": self.forms}
        if self.to:
            out["to"] = self.to
        if self.ask is not None:
            out["ask"] = self.ask
        return out


@dataclass
class Vocabulary:
    concepts: list[Concept] = field(default_factory=list)
    stopwords: list[str] = field(default_factory=list)
    hints: dict[str, list[str]] = field(default_factory=dict)

    def as_json(self) -> dict:
        return {"concepts": [c.as_json() for c in self.concepts], "stopwords": self.stopwords,
                "hints": self.hints}


def key(word: str) -> str:
    """What the browser compares: case-folded, full-width folded, spaces and hyphens ignored."""
    return re.sub(r"[\s\-]+", "", unicodedata.normalize("NFKC", word).lower())


def names(cell: str) -> list[str]:
    """The names in one glossary cell: 'Xavier / He initialization', 'sigmoid (logistic) function'."""
    out = []
    for part in cell.split(" / "):
        part = re.sub(r"\s*[（(][^)）]*[)）]\s*", " ", part).strip()
        if part not in NO_NAME and not part.startswith("$"):
            out.append(part)
    return out


def glossary_concepts(markdown: str, src: str = "docs/glossary.md") -> list[tuple[str, Concept]]:
    """(中文 term, concept) for each row of the glossary's tables."""
    out, columns = [], None
    for line in markdown.splitlines():
        if not line.startswith("|"):
            columns = None
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if tuple(cells[:3]) == GLOSSARY_HEADER:
            columns = cells
            continue
        if columns is None or set("".join(cells)) <= set("-: "):
            continue
        forms = [n for cell in cells[:3] for n in names(cell)]
        targets = [href.partition("#")[2] for href in LINK.findall(cells[-1]) if "#" in href]
        if forms:
            out.append((cells[0], Concept(forms, targets, f"{src} › {cells[0]}")))
    return out


@functools.lru_cache(maxsize=4)  # `mkdocs serve`: read, never changed, by load()
def _yaml(text: str) -> dict:
    return yaml.safe_load(text) or {}


def load(glossary: Path, aliases: Path) -> tuple[Vocabulary, list[Problem]]:
    problems: list[Problem] = []
    src = "search/aliases.yml"
    data = _yaml(aliases.read_text(encoding="utf-8")) if aliases.exists() else {}
    rows = glossary_concepts(glossary.read_text(encoding="utf-8")) if glossary.exists() else []
    by_term = {term: concept for term, concept in rows}
    vocab = Vocabulary(concepts=[c for _, c in rows])
    for term, extra in (data.get("glossary") or {}).items():
        if term not in by_term:
            problems.append(Problem(src, None, f"'{term}' is not a term in docs/glossary.md",
                                    "use the exact 中文 cell of a glossary row, or move the words to `synonyms`"))
            continue
        by_term[term].forms += [str(w) for w in extra or []]
    for group in data.get("synonyms") or []:
        vocab.concepts.append(Concept([str(w) for w in group], where=f"{src} › synonyms {group[0]}"))
    for english, chinese in (data.get("english") or {}).items():
        ask = [w.strip() for w in str(english).split(",") if w.strip()]
        vocab.concepts.append(Concept(ask + [str(w) for w in chinese or []], where=f"{src} › english {ask[0]}", ask=ask))
    vocab.hints = {str(k): [str(w) for w in v or []] for k, v in (data.get("hints") or {}).items()}
    vocab.stopwords = list(dict.fromkeys([str(w) for w in data.get("stopwords") or []] + list(vocab.hints)))

    # The glossary may name one word in two rows (padding: RNN packing and CNN borders); the search
    # then ranks both rows' questions first. A word that this file adds must be unambiguous.
    stop = {key(w) for w in vocab.stopwords}
    owner: dict[str, Concept] = {}
    glossary_forms = {key(f) for _, c in rows for f in c.forms}
    for concept in vocab.concepts:
        concept.forms = list(dict.fromkeys(concept.forms))
        for form in concept.ask if concept.ask is not None else concept.forms:
            k = key(form)
            # A glossary abbreviation in capitals may also be a function word: IN vs "in".
            if k in stop and not (form.isupper() and concept.where.startswith("docs/")):
                problems.append(Problem(src, None, f"'{form}' ({concept.where}) is also a stopword",
                                        "remove it from `stopwords` or from the concept"))
            elif k in owner and owner[k] is not concept and not (k in glossary_forms and concept.where.startswith("docs/")):
                problems.append(Problem(src, None, f"'{form}' names two concepts ({owner[k].where}; {concept.where})",
                                        "keep it in one of them"))
            owner.setdefault(k, concept)
    return vocab, problems


def check_targets(vocab: Vocabulary, question_ids: set[str]) -> list[Problem]:
    """Glossary links are checked by MkDocs; this catches a link to a heading that is not a question."""
    return [Problem("docs/glossary.md", None, f"'{c.forms[0]}' links to '#{t}', which is not a question",
                    "point its [→] link at the question that explains the term")
            for c in vocab.concepts for t in c.to if t not in question_ids]
