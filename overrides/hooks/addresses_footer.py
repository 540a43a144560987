"""Show the guide's official addresses in the footer of each language's home page.

Why: github.io may not open from mainland China, where most readers are. The
home page is where a reader who found one copy learns the others: the primary
address, the mirrors to try if it does not open (or, while there are none,
that this is the only one), and the content date, so two copies can be
compared. The list and its words come from data/mirrors.yml through
scripts/official_copies.py, which also words the downloads page and the PDF
cover. The block goes inside the theme's <footer> (the page's contentinfo
landmark, left out when printing), before its licence line; if the theme's
footer changes shape the build stops instead of dropping the addresses.
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))
import official_copies  # noqa: E402

FOOTER_META = '<div class="md-footer-meta md-typeset">'

# Read once per build (and per live-preview rebuild): the mirrors file and
# the content date do not change between pages.
loaded: dict[str, Any] = {}


def is_home_page(page: Any) -> bool:
    """docs/<lang>/index.md: the home page of its language."""
    return page.file.src_uri.count("/") == 1 and page.file.src_uri.endswith("/index.md")


def page_language(page: Any, config: Any) -> str:
    return getattr(page.file, "locale", None) or config.theme.get("language") or "zh"


def add_addresses(html: str, block: str, label: str) -> str:
    if FOOTER_META not in html:
        raise PluginError(f"{label}: no '{FOOTER_META}' to put the official addresses before; "
                          f"the theme's footer has changed, update overrides/hooks/addresses_footer.py")
    return html.replace(FOOTER_META, f'<div class="md-grid md-typeset guide-addresses">{block}</div>\n{FOOTER_META}', 1)


def on_config(config: Any) -> Any:
    try:
        loaded["copies"] = official_copies.load()
    except official_copies.MirrorsError as error:
        raise PluginError(str(error)) from error
    loaded["date"] = official_copies.content_date(Path(config.docs_dir))
    return config


def on_post_page(output: str, page: Any, config: Any) -> str:
    if not is_home_page(page):
        return output
    block = official_copies.render(loaded["copies"], page_language(page, config), loaded["date"])
    return add_addresses(output, block, f"{Path(config.docs_dir).name}/{page.file.src_uri}")
