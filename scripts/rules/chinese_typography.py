"""Rule chinese-typography: 中文文案排版指北 on Chinese pages.

Why: the guide's Chinese follows one style so it reads calmly and search
finds words: a space between Chinese and Latin letters or digits,
full-width punctuation after Chinese, no spaces around full-width marks.
`bash scripts/lint.sh --fix` corrects most of these by itself.
"""
from __future__ import annotations

import re

from markdown_pages import CJK, Page, prose_only
from problems import Problem

NAME = "chinese-typography"
RULES = (
    (re.compile(f"[{CJK}][A-Za-z0-9]|[A-Za-z0-9][{CJK}]"),
     "put a space between Chinese and Latin letters or digits"),
    (re.compile(f"[{CJK}][,;:!?]|[{CJK}]\\((?!\\s)"),
     "use full-width punctuation after Chinese text"),
    (re.compile(r"(?<=\S) +[，。：；！？、）》」』]|[，。：；！？、（《「『] +(?=[^\s|])"),
     "no spaces around full-width punctuation"),
)


def check(page: Page, data: dict) -> list[Problem]:
    if page.lang != "zh":
        return []
    problems = []
    for number, text in page.body():
        prose = prose_only(text)
        for pattern, message in RULES:
            match = pattern.search(prose)
            if match:
                problems.append(Problem(page.label, number, f"{message}: '…{match.group(0)}…'"))
    return problems
