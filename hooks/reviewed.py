"""Check each page's front matter and expose its reviewed date.

Why: every page must say what it is (title, description) and when a person
last checked it against the sources (reviewed). A page without them stops
the build with the file and line, instead of publishing an undated page.
"""
from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

REQUIRED_META = ("title", "description", "reviewed")


def check_meta(meta: dict[str, Any], source_name: str) -> None:
    """Raise naming the file (line 1, where front matter starts) on bad meta."""
    missing = [key for key in REQUIRED_META if not meta.get(key)]
    if missing:
        raise PluginError(
            f"{source_name}:1: front matter lacks {', '.join(missing)}")
    reviewed = meta["reviewed"]
    if isinstance(reviewed, str):
        try:
            reviewed = datetime.date.fromisoformat(reviewed)
        except ValueError as error:
            raise PluginError(
                f"{source_name}:1: reviewed must be a date like 2026-11-29") from error
    if not isinstance(reviewed, datetime.date):
        raise PluginError(f"{source_name}:1: reviewed must be a date like 2026-11-29")
    meta["reviewed"] = reviewed


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    check_meta(page.meta, f"{Path(config.docs_dir).name}/{page.file.src_uri}")
    return markdown
