"""Build the offline site (mkdocs-offline.yml) and zip it to dist/rnn-interview-offline.zip.

    make offline      (or: .venv/bin/python scripts/build_offline.py)

A second whole build (~the time of `mkdocs build`), so not part of every build: the next
`mkdocs build` or `mike deploy` finds the zip, lists it on the 下载 page and publishes it
(hooks/takeaway/downloads.py). The deploy workflow runs this first.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ZIP = ROOT / "dist" / "rnn-interview-offline.zip"  # hooks/takeaway/downloads.py OFFLINE_ZIP
FOLDER = "rnn-interview"  # the zip holds one folder, so unzipping never scatters files


def build(zip_path: Path = ZIP, env: dict | None = None) -> Path:
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / FOLDER
        result = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", "mkdocs-offline.yml",
             "--site-dir", str(site)],
            cwd=ROOT, capture_output=True, text=True,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})})
        if result.returncode:
            sys.exit(f"offline build failed:\n{result.stderr[-4000:]}")
        zip_path.parent.mkdir(parents=True, exist_ok=True)
        partial = zip_path.with_suffix(".part")
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
            for path in sorted(site.rglob("*")):
                if path.is_file():
                    zf.write(path, path.relative_to(site.parent).as_posix())
        partial.replace(zip_path)  # a half-written zip is never picked up by a build
    return zip_path


if __name__ == "__main__":
    started = time.perf_counter()
    path = build()
    print(f"{path.relative_to(ROOT)}: {path.stat().st_size / 1e6:.1f} MB in {time.perf_counter() - started:.1f} s")
