"""Check the Markdown pages in docs/ before anything is built.

Why: volunteers edit these pages through pull requests. Each rule in
scripts/rules/ catches a mistake that would mislead or endanger a reader (a
typed phone number, an outdated regulator, a damaged phrase from the source
article) or break the guide's shape (no summary, no next steps, missing
translation), and reports it as ``file:line: message [rule]`` so the fix is
one click away and the rule can be found by its name. On GitHub Actions it
also prints workflow annotations.

Usage: python scripts/check_sources.py [--docs docs] [--data data]
"""
from __future__ import annotations

import argparse
import dataclasses
import sys
from pathlib import Path
from types import ModuleType

from markdown_pages import Page, load_data, load_pages
from problems import Problem, finish
from rules import PAGE_RULES, SET_RULES

ROOT = Path(__file__).resolve().parent.parent


def named(rule: ModuleType, problems: list[Problem]) -> list[Problem]:
    return [dataclasses.replace(problem, rule=rule.NAME) for problem in problems]


def run_rule(rule: ModuleType, pages: list[Page], data: dict) -> list[Problem]:
    """One rule's problems over the pages, each stamped with the rule's name."""
    if hasattr(rule, "check_pages"):
        return named(rule, rule.check_pages(pages, data))
    return named(rule, [problem for page in pages for problem in rule.check(page, data)])


def run_checks(docs_dir: Path, data_dir: Path) -> list[Problem]:
    data = load_data(data_dir)
    pages = load_pages(docs_dir)
    return [problem for rule in PAGE_RULES + SET_RULES for problem in run_rule(rule, pages, data)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=Path, default=ROOT / "docs")
    parser.add_argument("--data", type=Path, default=ROOT / "data")
    args = parser.parse_args()
    return finish("check_sources", run_checks(args.docs, args.data))


if __name__ == "__main__":
    sys.exit(main())
