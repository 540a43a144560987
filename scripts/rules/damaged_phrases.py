"""Rule damaged-phrases: no damaged words from the source article, no outdated names.

Why: the guide was first written from an article whose words a rewriting
tool had swapped (假采, 促采…) and which names a regulator that no longer
exists (银保监会). data/glossary.yml lists those phrases, the forms each
language avoids, and the names that need qualifying.
"""
from __future__ import annotations

import re

from markdown_pages import Page
from problems import Problem

NAME = "damaged-phrases"


def check(page: Page, data: dict) -> list[Problem]:
    problems = []
    phrases = data["glossary"].get("damaged_phrases", [])
    outdated = data["glossary"].get("outdated", [])
    avoid = [term for entry in data["glossary"].get("terms", [])
             for term in entry.get(f"avoid_{page.lang}", [])]
    for number, text in enumerate(page.lines, start=1):
        for phrase in phrases:
            if phrase in text:
                problems.append(Problem(page.label, number,
                                        f"damaged phrase from the source article: '{phrase}'"))
        for term in avoid:
            if term in text:
                problems.append(Problem(page.label, number, f"avoid '{term}' (see data/glossary.yml)"))
        for rule in outdated:
            if re.search(rule["pattern"], text):
                problems.append(Problem(page.label, number, rule["why"]))
    return problems
