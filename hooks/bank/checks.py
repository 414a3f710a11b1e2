"""The bank's build checks. Each returns Problems; hooks/bank_hook.py logs them as warnings, so
`mkdocs build --strict` fails. Every message names the file and the question and says how to fix it.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import PurePosixPath

from bank import formulas
from bank import notation
from bank import similarity
from bank.questions import LEVELS, Question, resolve

CHEAT_MAX = 40


@dataclass(frozen=True)
class Problem:
    src: str
    qid: str | None
    message: str
    fix: str

    def __str__(self) -> str:
        where = f"{self.src} › {self.qid}" if self.qid else self.src
        return f"{where}: {self.message}. Fix: {self.fix}"


def _norm(text: str) -> str:
    return re.sub(r"\s+", "", str(text))


def printed_length(text: str) -> int:
    """Width in 字 as printed: Latin letters and formula symbols count half, LaTeX markup not at all."""
    def symbols(m: re.Match) -> str:
        return "x" * len(re.sub(r"\\[A-Za-z]+|[{}_^\s]", "", m.group(1)))
    flat = _norm(re.sub(r"\\\((.*?)\\\)", symbols, text))
    return round(sum(0.5 if ord(ch) < 128 else 1 for ch in flat))


def check_ids(questions: list[Question], published: list[str]) -> list[Problem]:
    out = []
    owners = defaultdict(list)
    for q in questions:
        owners[q.id].append(q)
        for alias in q.aliases:
            owners[alias].append(q)
    for qid, qs in owners.items():
        if len(qs) > 1:
            places = ", ".join(f"{q.src} › {q.id}" for q in qs)
            out.append(Problem(qs[1].src, qid, f"id '{qid}' is used more than once ({places})",
                               "give one of them a new id; ids must be unique across the site"))
    for qid in published:
        if qid not in owners:
            out.append(Problem("docs/published-ids.txt", qid,
                               f"published id '{qid}' no longer exists, so old links to it break",
                               f"add 'aliases: [{qid}]' to the metadata of the question that replaced it"))
    return out


def check_metadata(questions: list[Question], vocabulary: dict) -> list[Problem]:
    out = []
    for q in questions:
        def bad(message, fix):
            out.append(Problem(q.src, q.id, message, fix))

        if q.meta_error:
            bad(f"metadata unreadable: {q.meta_error}", "write '<!-- question' + YAML + '-->' under the heading "
                "(see CONTRIBUTING.md)")
            continue
        if q.level not in LEVELS:
            bad(f"level {q.level!r} is not one of {'/'.join(LEVELS)}", "set 'level:' to 基础, 进阶 or 深入")
        if not q.tags:
            bad("no tags", "add 'tags: [...]' with keys from docs/tags.yml")
        for tag in q.tags:
            if tag not in vocabulary:
                bad(f"unknown tag '{tag}'", f"use a key from docs/tags.yml or add '{tag}' there after review")
        new, sources = q.meta.get("new") is True, q.sources
        if new and sources:
            bad("marked 'new: true' but also lists sources", "drop one: a question is either new or from the seeds")
        if not new and not sources:
            bad("neither 'sources' nor 'new: true'", "list the seed questions it answers, or mark it 'new: true'")
        for s in sources:
            if not isinstance(s, dict) or not s.get("seed") or not s.get("q"):
                bad(f"source entry {s!r} is incomplete", "write each source as {seed: <file>.txt, q: \"原始问法\"}")
        if not q.one_liner:
            bad("no 一句话回答", 'add an admonition: !!! abstract "一句话回答"')
        if not q.cheat_text:
            bad("no 速记 line", 'add an admonition: !!! tip "速记" with one line for the cheat sheet')
        elif printed_length(q.cheat_text) > CHEAT_MAX + 5:
            bad(f"速记 is about {printed_length(q.cheat_text)} characters long", f"shorten it to at most {CHEAT_MAX} 字")
    return out


def check_seeds(questions: list[Question], inventory: list[dict]) -> list[Problem]:
    """Every seed question is claimed by exactly one question, and every claim is a real seed question."""
    out = []
    known = {(s["seed"], _norm(q)): q for s in inventory for q in s.get("questions", [])}
    claims = defaultdict(list)
    for q in questions:
        for s in q.sources:
            if isinstance(s, dict) and s.get("seed") and s.get("q"):
                key = (s["seed"], _norm(s["q"]))
                claims[key].append(q)
                if key not in known:
                    out.append(Problem(q.src, q.id, f"source {s['seed']} «{s['q']}» is not in docs/sources.yml",
                                       "copy the wording exactly as listed in docs/sources.yml"))
    for key, original in known.items():
        owners = claims.get(key, [])
        if len(owners) > 1:
            ids = ", ".join(q.id for q in owners)
            out.append(Problem(owners[1].src, owners[1].id,
                               f"seed question {key[0]} «{original}» is claimed by {len(owners)} questions ({ids})",
                               "keep it in the sources of exactly one question (merge the questions if they are the same)"))
        elif not owners:
            out.append(Problem("docs/sources.yml", None, f"seed question {key[0]} «{original}» is not claimed",
                               "add it to the 'sources' of the question that answers it"))
    return out


def check_links(questions: list[Question]) -> list[Problem]:
    """追问 and related point at questions; every question is reachable from another question."""
    out = []
    by_id = {q.id: q for q in questions}
    by_alias = {a: q for q in questions for a in q.aliases}
    inbound = Counter()
    for q in questions:
        for link in q.follow_ups:
            page, frag = resolve(q.url, link.href)
            target = by_id.get(frag) or by_alias.get(frag)
            if "://" in link.href or not frag or target is None or target.url != page:
                out.append(Problem(q.src, q.id, f"追问 link '{link.text}' → '{link.href}' does not point at a question",
                                   "link to a question heading, e.g. [问题](lstm.md#lstm-forget-gate)"))
            elif target.id != q.id:
                inbound[target.id] += 1
        for rid in q.related:
            target = by_id.get(rid) or by_alias.get(rid)
            if target is None:
                out.append(Problem(q.src, q.id, f"related id '{rid}' is not a question",
                                   "use the id of an existing question (the {#id} of its heading)"))
            elif target.id != q.id:
                inbound[target.id] += 1
    for q in questions:
        if not inbound[q.id]:
            out.append(Problem(q.src, q.id, "no other question links here (unreachable from 追问/related)",
                               "add it to the 追问 or 'related' of a question that leads to it"))
    return out


def check_page_links(src: str, url: str, hrefs: list[str], anchors: dict[str, set[str]],
                     files: set[str]) -> list[Problem]:
    """Internal links of a page MkDocs does not validate (notebooks): target page and anchor exist."""
    out = []
    for href in hrefs:
        if re.match(r"^[a-z][a-z0-9+.-]*:", href) or href.startswith("//"):
            continue
        page, frag = resolve(url, href)
        if page not in anchors:
            if page.rstrip("/") in files:
                continue  # a file such as an image or the PDF
            out.append(Problem(src, None, f"link '{href}' points to a page that does not exist",
                               "fix the path (links between notebooks and pages are relative to the .ipynb file)"))
        elif frag and frag not in anchors[page]:
            out.append(Problem(src, None, f"link '{href}': no anchor '#{frag}' on {page or 'the home page'}",
                               "use an existing heading id; question ids are the {#id} of their headings"))
    return out


def check_formulas(src: str, qid: str | None, texs: list[str]) -> list[Problem]:
    out = []
    for tex in texs:
        for message in formulas.problems(tex):
            short = tex if len(tex) < 80 else tex[:77] + "..."
            out.append(Problem(src, qid, f"formula «{short}»: {message}", "correct the LaTeX"))
    return out


def check_diagrams(questions: list[Question], files: set[str]) -> list[Problem]:
    out = []
    for q in questions:
        for src in q.diagrams:
            path, _ = resolve(q.url, src)
            if path.rstrip("/") not in files:
                name = PurePosixPath(src).name
                out.append(Problem(q.src, q.id, f"diagram '{src}' does not exist",
                                   f"add docs/diagrams/{name} (scripts/diagrams.py) or fix the path"))
    return out


def check_duplicates(questions: list[Question], threshold: float = similarity.THRESHOLD) -> list[Problem]:
    out = []
    by_id = {q.id: q for q in questions}
    allowed = {frozenset((q.id, other)) for q in questions for other in q.meta.get("distinct_from") or []}
    items = {q.id: (q.title, q.one_liner) for q in questions}
    for score, a, b in similarity.scored_pairs(items):
        if score < threshold:
            break
        if frozenset((a, b)) in allowed:
            continue
        qa, qb = sorted((by_id[a], by_id[b]), key=questions.index)  # report the later one as the newcomer
        a, b = qa.id, qb.id
        out.append(Problem(qb.src, b, f"looks like a duplicate of {qa.src} › {a} «{qa.title}» "
                           f"(similarity {score:.2f} ≥ {threshold})",
                           f"merge the two questions, or if they really differ add 'distinct_from: [{a}]' "
                           "to the metadata after review"))
    return out


def check_notation(src: str, qid: str | None, texs: list[str], rules: list) -> list[Problem]:
    return [Problem(src, qid, f"{rule.message} in formula «{_short(tex)}»", rule.fix)
            for rule, tex in notation.violations(rules, qid, texs)]


def _short(tex: str, limit: int = 60) -> str:
    flat = " ".join(tex.split())
    return flat if len(flat) <= limit else flat[:limit] + "…"
