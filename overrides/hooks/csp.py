"""Put a Content-Security-Policy <meta> on every page, with hashes of its inline scripts.

Why: the second wall. If a script ever slips past the source checks, the
browser itself must refuse to send a reader's data anywhere or load code
from another host. GitHub Pages cannot send headers, and the offline
bundle opens from file://, so the policy goes into each page as the first
thing in <head>. The directives are data/csp.yml; script-src also lists the
sha256 of each inline script the page really holds (Material's, the
overrides', a redirect page's), computed here after every other hook has
written the page, so an inline script the build did not write cannot run.
In the offline build the search worker runs in a frame whose one inline
script comes from the iframe-worker shim; its hash is added too
(overrides/hooks/local_loaders.py makes that script the same on every
machine).

Live preview (``mkdocs serve``) injects its own reload script into each page
as it serves it, with a new number every time, which no hash can allow; there
script-src is 'self' 'unsafe-inline' instead of the hashes (the rest of the
policy stays). Only ``mkdocs build`` output is published, and
scripts/check_site.py checks that every built page has the hashed policy.
"""
from __future__ import annotations

import base64
import hashlib
import html
import re
from pathlib import Path
from typing import Any

import yaml
from mkdocs.plugins import event_priority

ROOT = Path(__file__).resolve().parents[2]
POLICY_FILE = ROOT / "data" / "csp.yml"
SHIM = "assets/javascripts/iframe-worker-shim.js"
SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.S | re.I)
EXISTING = re.compile(r'<meta http-equiv="Content-Security-Policy"[^>]*>', re.I)
HEAD = re.compile(r"<head\b[^>]*>", re.I)
CHARSET = re.compile(r"<meta charset=[^>]*>", re.I)
JAVASCRIPT_TYPES = {"", "text/javascript", "application/javascript", "module", "text/ecmascript"}


def script_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def inline_scripts(page: str) -> list[str]:
    """The text of every inline script a browser would run in this page."""
    found = []
    for match in SCRIPT.finditer(page):
        attributes = match.group(1)
        if re.search(r"\ssrc\s*=", attributes, re.I):
            continue
        kind = re.search(r"\stype\s*=\s*[\"']?([^\"'\s>]*)", attributes, re.I)
        if kind and kind.group(1).lower() not in JAVASCRIPT_TYPES:
            continue
        found.append(match.group(2))
    return found


def function_source(script: str, name: str) -> str:
    """The source of `function name(...){...}` in a minified script (braces matched)."""
    start = script.index(f"function {name}(")
    depth = 0
    for index in range(script.index("{", start), len(script)):
        depth += {"{": 1, "}": -1}.get(script[index], 0)
        if depth == 0:
            return script[start:index + 1]
    raise ValueError(f"function {name} has no end")


def shim_frame_script(shim: str) -> str:
    """The inline script the iframe-worker shim writes into its frame, as the
    browser will see it: the template's ${name} parts are function sources."""
    template = re.search(r"<html><body><script>(.*?)<\\/script>", shim, re.S)
    if not template:
        raise ValueError("the iframe-worker shim no longer writes <html><body><script>…")
    text = template.group(1)
    for name in set(re.findall(r"\$\{(\w+)\}", text)):
        if f"function {name}(" in shim:
            text = text.replace("${" + name + "}", function_source(shim, name))
    if "${" in text:
        raise ValueError("the shim's frame script still depends on the page (${...}); see data/theme_patches.yml")
    return text


# What MkDocs was started for (on_startup): "build", "gh-deploy" or "serve".
startup = {"command": "build"}


def policy(directives: dict[str, list[str]], hashes: list[str]) -> str:
    parts = []
    for name, sources in directives.items():
        sources = list(sources)
        if name == "script-src":
            sources += ["'unsafe-inline'"] if startup["command"] == "serve" else sorted(set(hashes))
        parts.append(" ".join([name, *sources]))
    return "; ".join(parts)


def without_policy(page: str) -> str:
    """The page without any policy <meta>, and without the white space before it.

    Not one regex with a leading \\s*: that retries at every character of a
    long indented run, which made the build grow with the square of the nav's
    size (scripts/benchmark.py, build scaling)."""
    while match := EXISTING.search(page):
        start = len(page[:match.start()].rstrip())
        page = page[:start] + page[match.end():]
    return page


def with_policy(page: str, directives: dict[str, list[str]], extra_hashes: list[str]) -> str:
    """The page with its policy <meta> first in <head> (replacing an older one)."""
    page = without_policy(page)
    hashes = [script_hash(text) for text in inline_scripts(page)] + extra_hashes
    content = html.escape(policy(directives, hashes), quote=False).replace('"', "&quot;")
    tag = f'<meta http-equiv="Content-Security-Policy" content="{content}">'
    charset = CHARSET.search(page)
    if charset:
        return page[:charset.end()] + "\n" + tag + page[charset.end():]
    head = HEAD.search(page)
    if head:
        return page[:head.end()] + "\n" + tag + page[head.end():]
    return tag + "\n" + page


def load_directives(path: Path = POLICY_FILE) -> dict[str, list[str]]:
    return (yaml.safe_load(path.read_text(encoding="utf-8")) or {})["directives"]


def on_startup(command: str, dirty: bool) -> None:
    startup["command"] = command


# Last: after the other languages are built (i18n, -100), the search index
# is split (-200) and the theme's files are patched (local_loaders, -250).
@event_priority(-300)
def on_post_build(config: Any) -> None:
    i18n = config.plugins.get("i18n")
    if i18n is not None and getattr(i18n, "building", False):
        return  # the root build covers every language's folder
    site = Path(config.site_dir)
    directives = load_directives()
    shim = site / SHIM
    extra = [script_hash(shim_frame_script(shim.read_text(encoding="utf-8")))] if shim.is_file() else []
    for path in site.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        updated = with_policy(text, directives, extra)
        if updated != text:
            path.write_text(updated, encoding="utf-8")
