"""Checks for the site's diagrams (docs/diagrams/*.svg). Fast: no browser, no network."""
from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
DIAGRAM_DIR = DOCS / "diagrams"
SCRIPT = ROOT / "scripts" / "diagrams.py"
SVG = "{http://www.w3.org/2000/svg}"
SVGS = sorted(DIAGRAM_DIR.glob("*.svg"))

# The style page shows every diagram as a gallery, so it does not count as "using" one.
STYLE_PAGE = DOCS / "about" / "diagram-style.md"
# a relative path ending in diagrams/<name>.svg (ASCII segments only: keeps the search linear)
REF = re.compile(r"/?(?:\.{1,2}/|[A-Za-z0-9_-]+/)*diagrams/[A-Za-z0-9_.-]+\.svg")
FORBIDDEN_TAGS = {"foreignObject", "image", "style", "script", "iframe", "object", "filter", "use"}


def local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def test_diagrams_exist():
    assert SVGS, f"no SVG files in {DIAGRAM_DIR}"


@pytest.mark.parametrize("path", SVGS, ids=lambda p: p.name)
def test_svg_is_self_contained_and_accessible(path: Path):
    text = path.read_text(encoding="utf-8")
    root = ET.fromstring(text)
    assert root.tag == SVG + "svg", "root element must be <svg>"
    view_box = root.get("viewBox", "").split()
    assert len(view_box) == 4 and all(float(v) >= 0 for v in view_box), "needs a viewBox"
    assert root.get("width") and root.get("height"), "needs width and height"
    assert root.get("role") == "img"
    for name in ("title", "desc"):
        el = root.find(SVG + name)
        assert el is not None and (el.text or "").strip(), f"needs a non-empty <{name}>"
    ids = []
    for el in root.iter():
        assert local(el.tag) not in FORBIDDEN_TAGS, f"<{local(el.tag)}> is not allowed"
        for key, value in el.attrib.items():
            key = local(key)
            assert key not in ("class", "style", "filter"), f"attribute {key} is not allowed"
            if key == "href":
                assert value.startswith("#"), f"external reference {value}"
            for ref in re.findall(r"url\(([^)]*)\)", value):
                assert ref.startswith("#"), f"external reference url({ref})"
            if key == "id":
                ids.append(value)
    assert len(ids) == len(set(ids)), "duplicate ids"
    assert "http://" not in text.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "https://" not in text
    assert "\\" not in text, "unconverted label markup (a backslash) left in the SVG"


def test_committed_svgs_match_the_script():
    result = subprocess.run([sys.executable, str(SCRIPT), "--check"], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_generation_is_deterministic():
    sys.path.insert(0, str(SCRIPT.parent))
    try:
        import diagrams
    finally:
        sys.path.pop(0)
    assert diagrams.generate() == diagrams.generate()


def test_generator_refuses_a_label_too_small_for_the_content_column():
    sys.path.insert(0, str(SCRIPT.parent))
    try:
        import diagrams
    finally:
        sys.path.pop(0)
    wide = diagrams.Svg("wide", 1032, 300, "t", "d")     # drawn at 688 px: 1.5 units per px
    wide.text(10, 20, "h_t", 21)                          # subscript 16.8 units = 11.2 px: fine
    with pytest.raises(ValueError, match=r"wide: label 'h_\{t-1\}' at font size 18 .* Fix: "):
        wide.text(10, 40, "h_{t-1}", 18)                  # subscript 14.4 units = 9.6 px
    narrow = diagrams.Svg("narrow", 400, 300, "t", "d")   # drawn at its own width
    with pytest.raises(ValueError, match="narrow: label '2'"):
        narrow.badge(10, 10, 2, size=10)


def pages() -> list[Path]:
    return sorted(p for pattern in ("*.md", "*.ipynb") for p in DOCS.rglob(pattern))


def references() -> list[tuple[Path, str]]:
    return [(page, ref) for page in pages()
            for ref in REF.findall(page.read_text(encoding="utf-8"))]


def test_every_reference_points_to_an_existing_diagram():
    broken = []
    for page, ref in references():
        name = ref.rsplit("/", 1)[-1]
        if page.suffix == ".md" and not ref.startswith("/"):
            target = (page.parent / ref).resolve()   # Markdown: relative to the page
        else:
            target = DIAGRAM_DIR / name              # notebooks: rendered elsewhere; check the name
        if not target.is_file():
            broken.append(f"{page.relative_to(ROOT)}: {ref}")
    assert not broken, "references to missing diagrams:\n" + "\n".join(broken)


def test_every_diagram_is_used_by_a_page():
    used = {ref.rsplit("/", 1)[-1] for page, ref in references() if page != STYLE_PAGE}
    unused = [p.name for p in SVGS if p.name not in used]
    assert not unused, "diagrams not referenced by any page under docs/: " + ", ".join(unused)
