"""Search quality, measured in the real Material search box: top-1 / top-5 on the query set in
tests/search/search_queries.yml, the misses, and the size of the search index (raw and gzipped).

    .venv/bin/python scripts/search_benchmark.py              builds the site first
    .venv/bin/python scripts/search_benchmark.py --site site/  uses an existing build
    .venv/bin/python scripts/search_benchmark.py --queries tests/other.yml   only another query file

Without --queries it measures the keyword set (tests/search/search_queries.yml) and the whole-sentence
questions (tests/search/search_sentences.yml), Chinese and English apart.

tests/search/test_search.py runs the same code and asserts the thresholds.
"""

from __future__ import annotations

import gzip
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
QUERIES = ROOT / "tests" / "search" / "search_queries.yml"
SENTENCES = ROOT / "tests" / "search" / "search_sentences.yml"  # whole questions, by language
sys.path.insert(0, str(ROOT / "tests"))

# The results a user sees, best first: per result group the sections shown under the page
# (those folded into "还有 N 个" are not seen), or the page itself if none is shown.
VISIBLE_RESULTS = """
() => [...document.querySelectorAll(".md-search-result__item")].flatMap(item => {
  const links = [...item.querySelectorAll(":scope > a.md-search-result__link")].map(a => a.href);
  return links.length > 1 ? links.slice(1) : links;
})
"""
# Counts the search worker's result messages, so a test knows when the box has answered.
COUNT_RESULTS = """
(() => {
  const Native = window.Worker;
  window.__searchResults = 0;
  window.Worker = function (url, options) {
    const worker = new Native(url, options);
    worker.addEventListener("message", ev => { if (ev.data && ev.data.type === 3) window.__searchResults++; });
    return worker;
  };
  window.Worker.prototype = Native.prototype;
})();
"""


@dataclass
class Outcome:
    query: str
    expected: list[str]
    found: list[str]          # question ids (or page paths) of the visible results, best first
    limit: int = 5            # must be found within this rank

    @property
    def rank(self) -> int | None:
        for i, rid in enumerate(self.found, 1):
            if rid in self.expected:
                return i
        return None


@dataclass
class Report:
    outcomes: list[Outcome] = field(default_factory=list)

    def share(self, k: int) -> float:
        return sum(1 for o in self.outcomes if o.rank and o.rank <= k) / len(self.outcomes)

    @property
    def misses(self) -> list[Outcome]:
        return [o for o in self.outcomes if not o.rank or o.rank > o.limit]

    @property
    def not_first(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.rank != 1]

    def text(self) -> str:
        lines = [f"{len(self.outcomes)} queries: top-1 {self.share(1):.1%}, top-3 {self.share(3):.1%}, "
                 f"top-5 {self.share(5):.1%}"]
        for o in self.not_first:
            mark = "MISS" if o in self.misses else f"#{o.rank}"
            lines.append(f"  {mark:5} {o.query!r}: want {'/'.join(o.expected)}, got {o.found[:5]}")
        return "\n".join(lines)


def load_queries(path: Path = QUERIES) -> list[tuple[str, list[str], int]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return ([(q, ids, 3) for q, ids in (data.get("issue") or {}).items()]
            + [(q, ids, 5) for q, ids in data["queries"].items()])


def load_sentences(path: Path = SENTENCES) -> dict[str, list[tuple[str, list[str], int]]]:
    """The whole-sentence questions by language section (zh, en), each to be found in the top 5."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {lang: [(q, ids, 5) for q, ids in queries.items()] for lang, queries in data.items()}


def result_id(href: str) -> str:
    """A question link's id (its fragment), else the page path."""
    path, _, fragment = href.partition("#")
    return fragment or path.split("?")[0].rstrip("/").rpartition("/")[2]


def type_query(page, query: str) -> list[str]:
    """Type a query into the open search box; return the visible results' ids, best first."""
    box = page.locator("input[data-md-component='search-query']")
    seen = page.evaluate("() => window.__searchResults")
    box.fill(query)
    box.press("End")  # Material searches on keyup
    page.wait_for_function("(n) => window.__searchResults > n", arg=seen)
    page.wait_for_timeout(50)  # the first results render right after the message
    return [result_id(h) for h in page.evaluate(VISIBLE_RESULTS)]


def open_search(page, site_url: str) -> None:
    """Load the home page once, with the result counter installed, and focus the search box."""
    page.add_init_script(COUNT_RESULTS)
    page.goto(site_url, wait_until="networkidle")
    page.locator("input[data-md-component='search-query']").click()
    page.wait_for_function("() => window.__searchResults > 0")  # the worker answered the empty query


def index_size(site: Path) -> tuple[int, int]:
    raw = (site / "search" / "search_index.json").read_bytes()
    return len(raw), len(gzip.compress(raw, 9))


def measure(site: Path, sets: dict[str, list]) -> tuple[dict[str, Report], tuple[int, int]]:
    """One report per named query set, all typed into one search box."""
    from conftest import CHROMIUM, CHROMIUM_ARGS, serve_directory
    from playwright.sync_api import sync_playwright

    with serve_directory(site) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        open_search(page, base)
        reports = {}
        for name, queries in sets.items():
            reports[name] = Report([Outcome(q, ids, type_query(page, q), limit) for q, ids, limit in queries])
        browser.close()
    return reports, index_size(site)


def main() -> None:
    args = sys.argv[1:]
    if "--queries" in args:
        sets = {"queries": load_queries(Path(args[args.index("--queries") + 1]))}
    else:
        sets = {"keywords (search_queries.yml)": load_queries(), **{
            f"sentences, {lang} (search_sentences.yml)": qs for lang, qs in load_sentences().items()}}
    with tempfile.TemporaryDirectory() as tmp:
        if "--site" in args:
            site = Path(args[args.index("--site") + 1])
        else:
            site = Path(tmp) / "site"
            subprocess.run([sys.executable, "-m", "mkdocs", "build", "--site-dir", str(site)], cwd=ROOT,
                           check=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, capture_output=True)
        reports, (raw, gz) = measure(site, sets)
    for name, report in reports.items():
        print(f"{name}: {report.text()}")
    print(f"search index: {raw / 1024:.0f} KiB raw, {gz / 1024:.0f} KiB gzipped")


if __name__ == "__main__":
    main()
