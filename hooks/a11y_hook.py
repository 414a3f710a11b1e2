"""MkDocs entry point: the events of page.a11y (hooks/page/a11y.py)."""

from page.a11y import on_post_page  # noqa: F401
