"""Rule phone-numbers: a number a reader may dial comes only from data/contacts.yml.

Why: one wrong digit sends a frightened reader to a scammer. Pages write
``{{ phone.KEY }}`` and the build turns it into the reviewed number; a typed
number, or a key the contacts file does not know, is refused. This is the
one home of the unknown-key rule: overrides/hooks/contacts.py raises the
same message during the build.
"""
from __future__ import annotations

import re

from markdown_pages import PLACEHOLDER, Page, strip_link_targets
from problems import Problem

NAME = "phone-numbers"
# Numbers a reader might dial: emergency numbers, 5-digit service lines,
# mobiles, landlines and 400 numbers. Article numbers and years never match:
# "第 110 条" and "Art. 110" are excluded by the lookbehind.
PHONE_LIKE = re.compile(
    r"(?<![\d.\-/#])(?<!第 )(?<!Art\. )(?<!Arts\. )"
    r"(?:11[09]|12[02]|[19]\d{4}|1[3-9]\d{9}|400-?\d{3}-?\d{4}|0\d{2,3}-\d{7,8})"
    r"(?![\d\-/])(?! 条)")
# Where a reviewer adds what the check rejects, and what it needs, in English
# and Chinese: a contributor may read either.
PHONE_ADVICE = ("write {{ phone.KEY }}; a new number goes in data/contacts.yml with its source "
                "(a primary document or a high/medium row of the fact sheet) · "
                "请写 {{ phone.KEY }}；新号码须连同来源（原始文件或事实表中 high/medium 的一行）加入 data/contacts.yml")


def unknown_key_message(key: str, contacts: dict) -> str:
    return f"unknown phone key '{key}' (known: {', '.join(sorted(contacts))})"


def check(page: Page, data: dict) -> list[Problem]:
    """Numbers only through {{ phone.KEY }}, with keys from contacts.yml."""
    problems = []
    for number, text in page.body():
        for match in PLACEHOLDER.finditer(text):
            if match.group(1) not in data["contacts"]:
                problems.append(Problem(page.label, number, unknown_key_message(match.group(1), data["contacts"])))
        bare = PLACEHOLDER.sub("", strip_link_targets(text))
        for match in PHONE_LIKE.finditer(bare):
            problems.append(Problem(
                page.label, number, f"'{match.group(0)}' looks like a phone number: {PHONE_ADVICE}"))
    return problems
