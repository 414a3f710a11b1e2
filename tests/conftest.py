"""Shared fixtures: one strict build per test session, a local HTTP server, headless Chromium."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def mkdocs(*args: str, cwd: Path = ROOT, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run the venv's mkdocs; output is captured so tests can assert on the log."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", *args], cwd=cwd, capture_output=True, text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})},
    )


REPO_URL = "https://github.com/octo-org/rnn-bank"  # what deploy.yml would derive (纠错, edit links)


def build_env(port: int) -> dict:
    return {"SITE_URL": f"http://127.0.0.1:{port}/dev/", "REPO_URL": REPO_URL, "REPO_NAME": "octo-org/rnn-bank"}


@pytest.fixture(scope="session")
def served_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def built_site(tmp_path_factory, served_port) -> Path:
    """One strict build, for the address it is served at (instant navigation matches
    links against sitemap.xml, which MkDocs writes from site_url)."""
    site = tmp_path_factory.mktemp("site")
    result = mkdocs("build", "--strict", "--site-dir", str(site), env=build_env(served_port))
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stderr[-6000:]}"
    return site


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serve_directory(directory: Path, port: int = 0):
    """Serve a directory over HTTP on 127.0.0.1; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()


@pytest.fixture(scope="session")
def site_url(built_site, served_port, tmp_path_factory) -> str:
    """Serve the build the way mike publishes it: under /dev/, with /versions.json beside it."""
    root = tmp_path_factory.mktemp("served")
    shutil.copytree(built_site, root / "dev")
    (root / "versions.json").write_text('[{"version": "dev", "title": "dev", "aliases": []}]')
    with serve_directory(root, served_port) as base:
        yield base + "dev/"


def _chromium_available() -> bool:
    return Path(CHROMIUM).exists() or shutil.which(CHROMIUM) is not None


@pytest.fixture(scope="session")
def browser():
    if not _chromium_available():
        if os.environ.get("CI"):
            pytest.fail(f"Chromium not found at {CHROMIUM}; CI must run the browser tests (apt-get install chromium).")
        pytest.skip(f"Chromium not found at {CHROMIUM} and not in CI: browser tests skipped.")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()
