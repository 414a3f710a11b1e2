"""MkDocs entry point: the events of search.search_index (hooks/search/search_index.py)."""

from search.search_index import on_config, on_nav, on_page_markdown, on_page_content, on_post_build  # noqa: F401
