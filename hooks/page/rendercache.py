"""`mkdocs serve`: work whose inputs did not change is not done again on a rebuild.

A page whose Markdown and link targets did not change is not rendered again, a page step whose
input did not change (formulas to images, accessibility fixes, two third-party plugins' steps)
is not run again (kept()), and the installed theme's files are listed once.

MkDocs renders every page's Markdown on every rebuild, about half of the time an author waits
after a one-line edit. Page.render reads only the page's Markdown (after the hooks' on_page_markdown),
its place among the site's files (relative links, link checks) and the Markdown configuration,
so its result is kept under a key made of exactly those. The warnings a render logs (a broken
link, a missing anchor) are kept with it and logged again whenever the result is reused, so a
check never goes quiet because its page was not rendered.
"""

from __future__ import annotations

import logging
import os
import re
import sys
import threading
from dataclasses import dataclass, field

from jinja2 import BytecodeCache
from mkdocs.structure.pages import Page

_render = Page.render  # MkDocs' own


@dataclass
class _Rendered:
    key: tuple
    content: str
    toc: object
    title: str | None
    anchors: set[str] | None
    links: dict[str, dict[str, str]] | None  # links_to_anchors, by the linked file's src_uri
    records: list[logging.LogRecord] = field(default_factory=list)


_kept: dict[str, _Rendered] = {}
_files_key_of: list = [None, ()]  # the last build's Files object (held, so its id is never reused) and its key


class _Recorder(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.thread == threading.get_ident():  # the render's own, not the server's
            self.records.append(record)


def _files_key(files) -> tuple:
    """Where every file goes: what relative links and link checks are computed against."""
    if _files_key_of[0] is not files:  # one Files object per build
        _files_key_of[:] = [files, tuple(sorted((f.src_uri, f.dest_uri, f.url, str(f.inclusion)) for f in files))]
    return _files_key_of[1]


def _config_key(config) -> str:
    # Objects made anew on each config load (the slugify function) differ only by their address.
    parts = (config["markdown_extensions"], config["mdx_configs"], config["use_directory_urls"],
             config["site_url"], config["validation"])
    return re.sub(r" at 0x[0-9a-f]+", "", repr(parts))


def render(self: Page, config, files) -> None:
    key = (self.file.dest_uri, self.markdown, _files_key(files), _config_key(config))
    kept = _kept.get(self.file.src_uri)
    if kept is not None and kept.key == key:
        self.content, self.toc, self._title_from_render = kept.content, kept.toc, kept.title
        self.present_anchor_ids = kept.anchors
        if kept.links is not None:
            self.links_to_anchors = {files.get_file_from_path(src): anchors for src, anchors in kept.links.items()
                                     if files.get_file_from_path(src) is not None}
        for record in kept.records:
            logging.getLogger(record.name).handle(record)
        return
    recorder, mkdocs_log = _Recorder(), logging.getLogger("mkdocs")
    mkdocs_log.addHandler(recorder)
    try:
        _render(self, config, files)
    finally:
        mkdocs_log.removeHandler(recorder)
    links = getattr(self, "links_to_anchors", None)
    _kept[self.file.src_uri] = _Rendered(
        key, self.content, self.toc, self._title_from_render, self.present_anchor_ids,
        {f.src_uri: anchors for f, anchors in links.items()} if links is not None else None, recorder.records)


class _Compiled(BytecodeCache):
    """The theme's templates, compiled once per process. Jinja checks each template's source
    against the kept checksum, so an edited template is compiled anew."""

    def __init__(self) -> None:
        self.kept: dict[str, tuple[str, bytes]] = {}

    def load_bytecode(self, bucket) -> None:
        if bucket.key in self.kept and self.kept[bucket.key][0] == bucket.checksum:
            bucket.bytecode_from_string(self.kept[bucket.key][1])

    def dump_bytecode(self, bucket) -> None:
        self.kept[bucket.key] = (bucket.checksum, bucket.bytecode_to_string())


_compiled: _Compiled | None = None  # set in `mkdocs serve`; here, not in the hook file, which MkDocs re-runs per build


_steps: dict[tuple[str, str], tuple[object, object, list[logging.LogRecord]]] = {}


def kept(step: str, page: str, key, make):
    """make()'s result for this page, reused while `key` (everything make() reads) is unchanged;
    the warnings it logged are logged again on reuse, so no check goes quiet."""
    hit = _steps.get((step, page))
    if hit is not None and hit[0] == key:
        for record in hit[2]:
            logging.getLogger(record.name).handle(record)
        return hit[1]
    recorder, mkdocs_log = _Recorder(), logging.getLogger("mkdocs")
    mkdocs_log.addHandler(recorder)
    try:
        value = make()
    finally:
        mkdocs_log.removeHandler(recorder)
    _steps[(step, page)] = (key, value, recorder.records)
    return value


def _kept_plugin_step(cls, name: str, inputs) -> None:
    """A third-party plugin's page step that reads only `inputs(plugin, value, page, config)`
    is run again only when those change."""
    original = getattr(cls, name)
    if getattr(original, "kept", False):
        return

    def step(self, value, *, page, config, **kwargs):
        return kept(f"{cls.__name__}.{name}", page.file.src_uri, inputs(self, value, page, config),
                    lambda: original(self, value, page=page, config=config, **kwargs))

    step.kept = True
    setattr(cls, name, step)


def _kept_material_search() -> None:
    """Material's search plugin indexes a page and strips its data-search-* attributes. Our
    search hook excludes every page from Material's index, so for those pages the step is a
    function of the page's HTML alone."""
    from material.plugins.search.plugin import SearchPlugin

    original = SearchPlugin.on_page_context
    if getattr(original, "kept", False):
        return

    def on_page_context(self, context, *, page, config, nav):
        if not (page.meta.get("search") or {}).get("exclude"):
            return original(self, context, page=page, config=config, nav=nav)

        def strip() -> str:
            original(self, context, page=page, config=config, nav=nav)
            return page.content
        page.content = kept("SearchPlugin.on_page_context", page.file.src_uri,
                            (page.content, self.config.enabled), strip)

    on_page_context.kept = True
    SearchPlugin.on_page_context = on_page_context


def _kept_lightbox() -> None:
    """The lightbox plugin parses and rewrites every page twice per build."""
    from mkdocs_glightbox.plugin import LightboxPlugin

    def settings(plugin, page) -> str:
        return repr((dict(plugin.config), plugin.using_material, plugin.using_material_privacy, page.meta))

    _kept_plugin_step(LightboxPlugin, "on_page_content", lambda plugin, html, page, config: (html, settings(plugin, page)))
    _kept_plugin_step(LightboxPlugin, "on_post_page", lambda plugin, output, page, config: (
        output, page.url, settings(plugin, page), config.theme.name, repr(config.theme.get("features"))))


_theme_files: dict[tuple, list[tuple[str, str]]] = {}


def _kept_theme_files() -> None:
    """MkDocs lists every file of the theme on every build (Material's folder holds some 12 000,
    icons included) to find the static ones. An installed package does not change while serving,
    so only the other theme folders (overrides/) are listed again."""
    from mkdocs.structure.files import File, Files

    original = Files.add_files_from_theme
    if getattr(original, "kept", False):
        return

    def add_files_from_theme(self, env, config) -> None:
        dirs = tuple(config.theme.dirs)
        own = [(d, sorted(os.path.relpath(os.path.join(root, f), d) for root, _, fs in os.walk(d) for f in fs))
               for d in dirs if not os.path.abspath(d).startswith(sys.prefix + os.sep)]
        key = (dirs, tuple(config.theme.static_templates), repr(own))
        if key not in _theme_files:
            probe = Files([])
            original(probe, env, config)
            _theme_files.clear()
            _theme_files[key] = [(f.src_uri, f.src_dir) for f in probe]
        for path, folder in _theme_files[key]:
            if self.get_file_from_path(path) is None:  # as MkDocs: theme files never replace docs files
                self.append(File(path, folder, config.site_dir, config.use_directory_urls))

    add_files_from_theme.kept = True
    Files.add_files_from_theme = add_files_from_theme


def install() -> None:
    """From `mkdocs serve` only: a build renders each page once anyway."""
    global _compiled
    Page.render = render
    _kept_material_search()
    _kept_lightbox()
    _kept_theme_files()
    _compiled = _compiled or _Compiled()


def templates(env) -> None:
    """Give the theme's Jinja environment (made anew on every rebuild) the kept compiled templates."""
    if _compiled is not None:
        env.bytecode_cache = _compiled
