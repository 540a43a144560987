"""Rule translations-exist: every page exists in both languages.

Why: the language switcher opens the same page in the other language; a
missing translation would send the reader to a 404 (and the build's
fallback is off on purpose, so Chinese never shows under English).
"""
from __future__ import annotations

from markdown_pages import LANGUAGES, Page
from problems import Problem

NAME = "translations-exist"


def check_pages(pages: list[Page], data: dict) -> list[Problem]:
    by_lang = {lang: {p.slug: p for p in pages if p.lang == lang} for lang in LANGUAGES}
    problems = []
    for lang in LANGUAGES:
        for other in LANGUAGES:
            for slug, page in by_lang[lang].items():
                if other != lang and slug not in by_lang[other]:
                    problems.append(Problem(page.label, 1, f"no '{other}' translation: add docs/{other}/{slug}.md"))
    return problems
