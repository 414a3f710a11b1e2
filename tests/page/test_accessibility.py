"""axe-core on every built page: both palettes, at 390 and 1280 px, in headless Chromium.

axe-core is an npm dev dependency (package-lock.json pins it; `npm ci` installs it into
node_modules/), injected into each page from disk: nothing is fetched at run time. The test fails
on any serious or critical violation and names rule, page and element; moderate and minor ones
are printed (pytest -s) but do not fail. One page per viewport and palette is reused for every
site page, and axe runs in the four pages side by side (each has its own renderer process). A
fixture page with known violations proves the check can fail.
Keyboard-only runs through the main jobs are at the end (the drill's keys: tests/test_practice.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from test_mobile import all_pages

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
FIXTURE = Path(__file__).resolve().parent / "a11y-violations.html"
FAILING = ("serious", "critical")
VIEWS = [(390, "light"), (390, "dark"), (1280, "light"), (1280, "dark")]

# Started in one page and collected later, so the four pages' renderers run axe side by side.
START = """
() => { window.__axe = axe.run(document, {resultTypes: ["violations"]}).then(r => r.violations.map(v => ({
    id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target.join(" ")).slice(0, 5), count: v.nodes.length}))); }
"""


def start_axe(page) -> None:
    if not AXE.exists():
        pytest.fail(f"{AXE} missing: run `npm ci` (axe-core is pinned in package-lock.json)")
    page.add_script_tag(path=str(AXE))
    page.evaluate(START)


def axe_violations(page) -> list[dict]:
    start_axe(page)
    return page.evaluate("window.__axe")


def report(where: str, violations: list[dict]) -> tuple[list[str], list[str]]:
    """(failing lines, other lines): rule, impact, page, the first elements."""
    bad, other = [], []
    for v in violations:
        line = f"{v['id']} ({v['impact']}) on {where}: {v['count']} × {'; '.join(v['nodes'])}"
        (bad if v["impact"] in FAILING else other).append(line)
    return bad, other


@pytest.fixture(scope="module")
def views(browser):
    made = {}
    for width, scheme in VIEWS:
        context = browser.new_context(viewport={"width": width, "height": 844 if width < 700 else 900},
                                      color_scheme=scheme)
        made[(width, scheme)] = (context, context.new_page())
    yield made
    for context, _ in made.values():
        context.close()


def open_search(page, site_url):
    page.goto(site_url + "topics/lstm/", wait_until="load")
    page.keyboard.press("/")  # Material's shortcut opens the dialog at any width
    box = page.locator("input[data-md-component='search-query']")
    box.fill("遗忘门")
    box.press("End")  # Material searches on keyup
    page.locator(".md-search-result__item").first.wait_for(timeout=30000)


def start_drill(page, site_url):
    page.goto(site_url + "practice/", wait_until="load")
    page.locator("#rnnq-setup button[type=submit]").click()
    page.locator(".rnnq-session .rnnq-reveal").click()


def test_no_serious_axe_violations(views, site_url):
    """Every page in each of the four views, then two states that need a click: the search dialog
    with results and a drill with its answer shown."""
    bad, other = [], []
    steps = [(path or "home", lambda page, p=path: page.goto(site_url + p, wait_until="load"))
             for path in all_pages()]
    steps += [("search dialog", lambda page: open_search(page, site_url)),
              ("drill", lambda page: start_drill(page, site_url))]
    for name, go in steps:
        for (width, scheme), (_, page) in views.items():
            go(page)
            expected = "slate" if scheme == "dark" else "default"
            assert page.evaluate("document.body.dataset.mdColorScheme") == expected, (name, scheme)
            start_axe(page)
        for (width, scheme), (_, page) in views.items():
            b, o = report(f"{name} {width}px {scheme}", page.evaluate("window.__axe"))
            bad += b
            other += o
    if other:
        print("\nmoderate/minor (not failing):\n  " + "\n  ".join(other))
    assert not bad, f"{len(bad)} serious/critical axe violation(s):\n" + "\n".join(bad)


def test_axe_check_fails_on_a_page_with_violations(views):
    """The fixture has an image without alt text, grey-on-white text and an unnamed button."""
    page = views[(1280, "light")][1]
    page.goto(FIXTURE.as_uri())
    bad, _ = report("fixture", axe_violations(page))
    rules = {line.split(" ")[0] for line in bad}
    assert {"image-alt", "color-contrast", "button-name"} <= rules, bad
    assert any("#no-alt" in line for line in bad), "the report must name the element"


# --- Keyboard only: each main job done without a mouse. ---

def focused(page) -> str:
    return page.evaluate("""() => { const e = document.activeElement;
        return (e.tagName + '.' + e.className + ' ' + (e.getAttribute('aria-label') || e.textContent || '')).trim().slice(0, 80); }""")


def tab_until(page, predicate: str, limit: int = 400) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(predicate):
            return
    raise AssertionError(f"Tab never reached {predicate}; last focus {focused(page)}")


def settles(page, predicate: str, message: str, timeout: int = 5000) -> None:
    """Material answers focus and keys through RxJS, a tick or more later: wait, then fail clearly."""
    try:
        page.wait_for_function(predicate, timeout=timeout)
    except Exception:
        raise AssertionError(f"{message}; last focus {focused(page)}") from None


def test_keyboard_search_then_open_a_question(views, site_url):
    """Tab to the search box (no shortcut needed), type, arrow down to a result, Enter opens the
    question at its anchor."""
    page = views[(1280, "light")][1]
    page.goto(site_url, wait_until="load")
    tab_until(page, "document.activeElement.matches('[data-md-component=search-query]')")
    settles(page, "document.getElementById('__search').checked", "focusing the box opens the dialog")
    page.keyboard.type("GRU 重置门")  # Chinese arrives as text input, as from an input method
    page.keyboard.press("End")  # Material searches on keyup
    page.locator(".md-search-result__item").first.wait_for(timeout=30000)
    page.keyboard.press("ArrowDown")
    settles(page, "document.activeElement.matches('.md-search-result__link')", "ArrowDown moves to the first result")
    href = page.evaluate("document.activeElement.getAttribute('href')")
    page.keyboard.press("Enter")
    page.wait_for_url("**" + href.split("/")[-2] + "/**", timeout=10000)
    anchor = href.split("#")[-1] if "#" in href else None
    if anchor:
        page.wait_for_function(f"location.hash === '#{anchor}'", timeout=10000)


def test_keyboard_reaches_every_scroll_box(views, site_url):
    """A notebook code cell and a wide formula, at phone width, are tab stops that arrow keys scroll."""
    page = views[(390, "light")][1]
    for path, box in (("notebooks/lstm-gru/", ".highlight-ipynb"), ("topics/applications/", "div.arithmatex")):
        page.goto(site_url + path, wait_until="load")
        wide = page.evaluate(f"""() => [...document.querySelectorAll('{box}')]
            .filter(b => b.scrollWidth > b.clientWidth + 1 && b.checkVisibility()).length""")
        stops = page.evaluate(f"""() => [...document.querySelectorAll('{box}')]
            .filter(b => b.scrollWidth > b.clientWidth + 1 && b.checkVisibility() && b.tabIndex === 0 && b.getAttribute('aria-label')).length""")
        assert wide and stops == wide, f"{path}: {stops} of {wide} scrolling {box} boxes are named tab stops"
        tab_until(page, f"document.activeElement.matches('{box}') && document.activeElement.scrollWidth > document.activeElement.clientWidth + 1")
        page.keyboard.press("ArrowRight")
        settles(page, "document.activeElement.scrollLeft > 0", f"{path}: ArrowRight did not scroll {box}")


def test_keyboard_mark_on_a_topic_page_is_announced(views, site_url):
    """已掌握 on a topic page by Tab and Space (the drill's keys and 显示答案 are covered in
    tests/test_practice.py::test_keyboard_only): the button reports its state, names its question
    for a screen reader, and the live score line counts it."""
    page = views[(1280, "dark")][1]
    page.goto(site_url + "topics/gru/", wait_until="load")
    page.evaluate("localStorage.clear()")
    page.reload(wait_until="load")
    tab_until(page, "document.activeElement.dataset.mark === 'known'")
    button = page.evaluate("""() => { const b = document.activeElement;
        const d = document.getElementById(b.getAttribute('aria-describedby') || '');
        return {question: d ? d.tagName + '#' + d.id : null, pressed: b.getAttribute('aria-pressed')}; }""")
    assert button["question"] and button["question"].startswith("H2#"), button
    assert button["pressed"] == "false"
    page.keyboard.press(" ")
    assert page.evaluate("document.activeElement.getAttribute('aria-pressed')") == "true", focused(page)
    score = page.locator(".rnnq-score")
    assert score.get_attribute("aria-live") == "polite" and score.inner_text().startswith("已掌握 1 /")
    page.evaluate("localStorage.clear()")
