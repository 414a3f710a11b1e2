"""Measure the near-duplicate threshold on the real bank (run after a build):

    .venv/bin/python scripts/tune_duplicates.py site/questions.json

Prints the most similar distinct pairs (false alarms above the threshold would fail the build)
and, for every seed question merged into a canonical question, whether that rewording would be
caught if someone added it again: once with the canonical one-line answer, once with no answer.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "hooks"))
from bank import similarity  # noqa: E402

THRESHOLDS = (0.35, 0.4, 0.45, 0.5, 0.55)


def main(path: str) -> None:
    bank = json.loads(Path(path).read_text(encoding="utf-8"))["questions"]
    items = {q["id"]: (q["title"], q["answer"]) for q in bank}
    print("most similar distinct pairs:")
    for score, a, b in similarity.scored_pairs(items)[:5]:
        print(f"  {score:.3f}  {a} ~ {b}")
    for mode in ("with the canonical answer", "title only"):
        scores = []
        for q in bank:
            for source in q["sources"]:
                trial = {**items, "__new": (source["original"], q["answer"] if mode.startswith("with") else "")}
                vec = similarity.vectors(trial)
                scores.append(similarity.cosine(vec["__new"], vec[q["id"]]))
        caught = "  ".join(f">={t}: {sum(s >= t for s in scores)}/{len(scores)}" for t in THRESHOLDS)
        print(f"seed rewordings {mode}: {caught}  (min {min(scores):.3f})")
    print(f"threshold in use: {similarity.THRESHOLD}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "site/questions.json")
