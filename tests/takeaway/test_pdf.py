"""Tests for hooks/takeaway/pdf.py: cheat-sheet content -> PDF (WeasyPrint + ziamath + Noto Sans CJK).

Set RNNQ_PDF_SAMPLE_DIR=/some/dir to keep the rendered sample PDF for looking at it.
"""

from __future__ import annotations

import os
import pathlib
import re
import sys
import time

import pytest
from bs4 import BeautifulSoup

ROOT = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "hooks"))
from takeaway import pdf  # noqa: E402

# ziamath 0.13 still calls importlib.resources.path(); not our warning to fix.
pytestmark = pytest.mark.filterwarnings("ignore:path is deprecated:DeprecationWarning")

DEBIAN_FONT = pathlib.Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
needs_debian_font = pytest.mark.skipif(
    not os.environ.get("CI") and not DEBIAN_FONT.is_file(),
    reason="Debian fonts-noto-cjk is not installed (apt-get install fonts-noto-cjk); "
           "skipped only outside CI, in CI these tests must run",
)

BASE = "https://rnn-interview.example.org/topics/"

TOPICS = {
    "rnn-basics": ("RNN 基础", [
        "为什么序列建模需要循环结构而不是普通全连接网络？",
        "简单 RNN 的隐藏状态是如何随时间步更新的？",
        "RNN 在不同时间步共享参数有什么好处？",
        "RNN 的输入、隐藏、输出三组权重各自的形状是什么？",
        "多对一、一对多、多对多三种 RNN 结构分别适合哪些任务？",
        "双向 RNN 的输出是怎样拼接的？能否用于在线预测？",
        "堆叠多层 RNN 时层与层之间传递的是什么？",
        "Teacher forcing 是什么？它会带来什么问题？",
        "RNN 处理变长序列时如何做 padding 与 mask？",
        "RNN 与一维卷积在建模长依赖时各有什么优劣？",
    ]),
    "bptt": ("BPTT 与梯度", [
        "BPTT 的计算过程是什么？为什么要沿时间展开？",
        "为什么 RNN 容易出现梯度消失和梯度爆炸？",
        "梯度裁剪按范数裁剪和按值裁剪有何区别？",
        "截断 BPTT 会丢失哪些信息？截断长度如何选择？",
        "tanh 与 ReLU 作为 RNN 激活函数各有什么风险？",
        "正交初始化为什么有助于训练 RNN？",
        "如何从雅可比矩阵的谱半径理解长程依赖？",
        "RNN 里可以使用 Batch Normalization 吗？",
        "Layer Normalization 在循环网络中放在哪里？",
        "训练 RNN 时学习率调度有哪些常用做法？",
    ]),
    "lstm": ("LSTM", [
        "LSTM 的遗忘门、输入门、输出门分别控制什么？",
        "细胞状态为什么能缓解梯度消失？",
        "LSTM 的参数量怎么计算？",
        "遗忘门偏置为什么常初始化为 1？",
        "窥视孔连接（peephole）改变了什么？",
        "候选状态为什么用 tanh 而门控用 sigmoid？",
        "LSTM 的隐藏状态与细胞状态有什么区别？",
        "PyTorch 的 nn.LSTM 为什么每个门有两个偏置？",
        "LSTM 能完全消除梯度消失吗？",
        "如何为 LSTM 选择隐藏层大小与层数？",
    ]),
    "gru": ("GRU", [
        "GRU 的更新门和重置门分别起什么作用？",
        "GRU 与 LSTM 相比少了哪些结构？",
        "GRU 的参数量怎么计算？",
        "更新门取值接近 1 时隐藏状态会怎样变化？",
        "什么时候优先选择 GRU 而不是 LSTM？",
        "重置门作用在矩阵乘法之前还是之后？",
        "GRU 的候选隐藏状态如何计算？",
        "GRU 是否有独立的细胞状态？",
        "最小门控单元（MGU）做了哪些简化？",
        "GRU 在小数据集上为什么常常表现不错？",
    ]),
    "seq2seq": ("Seq2Seq 与注意力", [
        "编码器—解码器结构的信息瓶颈在哪里？",
        "Bahdanau 注意力与 Luong 注意力有什么区别？",
        "注意力权重如何计算并归一化？",
        "上下文向量为什么随解码步变化？",
        "束搜索的束宽如何影响结果与速度？",
        "曝光偏差是什么？计划采样如何缓解？",
        "覆盖机制（coverage）解决了什么问题？",
        "指针网络如何处理未登录词？",
        "为什么要对输入序列做反转？",
        "自注意力为什么最终取代了循环结构？",
    ]),
    "dl-basics": ("深度学习基础", [
        "Dropout 在循环网络中应该如何使用？",
        "交叉熵损失与 softmax 的梯度为何如此简洁？",
        "Adam 优化器的偏差修正有什么用？",
        "权重衰减与 L2 正则在 Adam 中为何不同？",
        "过拟合有哪些常见的诊断方法？",
        "早停法如何选择耐心值？",
        "词向量预训练对 RNN 有什么帮助？",
        "困惑度与交叉熵之间是什么关系？",
        "混合精度训练需要注意哪些数值问题？",
        "如何用梯度检查验证反向传播实现？",
    ]),
}

LSTM_BLOCK = (
    r"\[\begin{aligned}"
    r" f_t &= \sigma(W_{xf} x_t + W_{hf} h_{t-1} + b_f) \\"
    r" i_t &= \sigma(W_{xi} x_t + W_{hi} h_{t-1} + b_i) \\"
    r" o_t &= \sigma(W_{xo} x_t + W_{ho} h_{t-1} + b_o) \\"
    r" \tilde c_t &= \tanh(W_{xc} x_t + W_{hc} h_{t-1} + b_c) \\"
    r" c_t &= f_t \odot c_{t-1} + i_t \odot \tilde c_t \\"
    r" h_t &= o_t \odot \tanh(c_t)"
    r" \end{aligned}\]"
)
GRU_BLOCK = (
    r"\[\begin{aligned}"
    r" z_t &= \sigma(W_{xz} x_t + W_{hz} h_{t-1} + b_z) \\"
    r" r_t &= \sigma(W_{xr} x_t + W_{hr} h_{t-1} + b_r) \\"
    r" \tilde h_t &= \tanh(W_{xh} x_t + W_{hh}(r_t \odot h_{t-1}) + b_h) \\"
    r" h_t &= z_t \odot h_{t-1} + (1 - z_t) \odot \tilde h_t"
    r" \end{aligned}\]"
)


def _inline(tex: str) -> str:
    return f'<span class="arithmatex">\\({tex}\\)</span>'


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def make_sample() -> str:
    """HTML as Python-Markdown + arithmatex (generic) + admonition produce it for the sheet."""
    parts = [
        '<h1 id="rnn">RNN 面试速查表<a class="headerlink" href="#rnn" title="本题链接">¶</a></h1>',
        "<p>本页把题库中的核心公式与全部题目压缩成两栏，方便打印后快速复习。"
        f"记号：输入 {_inline('x_t')}，隐藏状态 {_inline('h_t')}，"
        f"LSTM 细胞状态 {_inline('c_t')}，隐藏维度 {_inline('n')}，输入维度 {_inline('d')}。</p>",
        '<h2 id="formulas">核心公式</h2>',
        '<p>LSTM（每个门一个偏置）：</p>',
        f'<div class="arithmatex">{_escape(LSTM_BLOCK)}</div>',
        "<p>候选状态 " + _inline(r"\tilde c_t") + " 与旧状态按门控相加："
        + _inline(r"f_t \odot c_{t-1}") + " 保留旧信息，" + _inline(r"i_t \odot \tilde c_t")
        + " 写入新信息；参数量 " + _inline("4(nd + n^2 + n)") + "。</p>",
        '<p>GRU（更新门 <span class="arithmatex">\\(z_t\\)</span> 是保留旧状态的比例）：</p>',
        f'<div class="arithmatex">{_escape(GRU_BLOCK)}</div>',
        '<div class="admonition tip"><p class="admonition-title">注意力</p><p>'
        + _inline(r"\alpha_{tj} = \exp(e_{tj}) / \sum_k \exp(e_{tk})") + "，上下文 "
        + _inline(r"\mathrm{ctx}_t = \sum_j \alpha_{tj} h_j") + "。</p></div>",
        '<p><img alt="LSTM 单元示意图" src="../diagrams/lstm-cell.svg"></p>',
    ]
    for slug, (name, questions) in TOPICS.items():
        parts.append(f'<h2 id="{slug}">{name}</h2>\n<ul>')
        for i, question in enumerate(questions, 1):
            parts.append(f'<li><a href="{BASE}{slug}/#q{i}">{_escape(question)}</a></li>')
        parts.append("</ul>")
    return "\n".join(parts)


SAMPLE_HTML = make_sample()
ALL_QUESTIONS = [q for _, qs in TOPICS.values() for q in qs]

TINY_SVG = """<svg xmlns="http://www.w3.org/2000/svg" width="240" height="80" viewBox="0 0 240 80">
<rect x="1" y="1" width="238" height="78" rx="8" fill="#eef0f8" stroke="#3f51b5" stroke-width="2"/>
<circle cx="40" cy="40" r="18" fill="#3f51b5"/>
<path d="M70 40 H200" stroke="#e65100" stroke-width="4" marker-end="none"/>
<rect x="200" y="28" width="24" height="24" fill="#e65100"/>
</svg>
"""


def make_site(root: pathlib.Path) -> pathlib.Path:
    """docs-like tree: <root>/diagrams/lstm-cell.svg and <root>/cheatsheet/ (the base URL)."""
    (root / "diagrams").mkdir(parents=True, exist_ok=True)
    (root / "diagrams" / "lstm-cell.svg").write_text(TINY_SVG, encoding="utf-8")
    page_dir = root / "cheatsheet"
    page_dir.mkdir(exist_ok=True)
    return page_dir


@pytest.fixture(scope="module")
def sample_pdf(tmp_path_factory):
    page_dir = make_site(tmp_path_factory.mktemp("site"))
    start = time.perf_counter()
    data = pdf.render_pdf(SAMPLE_HTML, str(page_dir), title="RNN 面试速查表",
                          site_name="RNN 面试题库")
    elapsed = time.perf_counter() - start
    keep = os.environ.get("RNNQ_PDF_SAMPLE_DIR")
    if keep:
        pathlib.Path(keep).mkdir(parents=True, exist_ok=True)
        (pathlib.Path(keep) / "sample.pdf").write_bytes(data)
    print(f"\nrender_pdf(sample) took {elapsed:.2f} s, {len(data)} bytes")
    return data


def _reader(data: bytes):
    import io

    from pypdf import PdfReader

    return PdfReader(io.BytesIO(data))


def _embedded_fonts(reader) -> list[tuple[str, str]]:
    """(BaseFont, FontFile key) of every embedded font in the document."""
    found = []
    for page in reader.pages:
        fonts = page["/Resources"].get_object().get("/Font", {})
        for ref in fonts.values():
            font = ref.get_object()
            base = str(font.get("/BaseFont"))
            descriptors = []
            if "/FontDescriptor" in font:
                descriptors.append(font["/FontDescriptor"].get_object())
            for child in font.get("/DescendantFonts", []):
                child = child.get_object()
                if "/FontDescriptor" in child:
                    descriptors.append(child["/FontDescriptor"].get_object())
            for desc in descriptors:
                for key in ("/FontFile", "/FontFile2", "/FontFile3"):
                    if key in desc:
                        found.append((base, key))
    return found


# ------------------------------------------------------------------------------ rendering

@needs_debian_font
def test_sample_page_count_and_text(sample_pdf):
    reader = _reader(sample_pdf)
    assert len(reader.pages) == 1  # 60 questions + formulas + figure fit on one two-column page
    text = "\n".join(page.extract_text() for page in reader.pages)
    squashed = re.sub(r"\s+", "", text)
    for question in (ALL_QUESTIONS[0], ALL_QUESTIONS[23], ALL_QUESTIONS[37], ALL_QUESTIONS[-1]):
        assert re.sub(r"\s+", "", question) in squashed
    assert "RNN面试速查表" in squashed and "第1/1页" in squashed and "RNN面试题库" in squashed
    # links survive as PDF link annotations to the online questions
    uris = [annot.get_object()["/A"]["/URI"] for annot in reader.pages[0].get("/Annots", [])
            if "/A" in annot.get_object()]
    assert f"{BASE}lstm/#q3" in uris and len(uris) == 60


def make_long_sheet() -> str:
    """About four pages: the sample plus the question list four more times with hints."""
    parts = [SAMPLE_HTML]
    for round_ in range(1, 5):
        for slug, (name, questions) in TOPICS.items():
            parts.append(f"<h2>{name}（第 {round_} 组）</h2>")
            parts.append("<p>要点：" + _inline(r"f_t \odot c_{t-1}") + " 与 "
                         + _inline(rf"\tilde h_t^{{({round_})}}") + "。</p><ul>")
            parts.extend(f'<li><a href="{BASE}{slug}/#q{i}">{_escape(q)}</a></li>'
                         for i, q in enumerate(questions, 1))
            parts.append("</ul>")
    return "\n".join(parts)


@needs_debian_font
def test_long_sheet_pages_and_footer(sample_pdf, tmp_path):
    page_dir = make_site(tmp_path)
    start = time.perf_counter()
    data = pdf.render_pdf(make_long_sheet(), str(page_dir), title="RNN 面试速查表",
                          site_name="RNN 面试题库")
    elapsed = time.perf_counter() - start
    print(f"\nrender_pdf(long sheet) took {elapsed:.2f} s")
    reader = _reader(data)
    count = len(reader.pages)
    assert count == 4
    for number, page in enumerate(reader.pages, 1):
        squashed = re.sub(r"\s+", "", page.extract_text())
        assert f"第{number}/{count}页" in squashed
        assert "RNN面试题库" in squashed
    assert elapsed < 30  # loose regression guard only: ~1.8 s warm on an idle 2-core machine


@needs_debian_font
def test_sample_embeds_subset_cjk_font(sample_pdf):
    fonts = _embedded_fonts(_reader(sample_pdf))
    assert fonts, "no embedded font program"
    cjk = [(base, key) for base, key in fonts if "NotoSansCJK" in base]
    assert cjk, fonts
    for base, _key in cjk:
        assert re.fullmatch(r"/[A-Z]{6}\+NotoSansCJK[\w-]*", base), base  # subset prefix
    # Only the CJK font is used: no fallback font slipped in.
    assert all("NotoSansCJK" in base for base, _ in fonts), fonts


@needs_debian_font
def test_sample_uses_simplified_chinese_face(sample_pdf):
    import io

    from fontTools.ttLib import TTFont

    reader = _reader(sample_pdf)
    names = set()
    for page in reader.pages:
        for ref in page["/Resources"]["/Font"].values():
            for child in ref.get_object().get("/DescendantFonts", []):
                desc = child.get_object()["/FontDescriptor"].get_object()
                stream = desc.get("/FontFile3") or desc.get("/FontFile2")
                font = TTFont(io.BytesIO(stream.get_object().get_data()))
                names.add(font["name"].getDebugName(6))
    assert names and all("sc" in n for n in names), names


@needs_debian_font
def test_sample_has_no_notdef(sample_pdf):
    # Coverage check passed (render_pdf would have raised) and nothing extracts as U+FFFD.
    text = "".join(page.extract_text() for page in _reader(sample_pdf).pages)
    assert "\ufffd" not in text
    face = pdf.fonts._load_face(pdf.find_cjk_font())
    missing = {ch for ch in BeautifulSoup(SAMPLE_HTML, "html.parser").get_text()
               if ord(ch) not in face.cmap and ch not in pdf.fonts._IGNORABLE}
    assert not missing


# ---------------------------------------------------------------------------- tofu check

@needs_debian_font
def test_uncovered_character_is_named(tmp_path):
    html = "<h1>速查表</h1><ul><li>遗忘门决定保留多少旧信息 😀 就这样</li></ul>"
    with pytest.raises(pdf.PdfError) as info:
        pdf.render_pdf(html, str(tmp_path), title="t")
    message = str(info.value)
    assert "U+1F600" in message and "GRINNING FACE" in message
    assert "保留多少旧信息" in message  # context


@needs_debian_font
def test_uncovered_character_in_site_name(tmp_path):
    with pytest.raises(pdf.PdfError, match=re.escape("U+1F9E0")):
        pdf.render_pdf("<p>正文</p>", str(tmp_path), title="t", site_name="题库 🧠")


@needs_debian_font
def test_fallback_font_is_caught_even_without_coverage_check(monkeypatch, tmp_path):
    # Second line of defence: if a character slipped past the cmap check, WeasyPrint's .notdef
    # warning / fallback font is turned into an error too.
    monkeypatch.setattr(pdf.fonts, "_check_coverage", lambda text, face: None)
    with pytest.raises(pdf.PdfError, match=r"\.notdef.*U\+10FFFD"):
        pdf.render_pdf("<p>遗忘门 \U0010fffd</p>", str(tmp_path), title="t")  # in no font at all


def write_label_svg(tmp_path, text: str) -> None:
    """A diagram whose only content is one text label in the CJK font."""
    (tmp_path / "diagrams" / "label.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="30">'
        f'<text x="2" y="20" font-family="Noto Sans CJK SC" font-size="12">{text}</text>'
        "</svg>", encoding="utf-8")


@needs_debian_font
def test_tofu_in_svg_diagram_text_is_caught(tmp_path):
    page_dir = make_site(tmp_path)
    write_label_svg(tmp_path, "门 \U0010fffd")
    with pytest.raises(pdf.PdfError, match="notdef"):
        pdf.render_pdf('<p><img alt="图" src="../diagrams/label.svg"></p>', str(page_dir),
                       title="t")


@needs_debian_font
def test_svg_diagram_text_in_a_system_font_is_fine(tmp_path):
    page_dir = make_site(tmp_path)
    write_label_svg(tmp_path, "遗忘门 f")
    data = pdf.render_pdf('<p>图：<img alt="图" src="../diagrams/label.svg"></p>', str(page_dir),
                          title="t")
    assert "遗忘门" in _reader(data).pages[0].extract_text()


# ------------------------------------------------------------------------------ font lookup

def test_env_var_to_missing_file(monkeypatch, tmp_path):
    monkeypatch.setenv("RNNQ_CJK_FONT", str(tmp_path / "nope.ttc"))
    with pytest.raises(pdf.PdfError, match="apt-get install fonts-noto-cjk"):
        pdf.find_cjk_font()
    with pytest.raises(pdf.PdfError, match="apt-get install fonts-noto-cjk"):
        pdf.render_pdf("<p>正文</p>", str(tmp_path), title="t")


def test_no_font_found(monkeypatch, tmp_path):
    monkeypatch.delenv("RNNQ_CJK_FONT", raising=False)
    monkeypatch.setattr(pdf.fonts, "CJK_FONT_PATHS", (str(tmp_path / "missing.ttc"),))
    monkeypatch.setattr(pdf.fonts, "PIP_FONT_PACKAGES", (("rnnq_no_such_font_package", "x.otf"),))
    assert pdf.find_cjk_font() is None
    with pytest.raises(pdf.PdfError, match="apt-get install fonts-noto-cjk"):
        pdf.render_pdf("<p>正文</p>", str(tmp_path), title="t")


@needs_debian_font
def test_lookup_order(monkeypatch, tmp_path):
    monkeypatch.delenv("RNNQ_CJK_FONT", raising=False)
    assert pdf.find_cjk_font() == DEBIAN_FONT
    monkeypatch.setenv("RNNQ_CJK_FONT", str(DEBIAN_FONT))
    assert pdf.find_cjk_font() == DEBIAN_FONT


@needs_debian_font
def test_single_face_font_via_env_var(monkeypatch, tmp_path):
    # A plain .otf (as the pip package ships) works as well as the Debian collection.
    otf = tmp_path / "NotoSansCJKsc-Regular.otf"
    otf.write_bytes(pdf.fonts._face_file(pdf.fonts._load_face(DEBIAN_FONT)).read_bytes())
    monkeypatch.setenv("RNNQ_CJK_FONT", str(otf))
    assert pdf.find_cjk_font() == otf
    data = pdf.render_pdf("<h1>速查表</h1><p>遗忘门 <strong>细胞状态</strong></p>", str(tmp_path),
                          title="t")
    fonts = _embedded_fonts(_reader(data))
    pattern = r"/[A-Z]{6}\+NotoSansCJKsc-Sheet(-Bold)?"
    assert fonts and all(re.fullmatch(pattern, base) for base, _ in fonts)


@needs_debian_font
def test_code_uses_mono_face(tmp_path):
    html = ("<p>调用 <code>nn.LSTM(input_size=d)</code></p>"
            "<pre><code>h = x @ W_xh  # 注释\n</code></pre>")
    data = pdf.render_pdf(html, str(tmp_path), title="t")
    fonts = {base for base, _ in _embedded_fonts(_reader(data))}
    assert any(re.fullmatch(r"/[A-Z]{6}\+NotoSansMonoCJKsc-Sheet", base) for base in fonts), fonts


@needs_debian_font
def test_extracted_face_is_a_faithful_copy():
    from fontTools.ttLib import TTFont

    face = pdf.fonts._load_face(DEBIAN_FONT)
    copy = TTFont(str(pdf.fonts._face_file(face)))
    original = TTFont(str(DEBIAN_FONT), fontNumber=face.index)
    assert copy["name"].getDebugName(6) == "NotoSansCJKsc-Regular"
    assert sorted(copy.reader.keys()) == sorted(original.reader.keys())
    for tag in original.reader.keys():
        assert copy.reader[tag] == original.reader[tag], tag


@needs_debian_font
def test_collection_face_is_simplified_chinese():
    face = pdf.fonts._load_face(DEBIAN_FONT)
    assert face.ps_name == "NotoSansCJKsc-Regular"
    assert face.css_family == "NotoSansCJKsc-Sheet"
    assert ord("遗") in face.cmap and 0x1F600 not in face.cmap


# ------------------------------------------------------------------------------------ math

def test_malformed_formula_is_named():
    html = '<p>坏公式 <span class="arithmatex">\\(\\frac{a}{b\\)</span></p>'
    with pytest.raises(pdf.PdfError, match=re.escape(r"\frac{a}{b")):
        pdf.math_to_svg(html)


@pytest.mark.parametrize("tex", [r"x^{", r"\begin{aligned} a \end{array}", r"\undefinedcmd x",
                                 r"\left( x"])
def test_other_malformed_formulas(tex):
    with pytest.raises(pdf.PdfError) as info:
        pdf.math_to_svg(f'<div class="arithmatex">\\[{tex}\\]</div>')
    assert tex.split()[0] in str(info.value)


def test_chinese_inside_formula_is_rejected():
    with pytest.raises(pdf.PdfError, match="遗"):
        pdf.math_to_svg('<span class="arithmatex">\\(\\text{遗忘门}\\)</span>')


@pytest.mark.parametrize("svg2", [True, False])
def test_no_duplicate_svg_ids(monkeypatch, svg2):
    from bs4 import BeautifulSoup

    # SVG 2 mode: ziamath defines each glyph as <symbol id=...> and draws it with <use href>.
    monkeypatch.setattr(pdf.math_svg, "SVG2", svg2)

    html = ('<p><span class="arithmatex">\\(\\tilde c_t\\)</span> 和 '
            '<span class="arithmatex">\\(\\tilde c_t\\)</span></p>'
            f'<div class="arithmatex">{_escape(LSTM_BLOCK)}</div>')
    out = pdf.math_to_svg(html)
    soup = BeautifulSoup(out, "html.parser")
    svgs = soup.find_all("svg")
    assert len(svgs) == 3
    ids = [el["id"] for el in soup.find_all(id=True)]
    if svg2:
        assert ids and soup.find("use"), "expected <symbol id>/<use> in SVG 2 mode"
    assert len(ids) == len(set(ids))
    # every reference points at an id of its own SVG
    for svg in svgs:
        own = {el["id"] for el in svg.find_all(id=True)}
        for el in svg.find_all(href=True):
            assert el["href"].lstrip("#") in own
    assert "arithmatex" not in out


def test_inline_and_display_markup():
    out = pdf.math_to_svg('<p>门 <span class="arithmatex">\\(f_t \\odot c_{t-1}\\)</span> 控制</p>'
                          f'<div class="arithmatex">{_escape(GRU_BLOCK)}</div>')
    inline = re.search(r'<svg[^>]*class="math math-inline"[^>]*>', out).group(0)
    # descender of the subscript "t-1" hangs below the baseline: negative vertical-align in em
    shift = float(re.search(r"vertical-align:-([0-9.]+)em", inline).group(1))
    assert 0.1 < shift < 0.5
    assert 'viewBox="' in inline  # not lowercased by an HTML serialiser
    assert re.search(r'<div class="math-display"><svg[^>]*class="math math-display-svg"', out)
    assert "<p>门 <svg" in out and "</svg> 控制</p>" in out


def test_other_html_untouched():
    html = '<h2 id="x">标题</h2><p><a href="https://example.org/a?b=1&amp;c=2">链接</a></p>'
    assert pdf.math_to_svg(html) == html


# ---------------------------------------------------------------------------------- images

@needs_debian_font
def test_missing_image_is_an_error(tmp_path):
    with pytest.raises(pdf.PdfError, match="lstm-cell.svg"):
        pdf.render_pdf('<p><img alt="图" src="../diagrams/lstm-cell.svg"></p>', str(tmp_path),
                       title="t")


@needs_debian_font
def test_remote_image_is_not_fetched(tmp_path):
    with pytest.raises(pdf.PdfError, match="remote resources are never fetched"):
        pdf.render_pdf('<p><img alt="图" src="https://example.org/x.png"></p>', str(tmp_path),
                       title="t")


def test_formulas_from_the_disk_cache_render_identically(tmp_path, monkeypatch):
    monkeypatch.setattr(pdf.math_svg, "_FORMULA_CACHE", tmp_path / "formulas")
    html = ('<p><span class="arithmatex">\\(\\tilde c_t\\)</span></p>'
            '<div class="arithmatex">\\[\\begin{aligned} c_t &= f_t \\odot c_{t-1} \\\\ '
            'h_t &= o_t \\odot \\tanh(c_t) \\end{aligned}\\]</div>')
    pdf.math_svg._render_formula_cached.cache_clear()
    fresh = pdf.math_to_svg(html)
    assert len(list((tmp_path / "formulas").glob("*.json"))) == 2
    pdf.math_svg._render_formula_cached.cache_clear()
    assert pdf.math_to_svg(html) == fresh


def test_the_benchmark_still_times_the_pdf_step(built_site):
    """scripts/benchmark.py is not a test, but it must keep up with the code it times."""
    sys.path.insert(0, str(ROOT / "scripts"))
    import benchmark

    assert benchmark.pdf_time(built_site, cold=False) > 0
