"""Mark Chinese words on non-Chinese pages with lang="zh".

Why: English pages keep Chinese legal terms in brackets. Without a lang
attribute, screen readers read them with an English voice, and browsers may
pick Japanese glyphs for the shared Han characters. Wrapping each run of
Chinese text in <span lang="zh"> fixes both; tags and attributes are left
untouched.
"""
from __future__ import annotations

import re
from typing import Any

TAG_OR_TEXT = re.compile(r"(<[^>]*>)")
CHINESE_RUN = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff08\uff09\uff0c\uff1a\uff1b]+")
SKIP_INSIDE = ("script", "style", "code", "pre")


def mark_chinese(html: str, lang: str = "zh") -> str:
    parts = TAG_OR_TEXT.split(html)
    skipping: list[str] = []
    for index, part in enumerate(parts):
        if part.startswith("<"):
            name = re.match(r"</?\s*([a-zA-Z0-9]+)", part)
            if name and name.group(1).lower() in SKIP_INSIDE:
                if part.startswith("</"):
                    if skipping:
                        skipping.pop()
                elif not part.endswith("/>"):
                    skipping.append(name.group(1).lower())
            continue
        if not skipping:
            parts[index] = CHINESE_RUN.sub(lambda m: f'<span lang="{lang}">{m.group(0)}</span>', part)
    return "".join(parts)


def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    locale = getattr(page.file, "locale", None) or config.theme.get("language")
    if locale == "zh":
        return html
    return mark_chinese(html)
