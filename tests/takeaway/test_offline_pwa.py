"""The installable offline web app (hooks/takeaway/pwa.py, hooks/pwa_worker.js, assets/javascripts/pwa.js):
store the site, read it with no network, one worker and cache per mike version, 有新版本 after a
deployment, the manifest, no third-party request, and no worker where there can be none (file://)."""

from __future__ import annotations

import io
import json
import re
import shutil
import sys
import tempfile
import time
from urllib.parse import urlparse

import pytest
from PIL import Image

from conftest import CHROMIUM, CHROMIUM_ARGS, ROOT, serve_directory

sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "hooks"))
import search_benchmark  # noqa: E402

MARKS_KEY = "/.rnnq.marks.v1"


class Recorded:
    """A browser context that records every request, the service worker's included."""

    def __init__(self, browser, **options):
        self.context = browser.new_context(viewport={"width": 1280, "height": 900}, **options)
        self.requests = []
        self.context.on("request", lambda request: self.requests.append(request))
        self.page = self.context.new_page()

    def third_party(self) -> list[str]:
        return [r.url for r in self.requests if urlparse(r.url).hostname not in ("127.0.0.1", None)
                and not r.url.startswith(("data:", "blob:"))]

    def from_worker(self) -> list[str]:
        return [r.url for r in self.requests if r.service_worker is not None]


@pytest.fixture
def recorded(browser):
    made = []

    def make(**options):
        made.append(Recorded(browser, **options))
        return made[-1]

    yield make
    for r in made:
        r.context.close()


def controlled(page, timeout: int = 30000) -> None:
    page.wait_for_function("() => navigator.serviceWorker && navigator.serviceWorker.controller !== null",
                           timeout=timeout)


def store_whole_site(page, url: str) -> float:
    """Open the 下载 page, press 存储整个站点, wait until the control says it is all stored."""
    page.goto(url + "downloads/", wait_until="load")
    controlled(page)
    button = page.locator("#rnnq-offline button")
    button.wait_for(state="visible", timeout=20000)
    assert re.search(r"存储整个站点（\d+\.\d MB）", button.inner_text()), button.inner_text()
    started = time.perf_counter()
    button.click()
    page.wait_for_selector("#rnnq-offline.rnnq-offline--complete", timeout=240000)
    return time.perf_counter() - started


def drawn(page, selector: str, n: int) -> list[int]:
    """Load the first n images matching selector now (not when scrolled to) and return their
    natural widths: 0 for an image the browser could not get or decode."""
    return page.evaluate("""async ([selector, n]) => {
        const imgs = [...document.querySelectorAll(selector)].slice(0, n);
        for (const img of imgs) img.loading = "eager";
        await Promise.all(imgs.map(img => img.decode().catch(() => null)));
        return imgs.map(img => img.naturalWidth);
    }""", [selector, n])


def test_stored_site_works_offline_and_keeps_marks(recorded, site_url):
    r = recorded()
    page = r.page
    page.add_init_script(search_benchmark.COUNT_RESULTS)
    seconds = store_whole_site(page, site_url)
    status = page.locator("#rnnq-offline .rnnq-offline__status").inner_text()
    assert "离线可用" in status and "MB" in status, status
    print(f"\nwhole site stored in {seconds:.1f} s: {status}")

    r.context.set_offline(True)
    # Offline for real: a file the worker does not store (a large download) cannot be fetched.
    assert page.evaluate("fetch('../questions.json').then(() => 'fetched', () => 'failed')") == "failed"

    # Five pages: three loaded in full (the worker answers the navigation), two by instant navigation.
    page.goto(site_url + "topics/lstm/")
    assert drawn(page, "img.rnnq-math", 30).count(0) == 0, "formula images missing offline"
    assert all(drawn(page, "article img[src*='diagrams/']", 5)), "diagrams missing offline"
    page.goto(site_url + "notation/")
    assert page.locator("h1").first.inner_text().strip()
    page.goto(site_url)
    page.evaluate("window.__sameDocument = true")
    page.locator("article a[href$='topics/gru/']").first.click()
    page.wait_for_url("**/topics/gru/")
    page.wait_for_function("() => document.querySelectorAll('img.rnnq-math').length > 0")
    page.locator(".md-nav__link[href$='training/']").first.click()
    page.wait_for_url("**/topics/training/")
    page.wait_for_function("() => document.querySelectorAll('.rnnq-mark').length > 0")
    assert page.evaluate("window.__sameDocument === true"), "instant navigation fell back to page loads offline"
    assert drawn(page, "img.rnnq-math", 20).count(0) == 0

    # Search: the index and the engine come from the store.
    page.locator("input[data-md-component='search-query']").click()
    page.wait_for_function("() => window.__searchResults > 0", timeout=20000)
    found = search_benchmark.type_query(page, "遗忘门")
    assert found, "search found nothing offline"
    page.keyboard.press("Escape")

    # Reveal an answer in self-test mode and mark a question.
    page.click(".rnnq-mode")
    page.locator(".rnnq-reveal").first.click()
    assert page.locator(".rnnq-reveal").first.get_attribute("aria-expanded") == "true"
    page.locator(".rnnq-mark[data-mark=known]").first.click()
    marked = json.loads(page.evaluate(f"localStorage.getItem({MARKS_KEY!r})"))["marks"]
    assert len(marked) == 1

    r.context.set_offline(False)
    page.reload(wait_until="load")
    assert page.locator(".rnnq-mark[data-mark=known]").first.get_attribute("aria-pressed") == "true"
    assert json.loads(page.evaluate(f"localStorage.getItem({MARKS_KEY!r})"))["marks"] == marked
    # The worker fetched the site itself (so the requests below include its own), and nothing else.
    assert len(r.from_worker()) > 1000
    assert r.third_party() == []


def test_a_first_visit_stores_only_what_it_shows(recorded, site_url):
    """No silent download of the whole site: the worker stores the visited page and its files."""
    r = recorded()
    r.page.goto(site_url + "topics/gru/", wait_until="load")
    controlled(r.page)
    r.page.wait_for_timeout(1500)
    names = r.page.evaluate("caches.keys()")
    assert all(n.startswith("rnnq-offline:/dev/") for n in names), names
    stored = r.page.evaluate("""async names => {
        const urls = [];
        for (const name of names) for (const req of await (await caches.open(name)).keys()) urls.push(req.url);
        return urls;
    }""", names)
    assert any("topics/gru/index.html" in u for u in stored), stored
    assert len(stored) < 100, f"a first visit stored {len(stored)} files"  # the page, its scripts, formulas
    assert not any(u.endswith(("/topics/lstm/index.html", ".pdf", ".apkg", ".zip")) for u in stored)
    r.page.goto(site_url + "downloads/", wait_until="load")
    status = r.page.locator("#rnnq-offline .rnnq-offline__status")
    status.wait_for(state="visible")
    r.page.wait_for_function("() => /本机已存 \\d+ \\/ \\d+/.test(document.querySelector('.rnnq-offline__status').textContent)")
    assert "本机已存" in status.inner_text()
    # Offline, a page never opened gets the worker's note instead of the browser's error page.
    r.context.set_offline(True)
    r.page.goto(site_url + "topics/lstm/")
    assert "这一页还没有存到本机" in r.page.locator("h1").inner_text()
    r.context.set_offline(False)


def test_slow_or_metered_connection_gets_a_warning(recorded, site_url):
    r = recorded()
    r.context.add_init_script("Object.defineProperty(navigator, 'connection', "
                              "{value: {saveData: true, type: 'cellular', effectiveType: '4g'}})")
    r.page.goto(site_url + "downloads/", wait_until="load")
    controlled(r.page)
    warning = r.page.locator("#rnnq-offline .rnnq-offline__warning")
    warning.wait_for(state="visible", timeout=20000)
    assert "Wi-Fi" in warning.inner_text()
    assert r.page.locator("#rnnq-offline button").inner_text().startswith("仍然存储")


# --------------------------------------------------------------------------- mike versions

@pytest.fixture
def two_versions(built_site, tmp_path):
    """Two copies of the build published as mike would: /0.1/ and /0.2/ with /versions.json."""
    root = tmp_path / "pages"
    for version in ("0.1", "0.2"):
        shutil.copytree(built_site, root / version)
    (root / "versions.json").write_text(json.dumps(
        [{"version": v, "title": v, "aliases": []} for v in ("0.2", "0.1")]))
    with serve_directory(root) as base:
        yield root, base


@pytest.fixture
def fresh_browser(browser):
    """A browser process of its own: after a test that stored the whole site, Chromium's shared
    service-worker machinery did not pick up the updated worker of a later context within two minutes
    (cause not found; one context alone, as a reader has, shows 有新版本)."""
    own = browser.browser_type.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield own
    own.close()


def test_each_version_has_its_own_worker_and_cache_and_announces_updates(fresh_browser, two_versions):
    from takeaway import pwa

    root, base = two_versions
    r = Recorded(fresh_browser)
    page = r.page
    for version in ("0.1", "0.2"):
        page.goto(base + version + "/topics/gru/", wait_until="load")
        controlled(page)
        page.goto(base + version + "/", wait_until="load")  # through the worker: stored
        page.wait_for_timeout(500)
    scopes = page.evaluate("navigator.serviceWorker.getRegistrations().then(rs => rs.map(r => r.scope))")
    assert sorted(scopes) == [base + "0.1/", base + "0.2/"]
    before = page.evaluate("caches.keys()")
    assert {n.split(":")[1] for n in before} == {"/0.1/", "/0.2/"}, before

    # A mark made before the deployment (marks are in localStorage, which no worker can touch).
    page.goto(base + "0.2/topics/gru/", wait_until="load")
    page.locator(".rnnq-mark[data-mark=again]").first.click()

    # A new deployment of 0.2: a page changed, the worker rebuilt as `mkdocs build` would.
    home = root / "0.2" / "index.html"
    home.write_text(home.read_text(encoding="utf-8").replace("</article>", "<p id='deployed-again'>新内容</p></article>", 1),
                    encoding="utf-8")
    pwa.write_worker(root / "0.2")

    page.goto(base + "0.1/", wait_until="load")
    page.wait_for_timeout(1000)
    assert page.locator(".rnnq-update").count() == 0, "0.1 did not change, yet it offers an update"

    page.goto(base + "0.2/", wait_until="load")
    bar = page.locator(".rnnq-update")
    bar.wait_for(timeout=30000)
    assert "有新版本" in bar.inner_text()
    # The new worker waits: the page is still the stored, old one (no half-new site); the reload
    # brings the new one, which the new worker downloaded because the reader had this page stored.
    assert page.locator("#deployed-again").count() == 0
    with page.expect_navigation():
        bar.locator("button").click()
    page.wait_for_selector("#deployed-again", state="attached", timeout=20000)
    assert page.locator(".rnnq-update").count() == 0
    after = page.evaluate("caches.keys()")
    old_02 = [n for n in before if n.startswith("rnnq-offline:/0.2/") and not n.endswith((":math", ":settings"))]
    assert not set(old_02) & set(after), "the previous deployment's cache was kept"
    assert [n for n in after if n.startswith("rnnq-offline:/0.1/")] == [n for n in before if n.startswith("rnnq-offline:/0.1/")]
    page.goto(base + "0.2/topics/gru/", wait_until="load")
    assert page.locator(".rnnq-mark[data-mark=again]").first.get_attribute("aria-pressed") == "true"
    assert r.third_party() == []


# --------------------------------------------------------------------------- manifest, file://

def test_manifest_is_installable(browser, site_url, built_site):
    manifest = json.loads((built_site / "manifest.webmanifest").read_text(encoding="utf-8"))
    assert manifest["name"] == "RNN 面试题库" and manifest["short_name"]
    assert manifest["display"] == "standalone" and manifest["theme_color"].startswith("#")
    assert manifest["start_url"] == manifest["scope"] == "./"  # the version's root: within scope
    sizes = set()
    for icon in manifest["icons"]:
        with Image.open(io.BytesIO((built_site / icon["src"]).read_bytes())) as image:
            assert image.format == "PNG" and f"{image.width}x{image.height}" == icon["sizes"]
        sizes.add(icon["sizes"])
    assert {"192x192", "512x512"} <= sizes
    assert any(i.get("purpose") == "maskable" for i in manifest["icons"])

    # What Chromium itself says: the check Lighthouse's installability audit reads. In a normal
    # profile: Playwright's contexts are incognito, where nothing is installable.
    with tempfile.TemporaryDirectory() as profile:
        context = browser.browser_type.launch_persistent_context(
            profile, executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = context.new_page()
            page.goto(site_url, wait_until="load")
            controlled(page)
            cdp = context.new_cdp_session(page)
            parsed = cdp.send("Page.getAppManifest")
            assert parsed["url"] == site_url + "manifest.webmanifest"
            assert not parsed["errors"], parsed["errors"]
            assert cdp.send("Page.getInstallabilityErrors")["installabilityErrors"] == []
        finally:
            context.close()


def test_no_worker_from_file_urls(recorded, built_site):
    r = recorded()
    r.context.add_init_script("""
        window.__registrations = 0;
        if (window.ServiceWorkerContainer) {
            const register = ServiceWorkerContainer.prototype.register;
            ServiceWorkerContainer.prototype.register = function () { window.__registrations++; return register.apply(this, arguments); };
        }""")
    errors = []
    r.page.on("pageerror", lambda e: errors.append(str(e)))
    r.page.goto((built_site / "downloads" / "index.html").as_uri(), wait_until="load")
    r.page.wait_for_timeout(500)
    assert r.page.evaluate("window.__registrations") == 0
    assert "解压的离线版" in r.page.locator("#rnnq-offline").inner_text()
    assert r.page.locator("#rnnq-offline button").is_hidden()
    assert errors == []


def test_offline_and_serve_builds_have_no_worker():
    from mkdocs.config import load_config

    from takeaway import pwa

    offline = load_config(str(ROOT / "mkdocs-offline.yml"))
    assert not pwa.enabled(offline)
    main = load_config(str(ROOT / "mkdocs.yml"))
    pwa.on_startup(command="serve", dirty=False)
    try:
        assert not pwa.enabled(main)
    finally:
        pwa.on_startup(command="build", dirty=False)
    assert pwa.enabled(main)
