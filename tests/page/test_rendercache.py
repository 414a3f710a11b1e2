"""`mkdocs serve` rebuilds (hooks/page/rendercache.py): kept work is reused only while its inputs
are unchanged, and the warnings it logged are logged again, so a rebuild never hides a problem."""

from __future__ import annotations

import logging
import sys

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "hooks"))
from page import rendercache  # noqa: E402


@pytest.fixture
def serving():
    """Undo what rendercache.install() (and a test's counting wrappers) patch, after the test."""
    from material.plugins.search.plugin import SearchPlugin
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page
    from mkdocs_glightbox.plugin import LightboxPlugin

    patched = ((Page, "render"), (LightboxPlugin, "on_page_content"), (LightboxPlugin, "on_post_page"),
               (LightboxPlugin, "wrap_img_with_anchor_selectolax"), (SearchPlugin, "on_page_context"),
               (Files, "add_files_from_theme"))
    saved = [getattr(cls, name) for cls, name in patched]
    yield
    for (cls, name), method in zip(patched, saved):
        setattr(cls, name, method)


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


def test_a_rebuilt_site_renders_only_the_edited_page_and_still_reports_its_broken_link(tmp_path, caplog, serving):
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# 首页\n\n[坏链接](missing.md)\n", encoding="utf-8")
    (docs / "other.md").write_text("# 另一页\n\n正文。\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: t\nvalidation:\n  links:\n    not_found: warn\n", encoding="utf-8")
    rendered = []
    original = rendercache._render
    rendercache._render = lambda self, config, files: (rendered.append(self.file.src_uri), original(self, config, files))[1]
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
        rendercache._render = original


def test_plugin_steps_of_an_unchanged_page_are_not_run_again(tmp_path, serving):
    """The lightbox plugin's two page steps and Material's search step run again only for the
    edited page, and the unchanged page still gets their output."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from material.plugins.search.plugin import SearchPlugin
    from mkdocs_glightbox.plugin import LightboxPlugin

    docs = tmp_path / "docs"
    docs.mkdir()
    front = "---\nsearch:\n  exclude: true\n---\n"  # as hooks/search/search_index.py sets it
    (docs / "index.md").write_text(front + "# 首页\n\n![图](a.png)\n", encoding="utf-8")
    (docs / "a.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (docs / "other.md").write_text(front + "# 另一页\n\n正文。\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: t\ntheme: material\nplugins: [search, glightbox]\n", encoding="utf-8")
    lightbox, search = [], []
    wrap, index = LightboxPlugin.wrap_img_with_anchor_selectolax, SearchPlugin.on_page_context
    LightboxPlugin.wrap_img_with_anchor_selectolax = lambda self, html, **kw: (lightbox.append(1), wrap(self, html, **kw))[1]
    SearchPlugin.on_page_context = lambda self, context, **kw: (search.append(1), index(self, context, **kw))[1]
    rendercache.install()

    def rebuild():
        lightbox.clear()
        search.clear()
        build(load_config(str(tmp_path / "mkdocs.yml"), site_dir=str(tmp_path / "site")))
        return len(lightbox), len(search)

    assert rebuild() == (2, 2)
    (docs / "other.md").write_text(front + "# 另一页\n\n改了。\n", encoding="utf-8")
    assert rebuild() == (1, 1), "a plugin step ran again for the unchanged page"
    home = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert 'class="glightbox"' in home and 'id="init-glightbox"' in home, "the kept steps' output is missing"
    assert "改了" in (tmp_path / "site" / "other" / "index.html").read_text(encoding="utf-8")


def test_the_installed_theme_is_listed_once_and_overrides_on_every_build(tmp_path, serving):
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.structure.files import Files

    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# 首页\n", encoding="utf-8")
    own = tmp_path / "overrides" / "assets"
    own.mkdir(parents=True)
    (own / "a.css").write_text("a {}", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: t\ntheme:\n  name: material\n  custom_dir: overrides\n", encoding="utf-8")
    listed, original = [], Files.add_files_from_theme
    Files.add_files_from_theme = lambda self, env, config: (listed.append(1), original(self, env, config))[1]
    rendercache._theme_files.clear()
    rendercache.install()
    site = tmp_path / "site"
    build(load_config(str(tmp_path / "mkdocs.yml"), site_dir=str(site)))
    build(load_config(str(tmp_path / "mkdocs.yml"), site_dir=str(site)))
    assert len(listed) == 1, "the unchanged theme was listed again"
    assert list((site / "assets" / "javascripts").glob("bundle.*.js")) and (site / "assets" / "a.css").exists()
    (own / "b.css").write_text("b {}", encoding="utf-8")
    build(load_config(str(tmp_path / "mkdocs.yml"), site_dir=str(site)))
    assert (site / "assets" / "b.css").exists(), "a file added to overrides/ was not published"
