"""Execute the notebooks in docs/notebooks in place and stamp each code cell with its source hash.

The site shows the outputs stored in the .ipynb files (mkdocs-jupyter runs with execute: false),
so after editing a notebook run

    python scripts/run_notebooks.py                      # every notebook
    python scripts/run_notebooks.py docs/notebooks/x.ipynb

Each code cell gets `metadata.source_sha256`, the SHA-256 of its source at execution time;
tests/content/test_notebooks.py fails when a cell's source no longer matches its hash (stale outputs),
re-executes every notebook and compares the text outputs with the stored ones.

The kernel is the `python3` kernelspec of the interpreter running this script (jupyter_client
replaces the spec's `python` with sys.executable, so the venv's Python runs the notebooks).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from jupyter_client.manager import KernelManager
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK_DIR = ROOT / "docs" / "notebooks"
KERNEL_NAME = "python3"
CELL_TIMEOUT = 300  # seconds; the whole set runs in well under a minute


def notebooks() -> list[Path]:
    return sorted(NOTEBOOK_DIR.glob("*.ipynb"))


def source_sha256(source: str) -> str:
    return hashlib.sha256(source.encode("utf-8")).hexdigest()


def kernel_env() -> dict[str, str]:
    """Environment for the kernel: inline PNG figures, one BLAS thread (deterministic, and
    polite on a shared 2-core machine)."""
    env = dict(os.environ)
    env.update({
        "MPLBACKEND": "module://matplotlib_inline.backend_inline",
        "OPENBLAS_NUM_THREADS": "1",
        "OMP_NUM_THREADS": "1",
        "MKL_NUM_THREADS": "1",
        "PYTHONHASHSEED": "0",
        "PYDEVD_DISABLE_FILE_VALIDATION": "1",
    })
    return env


def ensure_kernelspec() -> None:
    """The ipykernel wheel ships the python3 kernelspec into the venv; install it if missing."""
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    try:
        KernelSpecManager().get_kernel_spec(KERNEL_NAME)
    except NoSuchKernel:
        subprocess.run([sys.executable, "-m", "ipykernel", "install", "--sys-prefix",
                        "--name", KERNEL_NAME], check=True)


def warm_matplotlib() -> None:
    """Build matplotlib's font cache outside the notebooks: on a fresh machine the first
    import logs "Matplotlib is building the font cache", which would land in a cell's stderr."""
    subprocess.run([sys.executable, "-c", "import matplotlib.font_manager"],
                   env=kernel_env(), check=True, capture_output=True)


def execute(nb: nbformat.NotebookNode, cwd: Path) -> nbformat.NotebookNode:
    """Run all cells top to bottom in a fresh kernel; raises CellExecutionError on any error.

    The kernel talks over IPC sockets in a private temporary directory (local only; avoids
    ipykernel's warning about unencrypted TCP)."""
    with tempfile.TemporaryDirectory(prefix="nbkernel-") as sockets:
        km = KernelManager(kernel_name=KERNEL_NAME, transport="ipc", ip=os.path.join(sockets, "kernel"))
        client = NotebookClient(
            nb, km=km, timeout=CELL_TIMEOUT, record_timing=False,
            resources={"metadata": {"path": str(cwd)}},
        )
        try:
            client.execute(env=kernel_env())
        finally:
            if km.has_kernel:  # nbclient leaves a kernel it did not create running
                km.shutdown_kernel(now=False)
    return nb


def stamp(nb: nbformat.NotebookNode) -> None:
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.metadata["source_sha256"] = source_sha256(cell.source)


def run(path: Path) -> float:
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    start = time.perf_counter()
    execute(nb, path.parent)
    seconds = time.perf_counter() - start
    stamp(nb)
    nbformat.validate(nb)
    nbformat.write(nb, path)
    return seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", type=Path, help="notebooks (default: docs/notebooks/*.ipynb)")
    args = parser.parse_args(argv)
    paths = [p.resolve() for p in args.paths] or notebooks()
    ensure_kernelspec()
    warm_matplotlib()
    total = 0.0
    for path in paths:
        seconds = run(path)
        total += seconds
        size = path.stat().st_size / 1024
        print(f"{os.path.relpath(path, ROOT)}: {seconds:5.1f} s, {size:6.1f} KB")
    print(f"total: {total:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
