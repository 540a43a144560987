"""Rule documents-listed: every 《document》 a page names is on the references page.

Why: the references page is where a reader (or a lawyer helping them)
finds each rule's full title, kind, number and date. A document cited on a
page but missing there leaves the reader unable to check it.
"""
from __future__ import annotations

from markdown_pages import DOCUMENT_TITLE, LANGUAGES, Page
from problems import Problem

NAME = "documents-listed"
# The references page may be split; its parts are pages whose slug starts so.
REFERENCES = "references"


def check_pages(pages: list[Page], data: dict) -> list[Problem]:
    problems = []
    for lang in LANGUAGES:
        references = [p for p in pages if p.lang == lang and p.slug.split("-")[0] == REFERENCES]
        if not references:
            continue
        listed = {title for page in references for title in DOCUMENT_TITLE.findall("\n".join(page.lines))}
        for page in pages:
            if page.lang != lang:
                continue
            for number, text in page.body():
                for title in DOCUMENT_TITLE.findall(text):
                    if title not in listed:
                        problems.append(Problem(page.label, number,
                                                f"《{title}》 is not listed on {references[0].label}"))
    return problems
