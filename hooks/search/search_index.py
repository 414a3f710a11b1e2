"""MkDocs hook: the site search index.

Material's search UI stays; what it searches is ours. Material's plugin indexes rendered pages
whole (badges, ¶, raw TeX, notebook code) and segments Chinese with jieba, which is unmaintained;
its worker then ranks by word frequency, so a question that merely mentions a term can beat the
question about it. Here every page is read once into clean documents (search_docs.py), the
vocabulary comes from the glossary and search/aliases.yml (search_aliases.py), and the result is
written as Material's search/search_index.json, which our worker (search-engine.js) ranks.

Must be listed before hooks/bank_hook.py: it reads the question metadata comments that bank.py
replaces with badges.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

import yaml

from search import search_aliases
from search import search_docs
from page import sections

log = logging.getLogger("mkdocs.hooks.search_index")

INDEX = Path("search") / "search_index.json"
ALIASES = Path("search") / "aliases.yml"


class State:
    def __init__(self, config):
        docs = Path(config.docs_dir)
        root = Path(config.config_file_path).parent
        self.vocabulary, problems = search_aliases.load(docs / "glossary.md", root / ALIASES)
        self.tag_labels = yaml.safe_load((docs / "tags.yml").read_text(encoding="utf-8")) or {}
        self.docs: dict[str, list[dict]] = {}  # page URL -> its documents
        self.order: list[str] = []  # page URLs in nav order
        for p in problems:
            log.warning(str(p))


state: State | None = None


def on_config(config):
    global state
    state = State(config)


def on_nav(nav, config, files):
    state.order = [p.url for p in nav.pages]


def on_page_markdown(markdown, page, config, files):
    # Material's plugin would index this page too (and run jieba on it); our index replaces its one.
    page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}
    return markdown


def on_page_content(html, page, config, files):
    src, url = page.file.src_uri, page.url
    if src.endswith(".ipynb"):
        path = Path(page.file.abs_src_path)
        key = (src, url, page.title, path.stat().st_mtime_ns)
        if key not in search_docs.notebooks:
            search_docs.notebooks[key] = [search_docs.notebook_doc(path, url, page.title)]
        state.docs[url] = search_docs.notebooks[key]
        return html
    _, texts, _ = sections.parts(html)

    def read(text: str, index: int) -> list[dict]:
        docs = search_docs.page_docs(sections.tree(text, edits=False), src, url, page.title, state.tag_labels)
        return docs if index == 0 else docs[1:]  # a section has no introduction of its own

    kept = search_docs.by_section.map((src, url, page.title, repr(state.tag_labels)), texts, read)
    state.docs[url] = [doc for part in kept for doc in part]
    return html


def on_post_build(config):
    path = Path(config.site_dir) / INDEX
    # Material's plugin has written its (empty) index by now: keep its config (the separator is
    # used to highlight search terms on the target page) and put our documents in.
    index = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {"config": {}}
    rank = {url: i for i, url in enumerate(state.order)}
    docs = [d for url in sorted(state.docs, key=lambda u: rank.get(u, len(rank))) for d in state.docs[url]]
    questions = {d["location"].rpartition("#")[2] for d in docs if "level" in d}
    for p in search_aliases.check_targets(state.vocabulary, questions):
        log.warning(str(p))
    index["config"]["vocabulary"] = state.vocabulary.as_json()
    index["docs"] = docs
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
