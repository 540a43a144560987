"""Rule structure: every page has the same shape.

Why: a reader who has seen one page knows where to look on the next: the
title, a summary box first ("先看这里" / "Start here"), sections with
stable anchors, and "next steps" last. Anchors are explicit and ASCII so
links and translations do not depend on how a heading is worded.
"""
from __future__ import annotations

from markdown_pages import ADMONITION, Page
from problems import Problem

NAME = "structure"


def check(page: Page, data: dict) -> list[Problem]:
    problems = []
    summary_title = data["structure"][page.lang]["summary"]
    next_title = data["structure"][page.lang]["next"]
    body = [(number, text) for number, text in page.body() if text.strip()]
    if not body or not body[0][1].startswith("# "):
        where = body[0][0] if body else 1
        problems.append(Problem(page.label, where, "the body must start with '# title'"))
    elif page.meta.get("title") and body[0][1][2:].strip() != str(page.meta["title"]).strip():
        problems.append(Problem(page.label, body[0][0], "'# title' differs from front matter title"))
    first_block = body[1] if len(body) > 1 else (1, "")
    admonition = ADMONITION.match(first_block[1])
    if not admonition or admonition.group(2) != "abstract" or admonition.group(3) != summary_title:
        problems.append(Problem(page.label, first_block[0],
                                f'the page must open with !!! abstract "{summary_title}"'))
    sections = [h for h in page.headings() if h[1] >= 2]
    for number, _level, title, anchor in sections:
        if not anchor:
            problems.append(Problem(page.label, number, f"heading '{title}' needs an explicit {{#id}}"))
    h2 = [h for h in sections if h[1] == 2]
    if not h2 or h2[-1][3] != "next" or h2[-1][2] != next_title:
        where = h2[-1][0] if h2 else len(page.lines)
        problems.append(Problem(page.label, where,
                                f"the last section must be '## {next_title} {{#next}}'"))
    return problems
