"""MkDocs entry point: the events of page.versions (hooks/page/versions.py)."""

from page.versions import on_config  # noqa: F401
