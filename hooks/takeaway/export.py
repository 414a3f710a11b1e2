"""questions.json: the whole bank as data, for flashcards, quizzes or other tools.

The schema is hooks/questions.schema.json (documented in the README); the tests validate the
real output against it.
"""

from __future__ import annotations

import json
from urllib.parse import urljoin

from bank.questions import Question

FILE_NAME = "questions.json"


def record(q: Question, vocabulary: dict, site_url: str) -> dict:
    return {
        "id": q.id,
        "title": q.title,
        "topic": q.topic,
        "page": q.src,
        "url": q.anchor_url,
        "absolute_url": urljoin(site_url, q.anchor_url) if site_url else None,
        "level": q.level,
        "tags": [{"key": t, "label": vocabulary.get(t, t)} for t in q.tags],
        "answer": q.one_liner,
        "cheat": q.cheat_text,
        "follow_ups": [l.href for l in q.follow_ups],
        "related": q.related,
        "aliases": q.aliases,
        "new": q.meta.get("new") is True,
        "sources": [{"seed_file": s.get("seed"), "original": s.get("q")} for s in q.sources if isinstance(s, dict)],
        "formulas": q.formulas,
        "diagrams": q.diagrams,
    }


def build(questions: list[Question], vocabulary: dict, site_url: str) -> dict:
    return {
        "version": 1,
        "count": len(questions),
        "questions": [record(q, vocabulary, site_url) for q in questions],
    }


def dumps(questions: list[Question], vocabulary: dict, site_url: str) -> bytes:
    return json.dumps(build(questions, vocabulary, site_url), ensure_ascii=False, indent=1).encode("utf-8")
