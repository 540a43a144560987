"""Lint the guide's text, and with --fix correct what can be corrected.

Why: one command for contributors (bash scripts/lint.sh --fix) and one
check for CI and pre-commit (bash scripts/lint.sh). Four rules, each
reported as file:line[:col] with the fix, in English and Chinese:

- copywriting: Chinese pages follow 中文文案排版指北 (autocorrect): spaces
  between Chinese and Latin letters or digits, full-width punctuation.
  Official document numbers keep their own form (金规〔2024〕26号).
- markdown: Markdown style (pymarkdown, settings in .pymarkdown.json).
- characters and trailing spaces: scripts/check_chars.py.

Usage: python scripts/lint.py [--fix] [paths...]   (default: docs/ and data/)
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Callable

import autocorrect_py
from pymarkdown.api import PyMarkdownApi

sys.path.insert(0, str(Path(__file__).resolve().parent))
import check_chars  # noqa: E402
from markdown_pages import OFFICIAL_NUMBER  # noqa: E402
from problems import Problem, finish  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
MARKDOWN_CONFIG = ROOT / ".pymarkdown.json"
PLACEHOLDER = "〔〕号"  # autocorrect leaves it alone; document numbers go back in afterwards


def is_chinese_page(path: Path) -> bool:
    return path.suffix == ".md" and "zh" in path.parent.parts


def mask_numbers(text: str) -> tuple[str, list[str]]:
    return OFFICIAL_NUMBER.sub(PLACEHOLDER, text), OFFICIAL_NUMBER.findall(text)


def unmask_numbers(text: str, numbers: list[str]) -> str | None:
    """Put the document numbers back; None if autocorrect changed a placeholder."""
    pieces = text.split(PLACEHOLDER)
    if len(pieces) != len(numbers) + 1:
        return None
    return pieces[0] + "".join(number + piece for number, piece in zip(numbers, pieces[1:]))


def first_difference(old: str, new: str) -> tuple[int, str, str]:
    """(1-based column, old excerpt, new excerpt) around the first change."""
    start = next((i for i, (a, b) in enumerate(zip(old, new)) if a != b), min(len(old), len(new)))
    tail = 0
    while tail < min(len(old), len(new)) - start and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    left = max(start - 6, 0)
    return start + 1, old[left:len(old) - tail + 6], new[left:len(new) - tail + 6]


def check_copywriting(path: Path, label: str) -> list[Problem]:
    if not is_chinese_page(path):
        return []
    # Look-alike characters are reported by their own rule, more precisely.
    original = check_chars.fix_text(path.read_text(encoding="utf-8")).splitlines()
    text, _ = mask_numbers("\n".join(original))
    problems = []
    for result in autocorrect_py.lint_for(text, path.name).lines:
        numbers = OFFICIAL_NUMBER.findall(original[result.line - 1])
        old = unmask_numbers(result.old, numbers) or result.old
        new = unmask_numbers(result.new, numbers) or result.new
        column, before, after = first_difference(old, new)
        problems.append(Problem(label, result.line,
                                f"Chinese copywriting: write '{after}' instead of '{before}' · "
                                f"中文排版：请把“{before}”改为“{after}”（中文文案排版指北，CONTRIBUTING.md#rule-spacing）",
                                result.col + column - 1))
    return problems


def fix_copywriting(path: Path) -> None:
    if not is_chinese_page(path):
        return
    original = path.read_text(encoding="utf-8")
    text, numbers = mask_numbers(original)
    fixed = unmask_numbers(autocorrect_py.format_for(text, path.name), numbers)
    if fixed is not None and fixed != original:
        path.write_text(fixed, encoding="utf-8")


def markdown_api() -> PyMarkdownApi:
    return PyMarkdownApi().configuration_file_path(str(MARKDOWN_CONFIG))


def check_markdown(path: Path, label: str) -> list[Problem]:
    if path.suffix != ".md":
        return []
    result = markdown_api().scan_path(str(path))
    problems = [Problem(label, failure.line_number,
                        f"Markdown style {failure.rule_id} ({failure.rule_name.split(',')[0]}): "
                        f"{failure.rule_description}{failure.extra_error_information} · Markdown 格式问题 "
                        f"(CONTRIBUTING.md#rule-markdown)", failure.column_number)
                for failure in result.scan_failures]
    problems += [Problem(label, 1, f"Markdown could not be read: {error}") for error in result.critical_errors]
    return problems


def fix_markdown(path: Path) -> None:
    if path.suffix == ".md":
        markdown_api().fix_path(str(path))


def check_characters(path: Path, label: str) -> list[Problem]:
    return check_chars.check_text(label, path.read_text(encoding="utf-8"))


def fix_characters(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    fixed = check_chars.fix_text(text)
    if fixed != text:
        path.write_text(fixed, encoding="utf-8")


# (name, check, fix), applied in this order: characters first, so the other
# rules see ordinary text.
RULES: list[tuple[str, Callable[[Path, str], list[Problem]], Callable[[Path], None]]] = [
    ("characters", check_characters, fix_characters),
    ("copywriting", check_copywriting, fix_copywriting),
    ("markdown", check_markdown, fix_markdown),
]


def run(paths: list[Path], fix: bool = False) -> list[Problem]:
    problems = []
    for path in check_chars.text_files(paths):
        if fix:
            for _, _, fixer in RULES:
                fixer(path)
        for _, check, _ in RULES:
            problems += check(path, check_chars.label_of(path))
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fix", action="store_true", help="correct what can be corrected, then report the rest")
    parser.add_argument("paths", nargs="*", type=Path, default=[ROOT / "docs", ROOT / "data"])
    args = parser.parse_args()
    problems = run(args.paths, args.fix)
    if problems and not args.fix:
        print("lint: run 'bash scripts/lint.sh --fix' to correct what can be corrected automatically · "
              "运行 bash scripts/lint.sh --fix 可自动修正部分问题", file=sys.stderr)
    return finish("lint", problems)


if __name__ == "__main__":
    sys.exit(main())
