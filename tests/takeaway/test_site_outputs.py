"""What the real build produces: questions.json, the cheat-sheet PDF, the bank's shape."""

from __future__ import annotations

import json
import re
import subprocess

import jsonschema
import pytest
import yaml
from pypdf import PdfReader

from conftest import ROOT


@pytest.fixture(scope="module")
def bank(built_site):
    return json.loads((built_site / "questions.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def cheatsheet(built_site):
    return PdfReader(str(built_site / "cheatsheet.pdf"))


def test_questions_json_matches_its_schema(bank):
    schema = json.loads((ROOT / "hooks" / "takeaway" / "questions.schema.json").read_text())
    jsonschema.validate(bank, schema)
    assert bank["count"] == len(bank["questions"]) >= 80


def test_every_seed_question_is_claimed_exactly_once(bank):
    inventory = yaml.safe_load((ROOT / "docs" / "sources.yml").read_text(encoding="utf-8"))
    expected = sorted((s["seed"], q) for s in inventory for q in s["questions"])
    claimed = sorted((src["seed_file"], src["original"]) for q in bank["questions"] for src in q["sources"])
    assert claimed == expected


def test_new_questions_are_marked_and_numerous(bank):
    new = [q for q in bank["questions"] if q["new"]]
    assert len(new) >= 60
    assert len(bank["questions"]) >= 130
    assert all(not q["sources"] for q in new)


def test_published_ids_cover_every_question(bank):
    """New ids must be recorded, so a later rename is caught by the alias check."""
    published = set((ROOT / "docs" / "published-ids.txt").read_text().split())
    missing = [q["id"] for q in bank["questions"] if q["id"] not in published]
    assert not missing, f"add these ids to docs/published-ids.txt: {missing}"


def test_cheatsheet_pdf_is_at_most_five_a4_pages(cheatsheet):
    # Four pages up to v2's 132 questions; v3's 175 take five rather than a smaller type (README).
    assert 1 <= len(cheatsheet.pages) <= 5
    box = cheatsheet.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4 in points


def test_cheatsheet_pdf_embeds_a_subset_cjk_font(cheatsheet):
    fonts = set()
    for page in cheatsheet.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            for f in ([d.get_object() for d in descendants] if descendants else [font]):
                descriptor = f.get("/FontDescriptor")
                if descriptor and any(k in descriptor.get_object() for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                    fonts.add(str(f["/BaseFont"]))
    assert any(re.match(r"/[A-Z]{6}\+NotoSans.*CJK", f) for f in fonts), fonts


def test_cheatsheet_pdf_lists_every_question(cheatsheet, bank):
    text = re.sub(r"\s+", "", "".join(p.extract_text() for p in cheatsheet.pages))
    assert "\ufffd" not in text
    missing = [q["title"] for q in bank["questions"] if re.sub(r"\s+", "", q["title"])[:12] not in text]
    assert not missing, f"{len(missing)} question(s) missing from the PDF text, e.g. {missing[:3]}"


def test_cheatsheet_pdf_has_no_notdef_glyphs(built_site):
    """pdffonts would list a Type 3 fallback; pdftotext keeps .notdef as U+FFFD or blanks."""
    out = subprocess.run(["pdftotext", str(built_site / "cheatsheet.pdf"), "-"], capture_output=True, text=True)
    assert out.returncode == 0
    assert "\ufffd" not in out.stdout
    assert "LSTM" in out.stdout


def test_pdf_is_linked_from_header_and_home(built_site):
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<a href="cheatsheet\.pdf"[^>]*class="md-header__button', home), "no PDF button in the header"
    lstm = (built_site / "topics" / "lstm" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../cheatsheet.pdf"' in lstm
    article = home[home.index("<article"):home.index("</article>")]
    assert "cheatsheet.pdf" in article, "the home page does not link the PDF"


def test_every_asset_is_self_hosted(built_site):
    for page in built_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assets = re.findall(r'<script[^>]+src="([^"]+)"', html)
        assets += [href for tag in re.findall(r"<link[^>]+>", html)
                   if re.search(r'rel="(stylesheet|preload|modulepreload|icon|preconnect)"', tag)
                   for href in re.findall(r'href="([^"]+)"', tag)]
        for url in assets:
            assert not re.match(r"(https?:)?//", url), f"{page}: asset from another host: {url}"


def test_every_formula_is_an_image_file_that_exists(built_site):
    """Each formula is an <img> of its own WebP file under assets/math/, found at its relative
    URL, and every file there is a formula some page uses."""
    from urllib.parse import unquote, urljoin

    from PIL import Image

    used = set()
    for page in built_site.rglob("*.html"):
        rel = page.relative_to(built_site)
        html = page.read_text(encoding="utf-8")
        assert "<mjx-container" not in html, f"{rel}: inline MathJax SVG left in the page"
        formulas = re.findall(r'<(?:span|div) class="arithmatex"[^>]*>(<img class="rnnq-math"[^>]*>)?', html)
        assert all(formulas), f"{rel}: a formula without its image"
        for tag in formulas:
            src = re.search(r'src="([^"]+)"', tag).group(1)
            assert re.search(r'alt="[^"]+"', tag), f"{rel}: formula image without alt text: {tag[:120]}"
            assert re.search(r'style="width:[\d.]+ex;(height:[\d.]+ex|aspect-ratio:[\d.]+/[\d.]+;vertical-align:-?[\d.]+ex)"', tag), \
                f"{rel}: formula not sized in ex: {tag[-120:]}"
            path = built_site / unquote(urljoin(rel.as_posix(), src))
            assert path.is_file() and path.parent == built_site / "assets" / "math", f"{rel}: {src} does not resolve"
            used.add(path)
    assert len(used) > 300
    files = set(built_site.joinpath("assets", "math").iterdir())
    assert used == files, f"formula files no page uses: {sorted(f.name for f in files - used)[:5]}"
    for path in sorted(used)[:50]:
        with Image.open(path) as image:
            assert image.format == "WEBP" and image.mode == "RGBA", path.name