"""Keep compiled theme templates between builds.

Why: every build compiles Material's Jinja templates again, once per
language (mkdocs-static-i18n builds each language in a fresh environment),
and live preview rebuilds the whole site after each edit: about 0.7 s of a
3 s build. Jinja can keep the compiled code on disk; each entry is keyed by
the template's path and checked against its source, so an edited template
is compiled again. Jinja's default folder is private to the user
(/tmp/_jinja2-cache-<uid>, checked for its owner and mode).
"""
from __future__ import annotations

from typing import Any

from jinja2 import FileSystemBytecodeCache


def on_env(env: Any, config: Any, files: Any) -> Any:
    env.bytecode_cache = FileSystemBytecodeCache()
    return env
