"""The Markdown checks pass on the real pages and fail on each broken fixture."""
from __future__ import annotations


import pytest

import check_sources as cs
from conftest import FIXTURES, ROOT

DATA = cs.load_data(ROOT / "data")
REAL_PAGES = cs.load_pages(ROOT / "docs")


def test_the_guide_has_pages_in_both_languages() -> None:
    assert {page.lang for page in REAL_PAGES} == {"zh", "en"}
    assert len(REAL_PAGES) >= 20


@pytest.mark.parametrize("check", cs.PAGE_CHECKS, ids=lambda check: check.__name__)
def test_real_pages_pass(check) -> None:
    problems = [problem for page in REAL_PAGES for problem in check(page, DATA)]
    assert not problems, "\n".join(map(str, problems))


@pytest.mark.parametrize("check", cs.SITE_CHECKS, ids=lambda check: check.__name__)
def test_real_page_set_passes(check) -> None:
    problems = check(REAL_PAGES, DATA)
    assert not problems, "\n".join(map(str, problems))


# (check, fixture page, line it must point at, words the message must contain)
BROKEN_PAGES = [
    (cs.check_front_matter, "zh/no-front-matter.md", 1, "lacks 'title'"),
    (cs.check_front_matter, "zh/future-review.md", 1, "reviewed date 2099-01-01 is in the future"),
    (cs.check_structure, "zh/no-summary.md", 9, 'must open with !!! abstract "先看这里"'),
    (cs.check_structure, "zh/no-summary.md", 9, "needs an explicit {#id}"),
    (cs.check_structure, "zh/no-summary.md", 9, "last section must be '## 下一步 {#next}'"),
    (cs.check_phone_numbers, "zh/typed-phone.md", 15, "'12378' looks like a phone number"),
    (cs.check_phone_numbers, "zh/unknown-phone.md", 15, "unknown phone key 'lawyer'"),
    (cs.check_damaged_phrases, "zh/damaged-phrase.md", 15, "damaged phrase from the source article: '假采'"),
    (cs.check_damaged_phrases, "zh/damaged-phrase.md", 15, "国家金融监督管理总局（原银保监会）"),
    (cs.check_external_links, "zh/external-link.md", 15, "'fonts.googleapis.com' is not in data/allowed_domains.yml"),
    (cs.check_payment_accounts, "zh/payment-accounts.md", 15, "'6222 0212 3456 7890 123' looks like a bank card number"),
    (cs.check_payment_accounts, "zh/payment-accounts.md", 16, "'pay_helper' looks like an Alipay account"),
    (cs.check_payment_accounts, "zh/payment-accounts.md", 17, "'zhangsan_pay' looks like a WeChat account"),
    (cs.check_payment_accounts, "zh/payment-accounts.md", 18, "'110 2233 4455 6677' looks like a payment account"),
    (cs.check_payment_accounts, "en/payment-accounts.md", 15, "'6217-0000-1111-2222' looks like a bank card number"),
    (cs.check_payment_accounts, "en/payment-accounts.md", 16, "'helper@example.com' looks like an Alipay account"),
    (cs.check_chinese_typography, "zh/typography.md", 15, "space between Chinese and Latin"),
    (cs.check_chinese_typography, "zh/typography.md", 15, "full-width punctuation"),
    (cs.check_chinese_typography, "zh/typography-spaces.md", 15, "no spaces around full-width punctuation"),
    (cs.check_english_prose, "en/chinese-prose.md", 15, "untranslated Chinese outside brackets"),
    (cs.check_document_names, "en/document-name.md", 15, "write 'Regulation on the Administration of the Credit Reporting Industry' before (《征信业管理条例》)"),
    (cs.check_document_names, "zh/unknown-document.md", 15, "《不存在的办法》 is not in data/documents.yml"),
    (cs.check_legal_terms_first_use, "en/legal-term.md", 15, "first use of 'payment order' needs the Chinese in brackets: (支付令)"),
]


@pytest.mark.parametrize("check, fixture, line, words", BROKEN_PAGES,
                         ids=[f"{c.__name__}-{f}-{w[:20]}" for c, f, _, w in BROKEN_PAGES])
def test_check_reports_broken_fixture_at_its_line(check, fixture: str, line: int, words: str) -> None:
    page = cs.Page.load(FIXTURES / "docs" / fixture, FIXTURES / "docs")
    problems = check(page, DATA)
    assert any(words in p.message and p.line == line for p in problems), "\n".join(map(str, problems)) or "no problems"
    assert all(p.path == f"docs/{fixture}" for p in problems)


BROKEN_SETS = [
    (cs.check_translations_exist, "missing-translation", "zh/only.md", "no 'en' translation"),
    (cs.check_documents_listed, "unlisted-document", "zh/a.md", "《征信业管理条例》 is not listed"),
    (cs.check_documents_listed, "unlisted-document", "en/a.md", "《征信业管理条例》 is not listed"),
    (cs.check_translation_parity, "parity-broken", "en/a.md", "headings differ"),
    (cs.check_translation_parity, "parity-broken", "en/a.md", "task items differ"),
    (cs.check_translation_parity, "parity-broken", "en/a.md", "admonitions differ"),
    (cs.check_translation_parity, "parity-broken", "en/a.md", "phone numbers differ"),
    (cs.check_translation_parity, "parity-broken", "en/a.md", "documents differ"),
    (cs.check_translation_parity, "parity-broken", "en/a.md", "numbers differ from parity-broken/zh/a.md: missing ['20']; extra ['30']"),
    (cs.check_translation_parity, "parity-broken", "en/a.md", "links differ"),
]


@pytest.mark.parametrize("check, folder, page, words", BROKEN_SETS,
                         ids=[f"{c.__name__}-{p}-{w[:16]}" for c, _, p, w in BROKEN_SETS])
def test_cross_page_check_reports_broken_set(check, folder: str, page: str, words: str) -> None:
    problems = check(cs.load_pages(FIXTURES / "sets" / folder), DATA)
    assert any(words in p.message and p.path.endswith(page) for p in problems), "\n".join(map(str, problems)) or "no problems"


def test_checker_exits_non_zero_and_names_file_and_line(capsys, monkeypatch) -> None:
    monkeypatch.setattr("sys.argv", ["check_sources.py", "--docs", str(FIXTURES / "docs")])
    assert cs.main() == 1
    assert "docs/zh/typed-phone.md:15:" in capsys.readouterr().out


def test_checker_prints_github_annotations_in_actions(capsys, monkeypatch) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    cs.report([cs.Problem("docs/zh/a.md", 3, "bad")])
    assert "::error file=docs/zh/a.md,line=3::bad" in capsys.readouterr().out


def test_english_dates_count_as_the_same_numbers_as_chinese_dates() -> None:
    pages = cs.load_pages(FIXTURES / "sets" / "parity-broken")
    zh, en = ({f.value for f in cs.page_facts(p) if f.kind == "numbers"}
              for p in sorted(pages, key=lambda p: p.lang, reverse=True))
    assert {"2023", "5", "18"} <= zh & en


def test_parity_problem_points_at_the_first_differing_heading() -> None:
    problems = cs.check_translation_parity(cs.load_pages(FIXTURES / "sets" / "parity-broken"), DATA)
    headings = [p for p in problems if "headings differ" in p.message]
    assert [(p.line, p.message.split(": ", 1)[1]) for p in headings] == [(13, "expected ## {#verify}, found ## {#check}")]


# What a contributor must learn from a rejected number, account or domain:
# where to add it, and that it needs a source, in English and Chinese.
SAFETY_MESSAGES = [
    (cs.check_phone_numbers, "zh/typed-phone.md", ["data/contacts.yml", "its source", "来源", "{{ phone.KEY }}"]),
    (cs.check_external_links, "zh/external-link.md", ["data/allowed_domains.yml", "cites a source", "来源"]),
    (cs.check_payment_accounts, "zh/payment-accounts.md", ["data/payment_accounts.yml", "its source", "来源"]),
]


@pytest.mark.parametrize("check, fixture, words", SAFETY_MESSAGES, ids=[c.__name__ for c, _, _ in SAFETY_MESSAGES])
def test_safety_message_says_where_to_add_it_and_that_it_needs_a_source(check, fixture: str, words: list[str]) -> None:
    problems = check(cs.Page.load(FIXTURES / "docs" / fixture, FIXTURES / "docs"), DATA)
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
    found = cs.payment_accounts(cs.OFFICIAL_NUMBER.sub("", text), set())
    assert [account for _, account in found] == accounts


def test_a_listed_payment_account_passes() -> None:
    page = cs.Page.load(FIXTURES / "docs" / "zh" / "payment-accounts.md", FIXTURES / "docs")
    listed = {**DATA, "payment_accounts": {"accounts": [{"account": "6222-0212-3456-7890-123"}]}}
    assert [p.line for p in cs.check_payment_accounts(page, listed)] == [16, 17, 18]


def test_the_reviewed_payment_account_list_is_empty() -> None:
    # The guide never tells readers where to send money (see the file's comment).
    assert DATA["payment_accounts"] == {"accounts": []}


def test_problem_with_a_column_prints_and_annotates_it(capsys, monkeypatch) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    cs.report([cs.Problem("docs/zh/a.md", 3, "bad", column=7)])
    assert capsys.readouterr().out.splitlines() == ["docs/zh/a.md:3:7: bad", "::error file=docs/zh/a.md,line=3,col=7::bad"]
