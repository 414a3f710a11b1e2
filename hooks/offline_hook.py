"""MkDocs entry point: the events of takeaway.offline (hooks/takeaway/offline.py)."""

from takeaway.offline import on_config, on_files  # noqa: F401
