"""The hook modules on their own, without MkDocs."""

from __future__ import annotations

import sys

import markdown
from bs4 import BeautifulSoup
import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "hooks"))
from bank import formulas  # noqa: E402
from page import notebooks  # noqa: E402
from bank import similarity  # noqa: E402
from bank.questions import parse_page, plain_text, resolve  # noqa: E402

EXTENSIONS = ["admonition", "attr_list", "md_in_html", "toc", "pymdownx.arithmatex", "pymdownx.superfences"]
CONFIGS = {"pymdownx.arithmatex": {"generic": True}}


@pytest.mark.parametrize("tex", [
    r"h_t = \tanh(W_{xh} x_t + W_{hh} h_{t-1} + b_h)",
    r"\begin{aligned} c_t &= f_t \odot c_{t-1} + i_t \odot \tilde c_t \\ h_t &= o_t \odot \tanh(c_t) \end{aligned}",
    r"\frac{\partial L}{\partial W_{hh}} = \sum_{t=1}^{T} \prod_{j=k+1}^{t} \operatorname{diag}(1 - h_j^{2}) W_{hh}",
    r"f(x) = \left\{ \begin{matrix} x & x > 0 \\ a x & x \le 0 \end{matrix} \right.",
])
def test_good_formulas_pass(tex):
    assert formulas.problems(tex) == ()


@pytest.mark.parametrize("tex,why", [
    (r"\frac{a}{", "unbalanced"),
    (r"\text{遗忘门}", "non-ASCII"),
    (r"x ∂ y", "non-ASCII"),
    (r"\big\{ x \big\}", "\\big\\{"),
    (r"\foo x", "\\foo"),
    (r"\begin{aligned} a \end{align}", "without"),
    (r"\left( x", "\\left and \\right"),
    (r"\begin{tabular} a \end{tabular}", "environment"),
])
def test_bad_formulas_are_named(tex, why):
    found = formulas.problems(tex)
    assert found and any(why in p for p in found), found


PAGE = """
# LSTM

## 遗忘门有什么用？ {#lstm-forget-gate}

<!-- question
level: 基础
tags: [lstm]
new: true
-->

!!! abstract "一句话回答"
    遗忘门 $f_t$ 决定保留多少 $c_{t-1}$。

$$
c_t = f_t \\odot c_{t-1}
$$

![LSTM](../diagrams/lstm-cell.svg)

!!! question "追问"
    - [GRU 呢？](gru.md#gru-structure)

!!! tip "速记"
    $f_t$ 缩放旧状态。

## 第二题？ {#second}

<!-- question
level: [broken
-->
"""


def test_parse_page_reads_every_part():
    html = markdown.markdown(PAGE, extensions=EXTENSIONS, extension_configs=CONFIGS)
    first, second = parse_page(html, "topics/lstm.md", "topics/lstm/", "LSTM")
    assert (first.id, first.title, first.level, first.tags) == ("lstm-forget-gate", "遗忘门有什么用？", "基础", ["lstm"])
    assert "遗忘门" in first.one_liner and "缩放旧状态" in first.cheat_text
    assert [l.href for l in first.follow_ups] == ["gru.md#gru-structure"]
    assert "c_t = f_t \\odot c_{t-1}" in first.formulas and "f_t" in first.formulas
    assert first.diagrams == ["../diagrams/lstm-cell.svg"]
    assert second.meta_error and "YAML" in second.meta_error


@pytest.mark.parametrize("html,text", [
    ("<p>沿时间<strong>向前</strong>传播</p>", "沿时间向前传播"),  # inline markup adds no space
    ("<p>写入和输出。\n本页覆盖\n三件事，用\n<code>detach()</code> 截断</p>", "写入和输出。本页覆盖三件事，用 detach() 截断"),
    ("<p>keeps the\nold state</p><ul><li>一</li><li>二</li></ul><p>完</p>", "keeps the old state 一 二 完"),
])
def test_plain_text_reads_like_the_page(html, text):
    soup = BeautifulSoup(html, "html.parser")
    assert plain_text([t for t in soup.children if getattr(t, "name", None)]) == text


def test_resolve_follows_relative_urls():
    assert resolve("topics/lstm/", "../gru/#gru-structure") == ("topics/gru/", "gru-structure")
    assert resolve("topics/lstm/", "#x") == ("topics/lstm/", "x")
    assert resolve("notebooks/demo/", "../../topics/lstm/") == ("topics/lstm/", "")


def test_similarity_separates_rewordings_from_neighbours():
    items = {
        "a": ("为什么 RNN 会梯度消失？", "连乘的雅可比矩阵范数小于 1 时梯度指数衰减。"),
        "b": ("RNN 为何出现梯度消失问题？", "雅可比矩阵连乘，范数小于 1 时梯度指数级衰减。"),
        "c": ("如何缓解梯度爆炸？", "梯度裁剪、合适的初始化和门控结构。"),
        "d": ("LSTM 有几个门？", "遗忘门、输入门和输出门三个。"),
    }
    scores = {frozenset((a, b)): s for s, a, b in similarity.scored_pairs(items)}
    others = max(s for k, s in scores.items() if k != frozenset("ab"))
    assert scores[frozenset("ab")] > 2 * others, scores


class _File:
    src_uri = "notebooks/demo.ipynb"


class _Page:
    file = _File()


class _Files:
    def get_file_from_path(self, path):
        return None


def test_notebook_math_is_wrapped_and_mathjax2_removed():
    html = ('<script type="text/x-mathjax-config">MathJax.Hub.Config({})</script>'
            '<div class="jp-RenderedMarkdown"><p>损失 $L_t$ 与 $$h_t = \\tanh(a_t)$$</p>'
            '<pre><code>cost = "$5"</code></pre></div>')
    soup = BeautifulSoup(html, "html.parser")
    notebooks.integrate(soup, _Page(), _Files())
    out = str(soup)
    assert "x-mathjax-config" not in out
    assert '<span class="arithmatex">\\(L_t\\)</span>' in out
    assert '<div class="arithmatex">\\[h_t = \\tanh(a_t)\\]</div>' in out
    assert 'cost = "$5"' in out
