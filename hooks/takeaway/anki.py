"""The Anki deck (.apkg, made with genanki) and a CSV of the same cards for other apps.

One note per question. Front: the question with its level and topic. Back: 一句话回答, 速记, the
answer's display formulas, its diagrams and a link to the full answer online.

Ids are stable, so re-importing a newer deck updates a learner's cards and keeps their review
history: the model and deck ids are fixed numbers, and a note's GUID comes from the question
id alone, never from its text. Math stays as \\(…\\) / \\[…\\], which Anki renders with its own
MathJax.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import html
import io
import re
import tempfile
from pathlib import Path

from bs4 import BeautifulSoup

from bank import links
from page.badges import seed_count
from bank.questions import Question, resolve

APKG_NAME = "rnn-interview.apkg"
CSV_NAME = "rnn-interview-cards.csv"
DECK_NAME = "RNN 面试"
DECK_ID = 1_742_518_302_117  # fixed forever: Anki matches decks by id
MODEL_ID = 1_742_518_302_118  # fixed forever: Anki matches note types by id
GUID_NAMESPACE = "rnn-interview"
HOT_SOURCES = 2  # 高频: the question appears in at least this many source articles
MEDIA_PREFIX = "rnnq-"  # Anki's media folder is shared by every deck

FIELDS = ["编号", "题目", "难度", "主题", "一句话回答", "速记", "公式", "图", "链接"]

FRONT = """\
<div class="rnnq-meta">{{难度}} · {{主题}}</div>
<div class="rnnq-question">{{题目}}</div>"""

BACK = """\
{{FrontSide}}
<hr id="answer">
<div class="rnnq-answer">{{一句话回答}}</div>
{{#速记}}<div class="rnnq-cheat"><b>速记</b>　{{速记}}</div>{{/速记}}
{{#公式}}<div class="rnnq-formulas">{{公式}}</div>{{/公式}}
{{#图}}<div class="rnnq-figures">{{图}}</div>{{/图}}
<div class="rnnq-link"><a href="{{链接}}">完整答案、常见误区与追问 →</a></div>"""

CSS = """\
.card { font-family: "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif;
        font-size: 18px; line-height: 1.6; text-align: left; color: #1f2328; background: #fff; }
.nightMode.card, .night_mode .card { color: #e6e6e6; background: #1e1e1e; }
.rnnq-meta { font-size: 13px; color: #6b7280; }
.rnnq-question { font-size: 21px; font-weight: 700; margin: 4px 0; }
.rnnq-cheat, .rnnq-formulas, .rnnq-figures, .rnnq-link { margin-top: 12px; }
.rnnq-formulas { overflow-x: auto; }
.rnnq-figures img { max-width: 100%; background: #fff; }
.rnnq-link { font-size: 14px; }"""


def tag(text: str) -> str:
    """Anki tags are split at spaces."""
    return re.sub(r"\s+", "_", text.strip())


def is_hot(q: Question) -> bool:
    return seed_count(q) >= HOT_SOURCES


def tags(q: Question, vocabulary: dict) -> list[str]:
    out = [f"难度::{q.level}"] if q.level else []
    out += [tag(f"标签::{vocabulary.get(t, t)}") for t in q.tags]
    return out + (["高频"] if is_hot(q) else [])


@functools.lru_cache(maxsize=1024)  # `mkdocs serve`: an unchanged answer is not parsed again
def absolute_links(fragment: str, base: str, page_dest: str) -> str:
    """Relative links in an answer snippet, made absolute (a card has no page to be relative to)."""
    soup = BeautifulSoup(fragment, "html.parser")
    for a in soup.find_all("a", href=True):
        a["href"] = links.online(base, page_dest, a["href"])
    return str(soup)


def media_name(src: str) -> str:
    return MEDIA_PREFIX + src.rsplit("/", 1)[-1]


def fields(q: Question, base: str, page_dest: str) -> list[str]:
    formulas = "".join(f"<div>\\[{html.escape(f, quote=False)}\\]</div>" for f in q.display_formulas)
    figures = "".join(f'<img src="{media_name(s)}">' for s in dict.fromkeys(q.diagrams))
    return [q.id, html.escape(q.title), q.level, html.escape(q.topic), html.escape(q.one_liner, quote=False),
            absolute_links(q.cheat, base, page_dest), formulas, figures, links.question_url(base, q)]


def deck_id(topic_src: str) -> int:
    """A sub-deck's id, fixed for its page (the title may change; the page file rarely does)."""
    return int(hashlib.sha1(f"{GUID_NAMESPACE}:{topic_src}".encode()).hexdigest()[:12], 16)


def notes(questions: list[Question], vocabulary: dict, base: str, dests: dict[str, str]) -> list[dict]:
    """Everything the deck is made of, as plain data (also the cache key)."""
    return [{"guid_id": q.id, "deck": (q.src, f"{DECK_NAME}::{q.topic}"),
             "fields": fields(q, base, dests[q.src]), "tags": tags(q, vocabulary)}
            for q in questions]


def guid(question_id: str) -> str:
    import genanki

    return genanki.guid_for(GUID_NAMESPACE, question_id)


def apkg(data: list[dict], media: dict[str, Path]) -> bytes:
    """The .apkg file. `media`: Anki file name -> file, for every image a note shows."""
    import genanki

    model = genanki.Model(MODEL_ID, "RNN 面试题", fields=[{"name": f} for f in FIELDS],
                          templates=[{"name": "问答", "qfmt": FRONT, "afmt": BACK}], css=CSS,
                          sort_field_index=0)
    decks: dict[str, genanki.Deck] = {}
    for note in data:
        src, name = note["deck"]
        if name not in decks:
            decks[name] = genanki.Deck(deck_id(src), name)
        decks[name].add_note(genanki.Note(model=model, fields=note["fields"], tags=note["tags"],
                                          guid=guid(note["guid_id"])))
    with tempfile.TemporaryDirectory() as tmp:
        files = []
        for name, path in media.items():  # genanki names media after the file
            (Path(tmp) / name).write_bytes(path.read_bytes())
            files.append(str(Path(tmp) / name))
        out = Path(tmp) / "deck.apkg"
        genanki.Package(list(decks.values()), media_files=files).write_to_file(str(out))
        return out.read_bytes()


def media_files(questions: list[Question], site_files: dict[str, Path]) -> dict[str, Path]:
    """Diagram files by media name. `site_files`: site path (e.g. diagrams/x.svg) -> file."""
    out = {}
    for q in questions:
        for src in q.diagrams:
            target, _ = resolve(q.url, src)
            if target in site_files:
                out[media_name(src)] = site_files[target]
    return out


def csv_bytes(questions: list[Question], vocabulary: dict, base: str) -> bytes:
    """question, answer, tags, url: UTF-8, one header row, for Quizlet, Mochi, RemNote, Excel."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["question", "answer", "tags", "url"])
    for q in questions:
        writer.writerow([q.title, q.one_liner, " ".join(tags(q, vocabulary)), links.question_url(base, q)])
    return out.getvalue().encode("utf-8")
