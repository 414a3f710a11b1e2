"""Site search: the index (hooks/search_*.py), query understanding (search-engine.js), and the
real Material search box in Chromium on the query set tests/search/search_queries.yml."""

from __future__ import annotations

import json
import re
import sys
from urllib.parse import parse_qs, urlparse

import markdown
import pytest

from conftest import ROOT, mkdocs

sys.path.insert(0, str(ROOT / "hooks"))
sys.path.insert(0, str(ROOT / "scripts"))
from search import search_aliases  # noqa: E402
import search_benchmark  # noqa: E402
from search import search_docs  # noqa: E402

ENGINE = ROOT / "docs" / "assets" / "javascripts" / "workers" / "search-engine.js"
RAW_TEX = re.compile(r"\\[(\[a-zA-Z]|\$|[_^]\{")
MATH_DELIMITERS = re.compile(r"\\[(\[]|\$")  # pages about notation may quote TeX as code


# --- the index --------------------------------------------------------------------------------

@pytest.mark.parametrize("tex,text", [
    (r"\(W_{hh}\)", "W_hh"),
    (r"\(f_t = \sigma(W_{xf} x_t + b_f)\)", "f_t = σ(W_xf x_t + b_f)"),
    (r"c_t = f_t \odot c_{t-1}", "c_t = f_t ⊙ c_t-1"),
    (r"\tanh(c_t)", "tanh(c_t)"),
    (r"\frac{\partial L}{\partial W_{hh}}", "∂L/∂W_hh"),
    (r"\operatorname{softmax}(z)", "softmax(z)"),
    (r"\sqrt{d_k}", "√(d_k)"),
])
def test_tex_becomes_readable_text(tex, text):
    assert search_docs.tex_to_text(tex) == text


def test_tex_that_cannot_be_read_is_dropped_not_indexed_raw():
    assert not RAW_TEX.search(search_docs.tex_to_text(r"\frac{a}{"))


PAGE = """# LSTM

本页介绍 LSTM。

## 遗忘门有什么用？ {#lstm-forget-gate}

<!-- question
level: 基础
tags: [lstm, gates]
sources:
  - seed: 001.txt
    q: "LSTM中遗忘门的作用是什么?"
-->

!!! abstract "一句话回答"
    遗忘门 $f_t$ 决定保留多少 $c_{t-1}$。

**展开**

- 门经过 $\\sigma$，逐元素乘 $\\odot$。

$$
c_t = f_t \\odot c_{t-1}
$$

```python
plt.rcParams["font.family"] = "Noto Sans CJK SC"
```

!!! question "追问"
    - [GRU 的重置门呢？](gru.md#gru-reset-gate)

## 参考 {#refs}

见论文。
"""


def page_docs():
    html = markdown.markdown(PAGE, extensions=["admonition", "attr_list", "md_in_html", "toc",
                                               "pymdownx.arithmatex", "pymdownx.superfences"],
                             extension_configs={"pymdownx.arithmatex": {"generic": True},
                                                "toc": {"permalink": "¶"}})
    return search_docs.page_docs(html, "topics/lstm.md", "topics/lstm/", "LSTM", {"lstm": "LSTM", "gates": "门控"})


def test_a_question_is_one_clean_document():
    intro, question, other = page_docs()
    assert intro == {"location": "topics/lstm/", "title": "LSTM", "text": "本页介绍 LSTM。"}
    assert question["location"] == "topics/lstm/#lstm-forget-gate"
    assert question["title"] == "遗忘门有什么用？"
    assert (question["level"], question["tags"], question["asked"]) == ("基础", ["LSTM", "门控"], ["LSTM中遗忘门的作用是什么?"])
    assert question["answer"] == "遗忘门 f_t 决定保留多少 c_t-1。"
    assert question["text"] == "展开 门经过 σ，逐元素乘 ⊙。"  # no display math, code, follow-ups, ¶
    assert other == {"location": "topics/lstm/#refs", "title": "参考", "text": "见论文。"}


def test_notebook_document_keeps_prose_only(tmp_path):
    nb = tmp_path / "demo.ipynb"
    nb.write_text(json.dumps({"cells": [
        {"cell_type": "markdown", "source": ["# 梯度实验\n", "看 $W_{hh}$ 的**谱半径**：\n", "$$\\rho(W)$$"]},
        {"cell_type": "code", "source": "plt.rcParams['font.sans-serif'] = ['Noto Sans CJK SC']", "outputs": []},
    ]}), encoding="utf-8")
    doc = search_docs.notebook_doc(nb, "notebooks/demo/", "梯度实验")
    assert doc == {"location": "notebooks/demo/", "title": "梯度实验", "text": "梯度实验 看 W_hh 的谱半径："}


GLOSSARY = """# 术语表

## 训练 {#glossary-training}

| 中文 | English | 缩写 | 一句话解释 |
|---|---|---|---|
| 梯度消失 | vanishing gradient | — | 连乘衰减。[→](topics/training.md#train-vanishing-cause) |
| Xavier 初始化 / He 初始化 | Xavier / He initialization | — | 按扇入扇出。[→](topics/tricks.md#tricks-xavier-he) |
| S 型函数 | sigmoid (logistic) function | $\\sigma$ | 压到 0 到 1。[→](topics/a.md#act) |
"""


def test_glossary_rows_are_concepts_with_their_question():
    rows = search_aliases.glossary_concepts(GLOSSARY)
    assert [(term, c.forms, c.to) for term, c in rows] == [
        ("梯度消失", ["梯度消失", "vanishing gradient"], ["train-vanishing-cause"]),
        ("Xavier 初始化 / He 初始化", ["Xavier 初始化", "He 初始化", "Xavier", "He initialization"], ["tricks-xavier-he"]),
        ("S 型函数", ["S 型函数", "sigmoid function"], ["act"]),
    ]


def test_the_repository_vocabulary_is_consistent():
    vocab, problems = search_aliases.load(ROOT / "docs" / "glossary.md", ROOT / "search" / "aliases.yml")
    assert problems == []
    attention = next(c for c in vocab.concepts if "注意力机制" in c.forms)
    assert {"attention", "注意力"} <= set(attention.forms) and attention.to == ["s2s-attention-why"]


BAD_ALIASES = """
glossary:
  梯度弥散: [vanishing]
synonyms:
  - [vanishing gradient, 梯度衰减]
stopwords: [的, 梯度衰减]
"""


def test_bad_aliases_fail_the_strict_build_with_a_fix(tmp_path):
    docs = tmp_path / "docs"
    (docs / "topics").mkdir(parents=True)
    (tmp_path / "search").mkdir()
    (tmp_path / "search" / "aliases.yml").write_text(BAD_ALIASES, encoding="utf-8")
    (docs / "glossary.md").write_text(GLOSSARY.replace("topics/tricks.md#tricks-xavier-he", "index.md#top"),
                                      encoding="utf-8")
    (docs / "index.md").write_text("# 首页 {#top}\n", encoding="utf-8")
    (docs / "tags.yml").write_text("lstm: LSTM\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        f"site_name: t\ntheme: {{name: mkdocs}}\nmarkdown_extensions: [attr_list]\n"
        f"hooks: ['{ROOT / 'hooks' / 'search_hook.py'}']\n"
        "validation: {links: {not_found: ignore, anchors: ignore}}\n", encoding="utf-8")
    result = mkdocs("build", "--strict", cwd=tmp_path)
    assert result.returncode != 0
    log = result.stderr
    assert ("search/aliases.yml: '梯度弥散' is not a term in docs/glossary.md. Fix: use the exact 中文 cell"
            in log), log
    assert "'vanishing gradient' names two concepts" in log
    assert "'梯度衰减' (search/aliases.yml › synonyms vanishing gradient) is also a stopword" in log
    assert "docs/glossary.md: 'Xavier 初始化' links to '#top', which is not a question" in log


def test_built_index_is_clean_and_small(built_site):
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    docs = index["docs"]
    questions = [d for d in docs if "level" in d]
    assert len(questions) >= 80 and all(d["answer"] and d["tags"] for d in questions)
    for d in docs:
        for field in ("title", "text", "answer"):
            value = d.get(field, "")
            raw = (RAW_TEX if d["location"].startswith("topics/") else MATH_DELIMITERS).search(value)
            assert not raw, f"{d['location']} {field}: raw TeX in {value[:200]!r}"
            assert "¶" not in value and "rcParams" not in value and "本站补充" not in d["title"], d["location"]
        assert d["title"].strip(), d["location"]
    # v2's 132 questions: 401 KiB, half of Material's own index of the same pages (840 KiB). v3's 175
    # questions: about 605 KiB, fetched only when the reader reaches for search (search-shim.js).
    assert len(json.dumps(index, ensure_ascii=False).encode()) < 700_000


# --- query understanding, on a small vocabulary -----------------------------------------------

VOCABULARY = {"config": {"vocabulary": {
    "concepts": [
        {"forms": ["梯度消失", "vanishing gradient", "梯度弥散"], "to": ["train-vanishing-cause"]},
        {"forms": ["长短期记忆网络", "LSTM"]},
        {"forms": ["门控循环单元", "GRU"]},
        {"forms": ["参数量", "多少参数", "parameter count"]},
        {"forms": ["自注意力", "self-attention"]},
        {"forms": ["梯度裁剪", "clip_grad_norm"]},
        {"forms": ["梯度爆炸", "exploding gradient", "exploding"]},
        {"forms": ["实例归一化", "IN"]},
        {"forms": ["zero", "零", "全零"], "ask": ["zero"]},
    ],
    "stopwords": ["的", "和", "怎么办", "区别", "有什么区别", "what", "is", "how", "do", "we", "that", "are",
                  "a", "can", "not", "be", "used", "in", "why"],
    "hints": {"区别": ["区别", "对比"], "怎么办": ["缓解", "解决"]},
}}, "docs": [
    {"location": "t/#a", "title": "GRU 和 LSTM 有什么区别？", "text": "略", "level": "基础"},
    {"location": "t/", "title": "训练", "text": "长短期记忆网络 与 梯度消失"},
]}


@pytest.fixture(scope="module")
def engine(browser):
    page = browser.new_page()
    page.set_content("<html><body></body></html>")
    page.add_script_tag(path=str(ENGINE))
    page.evaluate("index => { window.engine = new exports.Engine(index); }", VOCABULARY)
    yield lambda query: page.evaluate("""q => { const p = engine.parse(q);
        return {terms: p.terms.map(t => t.kind + ":" + t.text), stops: p.stops, hints: p.hints.length,
                pieces: p.pieces}; }""", query)
    page.close()


@pytest.mark.parametrize("query,terms", [
    ("GRU和LSTM区别", ["concept:gru", "concept:lstm"]),          # Latin/Han boundary, no spaces
    ("lstm参数量", ["concept:lstm", "concept:参数量"]),
    ("ＬＳＴＭ", ["concept:lstm"]),                                # full width and case folded
    ("Vanishing Gradients", ["concept:vanish gradient"]),         # inflections, either language
    ("self attention", ["concept:self attention"]),
    ("clip grad norm", ["concept:clip grad norm"]),               # underscores and spaces alike
    ("LSTM的梯度弥散", ["concept:lstm", "concept:梯度弥散"]),     # 的 between words is ignored
    ("门控循环单元和长短期记忆网络", ["concept:门控循环单元", "concept:长短期记忆网络"]),
    ("遗忘门偏置", ["run:遗忘门偏置"]),                           # unknown words: matched by character pairs
    ("what is BPTT", ["word:bptt"]),
    ("Vanishing Gradeint", ["concept:vanish gradient"]),         # a typo the site never uses: one edit away
    ("self attentoin", ["concept:self attention"]),
    ("mamba", ["word:mamba"]),                                    # unknown but close to nothing: left as typed
    # whole English questions: function words, contractions and inflections drop away
    ("What's a dead neuron?", ["word:dead", "word:neuron"]),
    ("How do we know that gradients are exploding?", ["word:know", "word:gradient", "concept:explod"]),
    ("Why can't a bidirectional LSTM be used?", ["word:bidirectional", "concept:lstm"]),
    ("IN 和 BN", ["concept:in", "word:bn"]),                     # IN in capitals is the name, "in" a function word
    ("gates in LSTM", ["word:gate", "concept:lstm"]),
    ("zero init", ["concept:zero", "word:init"]),                 # an English word for a Chinese one
    ("全零初始化", ["run:全零初始化"]),                            # ...which does not split a Chinese query
])
def test_query_terms(engine, query, terms):
    assert engine(query)["terms"] == terms


@pytest.mark.parametrize("word,stem", [
    ("exploding", "explod"), ("explodes", "explod"), ("exploded", "explod"), ("explode", "explod"),
    ("initialization", "initializ"), ("initialize", "initializ"), ("clipping", "clip"), ("padding", "padd"),
    ("dependencies", "dependenc"), ("dependency", "dependenc"), ("losses", "loss"), ("batches", "batch"),
    ("state", "state"), ("using", "using"), ("gru", "gru"), ("3×3", "3x3"),
])
def test_english_inflections_share_a_stem_that_prefixes_them(browser, word, stem):
    page = browser.new_page()
    page.set_content("<html></html>")
    page.add_script_tag(path=str(ENGINE))
    assert page.evaluate("w => exports.units(w).map(u => u.s)", word) == [stem]
    page.close()


def test_a_query_written_whole_in_a_document_ranks_it_first(browser):
    index = {"config": {"vocabulary": {"concepts": [{"forms": ["RNN"]}],
                                       "stopwords": ["were", "all", "we", "need"], "hints": {}}},
             "docs": [{"location": "t/#a", "title": "什么是 RNN？", "text": "RNN 的定义", "level": "基础"},
                      {"location": "t/#b", "title": "minGRU 是什么？", "text": "见 Were RNNs All We Needed? 一文", "level": "深入"}]}
    page = browser.new_page()
    page.set_content("<html></html>")
    page.add_script_tag(path=str(ENGINE))
    ranked = page.evaluate("""index => { const e = new exports.Engine(index);
        return ["were rnns all we needed", "rnn"].map(q => e.search(q).ranked.map(r => r.d.doc.location)); }""", index)
    page.close()
    assert ranked[0][0] == "t/#b"   # the paper title, though its only content word is RNN
    assert ranked[1][0] == "t/#a"   # the word alone still finds the question about it


def test_han_words_match_across_a_hyphen(browser):
    page = browser.new_page()
    page.set_content("<html></html>")
    page.add_script_tag(path=str(ENGINE))
    found = page.evaluate("""() => ["编码器-解码器", "编码器 - 解码器", "编码器解码器", "编码器和解码器"].map(
        t => exports.pattern(exports.units("编码器解码器")).test(t))""")
    page.close()
    assert found == [True, True, True, False]


def test_function_words_do_not_rank_but_keep_phrases_and_hints(engine):
    parsed = engine("梯度消失怎么办")
    assert parsed["terms"] == ["concept:梯度消失"] and parsed["stops"] == ["怎么办"] and parsed["hints"] == 1
    assert engine("GRU和LSTM有什么区别")["pieces"] == ["gru", "和", "lstm", "有什么区别"]
    assert engine("区别")["terms"] == []


def test_aliases_match_both_ways(browser):
    page = browser.new_page()
    page.set_content("<html></html>")
    page.add_script_tag(path=str(ENGINE))
    found = page.evaluate("""index => { const e = new exports.Engine(index);
        return ["vanishing gradient", "梯度消失", "梯度弥散", "Vanishing-Gradients"].map(q => e.search(q).ranked.map(r => r.d.doc.location)); }""",
                          VOCABULARY)
    page.close()
    assert found == [["t/"]] * 4  # the page says 梯度消失 only


# --- the real search box ----------------------------------------------------------------------

@pytest.fixture(scope="module")
def search_page(browser, site_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    search_benchmark.open_search(page, site_url)
    page.requests = requests
    yield page
    context.close()


def test_query_set_finds_the_questions(search_page, site_url):
    report = search_benchmark.Report()
    for query, expected, limit in search_benchmark.load_queries():
        found = search_benchmark.type_query(search_page, query)
        report.outcomes.append(search_benchmark.Outcome(query, expected, found, limit))
    print("\n" + report.text())
    assert report.share(5) >= 0.95, report.text()
    assert report.share(1) >= 0.70, report.text()
    issue = [o for o in report.outcomes if o.limit == 3 and o in report.misses]
    assert not issue, "queries from issue 11 not in the top 3:\n" + report.text()
    foreign = [u for u in search_page.requests if urlparse(u).hostname not in ("127.0.0.1", None)
               and not u.startswith("data:")]
    assert foreign == []


# Whole questions as candidates paste them (issue 19). The floors sit a few points under what the
# set scored when it was last measured (README), so a real regression fails but one reworded
# answer does not.
SENTENCE_FLOORS = {"zh": (0.95, 0.80), "en": (0.95, 0.85)}  # top-5, top-1


@pytest.mark.parametrize("lang", sorted(SENTENCE_FLOORS))
def test_whole_sentence_questions_find_their_answers(search_page, lang):
    report = search_benchmark.Report()
    for query, expected, limit in search_benchmark.load_sentences()[lang]:
        report.outcomes.append(search_benchmark.Outcome(query, expected, search_benchmark.type_query(search_page, query), limit))
    print(f"\n{lang}: " + report.text())
    top5, top1 = SENTENCE_FLOORS[lang]
    assert report.share(5) >= top5 and report.share(1) >= top1, report.text()


def test_results_show_topic_title_level_and_clean_previews(search_page):
    search_benchmark.type_query(search_page, "梯度消失")
    first = search_page.locator(".md-search-result__item").first
    assert first.locator("h1").inner_text() == "训练与梯度"
    assert first.locator("h2").first.inner_text() == "RNN 为什么会出现梯度消失和梯度爆炸？"
    assert first.locator(".md-tag").first.inner_text() == "基础"
    for query in ("LSTM 公式", "梯度消失", "BPTT 推导", "GRU公式", "attention"):
        search_benchmark.type_query(search_page, query)
        text = search_page.locator(".md-search-result__list").inner_text()
        assert not RAW_TEX.search(text), f"{query}: raw TeX in the results"
        assert "¶" not in text and "rcParams" not in text
        for href in search_page.evaluate("() => [...document.querySelectorAll('.md-search-result__link')].map(a => a.href)"):
            h = parse_qs(urlparse(href).query).get("h", [None])[0]
            assert h, f"{query}: result link without search terms: {href}"


def test_a_pasted_query_searches_without_a_key(search_page):
    box = search_page.locator("input[data-md-component='search-query']")
    seen = search_page.evaluate("() => window.__searchResults")
    box.fill("梯度裁剪")  # an input event only, as a paste from the menu or an input method
    search_page.wait_for_function("(n) => window.__searchResults > n", arg=seen, timeout=5000)
    search_page.wait_for_timeout(50)
    assert "train-gradient-clipping" in search_page.evaluate(search_benchmark.VISIBLE_RESULTS)[0]


def test_enter_opens_the_best_question(browser, site_url):
    page = browser.new_page()
    search_benchmark.open_search(page, site_url)
    search_benchmark.type_query(page, "束搜索")
    page.keyboard.press("Enter")  # Material's keyboard handling: Enter opens the best result
    page.wait_for_url("**/topics/seq2seq/**")
    assert page.url.endswith("#s2s-beam-search") and "h=" in page.url
    page.close()


def test_the_index_loads_only_when_the_reader_reaches_for_search(browser, site_url):
    """A first visit does not download the largest file a page needs (issue 19); focusing the
    search box does, and the first query is answered."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(site_url + "topics/lstm/", wait_until="networkidle")
    page.wait_for_timeout(500)
    assert not [u for u in requests if "search_index" in u], "the index was fetched before anyone searched"
    page.locator("input[data-md-component='search-query']").click()
    page.locator("input[data-md-component='search-query']").fill("遗忘门")
    page.wait_for_selector(".md-search-result__item", timeout=15000)
    assert [u for u in requests if u.endswith("search/search_index.json")]
    page.close()

