"""Put a hidden "open this page in your browser" hint above the downloads table.

Why: many readers open the guide from a link in a WeChat chat, and WeChat's
own browser often cannot download a file: the reader taps the PDF and
nothing happens. docs/assets/wechat.js shows this hint only when the page
runs inside WeChat (its user agent contains MicroMessenger); everywhere
else it stays hidden, and without JavaScript too. The words are
extra.labels.wechat_download in mkdocs.yml, in the page's language. The
table itself comes from overrides/hooks/downloads.py; builds without it
(no release manifest) get no hint, since they offer nothing to download.
"""
from __future__ import annotations

import html
import re
from typing import Any

DOWNLOADS_TABLE = re.compile(r'<table class="downloads"')


def add_hint(page_html: str, text: str) -> str:
    """The page with the hint before its downloads table, if it has one."""
    if not text:
        return page_html
    hint = f'<p class="wechat-hint" role="note" hidden>{html.escape(text, quote=False)}</p>\n'
    return DOWNLOADS_TABLE.sub(lambda table: hint + table.group(0), page_html, count=1)


def on_page_content(html_content: str, page: Any, config: Any, files: Any) -> str:
    labels = config.extra.get("labels", {}) if config.extra else {}
    return add_hint(html_content, labels.get("wechat_download", ""))
