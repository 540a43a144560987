"""Make mkdocs-redirects write redirect pages for every language.

Why: a published URL may be bookmarked, printed or shared in a chat, so a
removed or renamed page keeps its old URL as a redirect page
(mkdocs.yml: plugins → redirects → redirect_maps). mkdocs-redirects does not
know mkdocs-static-i18n's folder layout: it would look for "new.md" where the
files are "zh/new.md" and "en/new.md", and point the Chinese redirect at
/zh/new/, which does not exist. Entries in redirect_maps are written like nav
entries, without a language folder ("old.md": "new.md"); this hook turns them
into one redirect per language, each to that language's own page:
/old/ → /new/ and /en/old/ → /en/new/.
"""
from __future__ import annotations

import re
from html import escape
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs_redirects.plugin import get_html_path


def language_redirects(redirect_maps: dict[str, str], pages: dict[str, Any],
                       language: str, prefix: str) -> dict[str, str]:
    """Redirects for one language: {old path: new path}, prefixed for its folder.

    pages maps a language-neutral path ("new.md") to that language's file.
    """
    redirects = {}
    for old, new in redirect_maps.items():
        if old.split("/")[0] == language or str(new).split("/")[0] == language:
            raise PluginError(f"mkdocs.yml: redirect_maps: write '{old}': '{new}' without "
                              f"the language folder; it applies to every language")
        if old in pages:
            raise PluginError(f"mkdocs.yml: redirect_maps: '{old}' is still a page "
                              f"(docs/{language}/{old}); remove the redirect or the page")
        target = str(new)
        if not target.startswith(("http://", "https://")):
            target = prefix + target
        redirects[prefix + old] = target
    return redirects


@event_priority(-200)  # after mkdocs-static-i18n (-100) has picked this language's files
def on_files(files: Any, config: Any) -> Any:
    redirects = config.plugins.get("redirects")
    i18n = config.plugins.get("i18n")
    if redirects is None or i18n is None:
        return files
    language = i18n.current_language
    prefix = "" if language == i18n.default_language else f"{language}/"
    pages = {f.src_uri[len(language) + 1:]: f for f in files.documentation_pages()
             if f.src_uri.startswith(f"{language}/")}
    redirects.redirects = language_redirects(redirects.config.get("redirect_maps") or {},
                                             pages, language, prefix)
    redirects.doc_pages = {prefix + path: file for path, file in pages.items()}
    return files


def localise(html: str, language: str, moved: str) -> str:
    """mkdocs-redirects writes English pages; give a redirect its language."""
    target = re.search(r'<a href="([^"]*)">', html)
    url = target.group(1) if target else ""
    html = html.replace('<html lang="en">', f'<html lang="{language}">')
    html = html.replace("<title>Redirecting...</title>", f"<title>{escape(moved)}</title>")
    return re.sub(r"<body>.*</body>", f'<body>\n<a href="{url}">{escape(moved)}</a>\n</body>', html, flags=re.S)


@event_priority(-50)  # after mkdocs-redirects wrote its pages (0), before i18n builds the next language (-100)
def on_post_build(config: Any) -> None:
    redirects = config.plugins.get("redirects")
    i18n = config.plugins.get("i18n")
    if redirects is None or i18n is None:
        return
    moved = config.extra.get("labels", {}).get("moved", "")
    for old in getattr(redirects, "redirects", {}):
        path = Path(config.site_dir) / get_html_path(old, config.use_directory_urls)
        if path.is_file():
            path.write_text(localise(path.read_text(encoding="utf-8"), i18n.current_language, moved),
                            encoding="utf-8")
