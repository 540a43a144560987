"""The source rules: one module per rule, named as its messages name it.

Each module has a docstring saying what it protects and why, a NAME (the
rule's name, printed after every message it reports: ``[phone-numbers]``),
and either ``check(page, data)`` for one page or ``check_pages(pages,
data)`` for the whole set. Its failing fixtures live in
tests/fixtures/rules/<NAME>/ with an expect.yml saying what each must
report (tests/test_rules.py runs them all).
"""
from __future__ import annotations

from types import ModuleType

from rules import (chinese_typography, citations, damaged_phrases, document_names, documents_listed, english_prose,
                   external_links, front_matter, legal_terms, page_scripts, payment_accounts,
                   phone_numbers, structure, translation_parity, translations_exist, unsafe_html)

PAGE_RULES: list[ModuleType] = [
    front_matter,
    structure,
    phone_numbers,
    payment_accounts,
    damaged_phrases,
    external_links,
    unsafe_html,
    page_scripts,
    chinese_typography,
    english_prose,
    legal_terms,
    document_names,
]
SET_RULES: list[ModuleType] = [
    translations_exist,
    documents_listed,
    translation_parity,
    citations,
]
ALL_RULES = PAGE_RULES + SET_RULES
