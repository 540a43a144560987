"""Render the reader tools' markup from reviewed templates where a page asks for it.

Why: pages hold prose only (rule unsafe-html refuses forms, form controls,
scripts and handlers in docs/), yet the call and visit log needs a form. A
page keeps a marker, ``<!-- tool: call-log -->``, where the tool goes; this
hook replaces it with overrides/partials/call-log.html, filled with the
fields and the page language's words from data/call_log.yml. A page that
loads the tool's script without the marker, or a marker for a tool that does
not exist, stops the build naming the page.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml
from mkdocs.exceptions import PluginError

ROOT = Path(__file__).resolve().parents[2]
MARKER = re.compile(r"<!--\s*tool:\s*([a-z-]+)\s*-->")
# tool → (template, data file with its words, the script a page lists for it)
TOOLS = {"call-log": ("partials/call-log.html", ROOT / "data" / "call_log.yml", "assets/call-log.js")}


def page_language(page: Any, config: Any) -> str:
    return getattr(page.file, "locale", None) or config.theme.get("language") or "zh"


def tool_words(path: Path, lang: str) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if lang not in data:
        raise PluginError(f"{path.relative_to(ROOT).as_posix()}:1: no words for language '{lang}'")
    return {"fields": data.get("fields") or [], "words": data[lang]}


def render_tools(html: str, render: Any, lang: str, label: str, scripts: list[str]) -> str:
    """Replace each tool marker with its rendered template."""
    found = set(MARKER.findall(html))
    for name in found - set(TOOLS):
        raise PluginError(f"{label}: <!-- tool: {name} --> names no tool (known: {', '.join(sorted(TOOLS))})")
    for name, (_, _, script) in TOOLS.items():
        if script in scripts and name not in found:
            raise PluginError(f"{label}: lists {script} in its front matter but has no <!-- tool: {name} --> "
                              f"marker where the tool should appear")
    return MARKER.sub(lambda match: render(match.group(1), lang), html)


def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    scripts = [str(script) for script in (page.meta.get("scripts") or [])]
    if "<!--" not in html and not scripts:
        return html
    environment = config.theme.get_env()

    def render(name: str, lang: str) -> str:
        template, words, _ = TOOLS[name]
        return environment.get_template(template).render(**tool_words(words, lang))

    label = f"{Path(config.docs_dir).name}/{page.file.src_uri}"
    return render_tools(html, render, page_language(page, config), label, scripts)
