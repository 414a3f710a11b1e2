"""Speed, printed (not a test).

Build: full strict build, the same without the bank hook, the cheat-sheet PDF step, each
download's cost and size, the offline zip (a separate build), and the `mkdocs serve` rebuild
after a one-line page edit.
Phone: the LSTM page (the heaviest) in Chromium at 390x844 with the CPU throttled 4x: how much
later its first-screen formulas are ready than the same page without math, and the gzipped
transfer of a first visit.

Offline (not in the default run): the whole-site store's size and the time to store it, and a
first visit's transfer with and without the service worker (hooks/takeaway/pwa.py).

    make benchmark      (or: .venv/bin/python scripts/benchmark.py [build] [phone [SITE_DIR]])
    .venv/bin/python scripts/benchmark.py serve
    .venv/bin/python scripts/benchmark.py offline [SITE_DIR]
"""

from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "hooks"))
sys.path.insert(0, str(ROOT / "scripts"))
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
MKDOCS = [sys.executable, "-m", "mkdocs"]


def timed_build(config: Path, site: Path, strict: bool = True, keep_cache: bool = False) -> float:
    if not keep_cache:
        shutil.rmtree(ROOT / ".cache" / "downloads", ignore_errors=True)  # measure the downloads too
    started = time.perf_counter()
    cmd = [*MKDOCS, "build", "-f", str(config), "--site-dir", str(site)] + (["--strict"] if strict else [])
    result = subprocess.run(cmd, cwd=ROOT, env=ENV, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if result.returncode:
        sys.exit(f"build failed:\n{result.stderr[-3000:]}")
    return elapsed


def pdf_time(site: Path, cold: bool) -> float:
    """The PDF step alone; cold: without the rendered-formula cache (.cache/formulas)."""
    from takeaway import cheatsheet
    from takeaway import pdf
    from takeaway.pdf import math_svg

    if cold:
        shutil.rmtree(ROOT / ".cache" / "formulas", ignore_errors=True)
    math_svg._render_formula_cached.cache_clear()
    cheatsheet.for_print.cache_clear()

    html = (site / "cheatsheet" / "index.html").read_text(encoding="utf-8")
    content = html[html.index("<article"):html.index("</article>")]
    printable = cheatsheet.for_print(content, "http://127.0.0.1:8000/", "cheatsheet/index.html")
    started = time.perf_counter()
    pdf.render_pdf(printable, base_url=str(site / "index.html"), title="bench")  # images: site-relative
    return time.perf_counter() - started


def download_costs(site: Path) -> list[tuple[str, float, int]]:
    """(file, seconds to make it from scratch, bytes) for each download, from a cold-cache build's
    log ("x made in s"; files made without the cache, like the CSV, cost too little to log)."""
    shutil.rmtree(ROOT / ".cache" / "downloads", ignore_errors=True)
    cmd = [*MKDOCS, "build", "--site-dir", str(site)]
    log = subprocess.run(cmd, cwd=ROOT, env=ENV, capture_output=True, text=True).stderr
    made = {m[0]: float(m[1]) for m in re.findall(r"(\S+) made in ([\d.]+) s", log)}
    from takeaway import downloads

    return [(d.name, made.get(d.name, 0.0), (site / d.name).stat().st_size)
            for d in downloads.catalogue() if (site / d.name).exists()]


def offline_zip(tmp: Path) -> tuple[float, int]:
    import build_offline

    started = time.perf_counter()
    path = build_offline.build(tmp / "offline.zip")
    return time.perf_counter() - started, path.stat().st_size


def serve_rebuild(rounds: int = 7) -> tuple[float, float]:
    """Medians, over one-line page edits, of (edit to MkDocs' "Reloading browsers", the rebuild
    alone: from "Detected file changes"). The difference is MkDocs noticing the edit: it polls
    the docs every 0.5 s and then waits 0.1 s for more changes."""
    page = ROOT / "docs" / "topics" / "rnn-basics.md"
    original = page.read_text(encoding="utf-8")
    proc = subprocess.Popen([*MKDOCS, "serve", "--dev-addr", "127.0.0.1:8799"], cwd=ROOT, env=ENV,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    edits, rebuilds = [], []
    try:
        for line in proc.stdout:
            if "Serving on" in line:
                break
        for i in range(rounds):
            time.sleep(1.5)
            page.write_text(original + f"\n<!-- benchmark edit {i} -->\n", encoding="utf-8")
            started = detected = time.perf_counter()
            for line in proc.stdout:
                if "Detected file changes" in line:
                    detected = time.perf_counter()
                elif "Reloading browsers" in line:
                    edits.append(time.perf_counter() - started)
                    rebuilds.append(time.perf_counter() - detected)
                    break
    finally:
        page.write_text(original, encoding="utf-8")
        proc.terminate()
        proc.wait(timeout=10)
    if not edits:
        sys.exit("mkdocs serve did not rebuild (is port 8799 free?)")
    return statistics.median(edits), statistics.median(rebuilds)


PHONE = {"width": 390, "height": 844}
PHONE_PAGE = "topics/lstm/"
RUNS = 9
# Runs before any page script: records when every formula on the first screen is painted (its
# image loaded and decoded: complete with a natural width, drawn in the frame after), once the
# document is parsed (so the first screen holds all it will hold): __mathDrawn, the issue's
# measure; and the same once the load event has fired too: __mathReady, the stricter one.
FORMULAS_READY = """
(() => {
  const onScreen = n => { const r = n.getBoundingClientRect(); return r.top < innerHeight && r.bottom > 0; };
  const drawn = n => [...n.querySelectorAll("img.rnnq-math")].some(i => {
    const r = i.getBoundingClientRect(); return i.complete && i.naturalWidth > 0 && r.width > 2 && r.height > 2; });
  const tick = () => {
    if (document.readyState !== "loading") {
      const shown = [...document.querySelectorAll(".arithmatex")].filter(onScreen);
      if (shown.every(drawn)) {
        // The next frame's callback runs after this frame, with the images, has been painted.
        const loaded = document.readyState === "complete";
        requestAnimationFrame(() => {
          window.__mathDrawn = window.__mathDrawn || performance.now();
          if (loaded) { window.__mathReady = performance.now(); window.__mathCount = shown.length; }
        });
        if (loaded) return;
      }
    }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})();
"""
LOADED = "() => performance.getEntriesByType('navigation')[0].loadEventEnd"


def _runtime_mathjax(html: str) -> bool:
    return "mathjax/tex-svg.js" in html


def _without_math(html: str, keep_tex: bool) -> str:
    """The page without drawn formulas: each one as its TeX source text (what the page showed
    with runtime MathJax blocked, the issue's baseline) or removed entirely (stricter)."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    for node in soup.select(".arithmatex"):
        img = node.find("img", class_="rnnq-math")
        if keep_tex and img is not None:
            node.string = "\\(" + img.get("alt", "") + "\\)"
        else:
            node.decompose()
    return str(soup)


def _phone_run(browser, url: str, baseline: bool = False, block_engine: bool = False) -> tuple[float, int, int, int, int, float]:
    """One cold visit: (ms until ready, formulas on the first screen, gzipped bytes transferred,
    of which formula images, how many of those were fetched, ms until the first-screen formulas
    were drawn). Ready: every first-screen formula drawn and the page loaded; for a baseline, loaded.
    The transfer counts everything the visit fetched once the network is idle, including the
    formula images the browser loads ahead of scrolling (lazy loading's distance)."""

    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
    sizes = []
    if block_engine:
        page.route(lambda url: "/mathjax/" in url, lambda r: r.abort())
    page.on("response", lambda resp: sizes.append(resp))
    page.add_init_script(FORMULAS_READY)
    page.goto(url, wait_until="load")
    if baseline:
        ready, count = page.evaluate(LOADED), 0
        drawn = ready
    else:
        page.wait_for_function("() => window.__mathReady", timeout=60000)
        ready, count, drawn = page.evaluate("[window.__mathReady, window.__mathCount, window.__mathDrawn]")
    page_load = page.evaluate(LOADED)
    page.wait_for_load_state("networkidle")
    total = math_bytes = math_files = 0
    for resp in sizes:
        try:
            size = len(gzip.compress(resp.body(), 6))
        except Exception:  # redirects and aborted requests have no body
            continue
        total += size
        if "/assets/math/" in resp.url:
            math_bytes, math_files = math_bytes + size, math_files + 1
    context.close()
    if os.environ.get("BENCH_VERBOSE"):
        print(f"  {url.rsplit('/', 2)[-2]:12s} ready {ready:6.0f} ms  load {page_load:6.0f} ms", file=sys.stderr)
    return ready, count, total, math_bytes, math_files, drawn


def phone(site: Path) -> None:
    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(ROOT / "tests"))
    from conftest import CHROMIUM, CHROMIUM_ARGS, serve_directory

    html = (site / PHONE_PAGE / "index.html").read_text(encoding="utf-8")
    runtime = _runtime_mathjax(html)
    # The comparison pages are served like the real one (same depth, so the same assets): no
    # request interception, which would add its own delay to one side only.
    variants = {"tex": "formulas as TeX text (math engine blocked)", "none": "formulas removed"}
    bare = {k: site / f"{PHONE_PAGE.rstrip('/')}-{k}" for k in variants}
    if not runtime:
        for kind, folder in bare.items():
            folder.mkdir(exist_ok=True)
            (folder / "index.html").write_text(_without_math(html, kind == "tex"), encoding="utf-8")
    try:
        with serve_directory(site) as base, sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            url = base + PHONE_PAGE
            _phone_run(browser, url)  # warm the server and the disk cache
            with_math, without = [], {k: [] for k in variants}
            for _ in range(RUNS):  # interleaved, so a busy machine slows all alike
                with_math.append(_phone_run(browser, url))
                for kind, folder in bare.items():
                    if runtime and kind == "none":
                        continue
                    target = url if runtime else base + folder.relative_to(site).as_posix() + "/"
                    without[kind].append(_phone_run(browser, target, baseline=True, block_engine=runtime))
            browser.close()
    finally:
        if not runtime:
            for folder in bare.values():
                shutil.rmtree(folder)
    median = lambda xs: sorted(xs)[len(xs) // 2]  # noqa: E731
    print(f"phone: {PHONE_PAGE} at 390x844, CPU throttled 4x, median of {RUNS} cold visits "
          f"({'runtime MathJax' if runtime else 'build-time images'})")
    print(f"first-screen formulas ready {median([r[0] for r in with_math]):7.0f} ms   "
          f"({with_math[0][1]} formulas on the first screen; drawn at {median([r[5] for r in with_math]):.0f} ms, "
          f"ready also waits for the load event)")
    for kind, runs in without.items():
        if not runs:
            continue
        # Each visit is paired with the one right after it, so machine load cancels out.
        ratio = median([m[0] / b[0] for m, b in zip(with_math, runs)])
        print(f"  vs {variants[kind]:44s} {median([r[0] for r in runs]):7.0f} ms   ratio {ratio:.2f} (goal <= 1.3)")
    first = with_math[0]
    print(f"first visit, gzipped         {first[2] / 1024:7.0f} KB   (goal <= 450 KB; "
          f"{first[4]} formula images, {first[3] / 1024:.0f} KB of it)")
    page = (site / PHONE_PAGE / "index.html").read_bytes()
    print(f"page HTML                    {len(page) / 1024:7.0f} KB   ({len(gzip.compress(page, 6)) / 1024:.0f} KB gzipped)")
    math = list((site / "assets" / "math").glob("*.webp"))
    print(f"formula files (site-wide)    {len(math):7d}      ({sum(f.stat().st_size for f in math) / 1024:.0f} KB)")


PWA_TAGS = re.compile(r'<link rel="(?:manifest|apple-touch-icon)"[^>]*>|<script src="[^"]*pwa\.js"[^>]*></script>')


def _first_visit_bytes(browser, url: str) -> tuple[int, int]:
    """One cold visit on a fresh profile, until the network has been idle and the worker (if any)
    has stored the page: (gzipped bytes of every response, the worker's own fetches included;
    of which pwa.js and sw.js). The worker's fetches of the page's files are revalidations (304s)
    and carry no body."""
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    responses = []
    context.on("response", lambda r: responses.append(r))
    page = context.new_page()
    page.goto(url, wait_until="load")
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(1500)  # registration waits for load; the worker then stores the page
    total = worker = 0
    for resp in responses:
        try:
            body = resp.body()
        except Exception:  # redirects and aborted requests have no body
            continue
        size = len(gzip.compress(body, 6)) if body else 0  # empty: the worker's revalidations (304)
        total += size
        if resp.url.endswith(("/pwa.js", "/sw.js")):
            worker += size
    context.close()
    return total, worker


def offline(site: Path) -> None:
    """The installable offline site (hooks/takeaway/pwa.py): the whole-site store (files, bytes, seconds to
    store it from localhost) and a first visit's transfer with and without the worker's markup."""
    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(ROOT / "tests"))
    from conftest import CHROMIUM, CHROMIUM_ARGS, serve_directory

    html = (site / PHONE_PAGE / "index.html").read_text(encoding="utf-8")
    bare = site / f"{PHONE_PAGE.rstrip('/')}-nopwa"  # same depth, so the same relative assets
    bare.mkdir(exist_ok=True)
    (bare / "index.html").write_text(PWA_TAGS.sub("", html), encoding="utf-8")
    try:
        with serve_directory(site) as base, sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            _first_visit_bytes(browser, base + PHONE_PAGE)  # warm the server and the disk cache
            with_pwa = [_first_visit_bytes(browser, base + PHONE_PAGE) for _ in range(3)]
            without = [_first_visit_bytes(browser, base + bare.relative_to(site).as_posix() + "/")[0] for _ in range(3)]

            context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
            page = context.new_page()
            page.goto(base + "downloads/", wait_until="load")
            page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=30000)
            button = page.locator("#rnnq-offline button")
            button.wait_for(state="visible", timeout=20000)
            started = time.perf_counter()
            button.click()
            page.wait_for_selector("#rnnq-offline.rnnq-offline--complete", timeout=600000)
            seconds = time.perf_counter() - started
            usage = page.evaluate("navigator.storage.estimate().then(e => e.usage)")
            files = page.evaluate("""async () => { let n = 0;
                for (const name of await caches.keys())
                    if (!name.endsWith(":settings")) n += (await (await caches.open(name)).keys()).length;
                return n; }""")
            context.close()
            browser.close()
    finally:
        shutil.rmtree(bare)
    worker = (site / "sw.js").read_text(encoding="utf-8")
    main = sum(int(b) for b in re.findall(r'"bytes":(\d+)', worker))
    math = json.loads(re.search(r"var MATH = (\{.*?\});", worker).group(1))
    median = lambda xs: sorted(xs)[len(xs) // 2]  # noqa: E731
    print(f"offline store: {files} files, {(main + math['size']) / 1e6:.1f} MB as built "
          f"({math['count']} formula images, {math['size'] / 1e6:.1f} MB), "
          f"{usage / 1e6:.1f} MB in the browser's storage; stored in {seconds:.1f} s from localhost")
    first, by_worker = median([w[0] for w in with_pwa]), median([w[1] for w in with_pwa])
    print(f"first visit {PHONE_PAGE}, gzipped: {median(without) / 1024:.0f} KB without the worker, "
          f"{first / 1024:.0f} KB with it (+{(first - median(without)) / 1024:.1f} KB; "
          f"pwa.js and sw.js {by_worker / 1024:.1f} KB of it)")


def build() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        config = ROOT / "mkdocs.yml"
        timed_build(config, tmp / "warm")  # warm caches (notebooks, imports)
        full = timed_build(config, tmp / "site")
        bare = tmp / "bare.yml"
        bare.write_text(config.read_text(encoding="utf-8").replace("  - hooks/bank_hook.py\n", ""), encoding="utf-8")
        shutil.copy(bare, ROOT / ".bench.yml")
        try:  # the first run typesets the formulas only this build shows (the bank fills pages)
            timed_build(ROOT / ".bench.yml", tmp / "bare", strict=False)
            without = timed_build(ROOT / ".bench.yml", tmp / "bare", strict=False)
        finally:
            (ROOT / ".bench.yml").unlink()
        pdf_cold = pdf_time(tmp / "site", cold=True)
        pdf_warm = pdf_time(tmp / "site", cold=False)
        costs = download_costs(tmp / "costs")
        cached = timed_build(config, tmp / "cached", keep_cache=True)
        zip_time, zip_size = offline_zip(tmp)
    rebuild = serve_rebuild()
    print(f"full strict build        {full:6.2f} s   (target <= 8 s; PDF re-rendered, formula cache warm)")
    print(f"build without bank hook  {without:6.2f} s   (hook costs x{full / without:.2f})")
    print(f"cheat-sheet PDF step     {pdf_warm:6.2f} s   (target <= 3 s; {pdf_cold:.2f} s with no formula cache)")
    print(f"serve, edit to reload    {rebuild[0]:6.2f} s   (target <= 1 s; median of 7 one-line edits)")
    print(f"  of which the rebuild   {rebuild[1]:6.2f} s   (the rest is MkDocs' 0.5 s polling and 0.1 s wait)")
    print(f"full build, downloads cached {cached:5.2f} s   (the usual case: content unchanged since the last build)")
    for name, seconds, size in costs:
        print(f"  {name:26} {seconds:5.2f} s  {size / 1e6:6.2f} MB")
    print(f"offline zip (make offline)  {zip_time:5.2f} s  {zip_size / 1e6:6.2f} MB   (a second build, not part of `mkdocs build`)")


def main(args: list[str]) -> None:
    if not args or "build" in args:
        build()
    if "serve" in args:  # part of build; alone, it takes half a minute
        edit, rebuild = serve_rebuild()
        print(f"serve, edit to reload {edit:.2f} s, of which the rebuild {rebuild:.2f} s")
    if "offline" in args:  # not in the default run: it stores 13 MB in a browser profile
        rest = args[args.index("offline") + 1:]
        if rest:
            offline(Path(rest[0]))
        else:
            with tempfile.TemporaryDirectory() as tmp:
                timed_build(ROOT / "mkdocs.yml", Path(tmp))
                offline(Path(tmp))
    if not args or "phone" in args:
        rest = args[args.index("phone") + 1:] if "phone" in args else []
        if rest:
            phone(Path(rest[0]))
        else:
            with tempfile.TemporaryDirectory() as tmp:
                timed_build(ROOT / "mkdocs.yml", Path(tmp))
                phone(Path(tmp))


if __name__ == "__main__":
    main(sys.argv[1:])
