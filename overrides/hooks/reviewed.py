"""Stop the build on a page without a title, description or reviewed date.

Why: every page must say what it is and when a person last checked it
against the sources. The rule itself lives in scripts/rules/front_matter.py
(also run by scripts/check_sources.py); this hook applies it during the
build, so a page with bad front matter never publishes, and the error
names the file and line.
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
from rules.front_matter import meta_messages, reviewed_date  # noqa: E402


def check_meta(meta: dict[str, Any], source_name: str) -> None:
    """Raise naming the file (line 1, where front matter starts) on bad meta."""
    messages = meta_messages(meta)
    if messages:
        raise PluginError(f"{source_name}:1: {'; '.join(messages)}")
    meta["reviewed"] = reviewed_date(meta["reviewed"])


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    check_meta(page.meta, f"{Path(config.docs_dir).name}/{page.file.src_uri}")
    return markdown
