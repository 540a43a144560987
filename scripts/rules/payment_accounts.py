"""Rule payment-accounts: the guide never tells a reader where to send money.

Why: a scammer's "repay here" account slipped into a page would reach
readers who are desperate to settle. Refused unless a reviewer listed them
in data/payment_accounts.yml (which is empty on purpose):
- bank-card-like numbers: after normalisation (scripts/reader_view.py), a run
  of 16-19 digits, or 13-19 digits that pass the Luhn check;
- long account numbers: 12 or more digits after account wording (收款账户,
  对公账户, 开户行, 户名, account, beneficiary…), and any run of 20 or more;
- corporate-account details: 户名 / 开户行 / account name followed by a value;
- Alipay, WeChat, QQ and Telegram identifiers, in any bracket or phrasing
  (支付宝（abc@example.com）, 加 V：zhang_san, vx号 abc123, abc@example.com（支付宝）);
- payment and app deep links (alipays:, weixin:, wxp:, mqqapi:, intent:…).
The built HTML is checked with the same patterns (scripts/check_site.py).
"""
from __future__ import annotations

import re

from markdown_pages import Page
from problems import Problem
from reader_view import View, long_numbers, luhn, markdown_view, visible
from urls import APP_SCHEMES, markdown_urls, shorten

NAME = "payment-accounts"
PAYMENT_ADVICE = ("this guide never tells readers where to send money: remove it. Only if a reviewer agrees it must "
                  "appear, list it in data/payment_accounts.yml with its source · "
                  "本指南从不告诉读者把钱转到哪里：请删除。确需出现的，须经审核并连同来源列入 data/payment_accounts.yml")

# An account as written after its label: letters, digits, _ . @ - and single
# spaces between digits; an e-mail address; a phone-like run.
ACCOUNT = r"(?P<account>[A-Za-z0-9](?:[A-Za-z0-9_.@+]|-(?=\w)| (?=\d))*[A-Za-z0-9])"
# Between a label and its account: a separator, quotes or brackets of any
# kind, arrows, "号/账号/ID/account", and the words for "is".
OPEN = "\"'“‘「『【〔［\\[（(《〈<{"
CLOSE = "\"'”’」』】〕］\\]）)》〉>}"
GLUE = (rf"(?:[\s:：=＝→➡⇒>\-—~·|｜{re.escape(OPEN)}]|是|为|為|\bis\b|\bat\b|\bto\b|账号|帐号|账户|帐户|号码|号|id|ID|account|"
        r"name|number|no\.?)*")
ALIPAY = r"(?:支付宝|支付寳|支 付 宝|zhifubao|zfb|ali\s?pay|阿里支付)"
# Slang and look-alike spellings are themselves a sign of hiding: any ID after them counts.
WECHAT_SLANG = r"(?:威信|薇信|微芯|V信|v信|vx|VX|Vx|vX|wx|WX|Wx|(?<!\w)[vV](?=\s*[:：])|加\s?[vV](?![A-Za-z])|绿泡泡|小绿书)"
WECHAT = rf"(?:微信|(?i:we\s?chat|weixin)|{WECHAT_SLANG})"
CHAT = r"(?:QQ|qq|扣扣|企鹅号|TG|tg|telegram|电报|纸飞机|飞机号|whats\s?app|line\s?id)"
LABELLED: list[tuple[str, re.Pattern[str]]] = [
    ("an Alipay account · 支付宝账户", re.compile(rf"{ALIPAY}{GLUE}{ACCOUNT}", re.I)),
    ("a WeChat account · 微信账户", re.compile(rf"(?<![A-Za-z]){WECHAT}{GLUE}{ACCOUNT}")),
    ("a QQ or Telegram account · QQ 或 Telegram 账号", re.compile(rf"(?<![A-Za-z]){CHAT}{GLUE}{ACCOUNT}")),
    ("a payment account · 收款账户",
     re.compile(r"(?:收款(?:账户|帐户|账号|帐号|人|方|码|卡)|对公(?:账户|帐户|账号|帐号)|公户|银行卡号?|卡号|账号|帐号|"
                r"(?:转账|转帐|汇款|打款|付款|还款|存|充值|转)(?:到|至|入)|"
                r"\bpay(?:ment)? (?:in)?to\b|\btransfer (?:money |it |funds )?to\b|\bdeposit (?:in)?to\b|\bremit to\b|"
                r"\baccount (?:number|no\.?)|\bbeneficiary\b|\biban\b|\bswift\b)"
                r"\s*(?:以下|下面|如下|这个|此|该|the following|this|our)?\s*(?:的)?\s*(?:账户|帐户|账号|帐号|卡号|银行卡|account)?"
                + GLUE + ACCOUNT, re.I)),
]
# The account written first, its kind after it in brackets: abc@example.com（支付宝）.
BEFORE_LABEL = re.compile(rf"{ACCOUNT}\s*[{re.escape(OPEN)}]\s*(?P<label>{ALIPAY}|{WECHAT}|{CHAT})", re.I)
# Corporate-account details: a holder or bank named after its label.
CORPORATE = re.compile(r"(?:户名|账户名|帐户名|收款人|收款方|收款单位|开户行|开户银行|开户网点|account name|beneficiary|bank name)"
                       r"\s*[:：]\s*(?P<account>[^\s，,。；;]{2,40})", re.I)
ACCOUNT_WORDS = re.compile(r"(?:收款|付款|还款|转账|转帐|汇款|打款|对公|公户|开户|户名|账户|帐户|账号|帐号|卡号|account|"
                           r"beneficiary|iban|bank|card)[^\n]{0,24}$", re.I)


def compact(account: str) -> str:
    return re.sub(r"[\s\-_.]", "", account).lower()


def is_account(account: str, labelled_strongly: bool) -> bool:
    """A value after a label is an account if it holds a digit or an @, or the
    label was unambiguous (支付宝账号：zhangsan); a plain word after "WeChat" is not."""
    value = compact(account)
    if len(value) < 5:
        return False
    return bool(re.search(r"[\d@_]", account)) or labelled_strongly


STRONG_LABEL = re.compile(r"(?:账号|帐号|账户|帐户|号码|号|\bid\b|account|[:：=＝]|[" + re.escape(OPEN) + "])", re.I)


def payment_accounts(view: View, listed: set[str]) -> list[tuple[int, str, str]]:
    """(view index, kind, account) for every payment account in the view not listed."""
    text = view.text
    found: list[tuple[int, int, str, str]] = []

    def add(at: int, kind: str, account: str) -> None:
        end = at + len(account)
        if compact(account) in listed or any(at < taken_end and taken_at < end for taken_at, taken_end, _, _ in found):
            return
        found.append((at, end, kind, account))

    for number in long_numbers(view):
        digits = number.digits
        before = text[max(0, number.start - 40):number.start]
        if 16 <= len(digits) <= 19 or 13 <= len(digits) <= 19 and luhn(digits):
            add(number.start, "a bank card number · 银行卡号", number.text)
        elif len(digits) >= 20 or ACCOUNT_WORDS.search(before):
            add(number.start, "an account number · 账号", number.text)
    for kind, pattern in LABELLED:
        position = 0
        while match := pattern.search(text, position):
            account = match.group("account")
            glue = text[match.start():match.start("account")]
            slang = bool(re.match(WECHAT_SLANG, match.group(0)))
            if is_account(account, slang or bool(STRONG_LABEL.search(glue))):
                add(match.start("account"), kind, account)
                position = match.end()
            else:
                position = match.start() + 1
    for match in BEFORE_LABEL.finditer(text):
        if is_account(match.group("account"), True) and re.search(r"[\d@_]", match.group("account")):
            add(match.start(), "an account named after it · 账户", match.group("account"))
    for match in CORPORATE.finditer(text):
        add(match.start("account"), "a payee's account details · 收款人或开户行", match.group("account"))
    return sorted((at, kind, account) for at, _, kind, account in found)


def listed_accounts(data: dict) -> set[str]:
    entries = (data.get("payment_accounts") or {}).get("accounts") or []
    return {compact(str(entry["account"])) for entry in entries}


def check(page: Page, data: dict) -> list[Problem]:
    """No bank card, Alipay, WeChat or other payment account unless reviewed."""
    listed = listed_accounts(data)
    view = markdown_view(page.text)
    problems = [Problem(page.label, view.line(at), f"'{shorten(account)}' looks like {kind}: {PAYMENT_ADVICE}")
                for at, kind, account in payment_accounts(view, listed)]
    links = visible(View.of(page.text))
    for found in markdown_urls(links):
        if found.url.scheme in APP_SCHEMES:
            problems.append(Problem(page.label, links.line(found.at),
                                    f"'{shorten(found.url.written)}' is a payment or app link ({found.url.scheme}:): "
                                    f"{PAYMENT_ADVICE}"))
    return problems
