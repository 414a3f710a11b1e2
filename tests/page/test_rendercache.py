"""`mkdocs serve` rebuilds (hooks/page/rendercache.py): kept work is reused only while its inputs
are unchanged, and the warnings it logged are logged again, so a rebuild never hides a problem."""

from __future__ import annotations

import logging
import sys

from conftest import ROOT

sys.path.insert(0, str(ROOT / "hooks"))
from page import rendercache  # noqa: E402


def test_a_kept_step_runs_again_only_when_its_key_changes_and_replays_its_warnings(caplog):
    calls = []

    def make():
        calls.append(1)
        logging.getLogger("mkdocs.hooks.test").warning("topics/x.md › q: a problem")
        return "result"

    with caplog.at_level(logging.WARNING, logger="mkdocs"):
        assert rendercache.kept("test", "topics/x.md", ("v1",), make) == "result"
        assert rendercache.kept("test", "topics/x.md", ("v1",), make) == "result"
        assert len(calls) == 1
        rendercache.kept("test", "topics/x.md", ("v2",), make)
        assert len(calls) == 2
    assert [r.getMessage() for r in caplog.records].count("topics/x.md › q: a problem") == 3


def test_a_rebuilt_site_renders_only_the_edited_page_and_still_reports_its_broken_link(tmp_path, caplog):
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.structure.pages import Page

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# 首页\n\n[坏链接](missing.md)\n", encoding="utf-8")
    (docs / "other.md").write_text("# 另一页\n\n正文。\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: t\nvalidation:\n  links:\n    not_found: warn\n", encoding="utf-8")
    rendered = []
    original = rendercache._render
    rendercache._render = lambda self, config, files: (rendered.append(self.file.src_uri), original(self, config, files))[1]
    saved = Page.render
    rendercache.install()
    try:
        def rebuild():
            rendered.clear()
            caplog.clear()
            with caplog.at_level(logging.WARNING, logger="mkdocs"):
                build(load_config(str(tmp_path / "mkdocs.yml"), site_dir=str(tmp_path / "site")))
            return sorted(rendered), [r.getMessage() for r in caplog.records if "missing.md" in r.getMessage()]

        first, warned = rebuild()
        assert first == ["index.md", "other.md"] and warned
        (docs / "other.md").write_text("# 另一页\n\n改了一行。\n", encoding="utf-8")
        second, warned_again = rebuild()
        assert second == ["other.md"]          # index.md came from the cache...
        assert warned_again == warned           # ...with its broken-link warning
        assert "改了一行" in (tmp_path / "site" / "other" / "index.html").read_text(encoding="utf-8")
    finally:
        Page.render = saved
        rendercache._render = original
