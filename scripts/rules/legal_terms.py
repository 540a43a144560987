"""Rule legal-terms: English pages give a legal term's Chinese at first use.

Why: a reader holding a Chinese document, or talking to a Chinese
collector or clerk, needs the Chinese word: "payment order (支付令)". The
terms are those marked legal: true in data/glossary.yml.
"""
from __future__ import annotations

import re

from markdown_pages import HEADING, Page, enclosing_bracket_start, prose_only
from problems import Problem

NAME = "legal-terms"


def check(page: Page, data: dict) -> list[Problem]:
    if page.lang != "en":
        return []
    problems = []
    # Headings stay short; the bracket goes on the first use in the text.
    body = [(number, prose_only(text)) for number, text in page.body() if not HEADING.match(text)]
    for term in data["glossary"].get("terms", []):
        if not term.get("legal"):
            continue
        english = term["en"].split(" (")[0]
        plural = r"(?:y|ies)" if english.endswith("y") else r"s?"
        stem = english[:-1] if english.endswith("y") else english
        pattern = re.compile(r"\b" + re.escape(stem) + plural + r"\b", re.I)
        for number, text in body:
            match = pattern.search(text)
            if match:
                after = text[match.end():]
                closing = re.search(r"[)）]", after)
                inside_bracket = enclosing_bracket_start(text, match.start()) >= 0 and closing
                bracketed = (re.match(r"\s*[(（][^)）]*" + re.escape(term["zh"]), after)
                             or (inside_bracket and term["zh"] in after[:closing.start()]))
                if not bracketed:
                    problems.append(Problem(page.label, number,
                                            f"first use of '{english}' needs the Chinese in brackets: ({term['zh']})"))
                break
    return problems
