"""Rule front-matter: every page says what it is and when it was reviewed.

Why: a page without a title and description is invisible to search and to
screen readers, and a page without a reviewed date tells the reader nothing
about how current its law is. This is the one home of the rule: the build
(overrides/hooks/reviewed.py) stops on the same messages.
"""
from __future__ import annotations

import datetime
from typing import Any

from markdown_pages import Page
from problems import Problem

NAME = "front-matter"
REQUIRED = ("title", "description", "reviewed")


def reviewed_date(value: Any) -> datetime.date | None:
    """The reviewed date, from YAML's date or an ISO string; None if neither."""
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str):
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def meta_messages(meta: dict[str, Any], today: datetime.date | None = None) -> list[str]:
    """What is wrong with a page's front matter, as messages for line 1."""
    messages = [f"front matter lacks '{key}'" for key in REQUIRED if not meta.get(key)]
    if meta.get("reviewed"):
        reviewed = reviewed_date(meta["reviewed"])
        if reviewed is None:
            messages.append("reviewed must be a date like 2026-11-29")
        elif reviewed > (today or datetime.date.today()):
            messages.append(f"reviewed date {reviewed} is in the future")
    return messages


def check(page: Page, data: dict) -> list[Problem]:
    if page.meta_error:
        return [Problem(page.label, 1, page.meta_error)]
    return [Problem(page.label, 1, message) for message in meta_messages(page.meta)]
