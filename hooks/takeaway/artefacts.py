"""Downloads are remade only when what they are made from changes.

Each file is stored in .cache/downloads/ under a hash of its inputs (its content, the code and
CSS that make it, the font), like the rendered formulas in .cache/formulas/. A build whose
inputs are unchanged copies the stored file: `mkdocs serve` stays fast, and an unchanged Anki
deck keeps its timestamps, so re-importing it is a no-op.
"""

from __future__ import annotations

import hashlib
import logging
import time
from pathlib import Path
from typing import Callable, Iterable

from takeaway import pdf

log = logging.getLogger("mkdocs.hooks.artefacts")

CACHE = Path(".cache/downloads")
KEEP = 4  # versions of each file
HOOKS = Path(__file__).parents[1]  # hooks/: code() names modules by their path in it


def cached(name: str, inputs: Iterable[str | bytes], make: Callable[[], bytes]) -> bytes:
    digest = hashlib.sha256()
    for part in (name, *inputs):
        digest.update(part if isinstance(part, bytes) else part.encode())
        digest.update(b"\0")
    stem, _, ext = name.rpartition(".")
    path = CACHE / f"{stem}-{digest.hexdigest()[:16]}.{ext}"
    if path.exists():
        path.touch()  # recently used: kept by the clean-up below
        return path.read_bytes()
    started = time.perf_counter()
    data = make()
    CACHE.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    # Keep a few versions: `mkdocs serve`, `mkdocs build`, the tests and the offline build link
    # to different addresses, and must not evict one another's files.
    versions = sorted(CACHE.glob(f"{stem}-*.{ext}"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in versions[KEEP:]:
        old.unlink()
    log.info(f"{name} made in {time.perf_counter() - started:.2f} s")
    return data


def code(*paths: str) -> list[str]:
    """The source of hook modules or packages (each file in them), as cache inputs: a code
    change remakes the file."""
    files = []
    for p in paths:
        path = HOOKS / p
        files += sorted(f for f in path.rglob("*") if f.is_file() and f.suffix != ".pyc") if path.is_dir() else [path]
    return [f.read_text(encoding="utf-8") for f in files]


def printed(name: str, html: str, base: Path, title: str, strict: bool,
            images: Iterable[Path] = ()) -> bytes | None:
    """A PDF of `html` (see pdf.render_pdf), or None when it cannot be made: an error in a
    strict build, a warning in `mkdocs serve`. `base`: the file that relative image URLs in
    `html` are relative to; `images`: the files they may load (part of the cache key)."""
    try:
        font = pdf.find_cjk_font()
        inputs = [html, title, str(font), *code("takeaway/pdf"), *(p.read_bytes() for p in sorted(images))]
        return cached(name, inputs, lambda: pdf.render_pdf(html, base_url=str(base), title=title))
    except pdf.PdfError as exc:
        (log.error if strict else log.warning)(f"{name}: {exc}")
        return None
