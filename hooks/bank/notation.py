"""Notation check: formulas must use the site's one notation (docs/notation.md).

The retired spellings live in docs/notation.yml, next to the page that defines the notation:
each rule is a regular expression over a formula's TeX, the reason, the fix, and the questions
allowed to use the spelling on purpose (e.g. the question that compares two GRU conventions).
Only what a pattern can decide is checked here; the rest is the notation page's job.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

RULES_FILE = "notation.yml"


@dataclass(frozen=True)
class Rule:
    pattern: re.Pattern
    message: str
    fix: str
    allow: frozenset[str]


def load(docs: Path) -> tuple[list[Rule], list[str]]:
    """The rules, and any problem reading them (a bad rule must fail the build, not vanish)."""
    path = docs / RULES_FILE
    if not path.exists():
        return [], []
    rules, errors = [], []
    for i, raw in enumerate(yaml.safe_load(path.read_text(encoding="utf-8")) or []):
        try:
            rules.append(Rule(re.compile(raw["pattern"]), raw["message"], raw["fix"],
                              frozenset(raw.get("allow") or [])))
        except (KeyError, TypeError, re.error) as e:
            errors.append(f"rule {i + 1} is invalid ({e!r}); each rule needs pattern, message and fix")
    return rules, errors


def violations(rules: list[Rule], qid: str | None, texs: list[str]):
    """(rule, formula) for each formula that uses a retired spelling outside its allowed questions."""
    patterns = tuple(rule.pattern for rule in rules)
    hits = {tex: _matching(patterns, tex) for tex in texs}
    for i, rule in enumerate(rules):
        if qid in rule.allow:
            continue
        for tex in texs:
            if i in hits[tex]:
                yield rule, tex


@functools.lru_cache(maxsize=8192)  # `mkdocs serve`: some 3000 formulas, nearly all unchanged
def _matching(patterns: tuple[re.Pattern, ...], tex: str) -> frozenset[int]:
    return frozenset(i for i, pattern in enumerate(patterns) if pattern.search(tex))
