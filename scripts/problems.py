"""One finding of a check, and how every checker prints its findings.

Why: every check in this project (Markdown rules, built HTML, downloads,
workflows, lint) reports ``file:line: message`` so a contributor can jump to
the place, and on GitHub Actions also prints a workflow annotation so the
problem shows on the pull request's diff. One class and one printer keep
that format the same everywhere.
"""
from __future__ import annotations

import os
import sys
from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One finding, located so an editor or CI annotation can jump to it."""

    path: str
    line: int
    message: str
    column: int = 0  # 1-based; 0 when the whole line is meant
    rule: str = ""  # the rule's name: scripts/rules/<name>.py, tests/fixtures/rules/<name>/

    def __str__(self) -> str:
        where = f"{self.line}:{self.column}" if self.column else f"{self.line}"
        named = f" [{self.rule}]" if self.rule else ""
        return f"{self.path}:{where}: {self.message}{named}"


def report(problems: list[Problem]) -> None:
    annotate = os.environ.get("GITHUB_ACTIONS") == "true"
    for problem in problems:
        print(problem)
        if annotate:
            column = f",col={problem.column}" if problem.column else ""
            title = f",title={problem.rule}" if problem.rule else ""
            print(f"::error file={problem.path},line={problem.line}{column}{title}::{problem.message}")


def finish(tool: str, problems: list[Problem]) -> int:
    """Print the problems and a count; the exit status for a checker's main()."""
    report(problems)
    print(f"{tool}: {len(problems)} problem(s)", file=sys.stderr)
    return 1 if problems else 0
