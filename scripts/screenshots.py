"""Screenshots of built pages in light and dark mode, for a human to look at.

    .venv/bin/python scripts/screenshots.py site/ topics/lstm/ topics/gru/ ...
writes screenshots/<page>-<light|dark>.png (git-ignored). With --phone, at 390x844 instead of
1280x900 (files named <page>-phone-<scheme>.png); --full: the whole page. With --readme, also
refreshes docs/assets/screenshot.png from the home page.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from conftest import CHROMIUM, CHROMIUM_ARGS, serve_directory  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402


def main(site: str, pages: list[str], readme: bool) -> None:
    out = ROOT / "screenshots"
    out.mkdir(exist_ok=True)
    phone = "--phone" in sys.argv
    viewport = {"width": 390, "height": 844} if phone else {"width": 1280, "height": 900}
    with serve_directory(Path(site)) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for scheme in ("light", "dark"):
            page = browser.new_page(viewport=viewport, color_scheme=scheme)
            for path in pages:
                page.goto(base + path, wait_until="networkidle")
                page.wait_for_timeout(300)
                name = (path.strip("/").replace("/", "-") or "home") + ("-phone" if phone else "") + f"-{scheme}.png"
                page.screenshot(path=str(out / name), full_page="--full" in sys.argv)
                print(out / name)
            if readme and scheme == "light":
                page.goto(base, wait_until="networkidle")
                page.screenshot(path=str(ROOT / "docs" / "assets" / "screenshot.png"))
            page.close()
        browser.close()


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    main(args[0], args[1:] or [""], "--readme" in sys.argv)
