"""Practice mode, build side: everything the browser needs is written into the pages here, from
the question model, so no question text ever travels as data to be turned into HTML at run time.

- Topic pages: each answer is wrapped in `<div class="rnnq-answer">` so self-test mode can hide it
  with CSS (assets/javascripts/practice.js adds the buttons).
- practice.md (刷题): the drill form and one hidden card per question (title, 一句话回答, 速记).
- frequent.md (高频题): questions ranked by how many source articles ask them.
- tags-index.md (标签索引): one section per level and per tag of docs/tags.yml, listing its questions.

Each page holds a marker comment that is replaced here; a page without its marker is a build error.
"""

from __future__ import annotations

import functools
import html
import json
import re

from bs4 import BeautifulSoup, Tag

from page import badges
from bank.checks import Problem
from bank.questions import LEVELS, Question, resolve

DRILL_PAGE, FREQUENT_PAGE, TAGS_PAGE = "practice.md", "frequent.md", "tags-index.md"
DRILL_MARK, FREQUENT_MARK, TAGS_MARK = "<!-- practice:drill -->", "<!-- practice:frequent -->", "<!-- practice:tags -->"
LIST_MARK = "<!-- practice:list {} -->"
FREQUENT_MIN_ARTICLES = 2  # the 高频题 page lists questions asked by at least this many articles
TIMERS = (0, 60, 120, 180, 300)  # seconds per question offered by the drill; 0 = no timer
CARDS_SLOT = "<!-- cards -->"


def wrap_answers(soup: BeautifulSoup, questions: list[Question]) -> None:
    """Put everything under a question's badges, up to the next heading, in one answer element."""
    by_id = {q.id: q for q in questions}
    for h2 in soup.find_all("h2", id=True):
        q = by_id.get(h2["id"])
        if q is None:
            continue
        parts = []
        for sib in h2.next_siblings:
            if isinstance(sib, Tag) and sib.name in ("h1", "h2"):
                break
            parts.append(sib)
        meta = next((p for p in parts if isinstance(p, Tag) and "rnnq-meta" in (p.get("class") or [])), None)
        if meta is not None:
            parts = parts[parts.index(meta) + 1:]
        box = soup.new_tag("div", attrs={"class": "rnnq-answer", "id": f"{q.id}--answer",
                                         "data-question": q.id, "data-level": q.level})
        (meta or h2).insert_after(box)
        for part in parts:
            box.append(part.extract())


# --- 标签索引 --------------------------------------------------------------------------------

def tag_sections(markdown: str, vocabulary: dict) -> str:
    """The index page's headings, written as Markdown so they get anchors and a table of contents;
    the question lists are filled in later, once every page has been read."""
    sections = []
    for level in LEVELS:
        anchor = badges.level_anchor(level)
        sections.append(f"## 难度：{level} {{#{anchor}}}\n\n{LIST_MARK.format(anchor)}\n")
    for key, label in vocabulary.items():
        anchor = badges.tag_anchor(key)
        sections.append(f"## {html.escape(str(label))} {{#{anchor}}}\n\n{LIST_MARK.format(anchor)}\n")
    return markdown.replace(TAGS_MARK, "\n".join(sections))


def fill_tags(content: str, questions: list[Question], vocabulary: dict, page_url: str) -> str:
    groups: dict[str, list[Question]] = {}
    for q in questions:
        if q.level in badges.LEVEL_CLASS:
            groups.setdefault(badges.level_anchor(q.level), []).append(q)
        for tag in q.tags:
            groups.setdefault(badges.tag_anchor(tag), []).append(q)
    for anchor in [badges.level_anchor(l) for l in LEVELS] + [badges.tag_anchor(k) for k in vocabulary]:
        found = groups.get(anchor, [])
        by_level = anchor.startswith("level-")
        items = "".join(f"<li>{question_link(q, page_url)} {small_meta(q, level=not by_level)}</li>" for q in found)
        body = (f'<p class="rnnq-count">{len(found)} 道题</p><ul class="rnnq-list">{items}</ul>'
                if found else '<p class="rnnq-count">暂无题目</p>')
        content = content.replace(LIST_MARK.format(anchor), body)
    return content


def question_link(q: Question, page_url: str) -> str:
    return f'<a href="{badges.site_link(page_url, q.anchor_url)}">{html.escape(q.title)}</a>'


def small_meta(q: Question, level: bool = True) -> str:
    where = q.topic + (f" · {q.level}" if level else "")
    return f'<span class="rnnq-where">{html.escape(where)}</span>'


# --- 高频题 ----------------------------------------------------------------------------------

def frequent(questions: list[Question]) -> list[Question]:
    """Most-asked first: distinct source articles, then merged source questions, then bank order."""
    order = {q.id: i for i, q in enumerate(questions)}
    asked = [q for q in questions if badges.seed_count(q) >= FREQUENT_MIN_ARTICLES]
    return sorted(asked, key=lambda q: (-badges.seed_count(q), -len(q.sources), order[q.id]))


def fill_frequent(content: str, questions: list[Question], page_url: str) -> str:
    rows = []
    for rank, q in enumerate(frequent(questions), 1):
        n = badges.seed_count(q)
        badge = ' <span class="rnnq-badge rnnq-hot">高频</span>' if n >= badges.HOT_MIN_ARTICLES else ""
        rows.append(f'<tr data-question="{q.id}"><td>{rank}</td><td>{question_link(q, page_url)}{badge}<br>'
                    f'{small_meta(q)} <span class="rnnq-where">· 合并 {len(q.sources)} 道原题</span></td>'
                    f"<td>{n} 篇</td></tr>")
    hot = sum(1 for q in questions if badges.seed_count(q) >= badges.HOT_MIN_ARTICLES)
    intro = (f'<p class="rnnq-count">共 {len(rows)} 道题被至少 {FREQUENT_MIN_ARTICLES} 篇来源文章问到；其中被至少 '
             f'{badges.HOT_MIN_ARTICLES} 篇问到的 {hot} 道在主题页上带 <span class="rnnq-badge rnnq-hot">高频</span> 徽章。</p>')
    table = intro + ('<table id="rnnq-frequent"><thead><tr><th>#</th><th>题目</th><th>来源文章</th></tr></thead><tbody>'
                     + "".join(rows) + "</tbody></table>")
    return content.replace(FREQUENT_MARK, table)


# --- 刷题 ------------------------------------------------------------------------------------

def fill_drill(content: str, topics: list[tuple[str, str, str]], questions: list[Question], page_url: str) -> str:
    return content.replace(DRILL_MARK, drill_form(topics, questions).replace(CARDS_SLOT, drill_cards(questions, page_url)))


def drill_form(topics: list[tuple[str, str, str]], questions: list[Question]) -> str:
    def count(pred) -> int:
        return sum(1 for q in questions if pred(q))

    topic_boxes = "".join(
        f'<label><input type="checkbox" name="topic" value="{url}" data-title="{html.escape(title or src)}" checked> {html.escape(title or src)}'
        f' <span class="rnnq-n">{count(lambda q: q.url == url)}</span></label>'
        for src, url, title in topics)
    level_boxes = "".join(
        f'<label><input type="checkbox" name="level" value="{l}" checked> {l}'
        f' <span class="rnnq-n">{count(lambda q: q.level == l)}</span></label>' for l in LEVELS)
    pools = (("all", "全部"), ("unmarked", "未标记"), ("again", "再看看"), ("due", "到期复习"))
    pool_radios = "".join(f'<label><input type="radio" name="pool" value="{v}"{" checked" if v == "all" else ""}> {t}'
                          f' <span class="rnnq-n" data-pool-count="{v}"></span></label>' for v, t in pools)
    timers = "".join(f'<option value="{s}">{"不计时" if not s else f"每题 {s // 60} 分钟"}</option>' for s in TIMERS)
    return f"""
<form class="rnnq-setup" id="rnnq-setup" data-search-exclude>
  <fieldset class="rnnq-topics"><legend>主题</legend>{topic_boxes}
    <span class="rnnq-all"><button type="button" data-check="all">全选</button><button type="button" data-check="none">全不选</button></span>
  </fieldset>
  <fieldset><legend>难度</legend>{level_boxes}</fieldset>
  <fieldset><legend>抽题范围</legend>{pool_radios}</fieldset>
  <fieldset class="rnnq-inline"><legend>题数与计时</legend>
    <label>题数 <input type="number" name="count" min="1" max="{max(len(questions), 1)}" value="10" inputmode="numeric"></label>
    <label>计时 <select name="timer">{timers}</select></label>
  </fieldset>
  <p class="rnnq-available" aria-live="polite"></p>
  <button type="submit" class="md-button md-button--primary">开始刷题</button>
</form>
<noscript><p>刷题需要浏览器启用 JavaScript；不启用时可直接按主题阅读。</p></noscript>
<section class="rnnq-session" id="rnnq-session" hidden aria-label="模拟面试" data-search-exclude>
  <div class="rnnq-session__bar"><span class="rnnq-session__pos" aria-live="polite"></span><span class="rnnq-timer" role="timer"></span>
    <button type="button" class="rnnq-end">结束<kbd>Esc</kbd></button></div>
  <div class="rnnq-session__stage">{CARDS_SLOT}</div>
  <div class="rnnq-session__actions">
    <button type="button" class="rnnq-reveal md-button md-button--primary">显示答案<kbd>空格</kbd></button>
    <button type="button" class="rnnq-mark md-button" data-mark="known" hidden>已掌握<kbd>1</kbd></button>
    <button type="button" class="rnnq-mark md-button" data-mark="again" hidden>再看看<kbd>2</kbd></button>
    <button type="button" class="rnnq-skip md-button">跳过<kbd>3</kbd></button>
  </div>
</section>
<section class="rnnq-summary" id="rnnq-summary" hidden aria-label="本轮总结" tabindex="-1" data-search-exclude></section>
"""


def drill_cards(questions: list[Question], page_url: str) -> str:
    cards = []
    for q in questions:
        level = badges.LEVEL_CLASS.get(q.level, "")
        aliases = " ".join(q.aliases)
        cards.append(f"""
<section class="rnnq-card" data-question="{q.id}" data-topic="{q.url}" data-level="{html.escape(q.level)}" data-aliases="{html.escape(aliases)}" hidden>
  <h2 class="rnnq-card__title">{portable(q.title_html or html.escape(q.title), q.url, page_url)}</h2>
  <p class="rnnq-meta"><span class="rnnq-badge rnnq-level rnnq-level--{level}">{html.escape(q.level)}</span><span class="rnnq-badge">{html.escape(q.topic)}</span></p>
  <div class="rnnq-card__answer" hidden>
    <div class="admonition abstract"><p class="admonition-title">一句话回答</p>{portable(q.one_liner_html, q.url, page_url)}</div>
    <div class="admonition tip"><p class="admonition-title">速记</p><p>{portable(q.cheat, q.url, page_url)}</p></div>
    <p class="rnnq-card__more"><a href="{badges.site_link(page_url, q.anchor_url)}" target="_blank" rel="noopener">完整答案（展开、公式、误区、追问）↗</a></p>
  </div>
</section>""")
    return "".join(cards)


EXTERNAL = re.compile(r"^([a-z][a-z0-9+.-]*:|/|data:)", re.I)


@functools.lru_cache(maxsize=1024)  # `mkdocs serve`: an unchanged answer is not re-pointed again
def portable(fragment: str, from_url: str, to_url: str) -> str:
    """A piece of one page's HTML made fit for another page: relative links re-pointed, ids dropped."""
    soup = BeautifulSoup(fragment, "html.parser")
    for node in soup.find_all(True):
        node.attrs.pop("id", None)
        for attr in ("href", "src"):
            value = node.get(attr)
            if value and not EXTERNAL.match(value):
                target, fragment_id = resolve(from_url, value)
                node[attr] = badges.site_link(to_url, target) + (f"#{fragment_id}" if fragment_id else "")
    return str(soup)


# --- wiring ----------------------------------------------------------------------------------

PAGES = (DRILL_PAGE, FREQUENT_PAGE, TAGS_PAGE)


def jump_list(content: str, questions: list[Question]) -> str:
    """A folded list of the page's questions above the first one: a topic page is up to 30 phone
    screens long, and Material's table of contents sits behind the menu on a phone."""
    first = content.find("<h2 ")
    if first < 0 or not questions:
        return content
    items = "".join(f'<li><a href="#{q.id}">{html.escape(q.title)}</a> '
                    f'<span class="rnnq-where">{html.escape(q.level)}</span></li>' for q in questions)
    jump = (f'<details class="rnnq-jump" data-search-exclude><summary>本页 {len(questions)} 题</summary>'
            f"<ol>{items}</ol></details>")
    return content[:first] + jump + content[first:]


def home_bank(questions: list[Question]) -> str:
    """What the home page's progress bars need, in the page itself: no 270 KB questions.json on a
    first visit, and it works from the offline zip's file:// pages, where fetch() cannot read it."""
    rows = [{"id": q.id, "level": q.level, "url": q.url} for q in questions]
    data = json.dumps(rows, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    return f'<script type="application/json" id="rnnq-bank">{data}</script>'


def missing_marker(src: str, text: str, mark: str) -> list[Problem]:
    if mark in text:
        return []
    return [Problem(src, None, "the generated part has nowhere to go", f"put a line `{mark}` where it belongs")]


def fill(src: str, content: str, questions: list[Question], topics: list[tuple[str, str, str]],
         vocabulary: dict, page_url: str) -> tuple[str, list[Problem]]:
    """Fill one practice page's rendered HTML (its tags-index headings were added to the Markdown)."""
    if src == TAGS_PAGE:
        return fill_tags(content, questions, vocabulary, page_url), []
    if src == FREQUENT_PAGE:
        return fill_frequent(content, questions, page_url), missing_marker(src, content, FREQUENT_MARK)
    return fill_drill(content, topics, questions, page_url), missing_marker(src, content, DRILL_MARK)
