"""Find characters that look like ordinary text but are not, and trailing spaces.

Why: text pasted from PDFs and web pages brings in characters that look
exactly like ordinary ones: Kangxi radicals (⼈ for 人), CJK radicals
(⻔ for 门), compatibility ideographs, full-width letters and digits
(ＡＰＰ, １２３７８), and invisible zero-width characters. They break search
(a reader who types 人 never finds ⼈), copying a number, and screen
readers. Trailing spaces are invisible noise in every diff. Each finding
names file:line:col and the replacement; --fix applies the replacements
(NFKC, or the table below where NFKC has none) and strips trailing spaces.

Usage: python scripts/check_chars.py [--fix] [paths...]   (default: docs/ and data/)
"""
from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

sys.path.insert(0, str(Path(__file__).resolve().parent))
from problems import Problem, finish  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
TEXT_SUFFIXES = (".md", ".yml", ".yaml", ".txt")
RULES_LINK = "CONTRIBUTING.md#rule-characters"

# CJK radicals (U+2E80–U+2EFF) mostly have no NFKC form; these are the ones
# a PDF puts in place of a whole simplified character. Checked by
# tests/test_lint.py against the Unicode names.
RADICALS = {
    "\u2ec5": "见", "\u2ec6": "角", "\u2ec8": "讠", "\u2ec9": "贝", "\u2ecb": "车",
    "\u2ed0": "钅", "\u2ed3": "长", "\u2ed4": "门", "\u2ed9": "韦", "\u2eda": "页",
    "\u2edb": "风", "\u2edc": "飞", "\u2ee0": "饣", "\u2ee2": "马", "\u2ee5": "鱼",
    "\u2ee6": "鸟", "\u2ee7": "卤", "\u2ee8": "麦", "\u2ee9": "黄", "\u2eea": "黾",
    "\u2eec": "齐", "\u2eee": "齿", "\u2ef0": "龙", "\u2eb0": "纟",
}
ZERO_WIDTH = {"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"}


def nfkc(char: str) -> str | None:
    replacement = unicodedata.normalize("NFKC", char)
    return replacement if replacement != char else None


def radical(char: str) -> str | None:
    return RADICALS.get(char) or nfkc(char)


@dataclass(frozen=True)
class Rule:
    """A range of look-alike characters and how to replace one."""

    first: int
    last: int
    what: str
    replacement: Callable[[str], str | None]
    always: bool = True  # False: only characters that have a replacement are look-alikes


RULES = [
    Rule(0x2F00, 0x2FDF, "Kangxi radical · 康熙部首", nfkc),
    Rule(0x2E80, 0x2EFF, "CJK radical · 汉字部首", radical),
    # Twelve characters in this block are ordinary ideographs (NFKC keeps them).
    Rule(0xF900, 0xFAFF, "CJK compatibility ideograph · 兼容汉字", nfkc, always=False),
    Rule(0xFF10, 0xFF19, "full-width digit · 全角数字", nfkc),
    Rule(0xFF21, 0xFF3A, "full-width Latin letter · 全角字母", nfkc),
    Rule(0xFF41, 0xFF5A, "full-width Latin letter · 全角字母", nfkc),
]


def rule_for(char: str) -> tuple[str, str | None] | None:
    """(what it is, replacement or None) if char is a look-alike, else None."""
    if char in ZERO_WIDTH:
        return "zero-width character · 零宽字符", ""
    code = ord(char)
    for rule in RULES:
        if rule.first <= code <= rule.last:
            replacement = rule.replacement(char)
            if replacement is None and not rule.always:
                return None
            return rule.what, replacement
    return None


def describe(char: str) -> str:
    return f"U+{ord(char):04X} {unicodedata.name(char, 'unnamed')}"


def check_text(label: str, text: str) -> list[Problem]:
    problems = []
    for number, line in enumerate(text.splitlines(), start=1):
        for column, char in enumerate(line, start=1):
            found = rule_for(char)
            if found is None:
                continue
            what, replacement = found
            if replacement == "":
                advice = "delete it · 请删除"
            elif replacement:
                advice = f"write '{replacement}' ({describe(replacement[0])}) · 请改为“{replacement}”"
            else:
                advice = "retype the character with a Chinese input method · 请用中文输入法重新输入"
            shown, looks = (repr(char)[1:-1], "is invisible") if replacement == "" else (char, "looks like ordinary text")
            problems.append(Problem(label, number, f"{what} '{shown}' {describe(char)} {looks}: {advice} ({RULES_LINK})",
                                    column))
        trailing = re.search(r"[ \t\u3000]+$", line)
        if trailing:
            problems.append(Problem(label, number, "trailing spaces: delete them · 行尾有多余空格，请删除 "
                                                   "(CONTRIBUTING.md#rule-markdown)", trailing.start() + 1))
    return problems


def fix_text(text: str) -> str:
    """Replace every look-alike that has a replacement; strip trailing spaces."""
    def replace(char: str) -> str:
        found = rule_for(char)
        return char if found is None or found[1] is None else found[1]
    fixed = "".join(replace(char) for char in text)
    return re.sub(r"[ \t\u3000]+$", "", fixed, flags=re.M)


def text_files(paths: list[Path]) -> list[Path]:
    found = []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.suffix in TEXT_SUFFIXES and p.is_file())
        elif path.suffix in TEXT_SUFFIXES:
            found.append(path)
    return found


def label_of(path: Path) -> str:
    try:
        return path.resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return path.as_posix()


def run(paths: list[Path], fix: bool = False) -> list[Problem]:
    problems = []
    for path in text_files(paths):
        text = path.read_text(encoding="utf-8")
        if fix:
            fixed = fix_text(text)
            if fixed != text:
                path.write_text(fixed, encoding="utf-8")
                text = fixed
        problems += check_text(label_of(path), text)
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fix", action="store_true", help="apply the replacements in place")
    parser.add_argument("paths", nargs="*", type=Path, default=[ROOT / "docs", ROOT / "data"])
    args = parser.parse_args()
    return finish("check_chars", run(args.paths, args.fix))


if __name__ == "__main__":
    sys.exit(main())
