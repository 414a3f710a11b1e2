"""Hook of the offline build only (mkdocs-offline.yml): self-host the Web Worker shim that
Material's `offline` plugin needs.

Opened from disk (file://), Chromium refuses `new Worker(file URL)`, so search would never start.
Material's answer is its own `iframe-worker` shim, which the plugin adds to `extra.polyfills` as
an unpkg.com URL unless a polyfill named iframe-worker is already listed. mkdocs-offline.yml lists
ours, and this hook copies it from the npm package pinned in package-lock.json (`npm ci`).
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.structure.files import File

log = logging.getLogger("mkdocs.hooks.offline")

SHIM = Path("node_modules/iframe-worker/shim/index.js")
DEST = "assets/javascripts/iframe-worker.js"


def on_config(config):
    listed = config.extra.get("polyfills") or []
    if DEST not in listed:
        log.warning(f"mkdocs-offline.yml › extra.polyfills: {DEST} missing, so Material's offline "
                    "plugin would load the shim from unpkg.com. Fix: list it there")


def on_files(files, config):
    if not SHIM.is_file():
        log.warning(f"{SHIM} › iframe-worker: not installed, search cannot start from file://. "
                    "Fix: npm ci (make offline does it)")
        return files
    files.append(File.generated(config, DEST, abs_src_path=str(SHIM.resolve())))
    return files
