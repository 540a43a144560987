"""Rule english-prose: English pages carry Chinese only inside brackets.

Why: an English reader must be able to read every sentence; Chinese terms
stay only in brackets after their English name, where they help the reader
match what they hear or see on a document.
"""
from __future__ import annotations

import re

from markdown_pages import CJK_CHAR, Page, prose_only
from problems import Problem

NAME = "english-prose"


def check(page: Page, data: dict) -> list[Problem]:
    if page.lang != "en":
        return []
    problems = []
    lines = [(1, f"{page.meta.get('title', '')} {page.meta.get('description', '')}")]
    for number, text in lines + list(page.body()):
        outside = prose_only(text)
        previous = None
        while previous != outside:
            previous = outside
            outside = re.sub(r"[(（][^()（）]*[)）]", "", outside)
        match = CJK_CHAR.search(outside)
        if match:
            start = max(match.start() - 10, 0)
            problems.append(Problem(page.label, number,
                                    f"untranslated Chinese outside brackets: '{outside[start:match.end() + 10]}'"))
    return problems
