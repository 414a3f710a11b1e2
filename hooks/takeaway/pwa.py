"""The site as an installable web app that works offline on a phone (issue 19).

Each build (so each `mike deploy` version) gets, at its root:
- manifest.webmanifest and its icons (assets/images/icon-*.png, drawn here from ICON_SVG);
- sw.js, a service worker whose scope is that version only (hooks/pwa_worker.js, the behaviour;
  hooks/takeaway/pwa_build.mjs runs workbox-build, pinned in package-lock.json, to list and hash the files);
- precache-math.json, the formula images the worker stores when the reader asks for the whole site.
Pages load assets/javascripts/pwa.js, which registers the worker after the page has loaded, fills
the 离线可用 control on the 下载 page and shows 有新版本 when a deployment is waiting.

Not in the offline zip (mkdocs-offline.yml: pages opened from disk cannot have a worker) nor under
`mkdocs serve` (a worker would serve stored pages instead of the live reloads): there the pages do
not load pwa.js and none of these files is written.

The downloads (PDFs, Anki deck, CSV, questions.json, notebooks' .ipynb: 2.9 MB) are not stored:
they are files to save or import into other apps, which the browser saves outside its cache when
the reader taps them; the offline zip (9.2 MB) is this very site, so storing it would store the
site twice. Nor are files no page uses: source maps, lunr (our search engine replaces it), the
README's screenshot.
"""

from __future__ import annotations

import io
import json
import logging
import shutil
import subprocess
from pathlib import Path

import resvg_py
from mkdocs.structure.files import File
from PIL import Image

from takeaway import downloads

log = logging.getLogger("mkdocs.hooks.pwa")

ROOT = Path(__file__).resolve().parents[2]
BUILDER = Path(__file__).with_name("pwa_build.mjs")
WORKER = Path(__file__).with_name("pwa_worker.js")
PACKAGE = ROOT / "node_modules" / "workbox-build" / "package.json"
SCRIPT = "assets/javascripts/pwa.js"
MANIFEST = "manifest.webmanifest"
THEME = "#3f51b5"  # Material's indigo, the palette's primary colour (mkdocs.yml)
ICONS = {"assets/images/icon-192.png": (192, "any"), "assets/images/icon-512.png": (512, "any"),
         "assets/images/icon-maskable-512.png": (512, "maskable")}
# Not stored for offline reading (see the module docstring); globs relative to the site.
NOT_STORED = ["**/*.map", "assets/javascripts/lunr/**", "assets/screenshot.png", "questions.json", "sitemap.xml.gz", "**/*.ipynb"]

# An unrolled RNN: three cells passing the hidden state right, the loop arrow above. Drawn in
# the safe zone of a maskable icon (the middle 80 %), so launchers may crop it to any shape.
ICON_SVG = """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512">
<rect width="512" height="512" rx="{radius}" fill="{theme}"/>
<g fill="none" stroke="#fff" stroke-width="22" stroke-linecap="round" stroke-linejoin="round">
<path d="M142 218 C142 124 370 124 370 218"/><path d="M346 192 L370 222 L394 192"/>
<rect x="104" y="240" width="76" height="76" rx="16"/><rect x="218" y="240" width="76" height="76" rx="16"/>
<rect x="332" y="240" width="76" height="76" rx="16"/><path d="M180 278 H218 M294 278 H332"/>
<path d="M142 316 V376 M256 316 V376 M370 316 V376"/>
</g>
<g fill="#fff"><circle cx="142" cy="394" r="16"/><circle cx="256" cy="394" r="16"/><circle cx="370" cy="394" r="16"/></g>
</svg>"""

command = None  # set by on_startup: "build", "serve", "gh-deploy"


def on_startup(**kwargs) -> None:
    global command
    command = kwargs["command"]


def enabled(config) -> bool:
    return command != "serve" and not downloads.is_offline_build(config)


def tools_missing() -> str:
    if shutil.which("node") is None or not PACKAGE.exists():
        return "workbox-build (npm) or Node.js missing. Fix: npm ci (make build does it)"
    return ""


def on_config(config):
    on = enabled(config)
    if on and tools_missing():  # pages would register a worker that was never written
        log.warning(f"no service worker, so the site cannot be stored offline: {tools_missing()}")
        on = False
    config.extra["pwa"] = on  # read by overrides/main.html
    return config


def icon(size: int, purpose: str) -> bytes:
    svg = ICON_SVG.format(radius=0 if purpose == "maskable" else 96, theme=THEME)
    png = bytes(resvg_py.svg_to_bytes(svg_string=svg, width=size, height=size))
    with Image.open(io.BytesIO(png)) as image:  # resvg's PNG, re-saved small
        out = io.BytesIO()
        image.save(out, "PNG", optimize=True)
    return out.getvalue()


def manifest(config) -> dict:
    return {
        "name": config.site_name,
        "short_name": "RNN 题库",
        "description": config.site_description,
        "id": "./", "start_url": "./", "scope": "./",  # relative to the manifest: this version
        "display": "standalone",
        "lang": "zh-CN",
        "theme_color": THEME, "background_color": "#ffffff",
        "icons": [{"src": name, "sizes": f"{size}x{size}", "type": "image/png", "purpose": purpose}
                  for name, (size, purpose) in ICONS.items()],
    }


def on_files(files, config):
    script = files.get_file_from_path(SCRIPT)
    if not config.extra.get("pwa"):
        if script is not None:
            files.remove(script)
        return files
    if script is None:
        log.warning(f"docs/{SCRIPT} missing: the offline web app cannot start. Fix: restore it")
    files.append(File.generated(config, MANIFEST, content=json.dumps(manifest(config), ensure_ascii=False, indent=1)))
    for name, (size, purpose) in ICONS.items():
        files.append(File.generated(config, name, content=icon(size, purpose)))
    return files


def write_worker(site_dir) -> dict:
    """Write sw.js and precache-math.json into a built site; what it stores ({count, size, math,
    warnings}). Raises RuntimeError if Node or workbox-build is missing or fails."""
    if tools_missing():
        raise RuntimeError(tools_missing())
    options = {"site": str(Path(site_dir).resolve()), "src": str(WORKER), "ignore": NOT_STORED}
    result = subprocess.run(["node", str(BUILDER), json.dumps(options)], cwd=ROOT,
                            capture_output=True, text=True)
    if result.returncode:
        raise RuntimeError(f"{BUILDER.name} failed: {result.stderr.strip()[-2000:]}")
    return json.loads(result.stdout)


def on_post_build(config) -> None:
    if not config.extra.get("pwa"):
        return
    try:
        info = write_worker(config.site_dir)
    except RuntimeError as exc:
        log.warning(f"sw.js not written, so the site cannot be stored offline: {exc}")
        return
    for warning in info["warnings"]:
        log.warning(f"sw.js: workbox-build: {warning}")
    total = info["size"] + info["math"]["size"]
    log.info(f"sw.js: the whole site offline is {info['count'] + info['math']['count']} files, "
             f"{total / 1e6:.1f} MB ({info['math']['count']} formula images, {info['math']['size'] / 1e6:.1f} MB)")
