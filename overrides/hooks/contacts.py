"""Render phone numbers from data/contacts.yml into pages.

Why: every number a frightened reader may dial must come from one reviewed
data file with its source. Pages write ``{{ phone.KEY }}``; this hook turns it
into a ``tel:`` link in the page's language, adds the entry's caveat (the
Du Xiaoman number must always be checked in the official app first), and
stops the build naming the file and line of an unknown key.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

import yaml
from mkdocs.exceptions import PluginError

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))
from markdown_pages import PLACEHOLDER  # noqa: E402
from rules.phone_numbers import unknown_key_message  # noqa: E402

CONTACTS_FILE = ROOT / "data" / "contacts.yml"
# source, reviewed and confidence are checked, for every reviewed data file,
# by scripts/check_data.py (overrides/hooks/data_review.py runs it first).
REQUIRED_FIELDS = ("number", "name")
LANGUAGES = ("zh", "en")


def load_contacts(path: Path = CONTACTS_FILE) -> dict[str, dict[str, Any]]:
    """Read and validate the contacts file; errors name the file and line."""
    text = path.read_text(encoding="utf-8")
    try:
        data = yaml.safe_load(text) or {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        raise PluginError(f"{path}:{line}: invalid YAML: {error}") from error
    if not isinstance(data, dict):
        raise PluginError(f"{path}:1: expected a mapping of contact keys")
    for key, entry in data.items():
        line = line_of(text, f"{key}:")
        if not isinstance(entry, dict):
            raise PluginError(f"{path}:{line}: contact '{key}' must be a mapping")
        missing = [field for field in REQUIRED_FIELDS if field not in entry]
        if missing:
            raise PluginError(f"{path}:{line}: contact '{key}' lacks {', '.join(missing)}")
        if not re.fullmatch(r"\d{3,12}", str(entry["number"])):
            raise PluginError(f"{path}:{line}: contact '{key}' number must be digits only")
        for lang in LANGUAGES:
            if lang not in entry["name"]:
                raise PluginError(f"{path}:{line}: contact '{key}' lacks a name in '{lang}'")
    return data


def line_of(text: str, needle: str, start: int = 0) -> int:
    """1-based line of the first occurrence of needle at or after start."""
    index = text.find(needle, start)
    return text.count("\n", 0, index) + 1 if index >= 0 else 1


def render_phones(markdown: str, contacts: dict[str, dict[str, Any]], lang: str,
                  source_name: str, source_text: str | None = None) -> str:
    """Replace every placeholder; an unknown key is an error at file:line."""
    def replace(match: re.Match[str]) -> str:
        key = match.group(1)
        if key not in contacts:
            line = line_of(source_text or markdown, match.group(0))
            raise PluginError(f"{source_name}:{line}: {unknown_key_message(key, contacts)}")
        entry = contacts[key]
        number = str(entry["number"])
        caveat = (entry.get("caveat") or {}).get(lang, "")
        return f'[{number}](tel:{number}){{ .phone data-contact="{key}" }}{caveat}'

    return PLACEHOLDER.sub(replace, markdown)


def page_language(page: Any, config: Any) -> str:
    return getattr(page.file, "locale", None) or config.theme.get("language") or "zh"


# Read once per build (and per live-preview rebuild), not once per page:
# parsing YAML for each of 36 pages cost a tenth of the build.
loaded: dict[str, dict[str, Any]] = {}


def on_config(config: Any) -> Any:
    loaded.clear()
    loaded.update(load_contacts())
    return config


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    contacts = loaded or load_contacts()
    source_path = Path(page.file.abs_src_path) if page.file.abs_src_path else None
    source_text = source_path.read_text(encoding="utf-8") if source_path else None
    return render_phones(markdown, contacts, page_language(page, config),
                         source_label(page, config), source_text)


def source_label(page: Any, config: Any) -> str:
    """The page's source path as a contributor sees it, e.g. docs/zh/index.md."""
    return f"{Path(config.docs_dir).name}/{page.file.src_uri}"
