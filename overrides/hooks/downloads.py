"""List the downloadable files, with size and SHA-256, on the downloads page.

Why: readers should see what they are getting and be able to check that a
file passed on through a chat app is the one we published. The release
build (scripts/build_release.py) makes the files first and passes their
manifest in DOWNLOADS_MANIFEST; this hook turns ``{{ downloads.table }}`` into
a table. Builds without a manifest (the offline bundles themselves, tests,
live preview) show a short note instead of links to files that do not exist:
it names the website's downloads page, where the table is.

Below either, the guide's official addresses and content date
(data/mirrors.yml, scripts/official_copies.py): a reader holding a file
passed on in a chat learns where the official copies are.
"""
from __future__ import annotations

import html
import json
import os
import sys
from pathlib import Path
from typing import Any

import yaml
from mkdocs.exceptions import PluginError

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
import official_copies  # noqa: E402

PLACEHOLDER = "{{ downloads.table }}"

# Read once per build (and per live-preview rebuild), not once per page: the
# content date reads every page's front matter, so per page it would grow
# with the square of the number of pages.
loaded: dict[str, Any] = {}


def human_size(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / 1024 / 1024:.1f} MB"
    return f"{max(1, round(size / 1024))} KB"


def link_prefix(page_url: str) -> str:
    """From a page URL to the site root: 'en/downloads/' -> '../../'."""
    return "../" * page_url.count("/")


def render_table(manifest: list[dict[str, Any]], labels: dict[str, str], prefix: str) -> str:
    rows = []
    for entry in manifest:
        name = html.escape(entry["file"])
        kind = html.escape(labels[f"kind_{entry['kind']}"])
        rows.append(
            f'<tr><td><a href="{prefix}downloads/{name}" download>{name}</a><br>{kind}</td>'
            f'<td data-bytes="{entry["bytes"]}">{human_size(entry["bytes"])}</td>'
            f'<td><code class="sha256">{entry["sha256"]}</code></td></tr>')
    head = (f'<tr><th>{labels["table_file"]}</th><th>{labels["table_size"]}</th>'
            f'<th>{labels["table_sha256"]}</th></tr>')
    return f'<table class="downloads">\n<thead>{head}</thead>\n<tbody>\n' + "\n".join(rows) + "\n</tbody>\n</table>"


def load_manifest(path: str) -> list[dict[str, Any]]:
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise PluginError(f"DOWNLOADS_MANIFEST={path}: cannot read it ({error})") from error


def website_downloads_url(primary: str, lang: str, languages: list[str]) -> str:
    """The downloads page of lang on the website, whose first language sits at the root."""
    return primary + ("" if lang == languages[0] else f"{lang}/") + "downloads/"


def offline_note(labels: dict[str, str], address: str) -> str:
    """Where the table is, for a build without it: the website's downloads page."""
    escaped = html.escape(address, quote=True)
    words = html.escape(labels["offline_note"]).replace("{address}", f'<a href="{escaped}">{escaped}</a>')
    return f'<p class="downloads-note">{words}</p>'


def on_config(config: Any) -> Any:
    try:
        loaded["copies"] = official_copies.load(Path(config.config_file_path).resolve().parent / "data" / "mirrors.yml")
    except official_copies.MirrorsError as error:
        raise PluginError(str(error)) from error
    loaded["date"] = official_copies.content_date(Path(config.docs_dir))
    return config


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    if PLACEHOLDER not in markdown:
        return markdown
    root = Path(config.config_file_path).resolve().parent
    settings = yaml.safe_load((root / "data" / "downloads.yml").read_text(encoding="utf-8"))
    i18n = config.plugins.get("i18n")
    lang = i18n.current_language if i18n else config.theme.get("language", "zh")
    labels = settings["labels"][lang]
    copies = loaded["copies"]
    addresses = official_copies.render(copies, lang, loaded["date"])
    manifest_path = os.environ.get("DOWNLOADS_MANIFEST")
    if not manifest_path:
        address = website_downloads_url(copies.primary.url, lang, settings["languages"])
        return markdown.replace(PLACEHOLDER, f"{offline_note(labels, address)}\n\n{addresses}")
    table = render_table(load_manifest(manifest_path), labels, link_prefix(page.url))
    return markdown.replace(PLACEHOLDER, f"{table}\n\n{addresses}")
