"""Every page at phone, tablet and desktop widths in headless Chromium: formulas have a visible
box, nothing scrolls the page sideways, no raw TeX or stray space in Chinese is visible, colours
meet WCAG AA, figures enlarge and close, local builds ask for no versions.json."""

from __future__ import annotations

import re

import pytest

from test_browser import pytest_generate_tests as _pages  # noqa: F401  (reused below)

WIDTHS = {360: "dark", 390: "light", 768: "dark", 1280: "light"}  # both palettes, every width
CJK = "\u3400-\u9fff\u3000-\u303f\uff01-\uff5e\u201c\u201d"


def all_pages() -> list[str]:
    from conftest import ROOT

    docs = ROOT / "docs"
    out = []
    for src in sorted(list(docs.rglob("*.md")) + list(docs.rglob("*.ipynb"))):
        rel = src.relative_to(docs).with_suffix("").as_posix()
        out.append("" if rel == "index" else rel.removesuffix("/index") + "/")
    return out


LAYOUT = """
() => {
  const problems = [];
  for (const n of document.querySelectorAll(".md-content .arithmatex")) {
    if (!n.checkVisibility()) continue;  // inside a closed <details> or an inactive tab
    const img = n.querySelector(":scope > img.rnnq-math");
    const r = img ? img.getBoundingClientRect() : {width: 0, height: 0};
    if (!(r.width > 2 && r.height > 2))
      problems.push(`formula ${img ? img.alt : n.textContent.slice(0, 40)} `
                    + `is ${r.width.toFixed(1)}x${r.height.toFixed(1)} px`);
    else if (n.tagName === "SPAN" && getComputedStyle(img).display !== "inline")
      problems.push(`inline formula ${img.alt} is not in its line (display: ${getComputedStyle(img).display})`);
    // Drawn at its own proportions: Material's img rules must not squeeze it.
    else if ((ratio => Math.abs(r.width / r.height - ratio) > 0.05 * ratio)(
               ((s, m) => m ? m[1] / m[2] : parseFloat(s.match(/width:([\\d.]+)/)[1]) / parseFloat(s.match(/height:([\\d.]+)/)[1]))(
                 img.getAttribute("style"), img.getAttribute("style").match(/aspect-ratio:([\\d.]+)\\/([\\d.]+)/))))
      problems.push(`formula ${img.alt} is distorted: ${r.width.toFixed(1)}x${r.height.toFixed(1)} px`);
  }
  const root = document.documentElement;
  if (root.scrollWidth > root.clientWidth + 1) {
    const wide = [...document.querySelectorAll("body *")]
      .filter(e => e.getBoundingClientRect().right > root.clientWidth + 1 && e.checkVisibility())
      .map(e => e.tagName.toLowerCase() + "." + String(e.className).split(" ")[0]).slice(-3);
    problems.push(`page scrolls sideways: ${root.scrollWidth}px in ${root.clientWidth}px (${wide})`);
  }
  return problems;
}
"""

# Visible text as a reader sees it, captions included; each formula and code span stands in as a
# Latin word, code blocks are left out. (The page is reloaded after this.)
PROSE = """
() => {
  for (const m of document.querySelectorAll(".arithmatex"))
    m.replaceWith(document.createTextNode(m.tagName === "DIV" ? "\\nMATH\\n" : "MATH"));
  for (const c of document.querySelectorAll("code, kbd")) c.replaceWith(document.createTextNode("CODE"));
  for (const c of document.querySelectorAll("pre, div.highlight, .jp-InputArea")) c.remove();
  return document.body.innerText;
}
"""
RAW_TEX = re.compile(r"\\\(|\\\[|\$\$|(?<![\\$])\$[^$\s][^$\n]*?[\\_^{}][^$\n]*?\$")
CJK_SPACE = re.compile(f"[{CJK}][ \u00a0]+[{CJK}]")


@pytest.fixture(scope="module")
def contexts(browser):
    made = {w: browser.new_context(viewport={"width": w, "height": 844 if w < 700 else 900},
                                   color_scheme=scheme) for w, scheme in WIDTHS.items()}
    yield made
    for context in made.values():
        context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_every_page_reads_at_width(contexts, site_url, width):
    page = contexts[width].new_page()
    problems = []
    for path in all_pages():
        page.goto(site_url + path, wait_until="load")
        problems += [f"{path or 'home'}: {p}" for p in page.evaluate(LAYOUT)]
        if width == 390:  # text is the same at every width
            text = page.evaluate(PROSE)
            problems += [f"{path or 'home'}: raw TeX {m.group(0)[:40]!r}" for m in RAW_TEX.finditer(text)]
            problems += [f"{path or 'home'}: space inside Chinese text {m.group(0)!r}"
                         for m in CJK_SPACE.finditer(text)]
    page.close()
    assert not problems, f"{width}px ({WIDTHS[width]}):\n" + "\n".join(problems[:40])


def test_figure_opens_enlarged_and_escape_closes_it(contexts, site_url):
    page = contexts[1280].new_page()
    page.goto(site_url + "topics/lstm/", wait_until="networkidle")
    link = page.locator("article a.glightbox").first
    link.scroll_into_view_if_needed()
    inline = link.locator("img").bounding_box()["width"]
    link.click()
    opened = page.locator(".glightbox-container .gslide.current img")
    opened.wait_for(state="visible", timeout=5000)
    page.wait_for_timeout(600)  # the zoom-in animation
    assert opened.bounding_box()["width"] > inline * 1.2, "the lightbox did not enlarge the figure"
    page.keyboard.press("Escape")
    page.wait_for_selector(".glightbox-container", state="detached", timeout=5000)
    page.close()


# Text colours this site sets, each with the background it is read on (both palettes).
CONTRAST = """
() => {
  const rgb = s => s.match(/[\\d.]+/g).map(Number);
  const lum = ([r, g, b]) => {
    const f = c => (c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const background = el => {
    for (; el; el = el.parentElement) {
      const c = rgb(getComputedStyle(el).backgroundColor);
      if (c.length < 4 || c[3] > 0.99) return c.slice(0, 3);
    }
    return [255, 255, 255];
  };
  const blend = (fg, bg) => fg.length < 4 ? fg : fg.slice(0, 3).map((c, i) => c * fg[3] + bg[i] * (1 - fg[3]));
  const out = [];
  for (const sel of [".md-typeset .md-button", ".rnnq-badge", ".admonition.abstract p:not(.admonition-title)"]) {
    for (const el of document.querySelectorAll(sel)) {
      const bg = background(el), fg = blend(rgb(getComputedStyle(el).color), bg);
      const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
      out.push([sel, el.textContent.trim().slice(0, 12), (a + 0.05) / (b + 0.05)]);
    }
  }
  return out;
}
"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_colours_we_set_meet_wcag_aa(browser, site_url, scheme):
    context = browser.new_context(viewport={"width": 390, "height": 844}, color_scheme=scheme)
    page = context.new_page()
    pairs = []
    for path in ("", "topics/lstm/"):
        page.goto(site_url + path, wait_until="load")
        pairs += page.evaluate(CONTRAST)
    context.close()
    assert {p[0] for p in pairs} == {".md-typeset .md-button", ".rnnq-badge",
                                     ".admonition.abstract p:not(.admonition-title)"}
    low = [f"{sel} {text!r}: {ratio:.2f}:1" for sel, text, ratio in pairs if ratio < 4.5]
    assert not low, f"{scheme}: below 4.5:1: " + "; ".join(sorted(set(low)))


def test_answer_box_reads_at_body_size(contexts, site_url):
    page = contexts[390].new_page()
    page.goto(site_url + "topics/lstm/", wait_until="load")
    body, answer = page.evaluate("""() => [
      getComputedStyle(document.querySelector("article > p")).fontSize,
      getComputedStyle(document.querySelector(".admonition.abstract p:not(.admonition-title)")).fontSize]""")
    page.close()
    assert answer == body, f"一句话回答 is {answer}, body text {body}"


def test_local_build_requests_no_versions_json(contexts, site_url):
    page = contexts[390].new_page()
    requested = []
    page.on("request", lambda r: requested.append(r.url))
    page.goto(site_url + "topics/lstm/", wait_until="networkidle")
    page.close()
    assert requested and not [u for u in requested if u.endswith("versions.json")]


# Smallest label of each diagram as drawn: its smallest font-size times the drawn width over the
# viewBox width.
LABELS = """
async () => {
  const out = [];
  for (const img of document.querySelectorAll("article img[src$='.svg']")) {
    const svg = await (await fetch(img.src)).text();
    const sizes = [...svg.matchAll(/font-size[=:]\\s*"?([\\d.]+)/g)].map(m => Number(m[1]));
    const box = svg.match(/viewBox="[\\d.]+ [\\d.]+ ([\\d.]+)/);
    if (!sizes.length || !box) continue;
    out.push([img.getAttribute("src").split("/").pop(),
              Math.min(...sizes) * img.getBoundingClientRect().width / Number(box[1])]);
  }
  return out;
}
"""


def test_smallest_diagram_label_is_readable_at_desktop_width(contexts, site_url):
    page = contexts[1280].new_page()
    small = []
    for path in all_pages():
        page.goto(site_url + path, wait_until="load")
        small += [f"{path}: {name} {px:.1f}px" for name, px in page.evaluate(LABELS) if px < 11]
    page.close()
    assert not small, "labels under 11 CSS px at 1280 px: " + "; ".join(small)


@pytest.mark.parametrize("start", ["topics/gru/", "topics/lstm/"])
def test_a_search_result_tapped_on_a_phone_opens_at_its_question(browser, site_url, start):
    """Material locks the page's scroll under the phone search overlay and restores it on close,
    after instant navigation has scrolled: without search-shim.js the reader landed at the top."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(site_url + start, wait_until="load")
    page.click("label.md-header__button[for=__search]")
    page.fill("[data-md-component=search-query]", "h_n c_n")
    result = page.locator("a.md-search-result__link[href*='#lstm-pytorch-outputs']").first
    result.wait_for(timeout=10000)
    result.tap()
    page.wait_for_function("location.hash === '#lstm-pytorch-outputs'", timeout=10000)
    page.wait_for_timeout(1500)
    top = page.evaluate("document.getElementById('lstm-pytorch-outputs').getBoundingClientRect().top")
    assert page.evaluate("scrollY") > 5000 and 0 <= top < 150, (page.evaluate("scrollY"), top)
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_drill_on_a_phone_stays_readable_after_each_tap(browser, site_url, scheme):
    """Focus moves to 已掌握 after 显示答案: the focused button must keep readable colours (Material
    paints focused buttons in the accent colour), and the status line with the time left must not
    sit under Material's back-to-top pill."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, color_scheme=scheme,
                                  is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(site_url + "practice/", wait_until="load")
    page.locator("#rnnq-setup button[type=submit]").tap()
    page.locator(".rnnq-session .rnnq-reveal").tap()
    page.wait_for_timeout(400)  # the pill fades in after a scroll
    assert page.evaluate("document.activeElement.dataset.mark") == "known"
    pairs = [p for p in page.evaluate(CONTRAST) if p[0] == ".md-typeset .md-button"]
    low = [f"{text!r}: {ratio:.2f}:1" for _, text, ratio in pairs if ratio < 4.5]
    assert pairs and not low, f"{scheme}: drill buttons below 4.5:1: {low}"
    page.evaluate("document.querySelector('.rnnq-session').scrollIntoView()")
    page.wait_for_timeout(400)
    covered = page.evaluate("""() => { const pos = document.querySelector('.rnnq-session__pos');
        const r = pos.getBoundingClientRect(); const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
        return hit && !pos.contains(hit) && !hit.contains(pos) ? hit.className : ''; }""")
    assert not covered, f"the drill's status line is covered by {covered!r}"
    context.close()


def test_controls_are_big_enough_to_tap(browser, site_url):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    small = []
    for path, selector in (("practice/", "#rnnq-setup button, #rnnq-setup select, #rnnq-setup label"),
                           ("topics/gru/", ".rnnq-toolbar button, .rnnq-toolbar select, .rnnq-controls button")):
        page.goto(site_url + path, wait_until="load")
        sizes = page.eval_on_selector_all(selector, """ns => ns.filter(n => n.offsetParent)
            .map(n => [n.textContent.trim().slice(0, 10), n.getBoundingClientRect().height])""")
        assert sizes, (path, selector)
        small += [f"{path} {text!r}: {h:.0f}px" for text, h in sizes if h < 44]
    context.close()
    assert not small, "under 44 px on a touch screen: " + "; ".join(small[:10])


def test_download_names_stay_on_one_line_on_a_phone(contexts, site_url):
    page = contexts[390].new_page()
    page.goto(site_url + "downloads/", wait_until="load")
    lines = page.eval_on_selector_all("table.rnnq-downloads td code",
                                      "ns => ns.map(n => [n.textContent, n.getClientRects().length])")
    page.close()
    assert len(lines) >= 4
    broken = [name for name, rects in lines if rects > 1]
    assert not broken, f"file names broken across lines at 390 px: {broken}"


def test_topic_pages_list_their_questions_at_the_top(contexts, site_url, built_site):
    for page_dir in sorted((built_site / "topics").iterdir()):
        html = (page_dir / "index.html").read_text(encoding="utf-8")
        jump = re.search(r'<details class="rnnq-jump"[^>]*>(.*?)</details>', html, re.S)
        assert jump, f"{page_dir.name}: no list of its questions"
        ids = re.findall(r'<a href="#([^"]+)"', jump.group(1))
        assert ids == re.findall(r'<h2 id="([^"]+)"', html), page_dir.name
    page = contexts[390].new_page()
    page.goto(site_url + "topics/lstm/", wait_until="load")
    page.locator("details.rnnq-jump > summary").click()
    page.locator("details.rnnq-jump a[href$='#lstm-pytorch-outputs']").click()
    # Scrolled to the question (polled: on a loaded machine the scroll lands after a fixed pause would).
    page.wait_for_function("() => { const top = document.getElementById('lstm-pytorch-outputs').getBoundingClientRect().top;"
                           " return top >= 0 && top < 150; }", timeout=10000)
    page.close()
