"""Rule payment-accounts: the guide never tells a reader where to send money.

Why: a scammer's "repay here" account slipped into a page would reach
readers who are desperate to settle. Bank cards, Alipay and WeChat
accounts and anything after "收款账户" are refused unless a reviewer listed
them in data/payment_accounts.yml (which is empty on purpose). The built
HTML is checked with the same patterns (scripts/check_site.py).
"""
from __future__ import annotations

import re

from markdown_pages import OFFICIAL_NUMBER, PLACEHOLDER, Page
from problems import Problem

NAME = "payment-accounts"
PAYMENT_ADVICE = ("this guide never tells readers where to send money: remove it. Only if a reviewer agrees it must "
                  "appear, list it in data/payment_accounts.yml with its source · "
                  "本指南从不告诉读者把钱转到哪里：请删除。确需出现的，须经审核并连同来源列入 data/payment_accounts.yml")

# Each pattern captures a label's separator ("sep": a colon, 是, is) and the
# account. A word after a bare label ("WeChat messages") is no account:
# without a separator the account must hold a digit or an @.
ACCOUNT = r"(?P<account>[A-Za-z0-9](?:[A-Za-z0-9_.@]|-(?=\w)| (?=\d))*[A-Za-z0-9])"
LABEL_END = r"\s*(?P<sep>[:：]|是|为|\bis\b)?\s*"
PAYMENT_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("a bank card number · 银行卡号",
     re.compile(r"(?<![\dA-Za-z])(?P<account>\d(?:[ -]?\d){15,18})(?![\dA-Za-z])")),
    ("an Alipay account · 支付宝账户",
     re.compile(r"(?:支付宝|Alipay)\s*(?:账号|帐号|账户|帐户|号|account|ID)?" + LABEL_END + ACCOUNT, re.I)),
    ("a WeChat account · 微信账户",
     re.compile(r"(?:微信|WeChat|Weixin)\s*(?:账号|帐号|账户|帐户|号|ID|account)?" + LABEL_END + ACCOUNT, re.I)),
    ("a payment account · 收款账户",
     re.compile(r"(?:收款账户|收款帐户|收款账号|收款帐号|收款人|对公账户|对公帐户|对公账号|转账到|转账至|汇款到|汇款至|打款到|"
                r"\bpay(?:ment)? (?:in)?to|\btransfer (?:money )?to|\baccount (?:number|no\.?))"
                r"\s*(?:以下|下面|如下)?\s*(?:账户|帐户|账号|帐号|卡号)?" + LABEL_END + ACCOUNT, re.I)),
]


def payment_accounts(text: str, listed: set[str]) -> list[tuple[str, str]]:
    """(kind, account) for every payment account in text that is not listed."""
    found: dict[str, tuple[str, str]] = {}
    for kind, pattern in PAYMENT_PATTERNS:
        position = 0
        while match := pattern.search(text, position):
            account = match.group("account")
            compact = re.sub(r"[\s-]", "", account)
            separated = "sep" in pattern.groupindex and match.group("sep")
            if len(compact) < 5 or not (separated or re.search(r"[\d@]", account)):
                position = match.start() + 1  # not an account; a later label may be
                continue
            if compact not in listed:
                found.setdefault(compact, (kind, account))
            position = match.end()
    return list(found.values())


def listed_accounts(data: dict) -> set[str]:
    entries = (data.get("payment_accounts") or {}).get("accounts") or []
    return {re.sub(r"[\s-]", "", str(entry["account"])) for entry in entries}


def check(page: Page, data: dict) -> list[Problem]:
    """No bank card, Alipay, WeChat or other payment account unless reviewed."""
    listed = listed_accounts(data)
    problems = []
    for number, text in enumerate(page.lines, start=1):
        bare = OFFICIAL_NUMBER.sub("", PLACEHOLDER.sub("", text))
        for kind, account in payment_accounts(bare, listed):
            problems.append(Problem(page.label, number, f"'{account}' looks like {kind}: {PAYMENT_ADVICE}"))
    return problems
