"""Build speed, printed (not a test): full strict build, the same without the bank hook,
the cheat-sheet PDF step, each download's cost and size, the offline zip (a separate build),
and the `mkdocs serve` rebuild after a one-line page edit.

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
sys.path.insert(0, str(ROOT / "scripts"))
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
MKDOCS = [sys.executable, "-m", "mkdocs"]


def timed_build(config: Path, site: Path, strict: bool = True, keep_cache: bool = False) -> float:
    if not keep_cache:
        shutil.rmtree(ROOT / ".cache" / "downloads", ignore_errors=True)  # measure the downloads too
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
    printable = cheatsheet.for_print(content, "http://127.0.0.1:8000/", "cheatsheet/index.html")
    started = time.perf_counter()
    pdf.render_pdf(printable, base_url=str(site / "index.html"), title="bench")  # images: site-relative
    return time.perf_counter() - started


def download_costs(site: Path) -> list[tuple[str, float, int]]:
    """(file, seconds to make it from scratch, bytes) for each download, from a cold-cache build's
    log ("x made in s"; files made without the cache, like the CSV, cost too little to log)."""
    shutil.rmtree(ROOT / ".cache" / "downloads", ignore_errors=True)
    cmd = [*MKDOCS, "build", "--site-dir", str(site)]
    log = subprocess.run(cmd, cwd=ROOT, env=ENV, capture_output=True, text=True).stderr
    made = {m[0]: float(m[1]) for m in re.findall(r"(\S+) made in ([\d.]+) s", log)}
    import downloads

    return [(d.name, made.get(d.name, 0.0), (site / d.name).stat().st_size)
            for d in downloads.catalogue() if (site / d.name).exists()]


def offline_zip(tmp: Path) -> tuple[float, int]:
    import build_offline

    started = time.perf_counter()
    path = build_offline.build(tmp / "offline.zip")
    return time.perf_counter() - started, path.stat().st_size


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
        costs = download_costs(tmp / "costs")
        cached = timed_build(config, tmp / "cached", keep_cache=True)
        zip_time, zip_size = offline_zip(tmp)
    rebuild = serve_rebuild()
    print(f"full strict build        {full:6.2f} s   (target <= 8 s; PDF re-rendered, formula cache warm)")
    print(f"build without bank hook  {without:6.2f} s   (hook costs x{full / without:.2f})")
    print(f"cheat-sheet PDF step     {pdf_warm:6.2f} s   (target <= 3 s; {pdf_cold:.2f} s with no formula cache)")
    print(f"serve rebuild after edit {rebuild:6.2f} s   (target <= 1 s)")
    print(f"full build, downloads cached {cached:5.2f} s   (the usual case: content unchanged since the last build)")
    for name, seconds, size in costs:
        print(f"  {name:26} {seconds:5.2f} s  {size / 1e6:6.2f} MB")
    print(f"offline zip (make offline)  {zip_time:5.2f} s  {zip_size / 1e6:6.2f} MB   (a second build, not part of `mkdocs build`)")


if __name__ == "__main__":
    main()
