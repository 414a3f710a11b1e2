"""Build speed, printed (not a test): full strict build, the same without the bank hook,
the cheat-sheet PDF step, and the `mkdocs serve` rebuild after a one-line page edit.

    make benchmark      (or: .venv/bin/python scripts/benchmark.py)
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "hooks"))
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
MKDOCS = [sys.executable, "-m", "mkdocs"]


def timed_build(config: Path, site: Path, strict: bool = True) -> float:
    shutil.rmtree(ROOT / ".cache" / "cheatsheet", ignore_errors=True)  # measure the PDF too
    started = time.perf_counter()
    cmd = [*MKDOCS, "build", "-f", str(config), "--site-dir", str(site)] + (["--strict"] if strict else [])
    result = subprocess.run(cmd, cwd=ROOT, env=ENV, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if result.returncode:
        sys.exit(f"build failed:\n{result.stderr[-3000:]}")
    return elapsed


def pdf_time(site: Path, cold: bool) -> float:
    """The PDF step alone; cold: without the rendered-formula cache (.cache/formulas)."""
    import cheatsheet
    import pdf

    if cold:
        shutil.rmtree(ROOT / ".cache" / "formulas", ignore_errors=True)
    pdf._render_formula_cached.cache_clear()

    html = (site / "cheatsheet" / "index.html").read_text(encoding="utf-8")
    content = html[html.index("<article"):html.index("</article>")]
    printable = cheatsheet.for_print(content, "https://example.org/")
    started = time.perf_counter()
    pdf.render_pdf(printable, base_url=str(site / "cheatsheet" / "index.html"), title="bench")
    return time.perf_counter() - started


def serve_rebuild(rounds: int = 3) -> float:
    """Median time from a one-line page edit to MkDocs' "Reloading browsers"."""
    page = ROOT / "docs" / "topics" / "rnn-basics.md"
    original = page.read_text(encoding="utf-8")
    proc = subprocess.Popen([*MKDOCS, "serve", "--dev-addr", "127.0.0.1:8799"], cwd=ROOT, env=ENV,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    times = []
    try:
        for line in proc.stdout:
            if "Serving on" in line:
                break
        for i in range(rounds):
            time.sleep(1.5)
            page.write_text(original + f"\n<!-- benchmark edit {i} -->\n", encoding="utf-8")
            started = time.perf_counter()
            for line in proc.stdout:
                if "Reloading browsers" in line:
                    times.append(time.perf_counter() - started)
                    break
    finally:
        page.write_text(original, encoding="utf-8")
        proc.terminate()
        proc.wait(timeout=10)
    if not times:
        sys.exit("mkdocs serve did not rebuild (is port 8799 free?)")
    return sorted(times)[len(times) // 2]


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        config = ROOT / "mkdocs.yml"
        timed_build(config, tmp / "warm")  # warm caches (notebooks, imports)
        full = timed_build(config, tmp / "site")
        bare = tmp / "bare.yml"
        bare.write_text(config.read_text(encoding="utf-8").replace("  - hooks/bank.py\n", ""), encoding="utf-8")
        shutil.copy(bare, ROOT / ".bench.yml")
        try:
            without = timed_build(ROOT / ".bench.yml", tmp / "bare", strict=False)
        finally:
            (ROOT / ".bench.yml").unlink()
        pdf_cold = pdf_time(tmp / "site", cold=True)
        pdf_warm = pdf_time(tmp / "site", cold=False)
    rebuild = serve_rebuild()
    print(f"full strict build        {full:6.2f} s   (target <= 8 s; PDF re-rendered, formula cache warm)")
    print(f"build without bank hook  {without:6.2f} s   (hook costs x{full / without:.2f})")
    print(f"cheat-sheet PDF step     {pdf_warm:6.2f} s   (target <= 3 s; {pdf_cold:.2f} s with no formula cache)")
    print(f"serve rebuild after edit {rebuild:6.2f} s   (target <= 1 s)")


if __name__ == "__main__":
    main()
