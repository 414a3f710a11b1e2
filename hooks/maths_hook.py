"""MkDocs entry point: the events of maths.mathjax (hooks/maths/mathjax.py)."""

from maths.mathjax import on_pre_build, on_post_page  # noqa: F401
