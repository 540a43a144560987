"""The Markdown rules (scripts/rules/) pass on the real pages and fail on
their fixtures.

Each rule's failing fixtures live in tests/fixtures/rules/<rule>/, with an
expect.yml naming the page, line and words each must report; a rule with
no failing fixture fails here, so every check is shown to be able to fail.
"""
from __future__ import annotations

from pathlib import Path
from types import ModuleType

import pytest
import yaml

import check_sources
from conftest import FIXTURES, ROOT
from markdown_pages import Page, load_data, load_pages, with_data_overrides
from problems import Problem, report
from reader_view import markdown_view
from rules import ALL_RULES, PAGE_RULES, SET_RULES, payment_accounts, translation_parity

DATA = load_data(ROOT / "data")
REAL_PAGES = load_pages(ROOT / "docs")
RULE_FIXTURES = FIXTURES / "rules"


def expectations() -> list[tuple[ModuleType, dict]]:
    by_name = {rule.NAME: rule for rule in ALL_RULES}
    found = []
    for expect in sorted(RULE_FIXTURES.glob("*/expect.yml")):
        for entry in yaml.safe_load(expect.read_text(encoding="utf-8")):
            found.append((by_name[expect.parent.name], entry))
    return found


def test_the_guide_has_pages_in_both_languages() -> None:
    assert {page.lang for page in REAL_PAGES} == {"zh", "en"}
    assert len(REAL_PAGES) >= 20


@pytest.mark.parametrize("rule", ALL_RULES, ids=lambda rule: rule.NAME)
def test_real_pages_pass(rule: ModuleType) -> None:
    problems = check_sources.run_rule(rule, REAL_PAGES, DATA)
    assert not problems, "\n".join(map(str, problems))


@pytest.mark.parametrize("rule", ALL_RULES, ids=lambda rule: rule.NAME)
def test_every_rule_has_a_docstring_and_a_failing_fixture(rule: ModuleType) -> None:
    assert rule.__doc__ and rule.__doc__.startswith(f"Rule {rule.NAME}:")
    expect = RULE_FIXTURES / rule.NAME / "expect.yml"
    assert expect.is_file(), f"add failing fixtures and {expect.relative_to(ROOT)}"
    assert yaml.safe_load(expect.read_text(encoding="utf-8"))


def test_every_fixture_folder_belongs_to_a_rule() -> None:
    # (each folder holds zh/ and en/ pages, expect.yml, and optionally data/)
    assert {folder.name for folder in RULE_FIXTURES.iterdir()} == {rule.NAME for rule in ALL_RULES}


@pytest.mark.parametrize("rule, expected", expectations(),
                         ids=[f"{rule.NAME}-{entry['page']}-{entry['words'][:20]}" for rule, entry in expectations()])
def test_rule_reports_its_fixture_at_its_line(rule: ModuleType, expected: dict) -> None:
    folder = RULE_FIXTURES / rule.NAME
    # A fixture folder may bring its own data files in data/ (a small ledger, say).
    problems = check_sources.run_rule(rule, load_pages(folder), with_data_overrides(DATA, folder / "data"))
    label = expected["page"] if expected["page"].startswith("data/") else f"{rule.NAME}/{expected['page']}"
    assert any(p.path == label and expected["words"] in p.message and expected.get("line", p.line) == p.line
               for p in problems), "\n".join(map(str, problems)) or "no problems"
    assert all(p.rule == rule.NAME for p in problems)


def test_checker_exits_non_zero_and_names_file_line_and_rule(capsys, monkeypatch) -> None:
    monkeypatch.setattr("sys.argv", ["check_sources.py", "--docs", str(RULE_FIXTURES / "phone-numbers")])
    assert check_sources.main() == 1
    assert "phone-numbers/zh/typed-phone.md:15: '12378' looks like a phone number" in capsys.readouterr().out


def test_checker_prints_github_annotations_in_actions(capsys, monkeypatch) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    report([Problem("docs/zh/a.md", 3, "bad", rule="structure")])
    assert capsys.readouterr().out.splitlines() == [
        "docs/zh/a.md:3: bad [structure]", "::error file=docs/zh/a.md,line=3,title=structure::bad"]


def test_problem_with_a_column_prints_and_annotates_it(capsys, monkeypatch) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    report([Problem("docs/zh/a.md", 3, "bad", column=7)])
    assert capsys.readouterr().out.splitlines() == ["docs/zh/a.md:3:7: bad", "::error file=docs/zh/a.md,line=3,col=7::bad"]


def test_english_dates_count_as_the_same_numbers_as_chinese_dates() -> None:
    pages = load_pages(RULE_FIXTURES / "translation-parity")
    zh, en = ({f.value for f in translation_parity.page_facts(p) if f.kind == "numbers"}
              for p in sorted(pages, key=lambda p: p.lang, reverse=True))
    assert {"2023", "5", "18"} <= zh & en


def test_parity_problem_points_at_the_first_differing_heading() -> None:
    problems = translation_parity.check_pages(load_pages(RULE_FIXTURES / "translation-parity"), DATA)
    headings = [p for p in problems if "headings differ" in p.message]
    assert [(p.line, p.message.split(": ", 1)[1]) for p in headings] == [(13, "expected ## {#verify}, found ## {#check}")]


def fixture_page(rule: str, page: str) -> Page:
    return Page.load(RULE_FIXTURES / rule / page, RULE_FIXTURES / rule)


# What a contributor must learn from a rejected number, account or domain:
# where to add it, and that it needs a source, in English and Chinese.
SAFETY_MESSAGES = [
    ("phone-numbers", "zh/typed-phone.md", ["data/contacts.yml", "its source", "来源", "{{ phone.KEY }}"]),
    ("external-links", "zh/external-link.md", ["data/allowed_domains.yml", "cites a source", "来源"]),
    ("payment-accounts", "zh/payment-accounts.md", ["data/payment_accounts.yml", "its source", "来源"]),
]


@pytest.mark.parametrize("rule_name, fixture, words", SAFETY_MESSAGES, ids=[r for r, _, _ in SAFETY_MESSAGES])
def test_safety_message_says_where_to_add_it_and_that_it_needs_a_source(rule_name: str, fixture: str,
                                                                         words: list[str]) -> None:
    rule = next(rule for rule in PAGE_RULES if rule.NAME == rule_name)
    problems = rule.check(fixture_page(rule_name, fixture), DATA)
    assert problems
    assert all(word in problem.message for problem in problems for word in words), problems[0].message


# (text, accounts found): real sentences from the guide stay clean.
ACCOUNT_TEXTS = [
    ("请转账到 6222 0212 3456 7890 123。", ["6222 0212 3456 7890 123"]),
    ("卡号6222021234567890", ["6222021234567890"]),
    ("支付宝：abc@example.com", ["abc@example.com"]),
    ("加微信 wx13800000000 领取", ["wx13800000000"]),
    ("WeChat ID: helpdesk", ["helpdesk"]),
    ("Pay to account number 110-220-330-440", ["110-220-330-440"]),
    ("不要按对方说的账户转账，也不转账到个人账户。", []),
    ("Screenshots of text messages, WeChat messages and so on.", []),
    ("短信、企业微信等其他渠道", []),
    ("《小额贷款公司监督管理暂行办法》（金规〔2024〕26号）", []),
    ("2023 年 5 月 18 日；Art. 1033, 18 May 2023", []),
]


@pytest.mark.parametrize("text, accounts", ACCOUNT_TEXTS)
def test_payment_account_patterns(text: str, accounts: list[str]) -> None:
    found = payment_accounts.payment_accounts(markdown_view(text), set())
    assert [account for _, _, account in found] == accounts


def test_a_listed_payment_account_passes() -> None:
    page = fixture_page("payment-accounts", "zh/payment-accounts.md")
    listed = {**DATA, "payment_accounts": {"accounts": [{"account": "6222-0212-3456-7890-123"}]}}
    assert [p.line for p in payment_accounts.check(page, listed)] == [16, 17, 18]


def test_the_reviewed_payment_account_list_is_empty() -> None:
    # The guide never tells readers where to send money (see the file's comment).
    assert DATA["payment_accounts"] == {"accounts": []}


def test_set_rules_and_page_rules_are_told_apart() -> None:
    assert all(hasattr(rule, "check_pages") for rule in SET_RULES)
    assert all(hasattr(rule, "check") and not hasattr(rule, "check_pages") for rule in PAGE_RULES)


def test_rules_are_modules_named_after_their_rule() -> None:
    for rule in ALL_RULES:
        assert Path(rule.__file__).stem == rule.NAME.replace("-", "_")
