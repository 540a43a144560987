"""Rule translation-parity: a translation keeps the page's shape and its facts.

Why: a reader who switches language must find the same sections, the same
checklists and warnings, and the same numbers (articles, days, amounts,
dates), links, phone keys and documents. A number that differs between
the two languages is a mistake in one of them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from markdown_pages import (ADMONITION, DOCUMENT_TITLE, HEADING, HEADING_ID, LINK, PLACEHOLDER, TASK_ITEM, Page,
                            prose_only)
from problems import Problem

NAME = "translation-parity"
MONTHS = {name: number for number, name in enumerate(
    ["January", "February", "March", "April", "May", "June", "July",
     "August", "September", "October", "November", "December"], start=1)}
ENGLISH_DATE = re.compile(r"\b(\d{1,2}) (" + "|".join(MONTHS) + r") (\d{4})\b|"
                          r"\b(" + "|".join(MONTHS) + r") (\d{4})\b")


@dataclass(frozen=True)
class Fact:
    """One thing a translation must keep, with where it stands on its page."""

    kind: str
    value: str
    section: str  # anchor of the enclosing ## or ### section ("" before the first)
    line: int


COUNTED_KINDS = ("task items", "admonitions")  # same number per section
SET_KINDS = ("phone numbers", "documents", "numbers", "links")  # same values per page


def page_facts(page: Page) -> list[Fact]:
    """What must match between a page and its translation."""
    facts: list[Fact] = []
    section = ""
    for number, text in page.body():
        heading = HEADING.match(text)
        if heading and len(heading.group(1)) >= 2:
            anchor = HEADING_ID.search(heading.group(2))
            section = anchor.group(1) if anchor else "?"
            facts.append(Fact("headings", f"{heading.group(1)} {{#{section}}}", section, number))
        if TASK_ITEM.match(text):
            facts.append(Fact("task items", "- [ ]", section, number))
        admonition = ADMONITION.match(text)
        if admonition:
            facts.append(Fact("admonitions", admonition.group(2), section, number))
        values = {
            "phone numbers": PLACEHOLDER.findall(text),
            "documents": DOCUMENT_TITLE.findall(text),
            "links": [target for _, target in LINK.findall(text) if "://" not in target],
        }
        prose = prose_only(text)
        if page.lang == "en":
            prose = ENGLISH_DATE.sub(lambda m: " ".join(
                part if part.isdigit() else str(MONTHS[part]) for part in m.groups() if part), prose)
        values["numbers"] = re.findall(r"\d+", prose)
        facts += [Fact(kind, value, section, number) for kind, found in values.items() for value in found]
    return facts


def parity_problem(kind: str, source: list[Fact], target: list[Fact],
                   section_lines: dict[str, int], label: str, source_label: str) -> Problem | None:
    """Compare one kind of fact; locate the first difference on the translation."""
    if kind == "headings":
        left, right = [f.value for f in source], [f.value for f in target]
        if left == right:
            return None
        index = next((i for i, (a, b) in enumerate(zip(left, right)) if a != b), min(len(left), len(right)))
        line = target[index].line if index < len(target) else (target[-1].line if target else 1)
        expected = left[index] if index < len(left) else "nothing"
        found = right[index] if index < len(right) else "nothing"
        return Problem(label, line, f"headings differ from {source_label}: expected {expected}, found {found}")
    if kind in COUNTED_KINDS:
        def per_section(facts: list[Fact]) -> dict[str, list[str]]:
            grouped: dict[str, list[str]] = {}
            for fact in facts:
                grouped.setdefault(fact.section, []).append(fact.value)
            return {key: sorted(values) for key, values in grouped.items()}
        left_sections, right_sections = per_section(source), per_section(target)
        for section in sorted(set(left_sections) | set(right_sections), key=lambda key: section_lines.get(key, 0)):
            if left_sections.get(section, []) != right_sections.get(section, []):
                return Problem(label, section_lines.get(section, 1),
                               f"{kind} differ from {source_label} in section #{section or 'top'}: "
                               f"{left_sections.get(section, [])} there, {right_sections.get(section, [])} here")
        return None
    left_values, right_values = {f.value for f in source}, {f.value for f in target}
    if left_values == right_values:
        return None
    missing = [f for f in source if f.value not in right_values]
    extra = [f for f in target if f.value not in left_values]
    line = extra[0].line if extra else section_lines.get(missing[0].section, 1)
    detail = "; ".join(part for part in (
        f"missing {sorted({f.value for f in missing})}" if missing else "",
        f"extra {sorted({f.value for f in extra})}" if extra else "") if part)
    return Problem(label, line, f"{kind} differ from {source_label}: {detail}")


def check_pages(pages: list[Page], data: dict) -> list[Problem]:
    zh = {p.slug: p for p in pages if p.lang == "zh"}
    problems = []
    for page in pages:
        if page.lang == "zh" or page.slug not in zh:
            continue
        source, target = page_facts(zh[page.slug]), page_facts(page)
        section_lines = {f.section: f.line for f in target if f.kind == "headings"}
        for kind in ("headings",) + COUNTED_KINDS + SET_KINDS:
            problem = parity_problem(kind, [f for f in source if f.kind == kind],
                                     [f for f in target if f.kind == kind],
                                     section_lines, page.label, zh[page.slug].label)
            if problem:
                problems.append(problem)
    return problems
