"""Rule phone-numbers: a number a reader may dial comes only from data/contacts.yml.

Why: one wrong digit sends a frightened reader to a scammer. Pages write
``{{ phone.KEY }}`` and the build turns it into the reviewed number; a typed
number, or a key the contacts file does not know, is refused. The page is
read as a reader sees it (scripts/reader_view.py): emphasis, comments,
entities, invisible characters and line breaks inside a number are ignored,
full-width digits and Chinese numerals are read as digits, +86/0086, spaces,
dots and dashes are separators; front matter, link text and titles, image
alt text, tables, code blocks and letter templates are all read. A tel: or
sms: link (in any letter case) is refused too: the hook writes those. This
is the one home of the unknown-key rule: overrides/hooks/contacts.py raises
the same message during the build.
"""
from __future__ import annotations

from markdown_pages import PLACEHOLDER, Page
from problems import Problem
from reader_view import View, markdown_view, phone_kind, phone_numbers, visible
from urls import PHONE_SCHEMES, markdown_urls, shorten

NAME = "phone-numbers"
# Where a reviewer adds what the check rejects, and what it needs, in English
# and Chinese: a contributor may read either.
PHONE_ADVICE = ("write {{ phone.KEY }}; a new number goes in data/contacts.yml with its source "
                "(a primary document or a high/medium row of the fact sheet) · "
                "请写 {{ phone.KEY }}；新号码须连同来源（原始文件或事实表中 high/medium 的一行）加入 data/contacts.yml")


def unknown_key_message(key: str, contacts: dict) -> str:
    return f"unknown phone key '{key}' (known: {', '.join(sorted(contacts))})"


def number_message(shown: str, kind: str) -> str:
    return f"'{shorten(shown.strip())}' looks like a phone number ({kind}): {PHONE_ADVICE}"


def check(page: Page, data: dict) -> list[Problem]:
    """Numbers only through {{ phone.KEY }}, with keys from contacts.yml."""
    problems = []
    for number, text in enumerate(page.lines, start=1):
        for match in PLACEHOLDER.finditer(text):
            if match.group(1) not in data["contacts"]:
                problems.append(Problem(page.label, number, unknown_key_message(match.group(1), data["contacts"])))
    view = markdown_view(page.text)
    for found in phone_numbers(view):
        kind = phone_kind(found.digits, found.plus) or "a local number"
        problems.append(Problem(page.label, view.line(found.start), number_message(found.text, kind)))
    links = visible(View.of(page.text))
    for found in markdown_urls(links):
        if found.url.scheme in PHONE_SCHEMES:
            problems.append(Problem(
                page.label, links.line(found.at),
                f"'{shorten(found.url.written)}' is a {found.url.scheme}: link written by hand: {PHONE_ADVICE}"))
    return problems
