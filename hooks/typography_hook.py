"""MkDocs entry point: the events of page.typography (hooks/page/typography.py)."""

from page.typography import on_post_page  # noqa: F401
