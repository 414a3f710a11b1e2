"""The question model: every H2 with an explicit id on a topic page is one question.

Parsed from the rendered page HTML with BeautifulSoup, so links are already resolved by MkDocs
and math is already wrapped by arithmatex. Metadata is YAML in an HTML comment right under the
heading (`<!-- question ... -->`), next to the question it describes.
"""

from __future__ import annotations

import copy
import functools
import posixpath
import re
from dataclasses import dataclass, field

import yaml
from bs4 import BeautifulSoup, Comment, NavigableString, Tag

from page import typography

META_MARK = "question"
LEVELS = ("基础", "进阶", "深入")
# Admonition titles that carry a part of the answer.
ONE_LINER, FOLLOW_UPS, CHEAT, PITFALLS = "一句话回答", "追问", "速记", "常见误区"


class MetadataError(ValueError):
    """Metadata YAML that cannot be read at all."""


@dataclass
class Link:
    text: str
    href: str  # as written in the page HTML, relative to the page URL


@dataclass
class Question:
    id: str
    title: str
    src: str  # docs-relative source path, e.g. topics/lstm.md
    url: str  # site-relative page URL, e.g. topics/lstm/
    topic: str
    meta: dict = field(default_factory=dict)
    meta_error: str | None = None
    one_liner: str = ""
    one_liner_html: str = ""  # the 一句话回答 body as HTML (for the drill cards)
    title_html: str = ""
    cheat: str = ""  # the 速记 line, as its inner HTML (may hold math)
    cheat_text: str = ""
    follow_ups: list[Link] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)  # every link in the answer
    formulas: list[str] = field(default_factory=list)
    display_formulas: list[str] = field(default_factory=list)  # the \[…\] ones, also in formulas
    diagrams: list[str] = field(default_factory=list)  # image srcs ending in .svg
    text: str = ""  # plain text of the whole answer, for the duplicate check

    @property
    def anchor_url(self) -> str:
        return f"{self.url}#{self.id}"

    @property
    def level(self) -> str:
        return self.meta.get("level", "")

    def _list(self, key: str) -> list:
        return list(self.meta.get(key) or [])

    tags = property(lambda self: self._list("tags"))
    related = property(lambda self: self._list("related"))  # ids of other questions
    sources = property(lambda self: self._list("sources"))  # [{seed, q}]
    aliases = property(lambda self: self._list("aliases"))  # former ids


def read_metadata(comment: str) -> dict:
    return copy.deepcopy(_metadata(comment))  # a copy: callers may change what they get


@functools.lru_cache(maxsize=None)  # `mkdocs serve`: an unchanged comment is parsed once
def _metadata(comment: str) -> dict:
    body = comment.strip()
    if not body.startswith(META_MARK):
        raise MetadataError(f"comment does not start with '{META_MARK}'")
    try:
        data = yaml.safe_load(body[len(META_MARK):]) or {}
    except yaml.YAMLError as exc:
        raise MetadataError(f"metadata is not valid YAML: {exc}".replace("\n", " ")) from exc
    if not isinstance(data, dict):
        raise MetadataError("metadata must be a YAML mapping (key: value lines)")
    return data


def _formula(node: Tag) -> str:
    tex = node.get_text()
    return re.sub(r"^\s*(\\\(|\\\[)|(\\\)|\\\])\s*$", "", tex).strip()


# Elements that start a new line for a reader: their text is set apart by a space.
BLOCKS = {"p", "li", "ul", "ol", "div", "table", "tr", "td", "th", "pre", "blockquote", "dd", "dt", "br",
          "h3", "h4", "h5", "h6"}


def plain_text(nodes: list[Tag]) -> str:
    """The text a reader sees, for the downloads (CSV, JSON, Anki): inline markup adds no space
    (“沿时间<strong>向前</strong>传播”), a soft line break inside Chinese is no space (the rule
    hooks/page/typography.py applies to the pages), and blocks (paragraphs, list items) are one space
    apart."""
    parts: list[str] = []

    def walk(node) -> None:
        if isinstance(node, Comment):
            return
        if isinstance(node, NavigableString):
            parts.append(str(node))
            return
        for child in node.children:
            walk(child)
        if node.name in BLOCKS:
            parts.append(BLOCK_END)

    for node in nodes:
        walk(node)
    text = SPACE.sub(_soft_break, "".join(parts))
    return re.sub(r"\s+", " ", text.replace(BLOCK_END, " ")).strip()


BLOCK_END = "\0"
SPACE = re.compile(r"(?<=(.))\s+(?=(.))", re.S)


def _soft_break(m: re.Match) -> str:
    return "" if typography.joins(m.group(1), m.group(2)) else m.group(0)


def _admonition(section: list[Tag], title: str) -> Tag | None:
    for node in section:
        for adm in [node] + node.find_all("div", class_="admonition") if isinstance(node, Tag) else []:
            if "admonition" in (adm.get("class") or []):
                head = adm.find(class_="admonition-title")
                if head and head.get_text(strip=True) == title:
                    return adm
    return None


def _body(adm: Tag | None) -> list[Tag]:
    if adm is None:
        return []
    return [c for c in adm.children if isinstance(c, Tag) and "admonition-title" not in (c.get("class") or [])]


def _inner_html(nodes: list[Tag]) -> str:
    parts = []
    for n in nodes:
        parts.append(n.decode_contents() if n.name == "p" else str(n))
    return " ".join(parts).strip()


def parse_page(html: str | BeautifulSoup, src: str, url: str, topic: str) -> list[Question]:
    """All questions on one rendered page (HTML or an already parsed tree), in page order."""
    soup = html if isinstance(html, BeautifulSoup) else BeautifulSoup(html, "html.parser")
    questions = []
    for h2 in soup.find_all("h2"):
        qid = h2.get("id")
        if not qid:
            continue
        heading = [c for c in h2.contents if not (isinstance(c, Tag) and "headerlink" in (c.get("class") or []))]
        title = "".join(c.get_text() if isinstance(c, Tag) else str(c) for c in heading).strip()
        section: list = []
        for sib in h2.next_siblings:
            if isinstance(sib, Tag) and sib.name in ("h1", "h2"):
                break
            section.append(sib)
        q = Question(id=qid, title=title, src=src, url=url, topic=topic)
        q.title_html = "".join(str(c) for c in heading).strip()
        comments = [c for c in section if isinstance(c, Comment) and c.strip().startswith(META_MARK)]
        if comments:
            try:
                q.meta = read_metadata(comments[0])
            except MetadataError as exc:
                q.meta_error = str(exc)
        else:
            q.meta_error = "no <!-- question ... --> metadata comment under the heading"
        tags = [s for s in section if isinstance(s, Tag)]
        one = _admonition(tags, ONE_LINER)
        q.one_liner = plain_text(_body(one))
        q.one_liner_html = "".join(str(n) for n in _body(one))
        cheat = _admonition(tags, CHEAT)
        q.cheat = _inner_html(_body(cheat))
        q.cheat_text = plain_text(_body(cheat))
        follow = _admonition(tags, FOLLOW_UPS)
        if follow is not None:
            q.follow_ups = [Link(a.get_text(strip=True), a.get("href", "")) for a in follow.find_all("a")]
        for node in tags:
            for a in node.find_all("a", href=True) if node.name != "a" else [node]:
                if "headerlink" not in (a.get("class") or []):
                    q.links.append(Link(a.get_text(strip=True), a["href"]))
            q.formulas += [_formula(m) for m in ([node] if "arithmatex" in (node.get("class") or []) else [])]
            q.formulas += [_formula(m) for m in node.find_all(class_="arithmatex")]
            q.display_formulas += [_formula(m) for m in [node, *node.find_all("div")]
                                   if m.name == "div" and "arithmatex" in (m.get("class") or [])]
            q.diagrams += [img["src"] for img in node.find_all("img", src=True) if img["src"].endswith(".svg")]
        q.text = title + " " + " ".join(n.get_text(" ", strip=True) for n in tags)
        questions.append(q)
    return questions


def resolve(page_url: str, href: str) -> tuple[str, str]:
    """Split a link written on `page_url` into (site-relative page URL, fragment)."""
    path, _, fragment = href.partition("#")
    if not path:
        return page_url, fragment
    base = page_url if page_url.endswith("/") or not page_url else posixpath.dirname(page_url) + "/"
    target = posixpath.normpath(posixpath.join(base, path))
    target = "" if target == "." else target
    if path.endswith("/") and target:
        target += "/"
    return target, fragment
