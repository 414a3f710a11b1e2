"""MkDocs entry point for `mkdocs serve`: after an edit, work whose inputs did not change is not
done again. Pages whose Markdown and link targets are unchanged are not rendered again
(hooks/page/rendercache.py), and the theme's templates are compiled once, not on every rebuild
(Jinja's bytecode cache checks each template's source, so an edited template is compiled anew)."""

from jinja2 import BytecodeCache

from page import rendercache


class _Compiled(BytecodeCache):
    def __init__(self):
        self.kept = {}

    def load_bytecode(self, bucket):
        if bucket.key in self.kept and self.kept[bucket.key][0] == bucket.checksum:
            bucket.bytecode_from_string(self.kept[bucket.key][1])

    def dump_bytecode(self, bucket):
        self.kept[bucket.key] = (bucket.checksum, bucket.bytecode_to_string())


_compiled = _Compiled()
_serving = False


def on_startup(command, dirty):
    global _serving
    if command == "serve":
        _serving = True
        rendercache.install()


def on_env(env, config, files):
    if _serving:
        env.bytecode_cache = _compiled
    return env
