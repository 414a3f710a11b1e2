"""Each build check, fed its bad input in a small fixture site, fails `mkdocs build --strict`
with a message that names the file, the question and the fix."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import ROOT, mkdocs

SEED = "000_b091df8ebc27210e.txt"

CONFIG = f"""
site_name: fixture
site_url: https://example.org/
theme:
  name: mkdocs
markdown_extensions:
  - admonition
  - attr_list
  - md_in_html
  - toc:
      permalink: true
      slugify: !!python/object/apply:pymdownx.slugs.slugify {{kwds: {{case: lower}}}}
  - pymdownx.arithmatex: {{generic: true}}
  - pymdownx.superfences
plugins:
  - mkdocs-jupyter: {{execute: false}}
hooks:
  - {ROOT / "hooks" / "bank_hook.py"}
validation:
  links: {{not_found: warn, anchors: warn, absolute_links: warn, unrecognized_links: warn}}
exclude_docs: |
  *.yml
"""

SOURCES = f"""
- seed: {SEED}
  title: 测试来源
  questions:
    - "RNN和CNN有什么区别?"
    - "LSTM为什么能缓解梯度消失?"
"""


def question(qid: str, title: str, *, meta: str, answer: str, follow: str, cheat: str, extra: str = "") -> str:
    return (f"\n## {title} {{#{qid}}}\n\n<!-- question\n{meta}\n-->\n\n"
            f'!!! abstract "一句话回答"\n    {answer}\n\n{extra}\n\n'
            f'!!! question "追问"\n    - {follow}\n\n'
            f'!!! tip "速记"\n    {cheat}\n')


def good_pages() -> dict[str, str]:
    a = "# 基础\n" + question(
        "rnn-vs-cnn", "RNN 和 CNN 有什么区别？",
        meta=f"level: 基础\ntags: [rnn, cnn]\nsources:\n  - {{seed: {SEED}, q: \"RNN和CNN有什么区别?\"}}",
        answer="CNN 用卷积核在空间上共享参数，RNN 沿时间共享参数并维护隐藏状态。",
        follow="[LSTM 怎样缓解梯度消失？](b.md#lstm-vanishing)",
        cheat="CNN 空间共享卷积核；RNN 时间共享 $W_{hh}$。",
        extra="![RNN 展开图](../diagrams/cell.svg)",
    )
    b = "# LSTM\n" + question(
        "lstm-vanishing", "LSTM 怎样缓解梯度消失？",
        meta=f"level: 进阶\ntags: [lstm, vanishing]\nsources:\n  - {{seed: {SEED}, q: \"LSTM为什么能缓解梯度消失?\"}}",
        answer="细胞状态的加法更新让梯度沿 $c_t$ 路径只乘以遗忘门。",
        follow="[RNN 和 CNN 有什么区别？](a.md#rnn-vs-cnn)",
        cheat="$c_t$ 加法更新，$\\partial c_t / \\partial c_{t-1} = f_t$。",
        extra="$$\nc_t = f_t \\odot c_{t-1} + i_t \\odot \\tilde c_t\n$$",
    ) + question(
        "lstm-peephole", "什么是窥孔连接？",
        meta="level: 深入\ntags: [lstm, gates]\nnew: true\nrelated: [lstm-vanishing]",
        answer="窥孔连接让各个门在计算时也看到细胞状态。",
        follow="[LSTM 怎样缓解梯度消失？](#lstm-vanishing)",
        cheat="门的输入额外加上 $c_{t-1}$ 或 $c_t$。",
    )
    # Make lstm-peephole reachable.
    b = b.replace("- [RNN 和 CNN 有什么区别？](a.md#rnn-vs-cnn)",
                  "- [RNN 和 CNN 有什么区别？](a.md#rnn-vs-cnn)\n    - [窥孔连接](#lstm-peephole)", 1)
    return {
        "index.md": "# 首页\n\n[基础](topics/a.md)\n",
        "topics/a.md": a,
        "topics/b.md": b,
        "cheatsheet.md": "# 速查表\n\n$$\nh_t = \\tanh(W_{xh} x_t + W_{hh} h_{t-1} + b_h)\n$$\n\n<!-- cheatsheet:questions -->\n",
    }


def notebook(markdown: str) -> str:
    return json.dumps({
        "cells": [{"cell_type": "markdown", "metadata": {}, "source": markdown}],
        "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
        "nbformat": 4, "nbformat_minor": 5,
    })


def make_site(tmp_path: Path, edit=None) -> Path:
    site = tmp_path / "fixture"
    docs = site / "docs"
    (docs / "topics").mkdir(parents=True)
    (docs / "diagrams").mkdir()
    (site / "mkdocs.yml").write_text(CONFIG)
    shutil.copy(ROOT / "docs" / "tags.yml", docs / "tags.yml")
    (docs / "sources.yml").write_text(SOURCES)
    (docs / "diagrams" / "cell.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10" width="10" height="10">'
        "<title>t</title><rect width='10' height='10'/></svg>")
    pages = good_pages()
    pages["notebooks/demo.ipynb"] = notebook("# 演示\n\n见 [区别](../topics/a.md#rnn-vs-cnn)，$h_t$。")
    if edit:
        edit(pages, docs)
    for name, text in pages.items():
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text(text, encoding="utf-8")
    return site


def build(site: Path, **env):
    return mkdocs("build", "--strict", cwd=site, env=env)  # not -q: it hides the warnings --strict counts


def assert_fails(result, *needles):
    log = result.stdout + result.stderr
    assert result.returncode != 0, "strict build passed, expected it to fail:\n" + log[-3000:]
    for needle in needles:
        assert needle in log, f"{needle!r} not in the build log:\n{log[-3000:]}"


def test_the_clean_fixture_builds(tmp_path):
    site = make_site(tmp_path)
    result = build(site)
    assert result.returncode == 0, result.stderr[-4000:]
    data = json.loads((site / "site" / "questions.json").read_text())
    assert [q["id"] for q in data["questions"]] == ["rnn-vs-cnn", "lstm-vanishing", "lstm-peephole"]
    assert (site / "site" / "cheatsheet.pdf").read_bytes().startswith(b"%PDF")


def test_broken_link(tmp_path):
    def edit(pages, docs):
        pages["topics/a.md"] += "\n另见 [不存在的页](missing.md)。\n"
    assert_fails(build(make_site(tmp_path, edit)), "topics/a.md", "missing.md")


def test_broken_anchor(tmp_path):
    def edit(pages, docs):
        pages["topics/a.md"] += "\n另见 [锚点](b.md#no-such-question)。\n"
    assert_fails(build(make_site(tmp_path, edit)), "topics/a.md", "no-such-question")


def test_follow_up_must_target_a_question(tmp_path):
    def edit(pages, docs):
        pages["topics/b.md"] = pages["topics/b.md"].replace("(#lstm-vanishing)", "(../index.md#_1)", 1)
        pages["index.md"] += "\n## 小节 {#_1}\n"
    assert_fails(build(make_site(tmp_path, edit)), "topics/b.md › lstm-peephole", "does not point at a question")


def test_duplicate_id(tmp_path):
    def edit(pages, docs):
        pages["topics/a.md"] += question(
            "lstm-vanishing", "另一道题？", meta="level: 基础\ntags: [rnn]\nnew: true",
            answer="完全不同的内容。", follow="[区别](#rnn-vs-cnn)", cheat="不同。")
    assert_fails(build(make_site(tmp_path, edit)), "lstm-vanishing", "used more than once")


def test_near_duplicate_question(tmp_path):
    def edit(pages, docs):
        pages["topics/a.md"] += question(
            "rnn-cnn-difference", "RNN 与 CNN 的区别是什么？", meta="level: 基础\ntags: [rnn]\nnew: true",
            answer="CNN 用卷积核在空间上共享参数，RNN 沿时间共享参数并且维护隐藏状态。",
            follow="[区别](#rnn-vs-cnn)", cheat="空间与时间。")
    assert_fails(build(make_site(tmp_path, edit)), "topics/a.md › rnn-cnn-difference",
                 "duplicate of topics/a.md › rnn-vs-cnn", "distinct_from")


def test_reviewed_similar_pair_is_allowed(tmp_path):
    def edit(pages, docs):
        pages["topics/a.md"] += question(
            "rnn-cnn-difference", "RNN 与 CNN 的区别是什么？",
            meta="level: 基础\ntags: [rnn]\nnew: true\ndistinct_from: [rnn-vs-cnn]",
            answer="CNN 用卷积核在空间上共享参数，RNN 沿时间共享参数并且维护隐藏状态。",
            follow="[区别](#rnn-vs-cnn)", cheat="空间与时间。")
    result = build(make_site(tmp_path, edit))
    assert "duplicate" not in result.stderr


def test_malformed_formula(tmp_path):
    def edit(pages, docs):
        pages["topics/b.md"] = pages["topics/b.md"].replace(r"i_t \odot \tilde c_t", r"i_t \odot \frac{a}{", 1)
    assert_fails(build(make_site(tmp_path, edit)), "topics/b.md › lstm-vanishing", "formula", "unbalanced braces")


def test_formula_that_renders_wrong_in_the_pdf(tmp_path):
    def edit(pages, docs):
        pages["topics/b.md"] = pages["topics/b.md"].replace(r"\tilde c_t", r"\big\{ \text{候选} \big\}", 1)
    assert_fails(build(make_site(tmp_path, edit)), "topics/b.md › lstm-vanishing", "\\big\\{", "non-ASCII")


def test_retired_notation(tmp_path):
    """The site's own notation rules, applied to a formula that writes the attention context as c_t."""
    def edit(pages, docs):
        shutil.copy(ROOT / "docs" / "notation.yml", docs / "notation.yml")
        pages["topics/b.md"] = pages["topics/b.md"].replace(
            r"c_t = f_t \odot c_{t-1} + i_t \odot \tilde c_t", r"c_t = \sum_j \alpha_{tj} h_j", 1)
    assert_fails(build(make_site(tmp_path, edit)), "topics/b.md › lstm-vanishing",
                 "attention context is written c_t", "Fix: write \\mathrm{ctx}_t")


def test_allowed_notation_passes_and_cell_state_sum_is_not_flagged(tmp_path):
    """`allow` exempts a question; an LSTM cell-state sum (c_t = sum_s ...) is not an attention context."""
    def edit(pages, docs):
        shutil.copy(ROOT / "docs" / "notation.yml", docs / "notation.yml")
        rules = (docs / "notation.yml").read_text().replace("allow: [gru-structure", "allow: [lstm-vanishing, gru-structure")
        (docs / "notation.yml").write_text(rules)
        pages["topics/b.md"] = pages["topics/b.md"].replace(
            r"c_t = f_t \odot c_{t-1} + i_t \odot \tilde c_t",
            r"h_t = (1 - z_t) \odot h_{t-1} + z_t \odot \tilde h_t, \quad c_t = \sum_{s=1}^{t} i_s \odot \tilde c_s", 1)
    result = build(make_site(tmp_path, edit))
    assert result.returncode == 0, result.stderr[-3000:]


# One bad formula per notation clash the reviews found, the message the build must give, and the fix it names.
CLASHES = {
    "logits-o": (r"o_t = W_{hy} h_t + b_y, \quad \hat y_t = \operatorname{softmax}(o_t)",
                 "logits are written o_t", "write the logits as u_t"),
    "delta-h": (r"\delta h_t = \partial L / \partial h_t", "written \\delta h_t", "write \\delta_t"),
    "gate-index-g": (r"\sum_{g \in \{f, i, o, c\}} W_{hg}^\top \delta a^g_{t+1}", "g is used as a gate index",
                     "index the gates with \\ast"),
    "candidate-g": (r"g_t = \tanh(W_{xc} x_t + W_{hc} h_{t-1} + b_c)", "candidate is written g_t",
                    "write \\tilde c_t"),
    "layers-L": (r"h_n \in \mathbb{R}^{(L \cdot D, B, n)}", "number of layers is written L", "num\\_layers"),
    "directions-D": (r"\mathrm{output} \in \mathbb{R}^{(T, B, D n)}", "number of directions is written D",
                     "write 2n"),
    "attention-a": (r"a_t = \frac{\exp(v^\top u_t)}{\sum_{k=1}^{T} \exp(v^\top u_k)}", "attention weight is written a_t",
                    "write \\alpha_t"),
    "lag-tau": (r"G_\tau = \sum_{t - s = \tau} g_s h_{s-1}^\top, \quad \tau = t - s", "time lag is written \\tau",
                "\\ell = t - s"),
    "kernel-k": (r"4(k^2 C_h (C_{\mathrm{in}} + C_h) + C_h)", "kernel side is written k", "write the kernel side as K"),
    "heads-h": (r"d_k = d_{\mathrm{model}} / h = 64", "number of attention heads is written h", "n_{\\mathrm{head}}"),
}


@pytest.mark.parametrize("clash", CLASHES)
def test_notation_clash(tmp_path, clash):
    """The site's notation rules catch each clash the reviewers found, naming file, question and fix."""
    formula, message, fix = CLASHES[clash]

    def edit(pages, docs):
        shutil.copy(ROOT / "docs" / "notation.yml", docs / "notation.yml")
        pages["topics/b.md"] = pages["topics/b.md"].replace(
            r"c_t = f_t \odot c_{t-1} + i_t \odot \tilde c_t", formula, 1)
    assert_fails(build(make_site(tmp_path, edit)), "topics/b.md › lstm-vanishing", message, "Fix: ", fix)


def test_site_spellings_pass_the_clash_rules(tmp_path):
    """The spellings the fixes ask for, and look-alikes that are right (Kronecker delta, D_t W_hh, the
    dilation D(K-1), the BPTT g_t, the clipping tau), are not flagged."""
    good = (r"\begin{aligned} u_t &= W_{hy} h_t + b_y, \quad \hat y_t = \operatorname{softmax}(u_t), \quad "
            r"\delta_t = W_{hh}^\top g_{t+1}, \quad g_t = (1 - h_t^2) \odot \delta_t \\ "
            r"\delta c_t &= \delta_t \odot o_t, \quad \sum_{\ast \in \{f, i, o, c\}} W_{h\ast}^\top \delta a^{\ast}_{t+1}, "
            r"\quad \tilde c_t = \tanh(a^c_t), \quad \delta_{ij} \\ "
            r"\mathrm{output} &\in \mathbb{R}^{(T, B, 2n)}, \quad D_t W_{hh}, \quad D(K - 1) + 1, \quad "
            r"4(K^2 C_h (C_{\mathrm{in}} + C_h) + C_h) \\ "
            r"\alpha_t &= \frac{\exp(v^\top u_t)}{\sum_k \exp(v^\top u_k)}, \quad \ell = t - s, \quad \tau / \|g\|, \quad "
            r"d_k = d_{\mathrm{model}} / n_{\mathrm{head}}, \quad h_0 = 0, \quad h = 0, \quad h = 1, \dots, H \end{aligned}")

    def edit(pages, docs):
        shutil.copy(ROOT / "docs" / "notation.yml", docs / "notation.yml")
        pages["topics/b.md"] = pages["topics/b.md"].replace(
            r"c_t = f_t \odot c_{t-1} + i_t \odot \tilde c_t", good, 1)
    result = build(make_site(tmp_path, edit))
    assert result.returncode == 0, (result.stdout + result.stderr)[-3000:]


def test_invalid_notation_rule(tmp_path):
    def edit(pages, docs):
        (docs / "notation.yml").write_text("- pattern: '(unclosed'\n  message: m\n  fix: f\n")
    assert_fails(build(make_site(tmp_path, edit)), "docs/notation.yml", "rule 1 is invalid")


def test_missing_diagram(tmp_path):
    def edit(pages, docs):
        (docs / "diagrams" / "cell.svg").unlink()
    assert_fails(build(make_site(tmp_path, edit)), "topics/a.md › rnn-vs-cnn", "diagram", "cell.svg")


def test_unknown_tag(tmp_path):
    def edit(pages, docs):
        pages["topics/a.md"] = pages["topics/a.md"].replace("tags: [rnn, cnn]", "tags: [rnn, quantum]", 1)
    assert_fails(build(make_site(tmp_path, edit)), "topics/a.md › rnn-vs-cnn", "unknown tag 'quantum'", "docs/tags.yml")


def test_seed_question_claimed_twice(tmp_path):
    def edit(pages, docs):
        pages["topics/b.md"] = pages["topics/b.md"].replace(
            "new: true\nrelated", f"sources:\n  - {{seed: {SEED}, q: \"RNN和CNN有什么区别?\"}}\nrelated", 1)
    assert_fails(build(make_site(tmp_path, edit)), "claimed by 2 questions", "rnn-vs-cnn, lstm-peephole")


def test_unclaimed_seed_question(tmp_path):
    def edit(pages, docs):
        (docs / "sources.yml").write_text(SOURCES + '    - "GRU有几个门?"\n')
    assert_fails(build(make_site(tmp_path, edit)), "docs/sources.yml", "GRU有几个门?", "not claimed")


def test_missing_metadata(tmp_path):
    def edit(pages, docs):
        pages["topics/b.md"] = pages["topics/b.md"].replace("level: 深入", "level: 很难", 1)
    assert_fails(build(make_site(tmp_path, edit)), "topics/b.md › lstm-peephole", "level '很难'")


def test_unreachable_question(tmp_path):
    def edit(pages, docs):
        pages["topics/b.md"] = pages["topics/b.md"].replace("\n    - [窥孔连接](#lstm-peephole)", "", 1)
    assert_fails(build(make_site(tmp_path, edit)), "topics/b.md › lstm-peephole", "unreachable")


def test_broken_link_in_a_notebook(tmp_path):
    def edit(pages, docs):
        pages["notebooks/demo.ipynb"] = notebook("# 演示\n\n见 [区别](../topics/a.md#no-such-id)。")
    assert_fails(build(make_site(tmp_path, edit)), "notebooks/demo.ipynb", "no-such-id")


def test_renamed_id_needs_an_alias(tmp_path):
    def edit(pages, docs):
        (docs / "published-ids.txt").write_text("rnn-vs-cnn\nlstm-vanishing\nlstm-peephole\nlstm-old-name\n")
    assert_fails(build(make_site(tmp_path, edit)), "lstm-old-name", "aliases: [lstm-old-name]")


def test_an_alias_keeps_old_links_working(tmp_path):
    def edit(pages, docs):
        (docs / "published-ids.txt").write_text("lstm-old-name\n")
        pages["topics/b.md"] = pages["topics/b.md"].replace("level: 深入", "level: 深入\naliases: [lstm-old-name]", 1)
        pages["topics/a.md"] += "\n旧链接：[窥孔](b.md#lstm-old-name)\n"
    result = build(make_site(tmp_path, edit))
    assert result.returncode == 0, result.stderr[-3000:]


def test_missing_font_fails_a_strict_build(tmp_path):
    result = build(make_site(tmp_path), RNNQ_CJK_FONT=str(tmp_path / "no-such-font.ttc"))
    assert_fails(result, "cheatsheet.pdf", "fonts-noto-cjk")


def test_practice_pages_without_their_marker_fail_the_build(tmp_path):
    def edit(pages, docs):
        for name in ("practice.md", "frequent.md", "tags-index.md"):
            pages[name] = f"# {name}\n\n这一页忘了写生成标记。\n"

    assert_fails(build(make_site(tmp_path, edit)),
                 "practice.md: the generated part has nowhere to go. Fix: put a line `<!-- practice:drill -->`",
                 "frequent.md: the generated part has nowhere to go. Fix: put a line `<!-- practice:frequent -->`",
                 "tags-index.md: the generated part has nowhere to go. Fix: put a line `<!-- practice:tags -->`")
