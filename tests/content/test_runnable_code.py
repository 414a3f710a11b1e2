"""Runnable code in the bank: every ```{.python .runnable} block in docs/ runs and its asserts hold.

Each block runs in a fresh interpreter (its own namespace, nothing leaks between blocks), and a
failure names the file and the question it belongs to, so the author knows where to look.
"""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest

DOCS = Path(__file__).resolve().parents[2] / "docs"
TIMEOUT = 60  # seconds; blocks are meant to take well under one, the margin is for a loaded machine
MIN_BLOCKS = 5  # the bank has more; a parser that silently finds none must fail

OPEN = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,}) ?\{(?P<attrs>[^}\n]*)\}[ \t]*$")
HEADING = re.compile(r"^## .*\{#(?P<id>[a-z0-9-]+)\}\s*$")


@dataclass(frozen=True)
class Block:
    path: Path
    line: int           # 1-based line of the opening fence
    question: str | None
    code: str

    def where(self) -> str:
        name = self.path.relative_to(DOCS) if self.path.is_relative_to(DOCS) else self.path.name
        return f"{name} › {self.question or '(no question)'} (line {self.line})"


def find_blocks(root: Path) -> list[Block]:
    """All fenced blocks whose attributes carry the .runnable class, with their enclosing H2 id."""
    blocks = []
    for path in sorted(root.rglob("*.md")):
        lines = path.read_text(encoding="utf-8").splitlines()
        question, i = None, 0
        while i < len(lines):
            if m := HEADING.match(lines[i]):
                question = m["id"]
            m = OPEN.match(lines[i])
            if m and ".runnable" in m["attrs"].split():
                indent, fence = m["indent"], m["fence"]
                end = i + 1
                while end < len(lines) and not lines[end].strip().startswith(fence):
                    end += 1
                body = [ln[len(indent):] if ln.startswith(indent) else ln.lstrip() for ln in lines[i + 1:end]]
                blocks.append(Block(path, i + 1, question, textwrap.dedent("\n".join(body)) + "\n"))
                i = end
            i += 1
    return blocks


def run_block(block: Block, timeout: float = TIMEOUT) -> str | None:
    """None if the block runs cleanly; otherwise a message naming the file and question."""
    try:
        result = subprocess.run([sys.executable, "-c", block.code], capture_output=True, text=True,
                                timeout=timeout, cwd=block.path.parent)
    except subprocess.TimeoutExpired:
        return f"{block.where()}: runnable block timed out after {timeout} s"
    if result.returncode != 0:
        return f"{block.where()}: runnable block failed\n{result.stderr[-3000:]}"
    return None


BLOCKS = find_blocks(DOCS)


@pytest.mark.parametrize("block", BLOCKS, ids=[f"{b.path.stem}:{b.question}:{b.line}" for b in BLOCKS])
def test_runnable_block(block):
    if (problem := run_block(block)) is not None:
        pytest.fail(problem, pytrace=False)


def test_enough_runnable_blocks_found():
    assert len(BLOCKS) >= MIN_BLOCKS, f"found only {len(BLOCKS)} runnable blocks under docs/"
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
"""


def test_runner_reports_failures_with_file_and_question(tmp_path):
    (tmp_path / "fixture.md").write_text(FIXTURE, encoding="utf-8")
    good, bad, slow = find_blocks(tmp_path)  # the plain ```python block is not collected

    assert run_block(good) is None
    problem = run_block(bad)
    assert problem is not None
    assert "fixture.md › bad-question" in problem and "AssertionError: arithmetic" in problem
    problem = run_block(slow, timeout=1)
    assert problem is not None and "fixture.md › slow-question" in problem and "timed out" in problem
