"""The built site in headless Chromium: clean loads, typeset math, instant navigation, dark mode.
Search: tests/search/test_search.py. Phone widths, captions, typography and the lightbox: tests/page/test_mobile.py."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest


MATH_STATE = """
() => {
  const article = document.querySelector("article");
  const nodes = [...document.querySelectorAll(".arithmatex")];
  const onScreen = i => { const r = i.getBoundingClientRect(); return r.bottom > 0 && r.top < innerHeight && i.checkVisibility(); };
  const images = nodes.map(n => n.querySelector(":scope > img.rnnq-math")).filter(Boolean);
  return {
    total: nodes.length,
    typeset: images.length,
    // Formulas on the first screen are drawn (lazy loading fetches the others on scrolling).
    errors: images.filter(i => onScreen(i) && i.complete && i.naturalWidth === 0).length,
    text: article ? article.innerText : "",
  };
}
"""


def pytest_generate_tests(metafunc):
    if "site_page" in metafunc.fixturenames:
        from conftest import ROOT

        docs = ROOT / "docs"
        # Derive page paths from the sources so the parameter list exists before the build runs.
        paths = []
        for src in sorted(list(docs.rglob("*.md")) + list(docs.rglob("*.ipynb"))):
            rel = src.relative_to(docs).with_suffix("")
            paths.append("" if rel.as_posix() == "index" else rel.as_posix().removesuffix("/index") + "/")
        metafunc.parametrize("site_page", paths)


def assert_math_typeset(page, where: str):
    state = page.evaluate(MATH_STATE)
    assert state["errors"] == 0, f"{where}: {state['errors']} formula image(s) on screen failed to load"
    assert state["typeset"] == state["total"], (
        f"{where}: only {state['typeset']} of {state['total']} formulas were typeset")
    for raw in ("$$", "\\(", "\\[", "\\begin{"):
        assert raw not in state["text"], f"{where}: raw math {raw!r} left in the visible text"
    return state


def test_every_page_loads_cleanly_and_typesets_math(page, site_url, site_page):
    problems = []
    page.on("console", lambda m: m.type == "error" and problems.append(f"console: {m.text}"))
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("request", lambda r: urlparse(r.url).hostname not in ("127.0.0.1", None)
            and not r.url.startswith("data:") and problems.append(f"third-party request: {r.url}"))
    page.on("response", lambda r: r.status >= 400 and problems.append(f"HTTP {r.status}: {r.url}"))
    page.goto(site_url + site_page, wait_until="networkidle")
    assert_math_typeset(page, site_page or "home")
    page.wait_for_load_state("networkidle")
    assert problems == [], f"{site_page or 'home'}: " + "; ".join(problems)


def test_math_survives_instant_navigation(page, site_url):
    page.goto(site_url, wait_until="networkidle")
    page.evaluate("window.__sameDocument = true")
    page.locator("article a[href$='topics/lstm/']").first.click()
    page.wait_for_url("**/topics/lstm/")
    page.wait_for_function("() => document.querySelectorAll('.arithmatex').length > 0")
    assert page.evaluate("window.__sameDocument === true"), "navigation reloaded the page: instant navigation is off"
    page.wait_for_function(
        "() => [...document.querySelectorAll('.arithmatex')].every(n => n.querySelector('img.rnnq-math'))",
        timeout=15000,
    )
    state = assert_math_typeset(page, "topics/lstm/ after instant navigation")
    assert state["total"] >= 5


def test_dark_mode_renders(page, site_url, tmp_path):
    page.goto(site_url + "topics/lstm/", wait_until="networkidle")
    light_bg = page.evaluate("getComputedStyle(document.body).backgroundColor")
    page.locator("form[data-md-component='palette'] label:visible").first.click()
    page.wait_for_function("() => document.body.getAttribute('data-md-color-scheme') === 'slate'")
    dark_bg = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert dark_bg != light_bg

    def luminance(css: str) -> float:
        r, g, b = (int(x) for x in css[css.index("(") + 1:css.index(")")].split(",")[:3])
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    assert luminance(dark_bg) < 80 < luminance(light_bg)
    text_colour = page.evaluate("getComputedStyle(document.querySelector('article')).color")
    assert luminance(text_colour) > 150, f"article text {text_colour} is too dark on the dark background"
    assert_math_typeset(page, "topics/lstm/ in dark mode")
    page.screenshot(path=str(tmp_path / "lstm-dark.png"), full_page=False)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("topic,diagram", [("lstm", "lstm-cell.svg"), ("gru", "gru-cell.svg")])
def test_cell_diagrams_render_in_both_palettes(browser, site_url, topic, diagram, scheme):
    """The cell diagrams load, are drawn at a readable size and keep their own light card in
    dark mode. The screenshots land in screenshots/ for a person to look at."""
    from conftest import ROOT

    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    page.goto(site_url + f"topics/{topic}/", wait_until="networkidle")
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == (
        "slate" if scheme == "dark" else "default")
    img = page.locator(f"article img[src$='{diagram}']").first
    img.scroll_into_view_if_needed()
    size = img.evaluate("i => [i.complete, i.naturalWidth, i.getBoundingClientRect().width]")
    assert size[0] and size[1] > 0, f"{diagram} did not load"
    assert size[2] >= 400, f"{diagram} is drawn only {size[2]}px wide"
    out = ROOT / "screenshots"
    out.mkdir(exist_ok=True)
    img.screenshot(path=str(out / f"{topic}-{diagram[:-4]}-{scheme}.png"))
    context.close()


def test_printing_shows_every_formula(page, site_url):
    """Formula images are lazy: printing must load them all, not print blank boxes."""
    page.goto(site_url + "topics/lstm/", wait_until="networkidle")
    assert page.evaluate("[...document.querySelectorAll('img.rnnq-math')].some(i => !i.complete)"), \
        "every formula already loaded: the test proves nothing"
    page.pdf()
    missing = page.evaluate("[...document.querySelectorAll('img.rnnq-math')].filter(i => !(i.complete && i.naturalWidth)).map(i => i.alt)")
    assert missing == [], f"{len(missing)} formulas not loaded for printing: {missing[:5]}"
