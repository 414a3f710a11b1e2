"""Self-host MathJax: serve tex-svg.js from the pinned django-static-mathjax wheel.

Nothing third-party is committed; the one file a page needs is added to the build at build time.
tex-svg.js is self-contained (fonts are drawn as SVG paths), so no font files are shipped.
"""

from __future__ import annotations

import logging
from importlib import metadata, resources

from mkdocs.structure.files import File, Files

log = logging.getLogger("mkdocs.hooks.mathjax")

BUNDLE = "tex-svg.js"
DEST = "assets/javascripts/mathjax/" + BUNDLE
PACKAGE = "django-static-mathjax"


def bundle_path():
    path = resources.files("mathjax") / "static" / "mathjax" / "es5" / BUNDLE
    if not path.is_file():
        raise FileNotFoundError(path)
    return path


def on_files(files: Files, config) -> Files:
    try:
        source = bundle_path()
    except (ModuleNotFoundError, FileNotFoundError):
        log.error(
            "MathJax not found: formulas would not render. "
            f"Install the pinned package: pip install -r requirements.txt ({PACKAGE})."
        )
        return files
    files.append(File.generated(config, DEST, abs_src_path=str(source)))
    log.debug("MathJax %s from %s", metadata.version(PACKAGE), source)
    return files
