"""Build-time math and typography: MathJax's drawing as an image file for every formula, its errors
and raw TeX fail a strict build with a clear message, Chinese soft line breaks leave no space,
and only mike builds ask for versions.json."""

from __future__ import annotations

import re
import sys
import urllib.request
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urljoin

import pytest

from conftest import ROOT, mkdocs, serve_directory

sys.path.insert(0, str(ROOT / "hooks"))
from maths import mathraster  # noqa: E402
from maths import mathsvg  # noqa: E402
from page import typography  # noqa: E402
from page import versions  # noqa: E402

CONFIG = f"""
site_name: fixture
site_url: https://example.org/
theme:
  name: mkdocs
markdown_extensions:
  - attr_list
  - md_in_html
  - pymdownx.arithmatex: {{generic: true}}
hooks:
  - {ROOT / "hooks" / "maths_hook.py"}
  - {ROOT / "hooks" / "typography_hook.py"}
"""


def build(tmp_path: Path, page: str, others: dict[str, str] | None = None):
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text(CONFIG)
    (tmp_path / "docs" / "index.md").write_text(page, encoding="utf-8")
    for name, text in (others or {}).items():
        (tmp_path / "docs" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "docs" / name).write_text(text, encoding="utf-8")
    (tmp_path / "docs" / "a.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"/>')
    result = mkdocs("build", "--strict", cwd=tmp_path)
    html = tmp_path / "site" / "index.html"
    return result, (html.read_text(encoding="utf-8") if html.exists() else "")


def test_mathjax_draws_svg_labelled_with_the_tex():
    [svg] = mathsvg.engine.render([(r"c_t = f_t \odot c_{t-1}", True)])
    assert svg.startswith('<mjx-container class="MathJax" jax="SVG" display="true">')
    assert 'aria-label="c_t = f_t \\odot c_{t-1}"' in svg
    assert "data-mml-node" not in svg
    # Self-contained: every glyph the formula uses is defined inside it.
    used = set(re.findall(r'xlink:href="#([^"]+)"', svg))
    assert used and used <= set(re.findall(r'<path id="([^"]+)"', svg))


def test_a_formula_file_is_a_standalone_svg_sized_in_ex():
    [container] = mathsvg.engine.render([(r"h_t = o_t \odot \tanh(c_t)", False)])
    image = mathsvg.standalone(container)
    root = ET.fromstring(image.svg)
    assert root.tag == "{http://www.w3.org/2000/svg}svg" and image.svg.startswith('<svg xmlns="http://www.w3.org/2000/svg"')
    assert "<ns0:" not in image.svg and "MJX-" in image.svg and not re.search(r"MJX-[0-9a-f]{8}-", image.svg)
    assert image.width.endswith("ex") and image.height.endswith("ex") and image.valign.startswith("-")
    assert float(image.width[:-2]) > float(image.height[:-2]) > 1
    # Glyphs used are defined in the file itself.
    used = set(re.findall(r'xlink:href="#([^"]+)"', image.svg))
    assert used and used <= set(re.findall(r'<path id="([^"]+)"', image.svg))
    with pytest.raises(ValueError):
        mathsvg.standalone("<span>not MathJax</span>")


def test_a_formula_is_drawn_at_its_size_black_on_transparent():
    import io

    from PIL import Image

    [container] = mathsvg.engine.render([(r"h_t = o_t \odot \tanh(c_t)", False)])
    image = mathsvg.standalone(container)
    with Image.open(io.BytesIO(mathraster.webp(image.svg))) as drawn:
        assert drawn.format == "WEBP" and drawn.mode == "RGBA"
        # resvg reads 1ex as 8px: the image is the SVG's size in ex times 8 times ZOOM.
        for pixels, ex in zip(drawn.size, (image.width, image.height)):
            assert abs(pixels - float(ex[:-2]) * 8 * mathraster.ZOOM) <= 1, (drawn.size, image)
        pixels = list(drawn.get_flattened_data())
        ink = [rgb for *rgb, a in pixels if a > 200]
        clear = sum(1 for *_, a in pixels if a == 0)
        assert clear > len(ink) > 0.05 * len(pixels)  # glyphs on a clear ground
        assert max(max(rgb) for rgb in ink) < 60  # black ink: dark mode inverts it


def test_formula_images_resolve_from_the_home_page_and_a_subfolder(tmp_path):
    same = "$c_t = f_t \\odot c_{t-1}$"
    result, home = build(tmp_path, f"# 首页\n\n首页公式 {same}，行内。\n\n$$h_t = o_t \\odot \\tanh(c_t)$$\n",
                         {"topics/deep/page.md": f"# 深页\n\n同一个公式 {same}。\n"})
    assert result.returncode == 0, result.stderr[-2000:]
    site = tmp_path / "site"
    deep = (site / "topics" / "deep" / "page" / "index.html").read_text(encoding="utf-8")
    files = sorted((site / "assets" / "math").glob("*.webp"))
    assert len(files) == 2, files  # the formula both pages use is one file
    checked = 0
    with serve_directory(site) as base:
        for url, html in ((base, home), (base + "topics/deep/page/", deep)):
            srcs = re.findall(r'<img class="rnnq-math" src="([^"]+)"', html)
            assert srcs and all(not s.startswith(("/", "http")) for s in srcs), srcs  # relative: works under any prefix
            for src in srcs:
                with urllib.request.urlopen(urljoin(url, src)) as resp:  # a 404 raises
                    assert resp.headers["Content-Type"] == "image/webp" and resp.read(12)[8:] == b"WEBP"
                checked += 1
    assert checked == 3
    # The Chinese comma stays on the formula's line.
    assert re.search(r'<span class="rnnq-nowrap"><span class="arithmatex"><img [^>]+></span>，</span>', home)


@pytest.mark.parametrize("tex,error", [(r"x^^2", "Missing open brace for superscript"), (r"\frac{a}", "Missing argument")])
def test_mathjax_errors_are_reported_not_drawn(tex, error):
    [result] = mathsvg.engine.render([(tex, False)])
    assert isinstance(result, mathsvg.TexError) and error in str(result)


@pytest.mark.parametrize("tex,message,fix", [
    # Passes the shared lint (hooks/bank/formulas.py); only MathJax itself rejects it.
    ("x^^2", "MathJax cannot typeset $x^^2$ (Missing open brace", "Fix: correct the TeX"),
    # MathJax draws \mathbb{1} as <text>: it would depend on the fonts of the building machine.
    ("\\mathbb{1}[a > 0]", "$\\mathbb{1}[a > 0]$: MathJax's fonts have no glyph for '𝟙'",
     "Fix: use a symbol MathJax's TeX fonts have"),
])
def test_a_formula_mathjax_cannot_draw_fails_the_build_naming_the_question(tmp_path, tex, message, fix):
    result, _ = build(tmp_path, f"# 页\n\n## 题目 {{#gate-question}}\n\n门 ${tex}$ 的值。\n")
    log = result.stdout + result.stderr
    assert result.returncode != 0, log[-2000:]
    assert f"index.md › gate-question: {message}" in log, log[-2000:]
    assert fix in log


def test_math_in_captions_is_typeset_and_raw_tex_elsewhere_fails(tmp_path):
    figure = ('<figure markdown="span">\n  ![图](a.svg)\n'
              "  <figcaption>图：$c_{t-1}$ 乘 \\(f_t\\)</figcaption>\n</figure>\n")
    result, html = build(tmp_path, "# 页\n\n" + figure)
    assert result.returncode == 0, result.stderr[-2000:]
    caption = re.search(r"<figcaption>(.*?)</figcaption>", html, re.S).group(1)
    assert caption.count('<img class="rnnq-math"') == 2
    assert "$" not in re.sub(r'alt="[^"]*"', "", caption) and 'alt="c_{t-1}"' in caption

    bad = tmp_path / "bad"
    bad.mkdir()
    result, _ = build(bad, '# 页\n\n<div class="note">细胞状态 $c_t$ 的更新</div>\n')
    log = result.stdout + result.stderr
    assert result.returncode != 0 and "index.md: raw TeX '$c_t$' would be shown to readers" in log, log[-2000:]
    assert "Fix:" in log


@pytest.mark.parametrize("source,expected", [
    ("<body><p>写入和输出。\n本页覆盖</p>", "<body><p>写入和输出。本页覆盖</p>"),       # punctuation, CJK
    ("<body><p>衰减；\n  LSTM 的</p>", "<body><p>衰减；LSTM 的</p>"),                   # punctuation, Latin
    ("<body><p>两个\n<strong>状态</strong></p>", "<body><p>两个<strong>状态</strong></p>"),  # across a tag
    ("<body><p>中\n文\n字</p>", "<body><p>中文字</p>"),
    ("<body><p>RNN 和 传统\n的 缩放</p>", "<body><p>RNN 和传统的缩放</p>"),             # overlapping
    ("<body><p>使用\nLSTM 的</p>", "<body><p>使用\nLSTM 的</p>"),                       # CJK, Latin: a space
    ('<body><p>写入\n<span class="arithmatex"><img class="rnnq-math" alt="a \n 中 \n 文"></span>了</p>',
     '<body><p>写入\n<span class="arithmatex"><img class="rnnq-math" alt="a \n 中 \n 文"></span>了</p>'),  # math, its alt
    ("<body><pre>中文\n中文</pre>", "<body><pre>中文\n中文</pre>"),                      # code untouched
    ("<head><title>甲\n乙</title></head><body></body>", "<head><title>甲\n乙</title></head><body></body>"),
])
def test_soft_line_breaks_in_chinese(source, expected):
    assert typography.join_lines(source) == expected


def test_built_pages_use_static_math_only(built_site):
    assert not (built_site / "assets" / "javascripts" / "mathjax").exists(), "runtime MathJax still shipped"
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 20
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert "mathjax" not in " ".join(re.findall(r"<script[^>]*>", html)).lower(), f"{page}: a MathJax script"
        formulas = re.findall(r'<(span|div) class="arithmatex">(.{0,40})', html, re.S)
        untypeset = [f for f in formulas if not f[1].startswith('<img class="rnnq-math"')]
        assert not untypeset, f"{page}: formulas left as TeX: {untypeset[:3]}"
        assert '"provider":"mike"' not in html.replace(" ", ""), f"{page}: version selector in a local build"


def test_versions_hook_keeps_the_selector_only_under_mike(monkeypatch):
    class Config:
        extra = {"version": {"provider": "mike"}}

    monkeypatch.delenv("MIKE_DOCS_VERSION", raising=False)
    assert "version" not in versions.on_config(Config()).extra
    Config.extra = {"version": {"provider": "mike"}}
    monkeypatch.setenv("MIKE_DOCS_VERSION", "1.0")
    assert versions.on_config(Config()).extra["version"] == {"provider": "mike"}
