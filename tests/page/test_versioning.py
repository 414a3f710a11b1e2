"""mike publishes versions side by side, and Material's version selector lists them."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, serve_directory

PROJECT = ["mkdocs.yml", "docs", "hooks", "overrides", "search"]


def run(*args: str, cwd: Path) -> str:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1",
           # mike runs MkDocs from the venv; its bin must be on PATH.
           "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
           "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    result = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True)
    assert result.returncode == 0, f"{' '.join(args)} failed:\n{result.stderr[-4000:]}"
    return result.stdout


def project_repo(tmp_path: Path) -> Path:
    """A git repository holding a copy of the site's sources, ready for `mike deploy`."""
    repo = tmp_path / "repo"
    repo.mkdir()
    for name in PROJECT:
        src = ROOT / name
        (shutil.copytree if src.is_dir() else shutil.copy)(src, repo / name)
    run("git", "init", "-q", "-b", "main", cwd=repo)
    run("git", "add", ".", cwd=repo)
    run("git", "commit", "-q", "-m", "site", cwd=repo)
    return repo


def test_mike_deploys_two_versions_with_a_selector(tmp_path, browser):
    repo = project_repo(tmp_path)
    run("mike", "deploy", "1.0", cwd=repo)
    run("mike", "deploy", "--update-aliases", "1.1", "latest", cwd=repo)
    run("mike", "set-default", "latest", cwd=repo)

    versions = json.loads(run("git", "show", "gh-pages:versions.json", cwd=repo))
    assert {v["version"] for v in versions} == {"1.0", "1.1"}
    assert next(v for v in versions if v["version"] == "1.1")["aliases"] == ["latest"]

    pages = tmp_path / "pages"
    run("git", "worktree", "add", "-q", str(pages), "gh-pages", cwd=repo)
    with serve_directory(pages) as base:
        page = browser.new_page()
        page.goto(base + "1.0/", wait_until="networkidle")
        page.wait_for_selector(".md-version__current", state="attached", timeout=10000)
        assert page.locator(".md-version__current").inner_text().strip() == "1.0"
        listed = {t.strip() for t in page.locator(".md-version__link").all_inner_texts()}
        assert {"1.0", "1.1"} <= {t.split()[0] for t in listed if t}, listed
        page.close()
