"""MkDocs entry point for `mkdocs serve`: after an edit, work whose inputs did not change is not
done again (hooks/page/rendercache.py). MkDocs runs this file anew on every rebuild, so what must
last lives in that module."""

from page import rendercache


def on_startup(command, dirty):
    if command == "serve":
        rendercache.install()


def on_env(env, config, files):
    rendercache.templates(env)
    return env
