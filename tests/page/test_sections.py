"""A page read section by section (hooks/page/sections.py) reads exactly as the whole page does,
and after an edit only the changed section is read again."""

from __future__ import annotations

import sys

from conftest import ROOT

sys.path.insert(0, str(ROOT / "hooks"))
from page import sections  # noqa: E402
from bank.pagecache import PageResult  # noqa: E402

INTRO = '<h1 id="t">题目页</h1>\n<p>本页讲 RNN。</p>\n'
Q1 = '<h2 id="q1">什么是 RNN？</h2>\n<!-- question\nlevel: 基础\n-->\n<p>循环。</p>\n'
Q2 = '<h2 class="x" id="q2">为什么梯度消失？</h2>\n<div class="admonition"><p>连乘。</p></div>\n'
WRAPPED = "<html><head></head><body>" + INTRO + Q1 + Q2 + "</body></html>"


def test_a_page_is_cut_before_each_question_and_joins_back():
    opening, texts, closing = sections.split(WRAPPED)
    assert (opening, closing) == ("<html><head></head><body>", "</body></html>")
    assert texts == (INTRO, Q1, Q2)
    assert sections.split(INTRO + Q1) == ("", (INTRO, Q1), "")


def test_a_page_with_a_nested_or_hidden_heading_is_read_whole():
    nested = INTRO + Q1 + '<div class="admonition"><h2 id="inner">小结</h2></div>\n' + Q2
    assert sections.split(nested) is None, "an H2 inside a block must not become a cut"
    in_comment = INTRO + '<!-- <h2 id="old">旧题</h2> -->\n' + Q1
    assert sections.split(in_comment) is None, "text that only looks like a heading must not become a cut"


def test_only_changed_sections_are_read_again_and_stale_ones_are_dropped():
    kept, reads = sections.Kept(), []

    def read(text, index):
        reads.append(text)
        return (index == 0, len(text))

    page = ("topics/x.md", "topics/x/")
    assert kept.map(page, [INTRO, Q1, Q2], read) == [(True, len(INTRO)), (False, len(Q1)), (False, len(Q2))]
    edited = Q2.replace("连乘", "连乘的积")
    reads.clear()
    kept.map(page, [INTRO, Q1, edited], read)
    assert reads == [edited]
    assert len(kept.pages[page]) == 3, "the old version of the edited section is not kept"
    reads.clear()
    kept.map(page, [Q1, INTRO, edited], read)  # the introduction's text moved into a section's place
    assert reads == [Q1, INTRO], "the introduction and a section are read differently"
    reads.clear()
    kept.map(("topics/x.md", "topics/x/", "other vocabulary"), [INTRO, Q1, edited], read)
    assert len(reads) == 3, "another page key reads everything again"


def test_every_real_page_reads_the_same_by_sections_as_whole(tmp_path, monkeypatch):
    """Build the real site; for every page the bank and the search index read, compare the joined
    section results with one read of the whole page."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    compared: list[tuple[tuple, int, object, object]] = []
    original = sections.Kept.map

    def map_and_compare(self, page, texts, read):
        parts = original(self, page, texts, read)
        compared.append((page, len(texts), parts, read("".join(texts), 0)))
        return parts

    monkeypatch.setattr(sections.Kept, "map", map_and_compare)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    build(load_config(str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path / "site")))

    split_topics = set()
    for page, count, parts, whole in compared:
        src = page[0]
        if isinstance(whole, PageResult):  # the bank
            joined = PageResult.joined("", parts, "")
            assert joined.html == whole.html, f"{src}: the bank's HTML differs when read by sections"
            assert joined.questions == whole.questions, f"{src}: questions differ when read by sections"
            assert (joined.anchors, joined.formulas) == (whole.anchors, whole.formulas), src
        else:  # the search index
            assert [d for part in parts for d in part] == whole, f"{src}: search documents differ by sections"
        if src.startswith("topics/") and count > 1:
            split_topics.add(src)
    topics = {p.relative_to(ROOT / "docs").as_posix() for p in (ROOT / "docs" / "topics").glob("*.md")}
    assert split_topics == topics, f"topic pages read whole: {sorted(topics - split_topics)}"


def test_a_section_is_parsed_once_and_no_reader_sees_it_edited():
    read = sections.tree(Q1, edits=False)
    assert sections.tree(Q1, edits=False) is read, "a second reader parses again"
    taken = sections.tree(Q1, edits=True)
    assert taken is read, "the editing hook parses again"
    taken.h2.decompose()
    assert sections.tree(Q1, edits=False).h2 is not None, "a reader got the edited tree"
    sections.done()
    assert not sections._trees, "trees left after the page's last hook"
