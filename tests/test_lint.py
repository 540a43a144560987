"""Lint (scripts/lint.sh, scripts/lint.py, scripts/check_chars.py): the real
pages pass, every rule fails its broken fixture naming file, line and column,
and --fix corrects what it can."""
from __future__ import annotations

import os
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest

import check_chars
import lint
from conftest import FIXTURES, ROOT

LINT_FIXTURES = FIXTURES / "lint"


def test_real_pages_and_data_pass_every_lint_rule() -> None:
    files = check_chars.text_files([ROOT / "docs", ROOT / "data"])
    assert len(files) >= 25
    problems = lint.run([ROOT / "docs", ROOT / "data"])
    assert not problems, "\n".join(map(str, problems))


# (fixture, line, column, words one message must contain)
BROKEN = [
    ("zh/copywriting.md", 3, 6, "write '请在度小满 App 里核对。' instead of '请在度小满App里核对。'"),
    ("zh/copywriting.md", 5, 4, "write '先别慌，也别转账。' instead of '先别慌,也别转账。'"),
    ("en/markdown-style.md", 3, 1, "Markdown style MD030 (list-marker-space)"),
    ("en/markdown-style.md", 5, 1, "Markdown style MD012 (no-multiple-blanks)"),
    ("en/markdown-style.md", 7, 1, "Markdown style MD022 (blanks-around-headings)"),
    ("zh/lookalikes.md", 3, 2, "Kangxi radical · 康熙部首 '⼈' U+2F08 KANGXI RADICAL MAN looks like ordinary text: write '人'"),
    ("zh/lookalikes.md", 4, 3, "CJK radical · 汉字部首 '⻔' U+2ED4 CJK RADICAL C-SIMPLIFIED GATE looks like ordinary text: write '门'"),
    ("zh/lookalikes.md", 5, 1, "CJK compatibility ideograph · 兼容汉字 '\uf900' U+F900"),
    ("zh/lookalikes.md", 6, 7, "full-width Latin letter · 全角字母 'Ａ' U+FF21 FULLWIDTH LATIN CAPITAL LETTER A looks like ordinary text: write 'A'"),
    ("zh/lookalikes.md", 7, 4, "full-width digit · 全角数字 '１' U+FF11 FULLWIDTH DIGIT ONE looks like ordinary text: write '1'"),
    ("zh/lookalikes.md", 8, 2, "zero-width character · 零宽字符 '\\u200b' U+200B ZERO WIDTH SPACE is invisible: delete it"),
    ("zh/lookalikes.md", 9, 1, "CJK radical · 汉字部首 '⺁' U+2E81 CJK RADICAL CLIFF looks like ordinary text: retype the character"),
    ("zh/trailing-space.md", 3, 10, "trailing spaces: delete them"),
    ("zh/trailing-space.md", 5, 1, "trailing spaces: delete them"),
]


@pytest.fixture(scope="module")
def fixture_problems() -> list:
    return lint.run([LINT_FIXTURES])


@pytest.mark.parametrize("fixture, line, column, words", BROKEN, ids=[f"{f}:{n}:{c}" for f, n, c, _ in BROKEN])
def test_rule_reports_broken_fixture_at_file_line_and_column(fixture_problems: list, fixture: str, line: int,
                                                            column: int, words: str) -> None:
    label = f"tests/fixtures/lint/{fixture}"
    here = [str(p) for p in fixture_problems if p.path == label and p.line == line and p.column == column]
    assert any(words in problem for problem in here), "\n".join(map(str, fixture_problems))


@pytest.mark.parametrize("fixture, line", [
    ("zh/copywriting.md", 7),   # 金规〔2024〕26号: official document numbers keep their form
    ("zh/lookalikes.md", 10),   # U+FA0E is an ordinary ideograph, not a compatibility look-alike
    ("en/markdown-style.md", 1),
])
def test_rule_leaves_correct_text_alone(fixture_problems: list, fixture: str, line: int) -> None:
    assert [str(p) for p in fixture_problems if p.path == f"tests/fixtures/lint/{fixture}" and p.line == line] == []


def test_copywriting_applies_to_chinese_pages_only(fixture_problems: list) -> None:
    assert not [p for p in fixture_problems if "/en/" in p.path and "copywriting" in p.message]


@pytest.fixture
def fixed_copy(tmp_path: Path) -> Path:
    copy = tmp_path / "lint"
    shutil.copytree(LINT_FIXTURES, copy)
    return copy


def test_fix_corrects_what_it_can_and_reports_the_rest(fixed_copy: Path) -> None:
    remaining = lint.run([fixed_copy], fix=True)
    assert sorted((Path(p.path).name, p.line, p.message.split(":")[0]) for p in remaining) == [
        ("lookalikes.md", 9, "CJK radical · 汉字部首 '⺁' U+2E81 CJK RADICAL CLIFF looks like ordinary text"),
        ("markdown-style.md", 6, "Markdown style MD022 (blanks-around-headings)"),
        ("markdown-style.md", 6, "Markdown style MD022 (blanks-around-headings)"),
    ]
    assert (fixed_copy / "zh" / "lookalikes.md").read_text(encoding="utf-8").splitlines()[2:8] == [
        "个人信息。", "请到门口等候。", "\u8c48然不同。", "打开度小满 App。", "拨打 12378。", "催收"]
    assert (fixed_copy / "zh" / "copywriting.md").read_text(encoding="utf-8").splitlines()[2:7] == [
        "请在度小满 App 里核对。", "", "先别慌，也别转账。", "", "《小额贷款公司监督管理暂行办法》（金规〔2024〕26号）不用改。"]
    assert "  \n" not in (fixed_copy / "zh" / "trailing-space.md").read_text(encoding="utf-8")


def test_radical_table_maps_each_simplified_radical_to_its_character() -> None:
    for radical, character in check_chars.RADICALS.items():
        assert unicodedata.name(radical).startswith("CJK RADICAL "), radical
        assert "SIMPLIFIED" in unicodedata.name(radical), radical
        assert unicodedata.name(character).startswith("CJK UNIFIED IDEOGRAPH-"), character


@pytest.mark.parametrize("char, replacement", [
    ("\u2f08", "人"), ("\u2f00", "一"), ("\u2ef3", "龟"), ("\uf900", "\u8c48"), ("\uff41", "a"),
    ("\ufeff", ""), ("\u2e81", None),
])
def test_look_alike_table(char: str, replacement: str | None) -> None:
    assert check_chars.rule_for(char)[1] == replacement


@pytest.mark.parametrize("char", ["人", "门", "\ufa0e", "，", "（", "A", "1", " ", "\u3000"])
def test_ordinary_characters_are_not_look_alikes(char: str) -> None:
    assert check_chars.rule_for(char) is None


def run_lint_sh(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["bash", str(ROOT / "scripts" / "lint.sh"), *args], cwd=ROOT,
                          env={**os.environ, **env}, capture_output=True, text=True, timeout=600)


def test_lint_command_fails_with_file_line_column_and_github_annotations() -> None:
    result = run_lint_sh(str(LINT_FIXTURES / "zh" / "lookalikes.md"), GITHUB_ACTIONS="true")
    assert result.returncode == 1
    assert "tests/fixtures/lint/zh/lookalikes.md:3:2: Kangxi radical" in result.stdout
    assert "::error file=tests/fixtures/lint/zh/lookalikes.md,line=3,col=2::Kangxi radical" in result.stdout
    assert "bash scripts/lint.sh --fix" in result.stderr


def test_lint_command_fix_leaves_a_clean_file_and_exits_zero(fixed_copy: Path) -> None:
    page = fixed_copy / "zh" / "copywriting.md"
    assert run_lint_sh(str(page)).returncode == 1
    result = run_lint_sh("--fix", str(page))
    assert result.returncode == 0, result.stdout + result.stderr
    assert run_lint_sh(str(page)).returncode == 0
