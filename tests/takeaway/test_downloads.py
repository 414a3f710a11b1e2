"""The downloads (hooks/takeaway/downloads.py): Anki deck, CSV, question sheet, offline site, 下载 page,
links that come from the deployment and the 纠错 links."""

from __future__ import annotations

import csv
import io
import json
import logging
import re
import shutil
import sqlite3
import sys
import zipfile
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml
from pypdf import PdfReader

from conftest import REPO_URL, ROOT, build_env, mkdocs

sys.path.insert(0, str(ROOT / "hooks"))
sys.path.insert(0, str(ROOT / "scripts"))

from takeaway import anki  # noqa: E402
from bank import links  # noqa: E402

PLACEHOLDERS = (b"rnn-interview.example.org", b"github.com/rnn-interview/rnn-interview")
ALIGNED_QUESTION = "lstm-structure"  # its answer has a \begin{aligned} display formula
EDITED_QUESTION = "lstm-forget-bias-init"


@pytest.fixture(scope="module")
def bank(built_site):
    return {q["id"]: q for q in json.loads((built_site / "questions.json").read_text())["questions"]}


@pytest.fixture(scope="module")
def site_url(served_port):
    return build_env(served_port)["SITE_URL"]


class Deck:
    """An .apkg opened the way Anki does: a zip holding an SQLite collection and media."""

    def __init__(self, path: Path, tmp: Path):
        with zipfile.ZipFile(path) as zf:
            zf.extract("collection.anki2", tmp)
            self.media = {name: zf.read(index) for index, name in json.loads(zf.read("media")).items()}
        db = sqlite3.connect(tmp / "collection.anki2")
        self.notes = {}
        for guid, flds, tags, mid in db.execute("select guid, flds, tags, mid from notes"):
            fields = dict(zip(anki.FIELDS, flds.split("\x1f")))
            self.notes[fields["编号"]] = {"guid": guid, "fields": fields, "tags": tags.split(), "model": mid}
        self.decks = json.loads(db.execute("select decks from col").fetchone()[0])
        self.models = json.loads(db.execute("select models from col").fetchone()[0])
        db.close()


@pytest.fixture(scope="module")
def deck(built_site, tmp_path_factory):
    return Deck(built_site / anki.APKG_NAME, tmp_path_factory.mktemp("apkg"))


# ----------------------------------------------------------------------------------- Anki deck

def test_deck_has_one_note_per_question(deck, bank):
    assert sorted(deck.notes) == sorted(bank)


def test_a_sample_note_has_every_field_right(deck, bank, site_url):
    q = bank[ALIGNED_QUESTION]
    note = deck.notes[ALIGNED_QUESTION]
    f = note["fields"]
    assert (f["题目"], f["难度"], f["主题"]) == (q["title"], q["level"], q["topic"])
    assert f["链接"] == f"{site_url}topics/lstm/#{ALIGNED_QUESTION}"
    assert f["一句话回答"].replace("&amp;", "&") == q["answer"]
    assert re.sub(r"<[^>]+>", "", f["速记"]).split() == q["cheat"].split()
    # Math stays LaTeX for Anki's MathJax: display formulas as \[…\], aligned environment intact.
    assert f["公式"].startswith("<div>\\[") and "\\begin{aligned}" in f["公式"] and "\\end{aligned}" in f["公式"]
    assert "\\(" in f["一句话回答"] + f["速记"] or "\\(" not in q["answer"] + q["cheat"]
    hot = len({s["seed_file"] for s in q["sources"]}) >= anki.HOT_SOURCES
    assert ("高频" in note["tags"]) == hot
    assert f"难度::{q['level']}" in note["tags"]
    assert f"标签::{q['tags'][0]['label']}" in note["tags"]
    assert note["model"] == anki.MODEL_ID and str(anki.MODEL_ID) in deck.models
    assert deck.models[str(anki.MODEL_ID)]["flds"][0]["name"] == "编号"


def test_every_topic_is_a_sub_deck(deck, bank):
    names = {d["name"] for d in deck.decks.values()}
    assert {f"{anki.DECK_NAME}::{q['topic']}" for q in bank.values()} <= names


def test_diagrams_travel_as_media(deck, bank):
    with_diagram = [qid for qid, q in bank.items() if q["diagrams"]]
    assert with_diagram
    for qid in with_diagram:
        images = re.findall(r'<img src="([^"]+)"', deck.notes[qid]["fields"]["图"])
        assert images and all(name in deck.media and deck.media[name].lstrip().startswith(b"<") for name in images)
    assert all(name.startswith(anki.MEDIA_PREFIX) for name in deck.media)


def test_guids_survive_an_edited_answer(deck, bank, built_site, tmp_path, served_port):
    """A second build, with one answer edited: same GUID for every note, the edit in the deck."""
    project = tmp_path / "project"
    project.mkdir()
    for name in ("docs", "hooks", "overrides", "search"):
        shutil.copytree(ROOT / name, project / name)
    shutil.copy(ROOT / "mkdocs.yml", project)
    (project / ".cache").symlink_to(ROOT / ".cache")  # unchanged PDFs come from the cache
    page = project / "docs" / "topics" / "lstm.md"
    source = page.read_text(encoding="utf-8")
    phrase = re.search(r"[\u4e00-\u9fff]{6,}", bank[EDITED_QUESTION]["answer"]).group(0)
    section = source.index(f"{{#{EDITED_QUESTION}}}")
    at = source.index(phrase, section)
    page.write_text(source[:at] + "（改过）" + source[at:], encoding="utf-8")
    result = mkdocs("build", "--site-dir", str(tmp_path / "site"), cwd=project, env=build_env(served_port))
    assert result.returncode == 0, result.stderr[-3000:]
    edited = Deck(tmp_path / "site" / anki.APKG_NAME, tmp_path / "edited")
    assert "（改过）" in edited.notes[EDITED_QUESTION]["fields"]["一句话回答"]
    assert {k: n["guid"] for k, n in edited.notes.items()} == {k: n["guid"] for k, n in deck.notes.items()}


def test_guid_depends_on_the_id_only():
    assert anki.guid("lstm-structure") == anki.guid("lstm-structure") != anki.guid("gru-structure")


def test_csv_has_a_row_per_question(built_site, bank, site_url):
    rows = list(csv.reader(io.StringIO((built_site / anki.CSV_NAME).read_text(encoding="utf-8"))))
    assert rows[0] == ["question", "answer", "tags", "url"]
    by_url = {r[3]: r for r in rows[1:]}
    assert len(rows) - 1 == len(by_url) == len(bank)
    row = by_url[f"{site_url}topics/lstm/#{ALIGNED_QUESTION}"]
    assert row[0] == bank[ALIGNED_QUESTION]["title"] and row[1] == bank[ALIGNED_QUESTION]["answer"]


# --------------------------------------------------------------------------- question sheet

def test_question_sheet_has_every_title_and_no_answers(built_site, bank):
    reader = PdfReader(str(built_site / "question-sheet.pdf"))
    text = re.sub(r"\s+", "", "".join(p.extract_text() for p in reader.pages))
    missing = [q["title"] for q in bank.values() if re.sub(r"\s+", "", q["title"]) not in text]
    assert not missing, f"titles missing from the question sheet: {missing[:3]}"
    answers = [q["id"] for q in bank.values() if re.sub(r"\s+", "", q["answer"])[:16] in text]
    assert not answers, f"一句话回答 text in the question sheet: {answers[:3]}"
    assert "★" in text and "高频" in text


def test_question_sheet_links_each_question_to_its_answer(built_site, bank, site_url):
    reader = PdfReader(str(built_site / "question-sheet.pdf"))
    uris = {a.get_object()["/A"]["/URI"] for p in reader.pages for a in p.get("/Annots") or []
            if "/URI" in a.get_object().get("/A", {})}
    assert {f"{site_url}{links.page_url(q['page'])}#{qid}" for qid, q in bank.items()} <= uris


# -------------------------------------------------------------------------- links and 纠错

def placeholders_in(path: Path) -> list[str]:
    """Placeholder domains anywhere in a built file, also inside zips and PDF link annotations."""
    blobs = [path.read_bytes()]
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as zf:
            blobs = [zf.read(n) for n in zf.namelist()]
    elif path.suffix == ".pdf":
        reader = PdfReader(str(path))
        blobs += [str(a.get_object()).encode() for p in reader.pages for a in p.get("/Annots") or []]
        blobs += [p.extract_text().encode() for p in reader.pages]
    return [f"{path.name}: {p.decode()}" for blob in blobs for p in PLACEHOLDERS if p in blob]


def test_no_built_file_has_a_placeholder_domain(built_site):
    found = [hit for f in sorted(built_site.rglob("*")) if f.is_file() for hit in placeholders_in(f)]
    assert not found, found[:5]


def test_the_placeholder_scan_looks_inside_zips_and_pdf_links(tmp_path):
    """Control: the scan above would see a placeholder in a compressed member or a PDF link."""
    from takeaway import pdf

    with zipfile.ZipFile(tmp_path / "x.apkg", "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("collection.anki2", b"x" * 500 + PLACEHOLDERS[0])
    (tmp_path / "x.pdf").write_bytes(pdf.render_pdf(
        '<p><a href="https://rnn-interview.example.org/topics/">链接</a></p>', str(tmp_path), title="t"))
    assert placeholders_in(tmp_path / "x.apkg") and placeholders_in(tmp_path / "x.pdf")


def test_every_question_has_a_report_link_with_its_id(built_site, bank, site_url):
    html = (built_site / "topics" / "lstm" / "index.html").read_text(encoding="utf-8")
    hrefs = re.findall(r'<a class="rnnq-report" href="([^"]+)"', html.replace("&amp;", "&"))
    lstm = [qid for qid, q in bank.items() if q["page"] == "topics/lstm.md"]
    assert len(hrefs) == len(lstm)
    href = next(h for h in hrefs if ALIGNED_QUESTION in h)
    assert href.startswith(f"{REPO_URL}/issues/new?")
    query = parse_qs(urlsplit(href).query)
    assert ALIGNED_QUESTION in query["title"][0]
    assert f"{site_url}topics/lstm/#{ALIGNED_QUESTION}" in query["body"][0] and "依据" in query["body"][0]


def test_no_report_link_without_a_github_repository():
    from bank.questions import Question

    q = Question(id="x", title="t", src="topics/a.md", url="topics/a/", topic="A")
    assert links.issue_url(None, q, "u") is None and links.issue_url("https://gitlab.com/a/b", q, "u") is None
    assert links.issue_url("https://github.com/a/b/", q, "u").startswith("https://github.com/a/b/issues/new?")


def test_repository_links_come_from_the_build(built_site):
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert f'href="{REPO_URL}"' in home and "octo-org/rnn-bank" in home
    lstm = (built_site / "topics" / "lstm" / "index.html").read_text(encoding="utf-8")
    assert f"{REPO_URL}/edit/main/docs/topics/lstm.md" in lstm


@pytest.mark.parametrize("dest,href,expected", [
    ("cheatsheet/index.html", "../topics/lstm/#x", "B/topics/lstm/#x"),
    ("cheatsheet.html", "topics/lstm.html#x", "B/topics/lstm/#x"),  # offline build: same link
    ("cheatsheet.html", "index.html", "B/"),
    ("cheatsheet/index.html", "#a", "B/cheatsheet/#a"),
    ("cheatsheet/index.html", "https://arxiv.org/abs/1", "https://arxiv.org/abs/1"),
])
def test_download_links_point_at_the_served_pages(dest, href, expected):
    assert links.online("B/", dest, href) == expected


# ----------------------------------------------------------------------------- 下载 page

def test_downloads_page_lists_every_file_with_its_real_size(built_site):
    from takeaway import downloads

    page = (built_site / "downloads" / "index.html").read_text(encoding="utf-8")
    for d in downloads.catalogue():
        assert f"<code>{d.name}</code>" in page
        path = built_site / d.name
        if path.exists():
            assert f'href="../{d.name}"' in page
            assert re.search(rf"<code>{re.escape(d.name)}</code></td><td>{re.escape(downloads.size(path.stat().st_size))}</td>", page)
        else:
            assert d.name == downloads.OFFLINE_ZIP.name and "make offline" in page
    home = (built_site / "index.html").read_text(encoding="utf-8")
    header = home[home.index("<header"):home.index("</header>")]
    assert re.search(r'<a href="downloads/" class="md-header__button[^"]*rnnq-downloads"', header)


# ---------------------------------------------------------------------------- offline site

def test_offline_config_differs_from_the_main_one_only_where_it_must():
    class Loader(yaml.SafeLoader):
        pass
    for prefix in ("!", "tag:yaml.org,2002:python/"):  # !ENV, !!python/…: values not compared
        Loader.add_multi_constructor(prefix, lambda loader, suffix, node: None)
    main = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader)
    offline = yaml.load((ROOT / "mkdocs-offline.yml").read_text(encoding="utf-8"), Loader)
    assert offline["theme"]["features"] == [f for f in main["theme"]["features"] if not f.startswith("navigation.instant")]
    assert offline["plugins"] == main["plugins"] + ["offline"]
    assert offline["hooks"] == main["hooks"] + ["hooks/offline_hook.py"]
    assert offline["extra"]["version"] is None


@pytest.fixture(scope="module")
def offline_site(tmp_path_factory, served_port):
    import build_offline

    if not (ROOT / "node_modules" / "iframe-worker").exists():
        pytest.fail("node_modules/iframe-worker missing: run `npm ci` (make test does)")
    tmp = tmp_path_factory.mktemp("offline")
    zip_path = build_offline.build(tmp / "offline.zip", env=build_env(served_port))
    with zipfile.ZipFile(zip_path) as zf:
        zf.extractall(tmp / "unzipped")
    return tmp / "unzipped" / build_offline.FOLDER


@pytest.fixture
def file_page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.requests = []
    context.on("request", lambda r: page.requests.append(r.url))
    yield page
    context.close()


def network(page) -> list[str]:
    return [u for u in page.requests if not u.startswith(("file:", "data:", "blob:", "about:"))]


def test_offline_home_page_shows_progress(offline_site, file_page):
    # The progress bars read the bank from the page itself: fetch() cannot read files from file://.
    file_page.goto((offline_site / "index.html").as_uri())
    summary = file_page.locator(".rnnq-home-summary")
    summary.wait_for(timeout=10000)
    assert re.search(r"已掌握 0 / 1[0-9]{2} 题", summary.inner_text()), summary.inner_text()
    assert file_page.locator(".rnnq-card-progress").count() >= 10
    assert not network(file_page)


def test_offline_search_finds_the_forget_gate_question(offline_site, file_page):
    file_page.goto((offline_site / "index.html").as_uri())
    box = file_page.locator("input[data-md-component='search-query']")
    box.click()
    box.fill("遗忘门")
    box.press("End")  # Material searches on keyup
    file_page.wait_for_selector(".md-search-result__item", timeout=15000)
    file_page.wait_for_timeout(300)
    hrefs = [a.get_attribute("href") or "" for a in file_page.locator(".md-search-result__link").all()][:5]
    # The canonical forget-gate question, as in tests/search/search_queries.yml.
    assert any(h.startswith("file:") and h.endswith("#lstm-structure") for h in hrefs), hrefs
    assert not network(file_page)


def test_offline_pages_render_math_and_follow_links(offline_site, file_page):
    file_page.goto((offline_site / "topics" / "lstm.html").as_uri())
    file_page.wait_for_selector(".arithmatex img.rnnq-math", state="visible", timeout=15000)
    # The first screen's formula images load from file:// (a relative path from topics/lstm.html).
    file_page.wait_for_function("""() => { const shown = [...document.querySelectorAll('.arithmatex img.rnnq-math')]
        .filter(i => i.getBoundingClientRect().top < innerHeight);
      return shown.length > 0 && shown.every(i => i.complete && i.naturalWidth > 0); }""", timeout=15000)
    boxes = [b for b in (m.bounding_box() for m in file_page.locator(".arithmatex img.rnnq-math").all()[:20]) if b]
    assert boxes and all(b["width"] > 0 and b["height"] > 0 for b in boxes)
    follow = file_page.locator(".admonition:has(.admonition-title:text-is('追问')) a[href*='.html#']").first
    href = follow.get_attribute("href")
    target = href.split("#")[1]
    follow.click()
    file_page.wait_for_load_state()
    assert file_page.url.startswith("file:") and not file_page.url.split("#")[0].endswith("/lstm.html")
    assert file_page.locator(f"[id='{target}']").count() == 1
    assert file_page.locator(".md-content h1").count() == 1
    assert not network(file_page), network(file_page)


def test_offline_site_has_no_service_worker(offline_site):
    # Pages opened from disk cannot have a worker (hooks/takeaway/pwa.py): nothing registers one, no file is left.
    for name in ("sw.js", "manifest.webmanifest", "precache-math.json", "assets/javascripts/pwa.js"):
        assert not (offline_site / name).exists(), name
    assert "serviceWorker" not in (offline_site / "index.html").read_text(encoding="utf-8")
    assert "manifest.webmanifest" not in (offline_site / "index.html").read_text(encoding="utf-8")


def test_offline_downloads_page_says_it_is_the_offline_copy(offline_site):
    page = (offline_site / "downloads.html").read_text(encoding="utf-8")
    assert "你正在用的就是离线版" in page and 'href="cheatsheet.pdf"' in page
    assert not (offline_site / "rnn-interview-offline.zip").exists()
    assert not [hit for f in offline_site.rglob("*") if f.is_file() for hit in placeholders_in(f)]
    assert "unpkg.com" not in (offline_site / "index.html").read_text(encoding="utf-8")


# -------------------------------------------------------------------- checks fed bad input

def test_offline_hook_reports_a_missing_shim(monkeypatch, caplog, tmp_path):
    from takeaway import offline as offline_hook  # hooks/takeaway/offline.py
    from mkdocs.structure.files import Files

    monkeypatch.setattr(offline_hook, "SHIM", tmp_path / "missing.js")
    with caplog.at_level(logging.WARNING, logger="mkdocs.hooks.offline"):
        offline_hook.on_files(Files([]), config=None)
        offline_hook.on_config(type("C", (), {"extra": {}})())
    assert "Fix: npm ci" in caplog.text and "unpkg.com" in caplog.text


def test_a_pdf_that_cannot_be_made_fails_the_strict_build(monkeypatch, caplog):
    from takeaway import artefacts
    from takeaway import pdf

    def no_font():
        raise pdf.PdfError("No CJK font found. Install one with: apt-get install fonts-noto-cjk")

    monkeypatch.setattr(pdf, "find_cjk_font", no_font)
    with caplog.at_level(logging.WARNING, logger="mkdocs.hooks.artefacts"):
        assert artefacts.printed("x.pdf", "<p>题</p>", ROOT / "docs" / "index.html", "t", strict=True) is None
    assert [r.levelname for r in caplog.records] == ["ERROR"] and "fonts-noto-cjk" in caplog.text
