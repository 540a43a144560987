"""Rule document-names: every 《document》 is known, and named one way in English.

Why: a reader should be able to find the text a page relies on. Each
document has one Chinese title and one English name in data/documents.yml;
English pages write the English name, then the Chinese title in brackets.
"""
from __future__ import annotations

from markdown_pages import DOCUMENT_TITLE, Page, enclosing_bracket_start
from problems import Problem

NAME = "document-names"


def check(page: Page, data: dict) -> list[Problem]:
    documents = {entry["zh"]: entry for entry in data["documents"].get("documents", [])}
    problems = []
    for number, text in page.body():
        for match in DOCUMENT_TITLE.finditer(text):
            entry = documents.get(match.group(1))
            if entry is None:
                problems.append(Problem(page.label, number,
                                        f"《{match.group(1)}》 is not in data/documents.yml"))
                continue
            if page.lang != "en":
                continue
            before = text[:max(enclosing_bracket_start(text, match.start()), 0)].rstrip()
            names = [entry["en"]] + ([entry["short_en"]] if entry.get("short_en") else [])
            if not any(before.endswith(name) for name in names):
                problems.append(Problem(page.label, number,
                                        f"write '{entry['en']}' before (《{match.group(1)}》), as in data/documents.yml"))
    return problems
