"""TeX -> SVG with MathJax itself, at build time.

One Node process (hooks/maths/mathjax_server.mjs, MathJax pinned in package.json) is started on the
first formula not already cached and kept for the life of the Python process, so `mkdocs serve`
rebuilds reuse it. Results are cached in memory and on disk (.cache/mathjax/), keyed on the TeX,
the display mode and everything that changes the output, so a rebuild typesets only new formulas.

This is a plain module (not a hook file): MkDocs re-executes hook files on every serve rebuild,
but imported modules, their caches and the Node process stay.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
import shutil
import subprocess
import threading
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parents[2]
SERVER = Path(__file__).with_name("mathjax_server.mjs")
PACKAGE = ROOT / "node_modules" / "mathjax-full" / "package.json"
CACHE = ROOT / ".cache" / "mathjax"
# MathJax's hooks for its own menu and explorer: useless without MathJax in the page (-25% size).
UNUSED_ATTRS = re.compile(r' data-(?:mml-node|c|mjx-texclass)="[^"]*"')
LOCAL_ID = re.compile(r"MJX-\d+-")
CONTAINER = re.compile(r"^(<mjx-container[^>]*>)(.*)(</mjx-container>)$", re.S)
ROOT_SVG = re.compile(r"^<mjx-container[^>]*><svg\b([^>]*)>(.*)</svg></mjx-container>$", re.S)
ATTR = re.compile(r'([\w:-]+)="([^"]*)"')
KEYED_ID = re.compile(r"MJX-[0-9a-f]{8}-")
SVG_NS, XLINK_NS = "http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink"
ET.register_namespace("", SVG_NS)
ET.register_namespace("xlink", XLINK_NS)
G = f"{{{SVG_NS}}}g"
MOVABLE = {f"{{{SVG_NS}}}{name}" for name in ("use", "path", "rect")}


class MathJaxError(Exception):
    """The setup is broken (no Node, no MathJax): nothing can be typeset."""


class TexError(ValueError):
    """MathJax rejected one formula."""


def _salt() -> str:
    version = json.loads(PACKAGE.read_text())["version"] if PACKAGE.exists() else "missing"
    return hashlib.sha256((version + SERVER.read_text() + Path(__file__).read_text()).encode()).hexdigest()


class MathJax:
    def __init__(self) -> None:
        self.proc: subprocess.Popen | None = None
        self.lock = threading.Lock()
        self.memory: dict[str, str | TexError] = {}
        self.salt = _salt()

    def _start(self) -> subprocess.Popen:
        if shutil.which("node") is None:
            raise MathJaxError("Node.js not found. Fix: run `make serve` (installs Debian nodejs npm) "
                               "or `sudo apt-get install nodejs npm && npm ci`")
        if not PACKAGE.exists():
            raise MathJaxError("MathJax (npm mathjax-full) not installed. Fix: run `npm ci` in the "
                               "project root (`make serve` does it)")
        return subprocess.Popen(["node", str(SERVER)], cwd=ROOT, stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, text=True, encoding="utf-8", bufsize=1)

    def _key(self, tex: str, display: bool) -> str:
        return hashlib.sha256(f"{self.salt}\0{int(display)}\0{tex}".encode()).hexdigest()[:24]

    def render(self, formulas: list[tuple[str, bool]]) -> list[str | TexError]:
        """SVG markup (an <mjx-container>) or a TexError for each (tex, display)."""
        keys = [self._key(t, d) for t, d in formulas]
        todo = {}
        for key, formula in zip(keys, formulas):
            if key in self.memory:
                continue
            path = CACHE / f"{key}.svg"
            if path.exists():
                self.memory[key] = path.read_text(encoding="utf-8")
            else:
                todo[key] = formula
        if todo:
            self._typeset(todo)
        return [self.memory[k] for k in keys]

    def _typeset(self, todo: dict[str, tuple[str, bool]]) -> None:
        with self.lock:
            if self.proc is None or self.proc.poll() is not None:
                self.proc = self._start()
            # Write everything, then read: the server answers in order. A thread writes so a
            # full pipe on either side cannot deadlock.
            items = list(todo.items())
            writer = threading.Thread(target=self._write, args=([f for _, f in items],))
            writer.start()
            replies = [self.proc.stdout.readline() for _ in items]
            writer.join()
        CACHE.mkdir(parents=True, exist_ok=True)
        for (key, (tex, display)), line in zip(items, replies):
            if not line:
                raise MathJaxError("the MathJax process stopped (see its error output above)")
            reply = json.loads(line)
            if "error" in reply:
                self.memory[key] = TexError(reply["error"])
                continue
            svg = self._finish(reply["svg"], key, tex)
            self.memory[key] = svg
            (CACHE / f"{key}.svg").write_text(svg, encoding="utf-8")

    def _write(self, formulas: list[tuple[str, bool]]) -> None:
        for tex, display in formulas:
            self.proc.stdin.write(json.dumps({"tex": tex, "display": display}) + "\n")
        self.proc.stdin.flush()

    @staticmethod
    def _finish(svg: str, key: str, tex: str) -> str:
        svg = _flatten(UNUSED_ATTRS.sub("", svg))
        # Glyph ids unique to the formula: a copy of it anywhere else finds its own <defs>.
        svg = LOCAL_ID.sub(f"MJX-{key[:8]}-", svg)
        # Screen readers read the TeX (the SVG alone is an unlabeled picture).
        return svg.replace('role="img"', f'role="img" aria-label="{html.escape(tex)}"', 1)

    def close(self) -> None:
        if self.proc is not None:
            self.proc.stdin.close()
            self.proc.wait(timeout=10)
            self.proc = None


def _flatten(markup: str) -> str:
    """Drop the <g> wrappers that only held MathJax's data attributes, and move a lone child's
    transform onto it: about a third fewer elements, which a phone parses and lays out faster."""
    m = CONTAINER.match(markup)
    if not m:
        return markup
    root = ET.fromstring(m.group(2))

    def walk(el: ET.Element) -> list[ET.Element]:
        kids = [k for child in list(el) for k in walk(child)]
        el[:] = kids
        if el.tag != G:
            return [el]
        if not el.attrib:
            return kids
        if list(el.attrib) == ["transform"] and len(kids) == 1 and kids[0].tag in MOVABLE \
                and "transform" not in kids[0].attrib:
            kids[0].set("transform", el.get("transform"))
            return kids
        return [el]

    walk(root)
    # The prefix table is global to ElementTree and other libraries in the build may change it;
    # without these two entries the output says <ns0:svg>, which HTML does not draw.
    ET.register_namespace("", SVG_NS)
    ET.register_namespace("xlink", XLINK_NS)
    return m.group(1) + ET.tostring(root, encoding="unicode") + m.group(3)


class Image(NamedTuple):
    """A formula as a file of its own: the SVG document and the size MathJax gave it, in ex."""
    svg: str
    width: str
    height: str
    valign: str   # vertical-align: how far the baseline sits above the bottom edge


def standalone(container: str) -> Image:
    """MathJax's <mjx-container><svg>…</svg></mjx-container> as an SVG file for an <img>.
    The glyphs keep fill="currentColor", which is black in an image (dark mode inverts it)."""
    m = ROOT_SVG.match(container)
    if not m:
        raise ValueError(f"not MathJax SVG output: {container[:80]!r}")
    attrs = dict(ATTR.findall(m.group(1)))
    valign = re.search(r"vertical-align:\s*([-\d.]+ex)", attrs.get("style", ""))
    # Ids need no formula key in a file of their own; without it equal drawings are equal files.
    body = KEYED_ID.sub("MJX-", m.group(2))
    svg = (f'<svg xmlns="{SVG_NS}" xmlns:xlink="{XLINK_NS}" width="{attrs["width"]}" '
           f'height="{attrs["height"]}" viewBox="{attrs["viewBox"]}">{body}</svg>\n')
    return Image(svg, attrs["width"], attrs["height"], valign.group(1) if valign else "0ex")


engine = MathJax()
