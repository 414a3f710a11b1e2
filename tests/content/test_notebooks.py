"""The notebooks in docs/notebooks run, and the outputs stored in them (which the site shows,
since mkdocs-jupyter runs with execute: false) are the outputs of their current source.

- every notebook runs from scratch (temp copy, fresh kernel) without an error or failed assert;
- every code cell carries metadata.source_sha256 of its current source (written by
  scripts/run_notebooks.py), so an edit without re-running is caught;
- the fresh text outputs (stream, text/plain) equal the stored ones, and no cell that produces
  output has none stored;
- matplotlib draws every character: a "Glyph ... missing from font(s)" warning or a
  "findfont: Font family ... not found" message fails the test.

Fix a failure with `python scripts/run_notebooks.py` (and commit the updated .ipynb files).
"""

from __future__ import annotations

import importlib.util
import json
import re
import shutil
import time
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell

from conftest import ROOT

_spec = importlib.util.spec_from_file_location("run_notebooks", ROOT / "scripts" / "run_notebooks.py")
run_notebooks = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(run_notebooks)

NOTEBOOKS = run_notebooks.notebooks()
MAX_BYTES = 300 * 1024
MARKER = "@@FONT-PROBLEMS@@"
GLYPH = re.compile(r"Glyph .* missing from font|findfont: Font family .* not found", re.I)

# Runs first in the kernel: record every glyph warning and findfont complaint, wherever it is
# raised (inside a cell or in the inline backend's post-execute hook that draws the figures).
PROBE_START = r'''
import logging as _logging, re as _re, warnings as _warnings
_font_problems = []
_PATTERN = _re.compile(r"Glyph .* missing from font|findfont: Font family .* not found", _re.I)
_warnings.filterwarnings("always", message=r"Glyph .* missing from font")
_original_showwarning = _warnings.showwarning
def _record_warning(message, category, filename, lineno, file=None, line=None):
    if _PATTERN.search(str(message)):
        _font_problems.append(str(message))
    _original_showwarning(message, category, filename, lineno, file, line)
_warnings.showwarning = _record_warning
class _FontLogHandler(_logging.Handler):
    def emit(self, record):
        if _PATTERN.search(record.getMessage()):
            _font_problems.append(record.getMessage())
_logging.getLogger("matplotlib.font_manager").addHandler(_FontLogHandler())
'''
PROBE_END = f'import json as _json\nprint("{MARKER}" + _json.dumps(_font_problems))'


def _id(path: Path) -> str:
    return path.stem


@pytest.fixture(scope="session")
def executed(tmp_path_factory):
    """Execute each notebook once per session (in a temp copy); cache (fresh nb, font problems, seconds)."""
    cache: dict[Path, tuple] = {}
    run_notebooks.warm_matplotlib()

    def get(path: Path):
        if path not in cache:
            work = tmp_path_factory.mktemp(path.stem)
            copy = work / path.name
            shutil.copy(path, copy)
            nb = nbformat.read(copy, as_version=4)
            nb.cells.insert(0, new_code_cell(PROBE_START))
            nb.cells.append(new_code_cell(PROBE_END))
            start = time.perf_counter()
            run_notebooks.execute(nb, work)  # raises CellExecutionError on any error / failed assert
            seconds = time.perf_counter() - start
            probe = nb.cells.pop()
            nb.cells.pop(0)
            text = "".join(o.get("text", "") for o in probe.outputs if o.output_type == "stream")
            problems = json.loads(text.split(MARKER, 1)[1])
            cache[path] = (nb, problems, seconds)
        return cache[path]

    return get


def _stored(path: Path) -> nbformat.NotebookNode:
    return nbformat.read(path, as_version=4)


def _code_cells(nb):
    return [c for c in nb.cells if c.cell_type == "code"]


def _text_outputs(cell) -> list[tuple[str, str]]:
    """The text a reader sees: stream text (stdout/stderr) and text/plain of results, in order."""
    out = []
    for o in cell.outputs:
        if o.output_type == "stream":
            out.append((o.name, o.text))
        elif o.output_type in ("execute_result", "display_data"):
            out.append(("text/plain", o.get("data", {}).get("text/plain", "")))
        elif o.output_type == "error":
            out.append(("error", f"{o.ename}: {o.evalue}"))
    # Consecutive stream chunks may be split differently between runs: merge them.
    merged: list[tuple[str, str]] = []
    for kind, text in out:
        if merged and kind in ("stdout", "stderr") and merged[-1][0] == kind:
            merged[-1] = (kind, merged[-1][1] + text)
        else:
            merged.append((kind, text))
    return merged


def _mime_kinds(cell) -> list[str]:
    return sorted({m for o in cell.outputs for m in o.get("data", {})})


def test_notebooks_exist():
    names = {p.name for p in NOTEBOOKS}
    assert {"rnn-bptt.ipynb", "lstm-gru.ipynb", "vanishing-gradient.ipynb", "frameworks.ipynb"} <= names


@pytest.mark.parametrize("path", NOTEBOOKS, ids=_id)
def test_structure(path):
    nb = _stored(path)
    nbformat.validate(nb)
    assert nb.metadata.get("kernelspec", {}).get("name") == "python3"
    first = nb.cells[0]
    assert first.cell_type == "markdown" and first.source.startswith("# "), "first cell: markdown H1 title"
    assert "相关题目" in first.source, "first cell: a 相关题目 list of links to the questions"
    assert re.search(r"\]\(\.\./topics/[a-z-]+\.md#[a-z0-9-]+\)", first.source), "links to question anchors"
    assert path.stat().st_size < MAX_BYTES, f"{path.name} is {path.stat().st_size // 1024} KB (limit 300 KB)"
    for cell in _code_cells(nb):
        for o in cell.outputs:
            assert o.output_type != "error", f"stored error output in cell {cell.get('id')}"
            assert not (o.output_type == "stream" and o.name == "stderr"), \
                f"stored stderr output in cell {cell.get('id')}: {o.text[:300]}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=_id)
def test_source_hashes_current(path):
    stale = [c.get("id") for c in _code_cells(_stored(path))
             if c.metadata.get("source_sha256") != run_notebooks.source_sha256(c.source)]
    assert not stale, (f"{path.name}: code cells {stale} changed since their outputs were stored; "
                       "run `python scripts/run_notebooks.py`")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=_id)
def test_executes_and_outputs_match(path, executed):
    fresh, _, seconds = executed(path)
    stored = _stored(path)
    fresh_cells, stored_cells = _code_cells(fresh), _code_cells(stored)
    assert len(fresh_cells) == len(stored_cells)
    for new, old in zip(fresh_cells, stored_cells):
        where = f"{path.name}, cell {old.get('id')}"
        if new.outputs:
            assert old.outputs, f"{where}: produces output but none is stored (stale notebook)"
        assert _text_outputs(new) == _text_outputs(old), f"{where}: stored text output differs from a fresh run"
        assert _mime_kinds(new) == _mime_kinds(old), f"{where}: stored output kinds differ from a fresh run"
    print(f"{path.name}: executed in {seconds:.1f} s")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=_id)
def test_no_missing_glyphs(path, executed):
    fresh, problems, _ = executed(path)
    assert not problems, f"{path.name}: matplotlib could not draw some characters: {problems[:3]}"
    for cell in _code_cells(fresh):
        for o in cell.outputs:
            if o.output_type == "stream":
                assert not GLYPH.search(o.text), f"{path.name}, cell {cell.get('id')}: {o.text[:300]}"


FIRST_CELL_WITHOUT_CJK_FONTS = """
import matplotlib
matplotlib.use("Agg")
from matplotlib import font_manager
# A machine without any Chinese font (stock Colab, a bare container).
font_manager.fontManager.ttflist = [f for f in font_manager.fontManager.ttflist
                                    if not any(k in f.name for k in ("CJK", "SC", "Hei", "YaHei"))]
{source}
import matplotlib.pyplot as plt
fig, ax = plt.subplots()
ax.set_title("细胞状态")
fig.canvas.draw()
print("FAMILY", plt.rcParams["font.family"])
"""


@pytest.mark.parametrize("path", NOTEBOOKS, ids=_id)
def test_first_cell_runs_without_a_cjk_font(path, tmp_path):
    """Downloaded to Colab, macOS or Windows the notebook must still run: the first cell picks
    an installed Chinese font or, with none, says how to install one and keeps going."""
    import subprocess
    import sys

    cells = _code_cells(_stored(path))
    first = cells[0].source
    assert "/usr/share/fonts" not in first, "the first cell names a Debian font path"
    if not any("matplotlib" in c.source for c in cells):
        pytest.skip("draws no plots, so needs no font")
    source = "\n".join(line for line in first.splitlines() if not line.startswith("%"))
    script = tmp_path / "first_cell.py"
    script.write_text(FIRST_CELL_WITHOUT_CJK_FONTS.replace("{source}", source), encoding="utf-8")
    result = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "没有找到中文字体" in result.stdout and "fonts-noto-cjk" in result.stdout
    assert "FAMILY ['DejaVu Sans']" in result.stdout
    assert "missing from font" not in result.stderr, "glyph warnings were not silenced"
