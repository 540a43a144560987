"""Send the guide's own stylesheets as one minified file, and its scripts as
one, each named after its content; ship only those.

Why: every file a page loads costs a round trip before the page can show,
and on a slow mobile connection round trips, not bytes, are what a small
file costs. The sources stay separate, one job each (docs/assets/); this
hook joins the files listed under extra_css and extra_javascript in
mkdocs.yml, in that order, minifies them (rcssmin, rjsmin) and writes them
as assets/guide.<hash>.css and assets/guide.<hash>.js, which pages link
instead. The hash is of the content, so a reader's browser never keeps a
stale copy after an update (Material names its own bundles the same way).
The sources are left out of site/ and the offline bundles: no page links
them. Joining measured with Lighthouse's mobile preset on the home page:
first contentful paint 1.21 s → 1.06 s (scripts/benchmark.py).

Scripts one page needs (front matter `scripts:`) are not joined: other
pages would download them for nothing.
"""
from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any, Callable

import rcssmin
import rjsmin
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files

# setting → (bundle name without hash, suffix, minifier)
BUNDLES: dict[str, tuple[str, str, Callable[[str], str]]] = {
    "extra_css": ("assets/guide", ".css", rcssmin.cssmin),
    "extra_javascript": ("assets/guide", ".js", rjsmin.jsmin),
}

# Filled in on_config (so a missing file stops the build before any page is
# built): each bundle's file name and text, and the sources it replaces.
# mkdocs-static-i18n builds the other language with the same config, where
# the lists already name the bundles.
bundles: dict[str, str] = {}
sources: set[str] = set()


def join_files(docs_dir: Path, names: list[str], key: str) -> str:
    """The files' text in order, each under a comment naming its source."""
    parts = []
    for name in names:
        path = docs_dir / name
        if not path.is_file():
            raise PluginError(f"mkdocs.yml: {key} lists '{name}', which is not in {docs_dir.name}/")
        parts.append(f"/* {name} */\n{path.read_text(encoding='utf-8').rstrip()}\n")
    return "\n".join(parts)


def fingerprinted(stem: str, suffix: str, text: str) -> str:
    """stem.<first 10 hex digits of the text's SHA-256>suffix."""
    return f"{stem}.{hashlib.sha256(text.encode('utf-8')).hexdigest()[:10]}{suffix}"


def on_config(config: Any) -> Any:
    for key, (stem, suffix, minify) in BUNDLES.items():
        names = [str(item) for item in config[key]]
        if not names or all(name in bundles for name in names):
            continue
        text = minify(join_files(Path(config.docs_dir), names, key))
        target = fingerprinted(stem, suffix, text)
        bundles[target] = text
        sources.update(names)
        config[key] = [target]
    return config


def on_files(files: Files, config: Any) -> Files:
    """Leave the joined sources out of the site: no page links them."""
    for name in sources:
        file = files.get_file_from_path(name)
        if file is not None:
            files.remove(file)
    return files


def on_post_build(config: Any) -> None:
    i18n = config.plugins.get("i18n")
    if i18n is not None and getattr(i18n, "building", False):
        return  # the other language: its pages link the root's bundles
    for target, text in bundles.items():
        output = Path(config.site_dir) / target
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(text, encoding="utf-8")
