"""The guide's official addresses (data/mirrors.yml) and its content date, as readers see them.

Why: github.io may not open from mainland China, so the guide can also be
published on mirrors. A reader needs to know which addresses are official,
which one to try when another does not open, and whether two copies carry
the same content. This module is the one place that reads and validates
data/mirrors.yml (errors name the file and line, and an http:// address is
refused: anyone on the way could read or change such a page) and words the
list the same way for the three places readers see it: the home pages'
footer (overrides/hooks/addresses_footer.py), the downloads page
(overrides/hooks/downloads.py) and the PDF cover (scripts/build_pdf.py).

The content date is the newest ``reviewed`` date of any page, read from the
Markdown sources, so every copy built from the same pages shows the same date.
"""
from __future__ import annotations

import html
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from markdown_pages import load_pages  # noqa: E402
from rules.front_matter import reviewed_date  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
MIRRORS_FILE = ROOT / "data" / "mirrors.yml"
LANGUAGES = ("zh", "en")
LABELS = ("primary", "content_date", "try", "no_mirror", "run_by", "official_only")
# A host as a browser's address bar shows it: ASCII (IDNs in punycode), so a
# look-alike letter from another script cannot pass for an official host.
HOST = re.compile(r"(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z][a-z0-9-]*[a-z0-9]")


class MirrorsError(ValueError):
    """data/mirrors.yml is not usable; the message names the file and line."""


@dataclass(frozen=True)
class Copy:
    """One official address: where it is, who runs it, since when, and the proof."""

    url: str
    operator: dict[str, str]
    since: str
    source: str

    @property
    def host(self) -> str:
        return urlsplit(self.url).hostname or ""


@dataclass(frozen=True)
class Copies:
    primary: Copy
    mirrors: list[Copy]
    labels: dict[str, dict[str, str]]

    @property
    def hosts(self) -> set[str]:
        return {copy.host for copy in [self.primary, *self.mirrors]}


def address_problem(url: Any) -> str:
    """Why url cannot be an official address, or "" when it can."""
    if not isinstance(url, str) or not url.startswith("https://"):
        return (f"'{url}' is not an https:// address: on plain http:// anyone on the way can read "
                f"and change the page, including its phone numbers")
    parts = urlsplit(url)
    if parts.username or parts.password or parts.query or parts.fragment:
        return f"'{url}': an address has no user name, password, ?query or #fragment"
    if not HOST.fullmatch(parts.netloc):
        return f"'{url}': the host must be a plain lower-case name (an IDN in its xn-- form), no port"
    if not parts.path.endswith("/"):
        return f"'{url}' must end with / (the folder the site is served from)"
    return ""


def line_of(text: str, needle: str) -> int:
    index = text.find(needle)
    return text.count("\n", 0, index) + 1 if index >= 0 else 1


def read_copy(entry: Any, name: str, text: str, path: Path) -> Copy:
    url = entry.get("url") if isinstance(entry, dict) else None
    line = line_of(text, str(url)) if url else line_of(text, f"{name}:")
    where = f"{path}:{line}: {name}"
    if not isinstance(entry, dict):
        raise MirrorsError(f"{where} must be a mapping with url, operator, since and source")
    problem = address_problem(url)
    if problem:
        raise MirrorsError(f"{where}: {problem}")
    missing = [key for key in ("operator", "since", "source") if not entry.get(key)]
    if missing:
        raise MirrorsError(f"{where} ({url}) lacks {', '.join(missing)}")
    operator = entry["operator"]
    if not isinstance(operator, dict) or any(not operator.get(lang) for lang in LANGUAGES):
        raise MirrorsError(f"{where} ({url}): operator needs a name in each of {', '.join(LANGUAGES)}")
    since = reviewed_date(entry["since"])
    if since is None:
        raise MirrorsError(f"{where} ({url}): since must be a date like 2026-11-29")
    return Copy(url, {lang: str(operator[lang]) for lang in LANGUAGES}, since.isoformat(), str(entry["source"]))


def load(path: Path = MIRRORS_FILE) -> Copies:
    """Read and validate the mirrors file; errors name the file and line."""
    text = path.read_text(encoding="utf-8")
    try:
        data = yaml.safe_load(text) or {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise MirrorsError(f"{path}:{mark.line + 1 if mark else 1}: invalid YAML: {error}") from error
    if not isinstance(data, dict) or "primary" not in data:
        raise MirrorsError(f"{path}:1: expected 'primary:', 'mirrors:' and 'labels:'")
    mirrors = data.get("mirrors") or []
    if not isinstance(mirrors, list):
        raise MirrorsError(f"{path}:{line_of(text, 'mirrors:')}: mirrors must be a list (or [])")
    primary = read_copy(data["primary"], "primary", text, path)
    copies = [read_copy(entry, f"mirrors[{index}]", text, path) for index, entry in enumerate(mirrors)]
    seen = {primary.url}
    for copy in copies:
        if copy.url in seen:
            raise MirrorsError(f"{path}:{line_of(text, copy.url)}: {copy.url} is listed twice")
        seen.add(copy.url)
    labels = data.get("labels") or {}
    for lang in LANGUAGES:
        missing = [key for key in LABELS if not (labels.get(lang) or {}).get(key)]
        if missing:
            raise MirrorsError(f"{path}:{line_of(text, 'labels:')}: labels.{lang} lacks {', '.join(missing)}")
    return Copies(primary, copies, labels)


def content_date(docs_dir: Path) -> str:
    """The newest reviewed date of any page in any language (ISO), or "" if none."""
    dates = [date for page in load_pages(docs_dir) if (date := reviewed_date(page.meta.get("reviewed")))]
    return max(dates).isoformat() if dates else ""


def link(url: str) -> str:
    url = html.escape(url, quote=True)
    return f'<a href="{url}">{url}</a>'


def render(copies: Copies, lang: str, date: str, css_class: str = "official-copies") -> str:
    """The addresses in lang, as one HTML block: the primary, the content date,
    then the mirrors to try (or, with none, a plain statement that there are
    none), then which addresses are official."""
    words = {key: html.escape(value) for key, value in copies.labels[lang].items()}
    parts = [f'<p>{words["primary"]}{link(copies.primary.url)}</p>',
             f'<p>{words["content_date"]}<time datetime="{html.escape(date)}">{html.escape(date)}</time></p>']
    if copies.mirrors:
        items = "".join(
            f'<li>{link(copy.url)}'
            f'{words["run_by"].format(operator=html.escape(copy.operator[lang]), since=copy.since)}</li>'
            for copy in copies.mirrors)
        parts.append(f'<p>{words["try"]}</p><ul>{items}</ul>')
    else:
        parts.append(f'<p>{words["no_mirror"]}</p>')
    parts.append(f'<p>{words["official_only"]}</p>')
    return f'<div class="{css_class}">' + "".join(parts) + "</div>"
