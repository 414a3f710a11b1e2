"""The version selector only where versions exist: in builds made by `mike deploy`.

Material's selector fetches ../versions.json on every page. A plain `mkdocs build` or
`mkdocs serve` has no such file, so each page view logged a 404 and a console error. mike
sets MIKE_DOCS_VERSION while it builds; without it, extra.version is dropped.
"""

from __future__ import annotations

import os


def on_config(config):
    if not os.environ.get("MIKE_DOCS_VERSION"):
        config.extra.pop("version", None)
    return config
