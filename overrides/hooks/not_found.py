"""Keep the site's 404 page in the default language.

Why: mkdocs-static-i18n builds every language into the same site folder,
and each build renders 404.html at the root; the last language built wins,
so Chinese readers got an English "not found" page with lang="en". Servers
serve only the root 404.html, so it must be the default language's.
"""
from __future__ import annotations

from typing import Any

default_not_found: dict[str, str] = {}


def keep_default(output: str, language: str, default: str) -> str:
    """Remember the default language's page; return it for every language."""
    if language == default:
        default_not_found["html"] = output
    return default_not_found.get("html", output)


def on_post_template(output_content: str, template_name: str, config: Any) -> str:
    i18n = config.plugins.get("i18n")
    if template_name != "404.html" or i18n is None:
        return output_content
    return keep_default(output_content, i18n.current_language, i18n.default_language)
