"""PDF layout fixes (hooks/takeaway/pdf.py): headings kept with what follows them across column breaks,
Latin hyphenated words never split at the hyphen. Rendering is checked on the real sheet."""

from __future__ import annotations

import re
import subprocess
import sys

from bs4 import BeautifulSoup

from conftest import ROOT

sys.path.insert(0, str(ROOT / "hooks"))

from takeaway import pdf  # noqa: E402


def kept(html: str) -> BeautifulSoup:
    soup = BeautifulSoup(html, "html.parser")
    pdf.layout._keep_headings_with_next(soup)
    return soup


def test_heading_keeps_the_first_list_item_and_the_list_goes_on():
    soup = kept('<h2>LSTM</h2><ol start="4"><li>a</li><li>b</li><li>c</li></ol>')
    keep = soup.find("div", class_="keep")
    assert [c.name for c in keep.children] == ["h2", "ol"]
    assert [li.text for li in keep.ol.find_all("li")] == ["a"] and "keep-start" in keep.ol["class"]
    rest = keep.find_next_sibling("ol")
    assert [li.text for li in rest.find_all("li")] == ["b", "c"] and rest["start"] == "5"


def test_lead_in_paragraph_and_stacked_headings_stay_with_their_formula():
    soup = kept('<h2>核心公式</h2><p><strong>简单 RNN</strong></p><div class="arithmatex">\\[x\\]</div>'
                '<p><strong>损失函数</strong>（softmax 配交叉熵）</p><div class="arithmatex">\\[y\\]</div>')
    groups = [[c.name for c in k.children] for k in soup.find_all("div", class_="keep")]
    assert groups == [["h2", "p", "div"], ["p", "div"]]


def test_plain_paragraphs_are_not_headings():
    soup = kept("<p>正文 <strong>加粗</strong></p><p>下一段</p>")
    assert soup.find("div", class_="keep") is None


def test_latin_hyphenated_words_do_not_break_but_math_and_code_are_left_alone():
    soup = BeautifulSoup("<p>当 n-gram 检测器，用 Seq2Seq-style 解码</p><code>a-b</code>", "html.parser")
    pdf.layout._no_break_in_latin_words(soup)
    assert [s.text for s in soup.find_all("span", class_="nobr")] == ["n-gram", "Seq2Seq-style"]
    assert soup.code.text == "a-b" and soup.code.find("span") is None
    assert soup.p.get_text() == "当 n-gram 检测器，用 Seq2Seq-style 解码"


def test_no_line_of_the_cheat_sheet_ends_in_a_latin_hyphen(built_site):
    text = subprocess.run(["pdftotext", "-layout", str(built_site / "cheatsheet.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    assert not re.findall(r"[A-Za-z0-9]-$", text, re.M)
    assert "n-gram" in text


def test_a_list_start_becomes_the_counter_weasyprint_reads():
    soup = BeautifulSoup('<ol start="17" style="color: red"><li>a</li></ol><ol start="x"><li>b</li></ol>', "html.parser")
    pdf.layout._list_starts(soup)
    first, bad = soup.find_all("ol")
    assert first["style"] == "color: red; counter-reset: list-item 16"
    assert "style" not in bad.attrs, "a start that is not a number is left to the browser's default"


def test_the_question_sheet_numbers_every_question_once_and_in_order(built_site):
    """Numbering runs on across topics; a list split to keep its heading does not restart."""
    import json

    count = len(json.loads((built_site / "questions.json").read_text())["questions"])
    text = subprocess.run(["pdftotext", "-layout", str(built_site / "question-sheet.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    numbers = [int(n) for n in re.findall(r"(\d+)\.\s+(?:基础|进阶|深入)", text)]
    assert sorted(numbers) == list(range(1, count + 1)), sorted(numbers)[:20]
