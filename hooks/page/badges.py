"""What the question metadata looks like on the page: badges under each question heading,
anchors for old ids (aliases), and the seed-question table on the sources page."""

from __future__ import annotations

import html as htmlmod
import re

from bs4 import BeautifulSoup, Comment
from mkdocs.utils import get_relative_url

from bank.questions import META_MARK, Question, read_metadata, MetadataError

META_BLOCK = re.compile(r"<!--\s*" + META_MARK + r"\b(.*?)-->", re.S)
LEVEL_CLASS = {"基础": "basic", "进阶": "intermediate", "深入": "advanced"}
SOURCES_MARK = "<!-- sources:table -->"
# Badges link to the pages hooks/page/practice.py generates.
TAGS_INDEX_URL, FREQUENT_URL = "tags-index/", "frequent/"
HOT_MIN_ARTICLES = 3  # a question asked by at least this many source articles is marked 高频


def level_anchor(level: str) -> str:
    return f"level-{LEVEL_CLASS[level]}"


def tag_anchor(tag: str) -> str:
    return f"tag-{tag}"


def site_link(from_url: str, to_url: str) -> str:
    """A relative link between two directory-style site URLs ("topics/lstm/" → "../../x/")."""
    return "../" * from_url.count("/") + to_url


def alias_anchors(markdown: str) -> str:
    """Give old ids an anchor (via attr_list) so links to a renamed question keep working."""
    def add(match: re.Match) -> str:
        try:
            meta = read_metadata(META_MARK + match.group(1))
        except MetadataError:
            return match.group(0)  # reported by the metadata check
        anchors = "".join(f"[](){{ #{a} }}" for a in meta.get("aliases") or [])
        return match.group(0) + ("\n\n" + anchors + "\n" if anchors else "")
    return META_BLOCK.sub(add, markdown)


def seed_count(q: Question) -> int:
    return len({s.get("seed") for s in q.sources if isinstance(s, dict)})


def badge_html(q: Question, vocabulary: dict) -> str:
    # A link wraps each badge so the badge keeps its own colours (extra.css), not the link colour.
    def link(href: str, title: str, badge: str) -> str:
        return f'<a class="rnnq-badge-link" href="{htmlmod.escape(href)}" title="{title}">{badge}</a>'

    parts = []
    index = site_link(q.url, TAGS_INDEX_URL)
    if q.level in LEVEL_CLASS:
        parts.append(link(f"{index}#{level_anchor(q.level)}", f"难度：{q.level}（查看全部{q.level}题）",
                          f'<span class="rnnq-badge rnnq-level rnnq-level--{LEVEL_CLASS[q.level]}">{q.level}</span>'))
    for tag in q.tags:
        label = htmlmod.escape(str(vocabulary.get(tag, tag)))
        parts.append(link(f"{index}#{tag_anchor(tag)}", f"标签：{label}（查看同标签的题）",
                          f'<span class="rnnq-badge rnnq-tag">{label}</span>'))
    n = seed_count(q)
    if n >= HOT_MIN_ARTICLES:
        parts.append(link(site_link(q.url, FREQUENT_URL), f"{n} 篇来源文章都问到（查看高频题）",
                          '<span class="rnnq-badge rnnq-hot">高频</span>'))
    if n:
        parts.append(f'<span class="rnnq-badge rnnq-origin" title="合并自 {len(q.sources)} 道来源题">'
                     f'出现于 {n} 篇来源</span>')
    elif q.meta.get("new") is True:
        parts.append('<span class="rnnq-badge rnnq-origin rnnq-origin--new" title="来源文章未涉及，本站补充">本站补充</span>')
    return '<p class="rnnq-meta">' + "".join(parts) + "</p>"


def render(soup: BeautifulSoup, questions: dict[str, Question], vocabulary: dict) -> None:
    """Replace each question's metadata comment with its badges, in place."""
    for h2 in soup.find_all("h2", id=True):
        q = questions.get(h2["id"])
        for sib in h2.next_siblings:
            if getattr(sib, "name", None) in ("h1", "h2"):
                break
            if isinstance(sib, Comment) and sib.strip().startswith(META_MARK):
                if q is not None:
                    sib.replace_with(BeautifulSoup(badge_html(q, vocabulary), "html.parser"))
                break


def fill_sources(content: str, inventory: list[dict], questions: list[Question],
                 page_url: str = "sources/") -> str:
    """The sources page: each seed article with its questions and where each one went."""
    owner = {}
    for q in questions:
        for s in q.sources:
            if isinstance(s, dict):
                owner[(s.get("seed"), re.sub(r"\s+", "", str(s.get("q"))))] = q
    out = []
    for article in inventory:
        title = htmlmod.escape(article.get("title", article["seed"]))
        url = article.get("url")
        head = f'<a href="{htmlmod.escape(url)}">{title}</a>' if url else title
        out.append(f'<h2 id="seed-{article["seed"][:3]}">{head}</h2>')  # under the H1: no level skipped
        notes = [f'<code>{article["seed"]}</code>，共 {len(article.get("questions", []))} 道题']
        if article.get("guessed"):
            notes.append("原文没有标题，标题为本站概括")
        if article.get("url_note"):
            notes.append(htmlmod.escape(article["url_note"]))
        out.append(f'<p class="rnnq-seed-file">{"；".join(notes)}</p>')
        out.append('<table><thead><tr><th>原始问法</th><th>归入本站题目</th></tr></thead><tbody>')
        for original in article.get("questions", []):
            q = owner.get((article["seed"], re.sub(r"\s+", "", original)))
            target = (f'<a href="{get_relative_url(q.url, page_url)}#{q.id}">{htmlmod.escape(q.title)}</a>' if q else "（未认领）")
            out.append(f"<tr><td>{htmlmod.escape(original)}</td><td>{target}</td></tr>")
        out.append("</tbody></table>")
    return content.replace(SOURCES_MARK, "\n".join(out))
