"""Near-duplicate questions: TF-IDF cosine over character bigrams of title and one-line answer.

Bigrams suit Chinese (no word boundaries) and IDF discounts what every question shares
("什么", "RNN"). The title counts twice: a reworded title with a reworded answer is the typical
duplicate in public question banks.
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from itertools import combinations

# Tuned on the real bank with scripts/tune_duplicates.py: distinct questions peak at 0.34, every
# seed rewording paired with its canonical answer scores >= 0.50.
THRESHOLD = 0.45
TOKEN = re.compile(r"[a-z0-9]+|[\u4e00-\u9fff]")
STOP = set("的了是和与在吗呢么什怎为有哪")


def _tokens(text: str) -> list[str]:
    return [t for t in TOKEN.findall(text.lower()) if t not in STOP]


def _bigrams(text: str) -> Counter:
    toks = _tokens(text)
    grams = Counter(a + b for a, b in zip(toks, toks[1:]))
    grams.update(t for t in toks if len(t) > 1)  # Latin words count on their own too
    return grams


def vectors(items: dict[str, tuple[str, str]]) -> dict[str, dict[str, float]]:
    """items: id -> (title, answer). Returns unit TF-IDF vectors."""
    raw = {k: _bigrams(title) + _bigrams(title) + _bigrams(answer) for k, (title, answer) in items.items()}
    df = Counter(g for v in raw.values() for g in v)
    n = len(raw)
    out = {}
    for k, v in raw.items():
        w = {g: c * math.log(1 + n / df[g]) for g, c in v.items()}
        norm = math.sqrt(sum(x * x for x in w.values())) or 1.0
        out[k] = {g: x / norm for g, x in w.items()}
    return out


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(x * b.get(g, 0.0) for g, x in a.items())


def scored_pairs(items: dict[str, tuple[str, str]]) -> list[tuple[float, str, str]]:
    """Every pair with its similarity, most similar first."""
    return list(_scored_pairs(tuple(sorted(items.items()))))


@functools.lru_cache(maxsize=4)  # `mkdocs serve`: unchanged titles and answers are not compared again
def _scored_pairs(items: tuple[tuple[str, tuple[str, str]], ...]) -> tuple[tuple[float, str, str], ...]:
    vec = vectors(dict(items))
    pairs = [(cosine(vec[a], vec[b]), a, b) for a, b in combinations(sorted(vec), 2)]
    return tuple(sorted(pairs, reverse=True))
