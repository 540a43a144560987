"""Give each language its own search index.

Why: mkdocs-static-i18n merges every language into one search index, so a
reader searching on an English page gets Chinese results and the other way
round. After the last language is built we split that index by URL prefix:
the default language keeps search/search_index.json, and each other
language gets <lang>/search/search_index.json with locations relative to
its own root. overrides/main.html points each page's search at its own
language's folder.

While writing each part, the text of every entry is tidied so that its
blocks read well as result snippets (snippet_text). Material shows, under a
result, the blocks of the text that hold a match, each starting at its
first word. The search plugin keeps only <p>, <li>, lists, <pre>, <code>,
<sub> and <sup>; text from anything else (a table cell, a folded block's
title) sits outside any block, and an inline <code> there closed a block
of its own, so the next block began with the "。" after the code. Text
outside blocks is now wrapped, with its inline tags, in one <p>; and a
block never starts with closing punctuation.
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from mkdocs.plugins import event_priority

# The tags the search plugin keeps that make blocks (<code>, <sub> and
# <sup> are the inline ones).
BLOCK_TAGS = {"p", "li", "ul", "ol", "pre"}
# Punctuation that closes or follows something: a snippet never starts with it.
LEADING_PUNCTUATION = "。，、；：！？）】》〉」』”’,;:!?)"
TAG_OR_TEXT = re.compile(r"(<[^>]*>)")
BLOCK_START_PUNCTUATION = re.compile(
    "(<(?:p|li)>)[\\s\u200b]*[" + re.escape(LEADING_PUNCTUATION) + "]+[\\s\u200b]*")


def tag_name(part: str) -> tuple[str, bool]:
    """('p', False) for <p>, ('p', True) for </p>; ('', False) for text."""
    match = re.fullmatch(r"<(/?)([a-zA-Z0-9]+)[^>]*>", part)
    return (match.group(2).lower(), bool(match.group(1))) if match else ("", False)


def snippet_text(text: str) -> str:
    """The entry's text with text outside blocks wrapped in <p>, and no
    block starting with punctuation (see the module docstring)."""
    output: list[str] = []
    loose: list[str] = []
    depth = 0

    def flush() -> None:
        run = "".join(loose)
        loose.clear()
        if run.strip(" \u200b\n"):
            output.append(f"<p>{run.strip()}</p>")
        elif run:
            output.append(run)

    for part in TAG_OR_TEXT.split(text):
        name, closing = tag_name(part)
        if depth == 0 and name not in BLOCK_TAGS:
            loose.append(part)
            continue
        if name in BLOCK_TAGS:
            if depth == 0:
                flush()
            depth = max(0, depth + (-1 if closing else 1))
        output.append(part)
    flush()
    return BLOCK_START_PUNCTUATION.sub(r"\1", "".join(output))


def split_index(index: dict[str, Any], languages: list[str], default: str) -> dict[str, dict[str, Any]]:
    """Return one index per language, locations relative to that language's
    root, each entry's text tidied for snippets."""
    others = [lang for lang in languages if lang != default]
    parts: dict[str, dict[str, Any]] = {lang: {**index, "docs": []} for lang in languages}
    for doc in index.get("docs", []):
        location = doc.get("location", "")
        owner = next((lang for lang in others
                      if location == lang or location.startswith(f"{lang}/")), default)
        if owner != default:
            location = location[len(owner):].lstrip("/")
        tidy = {"text": snippet_text(doc["text"])} if isinstance(doc.get("text"), str) else {}
        parts[owner]["docs"].append({**doc, **tidy, "location": location})
    return parts


def offline_enabled(config: Any) -> bool:
    plugin = config.plugins.get("material/offline") or config.plugins.get("offline")
    return bool(plugin and plugin.config.enabled)


def index_path(site_dir: Path, lang: str, default: str) -> Path:
    folder = site_dir if lang == default else site_dir / lang
    return folder / "search" / "search_index.json"


# Runs after mkdocs-static-i18n (priority -100), which builds the other
# languages and writes the merged index from inside the default build's
# on_post_build.
@event_priority(-200)
def on_post_build(config: Any) -> None:
    i18n = config.plugins.get("i18n")
    # Inside i18n's loop over the other languages "building" is set; the
    # outer, default-language build is the one that has the merged index.
    if i18n is None or i18n.building:
        return
    site_dir = Path(config.site_dir)
    merged_path = index_path(site_dir, i18n.default_language, i18n.default_language)
    if not merged_path.is_file():
        return
    merged = json.loads(merged_path.read_text(encoding="utf-8"))
    languages = list(i18n.build_languages)
    for lang, part in split_index(merged, languages, i18n.default_language).items():
        target = index_path(site_dir, lang, i18n.default_language)
        target.parent.mkdir(parents=True, exist_ok=True)
        # Unescaped UTF-8 is about half the size of \uXXXX escapes for Chinese.
        text = json.dumps(part, ensure_ascii=False, separators=(",", ":"))
        target.write_text(text, encoding="utf-8")
        if offline_enabled(config):
            # From file:// Material loads the index as a script instead of
            # fetching JSON (what Material's offline plugin writes, per language).
            target.with_suffix(".js").write_text(f"var __index = {text}", encoding="utf-8")
