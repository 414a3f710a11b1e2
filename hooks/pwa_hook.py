"""MkDocs entry point: the events of takeaway.pwa (hooks/takeaway/pwa.py)."""

from takeaway.pwa import on_startup, on_config, on_files, on_post_build  # noqa: F401
