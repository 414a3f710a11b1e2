"""MkDocs entry point for `mkdocs serve`: after an edit, pages whose inputs did not change are not
rendered again (hooks/page/rendercache.py)."""

from page import rendercache


def on_startup(command, dirty):
    if command == "serve":
        rendercache.install()
