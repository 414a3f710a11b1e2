"""Practice mode: self-test, marks, progress, export/import, the drill and its review schedule,
the 高频题 and tag index pages, the interviewer print view. Question ids and counts come from the
built questions.json, never from this file."""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from urllib.parse import urljoin, urlparse

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT

MARKS_KEY = "/.rnnq.marks.v1"  # extra.scope is "/": one key for every mike version
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
BLOCK_STORAGE = """
for (const name of ["getItem", "setItem", "removeItem", "clear", "key"])
  Storage.prototype[name] = function () { throw new DOMException("storage is blocked", "SecurityError"); };
"""


@pytest.fixture(scope="module")
def bank(built_site):
    return json.loads((built_site / "questions.json").read_text(encoding="utf-8"))["questions"]


def on_page(bank, page_src):
    return [q for q in bank if q["page"] == page_src]


def seeds(q) -> int:
    return len({s["seed_file"] for s in q["sources"]})


class Watch:
    """Console errors, page errors, failed and third-party requests of one browser page."""

    def __init__(self, page):
        self.problems = []
        page.on("console", lambda m: m.type == "error" and self.problems.append(f"console: {m.text}"))
        page.on("pageerror", lambda e: self.problems.append(f"page error: {e}"))
        page.on("request", lambda r: urlparse(r.url).hostname not in ("127.0.0.1", None)
                and not r.url.startswith(("data:", "blob:")) and self.problems.append(f"third-party: {r.url}"))
        page.on("response", lambda r: r.status >= 400 and self.problems.append(f"HTTP {r.status}: {r.url}"))

    def check(self):
        assert self.problems == [], "; ".join(self.problems)


@pytest.fixture
def open_page(browser):
    """A fresh browser context (empty storage) per call: open_page(viewport, scheme, init_script)."""
    contexts = []

    def make(viewport="desktop", scheme="light", init_script=None):
        context = browser.new_context(viewport=VIEWPORTS[viewport], color_scheme=scheme, accept_downloads=True,
                                      is_mobile=viewport == "phone", has_touch=viewport == "phone")
        if init_script:
            context.add_init_script(init_script)
        contexts.append(context)
        page = context.new_page()
        return page, Watch(page)

    yield make
    for c in contexts:
        c.close()


def stored_marks(page) -> dict:
    raw = page.evaluate(f"localStorage.getItem({MARKS_KEY!r})")
    return json.loads(raw)["marks"] if raw else {}


def shot(page, name):
    out = ROOT / "screenshots"
    out.mkdir(exist_ok=True)
    page.screenshot(path=str(out / f"practice-{name}.png"))


# --- topic pages ------------------------------------------------------------------------------

@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_self_test_hides_and_reveals_and_persists(open_page, site_url, bank, viewport, scheme):
    questions = on_page(bank, "topics/lstm.md")
    n = len(questions)
    page, watch = open_page(viewport, scheme)
    page.goto(site_url + "topics/lstm/", wait_until="networkidle")
    answers = page.locator(".rnnq-answer")
    assert answers.count() == n
    assert answers.first.is_visible()
    assert page.locator(".rnnq-reveal").first.is_hidden(), "显示答案 shows outside self-test mode"

    page.click(".rnnq-mode")
    assert page.get_attribute(".rnnq-mode", "aria-pressed") == "true"
    assert answers.evaluate_all("els => els.filter(e => e.offsetParent !== null).length") == 0
    first = questions[0]["id"]
    assert page.locator(f"h2#{first}").is_visible()
    assert page.locator(f"h2#{first} ~ .rnnq-meta").first.is_visible(), "badges must stay visible"
    reveal = page.locator(".rnnq-reveal")
    assert f"本页还剩 {n} 题" in reveal.first.inner_text()

    reveal.first.click()
    assert answers.first.is_visible()
    assert reveal.first.get_attribute("aria-expanded") == "true"
    assert f"本页还剩 {n - 1} 题" in reveal.nth(1).inner_text()
    reveal.nth(1).focus()
    page.keyboard.press("Enter")
    reveal.nth(2).focus()
    page.keyboard.press(" ")
    assert answers.nth(1).is_visible() and answers.nth(2).is_visible()
    assert f"本页还剩 {n - 3} 题" in reveal.nth(3).inner_text()
    answers.nth(1).scroll_into_view_if_needed()
    shot(page, f"lstm-selftest-{viewport}-{scheme}")

    page.reload(wait_until="networkidle")
    assert page.evaluate("document.documentElement.classList.contains('rnnq-selftest')")
    assert page.locator(".rnnq-answer").first.is_hidden(), "self-test mode lost on reload"

    page.goto(site_url + "topics/gru/", wait_until="networkidle")
    assert page.locator(".rnnq-answer").first.is_hidden(), "self-test mode lost on another page"

    page.click(".rnnq-mode")
    assert page.locator(".rnnq-answer").first.is_visible()
    watch.check()


def test_self_test_survives_instant_navigation(open_page, site_url):
    page, watch = open_page()
    page.goto(site_url + "topics/lstm/", wait_until="networkidle")
    page.click(".rnnq-mode")
    page.evaluate("window.__sameDocument = true")
    page.locator(".md-nav--primary a[href$='gru/']").first.click()
    page.wait_for_url("**/topics/gru/")
    page.wait_for_selector(".rnnq-toolbar")
    assert page.evaluate("window.__sameDocument === true"), "instant navigation is off"
    assert page.get_attribute(".rnnq-mode", "aria-pressed") == "true"
    assert page.locator(".rnnq-answer").first.is_hidden()
    assert page.locator(".rnnq-toolbar").count() == 1, "toolbar added twice"
    page.locator(".rnnq-reveal").first.click()
    assert page.locator(".rnnq-answer").first.is_visible()
    watch.check()


def test_marks_persist_and_count(open_page, site_url, bank):
    questions = on_page(bank, "topics/lstm.md")
    page, watch = open_page()
    page.goto(site_url + "topics/lstm/", wait_until="networkidle")
    page.locator(".rnnq-mark[data-mark=known]").nth(0).click()
    page.locator(".rnnq-mark[data-mark=again]").nth(1).click()
    assert page.inner_text(".rnnq-score") == f"已掌握 1 / {len(questions)}"
    page.reload(wait_until="networkidle")
    assert page.locator(".rnnq-mark[data-mark=known]").nth(0).get_attribute("aria-pressed") == "true"
    assert page.locator(".rnnq-mark[data-mark=again]").nth(1).get_attribute("aria-pressed") == "true"
    marks = stored_marks(page)
    assert set(marks) == {questions[0]["id"], questions[1]["id"]}, "marks must be keyed by question id"
    assert marks[questions[1]["id"]]["mark"] == "again"

    # Home page: a bar per topic card from questions.json.
    page.goto(site_url, wait_until="networkidle")
    page.wait_for_selector(".rnnq-card-progress")
    topics = {q["page"] for q in bank}
    assert page.locator(".rnnq-card-progress").count() == len(topics)
    lstm = page.locator(".grid.cards li", has=page.locator("a[href$='topics/lstm/']")).locator(".rnnq-card-progress")
    assert f"已掌握 1 / {len(questions)}" in lstm.inner_text()
    assert f"已掌握 1 / {len(bank)}" in page.inner_text(".rnnq-home-summary")

    # Pressing a pressed mark clears it.
    page.goto(site_url + "topics/lstm/", wait_until="networkidle")
    page.locator(".rnnq-mark[data-mark=known]").nth(0).click()
    assert page.locator(".rnnq-mark[data-mark=known]").nth(0).get_attribute("aria-pressed") == "false"
    assert set(stored_marks(page)) == {questions[1]["id"]}
    watch.check()


def test_filters_by_level_and_mark(open_page, site_url, bank):
    questions = on_page(bank, "topics/lstm.md")
    page, watch = open_page()
    page.goto(site_url + "topics/lstm/", wait_until="networkidle")
    level = questions[0]["level"]
    page.select_option(".rnnq-filter select >> nth=0", level)
    visible = page.locator("article h2[id]").evaluate_all("hs => hs.filter(h => !h.hidden).map(h => h.id)")
    assert visible == [q["id"] for q in questions if q["level"] == level]
    page.select_option(".rnnq-filter select >> nth=0", "")
    page.locator(".rnnq-mark[data-mark=again]").nth(2).click()
    page.select_option(".rnnq-filter select >> nth=1", "again")
    visible = page.locator("article h2[id]").evaluate_all("hs => hs.filter(h => !h.hidden).map(h => h.id)")
    assert visible == [questions[2]["id"]]
    assert f"显示 1 / {len(questions)} 题" in page.inner_text(".rnnq-shown")
    toc = page.locator(".md-nav--secondary a").evaluate_all(
        "as => as.filter(a => a.hash === '#' + arguments[0]).map(a => a.closest('li').hidden)".replace(
            "arguments[0]", repr(questions[0]["id"])))
    assert toc and all(toc), "hidden questions stay in the table of contents"
    watch.check()


# --- storage -----------------------------------------------------------------------------------

def test_blocked_storage_still_works_for_the_visit(open_page, site_url):
    page, watch = open_page(init_script=BLOCK_STORAGE)
    page.goto(site_url + "topics/lstm/", wait_until="networkidle")
    assert page.locator(".rnnq-notice").count() == 1
    assert "只在这次访问中有效" in page.inner_text(".rnnq-notice")
    page.click(".rnnq-mode")
    assert page.locator(".rnnq-answer").first.is_hidden()
    page.locator(".rnnq-reveal").first.click()
    assert page.locator(".rnnq-answer").first.is_visible()
    page.locator(".rnnq-mark[data-mark=known]").first.click()
    assert page.locator(".rnnq-mark[data-mark=known]").first.get_attribute("aria-pressed") == "true"
    page.locator(".md-nav--primary a[href$='gru/']").first.click()
    page.wait_for_url("**/topics/gru/")
    page.wait_for_selector(".rnnq-toolbar")
    assert page.locator(".rnnq-answer").first.is_hidden(), "mode forgotten within the visit"
    assert page.locator(".rnnq-notice").count() == 1, "the notice must appear once"
    page.wait_for_load_state("networkidle")
    watch.check()


def test_marks_are_shared_across_mike_versions(tmp_path, open_page):
    from conftest import serve_directory
    from test_versioning import project_repo, run

    repo = project_repo(tmp_path)
    run("mike", "deploy", "1.0", cwd=repo)
    run("mike", "deploy", "1.1", cwd=repo)
    pages = tmp_path / "pages"
    run("git", "worktree", "add", "-q", str(pages), "gh-pages", cwd=repo)
    with serve_directory(pages) as base:
        page, watch = open_page()
        page.goto(base + "1.0/topics/gru/", wait_until="networkidle")
        page.locator(".rnnq-mark[data-mark=again]").first.click()
        page.click(".rnnq-mode")
        page.goto(base + "1.1/topics/gru/", wait_until="networkidle")
        assert page.locator(".rnnq-mark[data-mark=again]").first.get_attribute("aria-pressed") == "true"
        assert page.locator(".rnnq-answer").first.is_hidden(), "self-test mode not shared"
        page.reload(wait_until="networkidle")
        assert page.locator(".rnnq-mark[data-mark=again]").first.get_attribute("aria-pressed") == "true"
        watch.check()


# --- export / import ---------------------------------------------------------------------------

def mark_on_topic(page, site_url, path, marks):
    page.goto(site_url + path, wait_until="networkidle")
    for index, which in marks:
        page.locator(f".rnnq-mark[data-mark={which}]").nth(index).click()


def import_file(page, content: bytes | str):
    data = content.encode() if isinstance(content, str) else content
    page.set_input_files(".rnnq-tools input[type=file]",
                         files=[{"name": "marks.json", "mimeType": "application/json", "buffer": data}])
    page.wait_for_function("() => document.querySelector('.rnnq-message').textContent !== ''")
    return page.inner_text(".rnnq-message")


def test_export_then_import_round_trips(open_page, site_url, tmp_path, bank):
    page, watch = open_page()
    mark_on_topic(page, site_url, "topics/lstm/", [(0, "known"), (1, "again"), (3, "known")])
    before = stored_marks(page)
    page.goto(site_url + "practice/", wait_until="networkidle")
    with page.expect_download() as download:
        page.get_by_role("button", name="导出标记").click()
    path = tmp_path / "export.json"
    download.value.save_as(path)
    exported = json.loads(path.read_text())
    assert exported["format"] == "rnnq-marks" and exported["version"] == 1
    assert exported["marks"] == before

    page.once("dialog", lambda d: d.accept())
    page.get_by_role("button", name="清除全部标记").click()
    assert stored_marks(page) == {}
    message = import_file(page, path.read_bytes())
    assert f"已导入 {len(before)} 条标记" in message
    assert stored_marks(page) == before
    row = page.locator(".rnnq-progress-panel tbody tr", has_text="LSTM").inner_text()
    assert f"2 / {len(on_page(bank, 'topics/lstm.md'))}" in row, row
    watch.check()


@pytest.mark.parametrize("content,why", [
    ("{not json", "不是合法的 JSON"),
    ('["a"]', "不是 JSON 对象"),
    ('{"format": "other", "version": 1, "marks": {}}', "不是本站导出的标记文件"),
    ('{"format": "rnnq-marks", "version": 2, "marks": {}}', "不支持的文件版本"),
    ('{"format": "rnnq-marks", "version": 1, "marks": {"lstm-structure": {"mark": "known", "box": 9, "due": "2025-01-01"}}}', "box"),
    ('{"format": "rnnq-marks", "version": 1, "marks": {"lstm-structure": {"mark": "known", "box": 2, "due": "2025-02-30"}}}', "due"),
])
def test_corrupt_import_is_refused_and_marks_survive(open_page, site_url, content, why):
    page, watch = open_page()
    mark_on_topic(page, site_url, "topics/gru/", [(0, "known")])
    before = stored_marks(page)
    page.goto(site_url + "practice/", wait_until="networkidle")
    message = import_file(page, content)
    assert "导入失败" in message and why in message and "现有标记未改动" in message, message
    assert stored_marks(page) == before
    watch.check()


def test_unknown_ids_are_reported_and_aliases_followed(open_page, site_url, bank):
    known = bank[0]["id"]
    aliased = next((q for q in bank if q["aliases"]), None)
    marks = {known: {"mark": "again", "box": 1, "due": "2030-01-01"},
             "no-such-question": {"mark": "known", "box": 2, "due": "2030-01-01"}}
    if aliased:
        marks[aliased["aliases"][0]] = {"mark": "known", "box": 3, "due": "2030-01-01"}
    page, watch = open_page()
    page.goto(site_url + "practice/", wait_until="networkidle")
    message = import_file(page, json.dumps({"format": "rnnq-marks", "version": 1, "marks": marks}))
    assert "忽略 1 个" in message and "no-such-question" in message
    stored = stored_marks(page)
    assert stored[known]["mark"] == "again" and "no-such-question" not in stored
    if aliased:
        assert stored[aliased["id"]]["box"] == 3
    watch.check()


HOSTILE = [
    {"format": "rnnq-marks", "version": 1,
     "marks": {"<img src=x onerror=\"window.__pwned=1\">": {"mark": "known", "box": 1, "due": "2025-01-01"}}},
    {"format": "rnnq-marks", "version": "<img src=x onerror=\"window.__pwned=1\">", "marks": {}},
    {"format": "<script>window.__pwned=1</script>", "version": 1, "marks": {}},
    {"format": "rnnq-marks", "version": 1,
     "marks": {"lstm-structure": {"mark": "<script>window.__pwned=1</script>", "box": 1, "due": "2025-01-01"}}},
]


@pytest.mark.parametrize("content", HOSTILE, ids=["id", "version", "format", "mark"])
def test_markup_in_an_import_runs_nothing(open_page, site_url, content):
    page, watch = open_page()
    page.goto(site_url + "practice/", wait_until="networkidle")
    message = import_file(page, json.dumps(content))
    page.wait_for_timeout(300)
    assert "导入失败" in message
    assert page.evaluate("window.__pwned") is None
    assert page.locator(".rnnq-message img, .rnnq-message script").count() == 0
    if "<img" in json.dumps(content["marks"]) or "<img" in str(content["version"]):
        assert "<img" in message, "the markup should be shown as text"
    assert stored_marks(page) == {}
    watch.check()


# --- the drill ---------------------------------------------------------------------------------

def drill_walk(page, keys=("3",)):
    """Run the started drill to its end with the keyboard; return the ids in the order shown."""
    shown = []
    while page.locator("#rnnq-session").is_visible():
        shown.append(page.locator(".rnnq-card:not([hidden])").get_attribute("data-question"))
        for key in keys:
            page.keyboard.press(key)
    return shown


def test_drill_draws_only_again_after_marking_two(open_page, site_url, bank):
    page, watch = open_page("phone")
    questions = on_page(bank, "topics/gru.md")
    mark_on_topic(page, site_url, "topics/gru/", [(0, "again"), (2, "again"), (1, "known")])
    page.goto(site_url + "practice/", wait_until="networkidle")
    page.check("input[name=pool][value=again]")
    assert page.inner_text("[data-pool-count=again]") == "2"
    page.fill("input[name=count]", "10")
    page.click("#rnnq-setup button[type=submit]")
    assert page.inner_text(".rnnq-session__pos") == "第 1 / 2 题"
    shot(page, "drill-question-phone-light")
    shown = drill_walk(page, keys=(" ", "2"))
    assert sorted(shown) == sorted([questions[0]["id"], questions[2]["id"]])
    summary = page.inner_text("#rnnq-summary")
    assert "再看看 2" in summary
    watch.check()


def test_drill_honours_topic_and_level(open_page, site_url, bank):
    page, watch = open_page()
    page.goto(site_url + "practice/", wait_until="networkidle")
    page.click("button[data-check=none]")
    page.check("input[name=topic][value='topics/lstm/']")
    page.uncheck("input[name=level][value='基础']")
    page.fill("input[name=count]", str(len(bank)))
    expected = {q["id"] for q in on_page(bank, "topics/lstm.md") if q["level"] != "基础"}
    assert f"符合条件的有 {len(expected)} 题" in page.inner_text(".rnnq-available")
    page.click("#rnnq-setup button[type=submit]")
    assert set(drill_walk(page)) == expected
    watch.check()


def test_due_drill_follows_the_schedule(open_page, site_url, bank):
    """Seed marks relative to today; the due pool must come back in the documented order."""
    today = date.today()
    day = lambda n: (today + timedelta(days=n)).isoformat()  # noqa: E731
    ids = [q["id"] for q in bank]
    marks = {
        ids[5]: {"mark": "known", "box": 3, "due": day(-2)},
        ids[1]: {"mark": "again", "box": 1, "due": day(0)},
        ids[0]: {"mark": "known", "box": 2, "due": day(0)},
        ids[3]: {"mark": "known", "box": 2, "due": day(-2)},
        ids[2]: {"mark": "known", "box": 4, "due": day(1)},  # not yet due
    }
    expected = [ids[3], ids[5], ids[1], ids[0]]  # overdue first, then lower box, then bank order
    seed = f"localStorage.setItem({MARKS_KEY!r}, {json.dumps(json.dumps({'version': 1, 'marks': marks}))})"
    page, watch = open_page()
    page.goto(site_url + "practice/", wait_until="networkidle")
    page.evaluate(seed)
    page.reload(wait_until="networkidle")
    page.check("input[name=pool][value=due]")
    page.fill("input[name=count]", "50")
    page.click("#rnnq-setup button[type=submit]")
    assert drill_walk(page, keys=(" ", "1")) == expected
    after = stored_marks(page)
    assert after[ids[3]]["box"] == 3 and after[ids[1]]["box"] == 2 and after[ids[2]] == marks[ids[2]]
    watch.check()


def test_scheduler_with_fixed_dates(open_page, site_url):
    """practice-core.js on its own, with fixed dates; and its intervals are the ones documented."""
    page, watch = open_page()
    page.goto(site_url + "practice/", wait_until="networkidle")
    result = page.evaluate("""() => {
      const R = window.RNNQ, r = (e, m, d) => R.review(e, m, d);
      const out = {};
      out.fresh = r(null, "known", "2025-03-01");
      out.again = r(out.fresh, "again", "2025-03-02");
      out.early = r(out.fresh, "known", "2025-03-02");
      let e = out.fresh, days = ["2025-03-04", "2025-03-11", "2025-03-25", "2025-04-24"], path = [];
      for (const d of days) { e = r(e, "known", d); path.push([e.box, e.due]); }
      out.path = path;
      out.leap = R.addDays("2024-02-28", 1);
      out.year = R.addDays("2024-12-31", 1);
      const marks = { a: {mark: "known", box: 2, due: "2025-03-01"}, b: {mark: "again", box: 1, due: "2025-03-01"},
                      c: {mark: "known", box: 5, due: "2025-02-01"}, d: {mark: "known", box: 2, due: "2025-03-02"},
                      e: {mark: "known", box: 1, due: "2025-03-01"} };
      out.order = R.dueOrder(["a", "b", "c", "d", "e", "f"], marks, "2025-03-01");
      const qs = ["a", "b", "c", "d", "e", "f"].map(id => ({id, topic: "t", level: "基础"}));
      out.draw = R.draw(qs, marks, {topics: ["t"], levels: ["基础"], pool: "due", count: 2}, "2025-03-01");
      out.unmarked = R.draw(qs, marks, {topics: ["t"], levels: ["基础"], pool: "unmarked", count: 9}, "2025-03-01");
      out.intervals = R.INTERVALS.slice(1);
      out.badDay = R.isDay("2025-02-29");
      return out;
    }""")
    assert result["fresh"] == {"mark": "known", "box": 2, "due": "2025-03-04"}
    assert result["again"] == {"mark": "again", "box": 1, "due": "2025-03-03"}
    assert result["early"] == result["fresh"], "answering early must not promote"
    assert result["path"] == [[3, "2025-03-11"], [4, "2025-03-25"], [5, "2025-04-24"], [5, "2025-05-24"]]
    assert (result["leap"], result["year"]) == ("2024-02-29", "2025-01-01")
    assert result["order"] == ["c", "b", "e", "a"]
    assert result["draw"] == ["c", "b"]
    assert result["unmarked"] == ["f"]
    assert result["badDay"] is False
    # The schedule table on the page says the same.
    rows = page.locator("#schedule ~ .md-typeset__scrollwrap table tbody tr, #schedule ~ table tbody tr")
    documented = [int(re.search(r"\d+", t.split("\t")[-1]).group()) for t in rows.all_inner_texts()]
    assert documented == result["intervals"]
    watch.check()


def test_math_renders_in_a_late_revealed_drill_answer(open_page, site_url, bank):
    target = next(q for q in bank if "\\(" in q["answer"])
    page, watch = open_page()
    page.goto(site_url + "practice/", wait_until="networkidle")
    seed = {"version": 1, "marks": {target["id"]: {"mark": "again", "box": 1, "due": "2030-01-01"}}}
    page.evaluate(f"localStorage.setItem({MARKS_KEY!r}, {json.dumps(json.dumps(seed))})")
    page.reload(wait_until="networkidle")
    page.check("input[name=pool][value=again]")
    page.click("#rnnq-setup button[type=submit]")
    page.keyboard.press(" ")
    answer = page.locator(f".rnnq-card[data-question='{target['id']}'] .rnnq-card__answer")
    assert answer.is_visible()
    # The images were lazy and hidden until now: revealing the answer must load them.
    page.wait_for_function("""el => el.querySelectorAll('.arithmatex').length > 0 &&
        [...el.querySelectorAll('.arithmatex')].every(n => {
          const i = n.querySelector('img.rnnq-math'); return i && i.complete && i.naturalWidth > 0; })""",
                           arg=answer.element_handle(), timeout=10000)
    sizes = answer.locator("img.rnnq-math").evaluate_all("ns => ns.map(n => n.getBoundingClientRect().height)")
    assert all(h > 5 for h in sizes), sizes
    assert "\\(" not in answer.inner_text()
    shot(page, "drill-answer-desktop-light")
    watch.check()


def tab_to(page, selector: str, what: str, limit: int) -> None:
    """Press Tab until the focused element matches `selector`, or fail naming `what`."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    pytest.fail(f"{what} cannot be reached with Tab")


def test_keyboard_only(open_page, site_url):
    page, watch = open_page()
    page.goto(site_url + "practice/", wait_until="networkidle")
    # header, nav, then every topic, level and pool choice of the form
    tab_to(page, "#rnnq-setup button[type=submit]", "the start button", 150)
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.classList.contains('rnnq-reveal')")
    page.keyboard.press(" ")
    assert page.locator(".rnnq-card:not([hidden]) .rnnq-card__answer").is_visible()
    assert page.evaluate("document.activeElement.dataset.mark") == "known"
    page.keyboard.press("Enter")
    assert "第 2 /" in page.inner_text(".rnnq-session__pos")
    page.keyboard.press("Enter")  # focus is on 显示答案 again
    page.keyboard.press("2")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("Escape")
    summary = page.locator("#rnnq-summary")
    assert summary.is_visible()
    assert "已掌握 1，再看看 1，跳过 1" in summary.inner_text()
    assert page.evaluate("document.activeElement.id") == "rnnq-summary"

    # Topic page: the mode toggle and a reveal button, by Tab and Enter/Space.
    page.goto(site_url + "topics/gru/", wait_until="networkidle")
    tab_to(page, ".rnnq-mode", "自测模式", 80)
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.tagName") in ("SELECT", "A", "BUTTON")
    page.locator(".rnnq-reveal").first.focus()
    page.keyboard.press(" ")
    assert page.locator(".rnnq-answer").first.is_visible()
    watch.check()


def test_timer_reveals_the_answer_when_time_is_up(open_page, site_url):
    page, watch = open_page()
    page.clock.install()
    page.goto(site_url + "practice/", wait_until="networkidle")
    page.select_option("select[name=timer]", "60")
    page.click("#rnnq-setup button[type=submit]")
    assert "1:00" in page.inner_text(".rnnq-timer")
    page.clock.run_for(61_000)
    assert page.inner_text(".rnnq-timer") == "时间到"
    assert page.locator(".rnnq-card:not([hidden]) .rnnq-card__answer").is_visible()
    watch.check()


# --- print ---------------------------------------------------------------------------------------

def test_print_interviewer_view(open_page, site_url):
    page, watch = open_page()
    page.goto(site_url + "topics/lstm/", wait_until="networkidle")
    page.emulate_media(media="print")
    assert page.locator(".rnnq-answer .admonition").first.is_visible(), "normal printing prints the answers"
    assert page.locator(".rnnq-controls").first.is_hidden()
    page.emulate_media(media="screen")
    page.click(".rnnq-mode")
    page.locator(".rnnq-reveal").first.click()  # even an opened answer is left out
    page.emulate_media(media="print")
    answer = page.locator(".rnnq-answer").first
    assert answer.is_visible() and answer.locator(".admonition").first.is_hidden()
    assert answer.bounding_box()["height"] > 200, "no room to write"
    assert page.locator("h2[id]").first.is_visible()
    pdf = page.pdf()
    assert pdf.startswith(b"%PDF")
    watch.check()


# --- generated pages, read from the build ------------------------------------------------------

def html(built_site, path):
    return BeautifulSoup((built_site / path / "index.html").read_text(encoding="utf-8"), "html.parser")


def test_frequent_page_order_matches_metadata(built_site, bank):
    order = {q["id"]: i for i, q in enumerate(bank)}
    expected = sorted((q for q in bank if seeds(q) >= 2), key=lambda q: (-seeds(q), -len(q["sources"]), order[q["id"]]))
    rows = html(built_site, "frequent").select("#rnnq-frequent tr[data-question]")
    assert [r["data-question"] for r in rows] == [q["id"] for q in expected]
    assert [r.find_all("td")[-1].get_text() for r in rows] == [f"{seeds(q)} 篇" for q in expected]
    # The top ones carry a 高频 badge on their topic pages, the others do not.
    for q in bank:
        page = html(built_site, q["page"].removesuffix(".md"))
        meta = page.find("h2", id=q["id"]).find_next_sibling("p", class_="rnnq-meta")
        assert bool(meta.select(".rnnq-hot")) == (seeds(q) >= 3), q["id"]


def test_badges_link_to_the_tag_index(built_site, bank):
    index = html(built_site, "tags-index")
    vocabulary = {t["key"] for q in bank for t in q["tags"]}
    for key in vocabulary:
        section = index.find("h2", id=f"tag-{key}")
        assert section is not None, key
        listed = [urlparse(a["href"]).fragment for a in section.find_next_sibling("ul").find_all("a")]
        assert listed == [q["id"] for q in bank if key in {t["key"] for t in q["tags"]}], key
    for level, anchor in (("基础", "level-basic"), ("进阶", "level-intermediate"), ("深入", "level-advanced")):
        listed = [urlparse(a["href"]).fragment for a in index.find("h2", id=anchor).find_next_sibling("ul").find_all("a")]
        assert listed == [q["id"] for q in bank if q["level"] == level], level
    anchors = {t["id"] for t in index.find_all(id=True)}
    page_url = "http://x/topics/lstm/"
    links = html(built_site, "topics/lstm").select("a.rnnq-badge-link")
    assert links
    for a in links:
        target = urlparse(urljoin(page_url, a["href"]))
        if target.path == "/tags-index/":
            assert target.fragment in anchors, a["href"]
        else:
            assert target.path == "/frequent/", a["href"]


def test_drill_cards_come_from_the_build(built_site, bank):
    page = html(built_site, "practice")
    cards = page.select(".rnnq-card")
    assert [c["data-question"] for c in cards] == [q["id"] for q in bank]
    assert not page.select(".rnnq-card [id]"), "copied answers must not duplicate ids"
    for card in cards:
        for a in card.select("a[href]"):
            target = urlparse(urljoin("http://x/practice/", a["href"]))
            if target.netloc == "x":
                assert (built_site / target.path.lstrip("/") / "index.html").exists() or \
                    (built_site / target.path.lstrip("/")).is_file(), a["href"]


# --- build side on its own ---------------------------------------------------------------------

def test_copied_answers_are_re_pointed_for_their_new_page():
    import sys
    sys.path.insert(0, str(ROOT / "hooks"))
    from page import practice

    out = practice.portable('<p id="x"><a href="#lstm-cell">细胞</a> <a href="../gru/#gru-gates">门</a> '
                            '<a href="https://example.org/">外链</a> <img src="../../diagrams/a.svg"></p>',
                            "topics/lstm/", "practice/")
    soup = BeautifulSoup(out, "html.parser")
    assert [a["href"] for a in soup.find_all("a")] == [
        "../topics/lstm/#lstm-cell", "../topics/gru/#gru-gates", "https://example.org/"]
    assert soup.img["src"] == "../diagrams/a.svg"
    assert soup.p.get("id") is None
