"""MkDocs hook for the question bank: read the questions, check them, render their badges,
and produce questions.json and the cheat sheet (HTML page + PDF).

The logic lives in sibling modules (questions, checks, export, cheatsheet, notebooks) that can be
tested without MkDocs; this file only wires them to MkDocs events.
"""

from __future__ import annotations

import logging
from pathlib import Path

import yaml

from page import badges
from takeaway import cheatsheet
from bank import checks
from takeaway import downloads
from bank import links
from page import notebooks
from bank import notation
from bank import pagecache
from page import practice
from page import sections
from bank.questions import Question, parse_page

log = logging.getLogger("mkdocs.hooks.bank")

TOPICS = "topics/"
CHEATSHEET_PAGE = "cheatsheet.md"
SOURCES_PAGE = "sources.md"


class State:
    def __init__(self, config):
        docs = Path(config.docs_dir)
        self.config = config
        self.vocabulary = yaml.safe_load((docs / "tags.yml").read_text(encoding="utf-8")) or {}
        self.inventory = yaml.safe_load((docs / "sources.yml").read_text(encoding="utf-8")) or []
        published = docs / "published-ids.txt"
        self.published = [l.strip() for l in published.read_text().splitlines()
                          if l.strip() and not l.startswith("#")] if published.exists() else []
        self.questions: list[Question] = []
        self.topics: list[tuple[str, str, str]] = []  # (src, url, title) in nav order
        self.anchors: dict[str, set[str]] = {}
        self.notebook_links: dict[str, tuple[str, list[str]]] = {}
        self.formulas: list[tuple[str, list[str]]] = []  # formulas outside questions, per page
        self.files: set[str] = set()
        self.notation_rules, self.notation_errors = notation.load(docs)
        self.nav_order: list[str] = []
        self.downloads: list[downloads.Download] = []


state: State | None = None


def on_config(config):
    global state
    state = State(config)
    if not config.repo_url:  # a local build (no REPO_URL): no edit buttons pointing nowhere
        config.edit_uri = None


def on_files(files, config):
    # Declare the downloads now, so pages may link to them and MkDocs validates those links.
    downloads.declare(files, config)
    state.files = {f.url.rstrip("/") for f in files} | {f.dest_uri for f in files}
    return files


def on_nav(nav, config, files):
    state.nav_order = [p.file.src_uri for p in nav.pages]


def on_page_markdown(markdown, page, config, files):
    if page.file.src_uri.startswith(TOPICS):
        return badges.alias_anchors(markdown)
    if page.file.src_uri == practice.TAGS_PAGE:
        report(practice.missing_marker(practice.TAGS_PAGE, markdown, practice.TAGS_MARK))
        return practice.tag_sections(markdown, state.vocabulary)
    return markdown


def on_page_content(html, page, config, files):
    src, url = page.file.src_uri, page.url
    # A notebook is read whole (its cells are joined across sections); a page section by section.
    opening, texts, closing = ("", (html,), "") if src.endswith(".ipynb") else sections.parts(html)
    # Badges depend on the tag vocabulary too, so an edited tags.yml re-reads every page.
    reads = (src, url, page.title, repr(state.vocabulary), report_base(config))
    result = pagecache.PageResult.joined(
        opening, pagecache.by_section.map(reads, texts, lambda text, _: read_page(text, page, files)), closing)
    sections.done()
    state.anchors[url] = result.anchors
    if src.endswith(".ipynb"):
        state.notebook_links[src] = (url, result.links)
    if src.startswith(TOPICS):
        state.questions += result.questions
        state.topics.append((src, url, page.title))
    else:
        state.formulas.append((src, result.formulas))
    return result.html


def report_base(config) -> str:
    """What the 纠错 links depend on besides the page."""
    return f"{config.repo_url}|{links.link_base(config)}"


def read_page(html, page, files) -> pagecache.PageResult:
    """A page, or one section of it: one parse, and every step below reads or edits that tree."""
    src, url = page.file.src_uri, page.url
    soup = sections.tree(html, edits=True)  # parsed already if the search index read it
    result = pagecache.PageResult()
    if src.endswith(".ipynb"):
        notebooks.integrate(soup, page, files)
        result.links = notebooks.links(soup)
    result.anchors = {t["id"] for t in soup.find_all(id=True)}
    if src.startswith(TOPICS):
        result.questions = parse_page(soup, src, url, topic=page.title or src)
        badges.render(soup, {q.id: q for q in result.questions}, state.vocabulary)
        links.add_report_links(soup, result.questions, state.config.repo_url, links.link_base(state.config))
        practice.wrap_answers(soup, result.questions)
    else:
        result.formulas = notebooks.formulas(soup)
    result.html = str(soup)
    return result


def on_env(env, config, files):
    in_nav_order(state)
    problems = run_checks(state)
    report(problems)
    if problems:
        log.warning(f"{len(problems)} question-bank problem(s); see CONTRIBUTING.md")
    cheat = files.get_file_from_path(CHEATSHEET_PAGE)
    if cheat is not None:
        cheat.page.content = cheatsheet.fill(cheat.page.content, state.topics, state.questions, cheat.page.url)
    else:
        log.warning(f"no {CHEATSHEET_PAGE}: {cheatsheet.PDF_NAME} not made. Fix: keep docs/{CHEATSHEET_PAGE}")
    state.downloads = downloads.prepare(state.questions, state.topics, state.vocabulary,
                                        cheat.page if cheat else None, config, files)


def in_nav_order(s: State) -> None:
    """Pages are rendered in file order; the bank, JSON and cheat sheet follow the nav."""
    rank = {src: i for i, src in enumerate(s.nav_order)}
    s.topics.sort(key=lambda t: rank.get(t[0], len(rank)))
    s.questions.sort(key=lambda q: rank.get(q.src, len(rank)))  # stable: page order kept within a page


def run_checks(s: State) -> list:
    qs = s.questions
    out = (checks.check_ids(qs, s.published) + checks.check_metadata(qs, s.vocabulary)
           + checks.check_seeds(qs, s.inventory) + checks.check_links(qs)
           + checks.check_diagrams(qs, s.files) + checks.check_duplicates(qs))
    out += [checks.Problem(f"docs/{notation.RULES_FILE}", None, e, "see the rule format at the top of the file")
            for e in s.notation_errors]
    for q in qs:
        out += checks.check_formulas(q.src, q.id, q.formulas)
        out += checks.check_notation(q.src, q.id, q.formulas, s.notation_rules)
    for src, texs in s.formulas:
        out += checks.check_formulas(src, None, texs)
        if src != "notation.md":  # the notation page shows the retired spellings on purpose
            out += checks.check_notation(src, None, texs, s.notation_rules)
    for src, (url, hrefs) in s.notebook_links.items():
        out += checks.check_page_links(src, url, hrefs, s.anchors, s.files)
    return out


def on_page_context(context, page, config, nav):
    src = page.file.src_uri
    if src == SOURCES_PAGE:
        page.content = badges.fill_sources(page.content, state.inventory, state.questions, page.url)
    elif src == downloads.PAGE:
        page.content = downloads.fill(page.content, state.downloads, page.url)
    elif page.is_homepage:
        page.content += practice.home_bank(state.questions)
    elif any(src == topic for topic, _, _ in state.topics):
        page.content = practice.jump_list(page.content, [q for q in state.questions if q.src == src])
    elif src in practice.PAGES:
        page.content, problems = practice.fill(src, page.content, state.questions, state.topics,
                                               state.vocabulary, page.url)
        report(problems)
    return context


def report(problems: list) -> None:
    for p in problems:
        log.warning(str(p))
