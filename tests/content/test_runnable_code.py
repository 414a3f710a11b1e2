"""Runnable code in the bank: every ```{.python .runnable} block in docs/ runs and its asserts hold,
and so does every ```{.python .framework} block (PyTorch / Keras) when those are installed.

Each block runs in a fresh interpreter (its own namespace, nothing leaks between blocks), and a
failure names the file and the question it belongs to, so the author knows where to look.

- `.runnable` blocks need only NumPy and run in every `make test`.
- `.framework` blocks need CPU PyTorch and Keras 3 (torch backend, `KERAS_BACKEND=torch`); without
  them they are skipped with one line saying so. `make test-frameworks` installs both and runs
  only these (`pytest -m framework`). The framework code shown in the notebooks (```python fences
  in markdown cells that import torch or keras, e.g. frameworks.ipynb) is collected the same way.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest

DOCS = Path(__file__).resolve().parents[2] / "docs"
TIMEOUT = 60  # seconds; blocks are meant to take well under one, the margin is for a loaded machine
FRAMEWORK_TIMEOUT = 180  # importing torch and keras alone takes several seconds on a busy machine
MIN_BLOCKS = 5  # the bank has more; a parser that silently finds none must fail
MIN_FRAMEWORK_BLOCKS = 10
SKIP_REASON = "PyTorch/Keras not installed: run make test-frameworks"

OPEN = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,}) ?\{(?P<attrs>[^}\n]*)\}[ \t]*$")
HEADING = re.compile(r"^## .*\{#(?P<id>[a-z0-9-]+)\}\s*$")
KINDS = (".runnable", ".framework")
# In a notebook's markdown cell: a ```python fence whose code imports a framework.
NB_FENCE = re.compile(r"^```python[ \t]*\n(?P<code>.*?)^```[ \t]*$", re.S | re.M)
NB_FRAMEWORK = re.compile(r"^\s*(import|from)\s+(torch|keras)\b", re.M)


@dataclass(frozen=True)
class Block:
    path: Path
    line: int           # 1-based line of the opening fence (in a notebook: the cell number)
    question: str | None
    code: str
    framework: bool = False

    def where(self) -> str:
        name = self.path.relative_to(DOCS) if self.path.is_relative_to(DOCS) else self.path.name
        if self.path.suffix == ".ipynb":
            return f"{name} › {self.question}"
        return f"{name} › {self.question or '(no question)'} (line {self.line})"


def find_blocks(root: Path) -> list[Block]:
    """All fenced blocks whose attributes carry .runnable or .framework, with their enclosing H2 id;
    then the framework code shown in the notebooks' markdown cells."""
    blocks = []
    for path in sorted(root.rglob("*.md")):
        lines = path.read_text(encoding="utf-8").splitlines()
        question, i = None, 0
        while i < len(lines):
            if m := HEADING.match(lines[i]):
                question = m["id"]
            m = OPEN.match(lines[i])
            if m and (kind := next((k for k in KINDS if k in m["attrs"].split()), None)):
                indent, fence = m["indent"], m["fence"]
                end = i + 1
                while end < len(lines) and not lines[end].strip().startswith(fence):
                    end += 1
                body = [ln[len(indent):] if ln.startswith(indent) else ln.lstrip() for ln in lines[i + 1:end]]
                blocks.append(Block(path, i + 1, question, textwrap.dedent("\n".join(body)) + "\n",
                                    framework=kind == ".framework"))
                i = end
            i += 1
    for path in sorted(root.rglob("*.ipynb")):
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        for n, cell in enumerate(cells):
            if cell["cell_type"] != "markdown":
                continue
            for m in NB_FENCE.finditer("".join(cell["source"])):
                if NB_FRAMEWORK.search(m["code"]):
                    blocks.append(Block(path, n, f"markdown cell {n}", m["code"], framework=True))
    return blocks


def frameworks_available() -> bool:
    """CPU PyTorch and Keras importable by the interpreter that runs the blocks."""
    return all(importlib.util.find_spec(name) is not None for name in ("torch", "keras"))


def run_block(block: Block, timeout: float | None = None) -> str | None:
    """None if the block runs cleanly; otherwise a message naming the file and question."""
    kind = "framework" if block.framework else "runnable"
    timeout = timeout or (FRAMEWORK_TIMEOUT if block.framework else TIMEOUT)
    env = dict(os.environ, KERAS_BACKEND="torch", OMP_NUM_THREADS="1", MKL_NUM_THREADS="1",
               OPENBLAS_NUM_THREADS="1")  # one thread: deterministic, and polite on a shared machine
    try:
        result = subprocess.run([sys.executable, "-c", block.code], capture_output=True, text=True,
                                timeout=timeout, cwd=block.path.parent, env=env)
    except subprocess.TimeoutExpired:
        return f"{block.where()}: {kind} block timed out after {timeout} s"
    if result.returncode != 0:
        return f"{block.where()}: {kind} block failed\n{result.stderr[-3000:]}"
    return None


def check_block(block: Block, timeout: float | None = None) -> None:
    """What the test does with one block: skip a framework block without PyTorch/Keras, else run it."""
    if block.framework and not frameworks_available():
        pytest.skip(SKIP_REASON)
    if (problem := run_block(block, timeout)) is not None:
        pytest.fail(problem, pytrace=False)


BLOCKS = find_blocks(DOCS)


@pytest.mark.parametrize("block", [
    pytest.param(b, marks=[pytest.mark.framework] if b.framework else [],
                 id=f"{'framework:' if b.framework else ''}{b.path.stem}:{b.question}:{b.line}")
    for b in BLOCKS])
def test_runnable_block(block):
    check_block(block)


def test_enough_runnable_blocks_found():
    plain = [b for b in BLOCKS if not b.framework]
    framework = [b for b in BLOCKS if b.framework]
    assert len(plain) >= MIN_BLOCKS, f"found only {len(plain)} runnable blocks under docs/"
    assert len(framework) >= MIN_FRAMEWORK_BLOCKS, f"found only {len(framework)} framework blocks under docs/"
    assert all(b.question for b in BLOCKS), "every runnable block belongs to a question"


FIXTURE = """\
# Fixture

## A question whose code is fine? {#good-question}

```{.python .runnable}
import numpy as np
assert np.arange(3).sum() == 3
```

## A question whose code is wrong? {#bad-question}

!!! example "inside an admonition"
    ```{.python .runnable}
    x = 1 + 1
    assert x == 3, "arithmetic"
    ```

```python
raise SystemExit("a plain block is not run")
```

## A question whose code hangs? {#slow-question}

```{.python .runnable}
while True:
    pass
```

## A question whose framework code is wrong? {#bad-framework-question}

```{.python .framework}
shape = (2, 3)  # stands for a tensor shape; the fixture needs no framework
assert shape == (3, 2), "output shape"
```
"""

NOTEBOOK = {
    "cells": [
        {"cell_type": "markdown", "metadata": {}, "source": "```python\nimport numpy as np\n```\n"},
        {"cell_type": "markdown", "metadata": {},
         "source": "text\n\n```python\nfrom torch import nn  # never run here\nraise SystemExit(1)\n```\n"},
    ],
    "metadata": {}, "nbformat": 4, "nbformat_minor": 5,
}


def test_runner_reports_failures_with_file_and_question(tmp_path):
    (tmp_path / "fixture.md").write_text(FIXTURE, encoding="utf-8")
    good, bad, slow, framework = find_blocks(tmp_path)  # the plain ```python block is not collected

    assert run_block(good) is None
    problem = run_block(bad)
    assert problem is not None
    assert "fixture.md › bad-question" in problem and "AssertionError: arithmetic" in problem
    problem = run_block(slow, timeout=1)
    assert problem is not None and "fixture.md › slow-question" in problem and "timed out" in problem
    assert framework.framework and not bad.framework


def test_framework_blocks_skip_without_frameworks_and_fail_with_file_and_question(tmp_path, monkeypatch):
    (tmp_path / "fixture.md").write_text(FIXTURE, encoding="utf-8")
    *_, framework = find_blocks(tmp_path)
    module = sys.modules[__name__]

    monkeypatch.setattr(module, "frameworks_available", lambda: False)
    with pytest.raises(pytest.skip.Exception, match="PyTorch/Keras not installed: run make test-frameworks"):
        check_block(framework)

    monkeypatch.setattr(module, "frameworks_available", lambda: True)
    with pytest.raises(pytest.fail.Exception) as failure:
        check_block(framework)
    message = str(failure.value)
    assert "fixture.md › bad-framework-question" in message and "framework block failed" in message
    assert "AssertionError: output shape" in message


def test_notebook_framework_code_is_collected(tmp_path):
    """Only the fences that import torch or keras, named by notebook and cell."""
    (tmp_path / "demo.ipynb").write_text(json.dumps(NOTEBOOK), encoding="utf-8")
    (block,) = find_blocks(tmp_path)
    assert block.framework and block.code.startswith("from torch import nn")
    problem = run_block(block)
    assert problem is not None and "demo.ipynb › markdown cell 1" in problem
