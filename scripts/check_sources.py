"""Check the Markdown pages in docs/ before anything is built.

Why: volunteers edit these pages through pull requests. Each rule here
catches a mistake that would mislead or endanger a reader (a typed phone
number, an outdated regulator, a damaged phrase from the source article) or
break the guide's shape (no summary, no next steps, missing translation),
and reports it as ``file:line: message`` so the fix is one click away.
On GitHub Actions it also prints workflow annotations.

Usage: python scripts/check_sources.py [--docs docs] [--data data]
"""
from __future__ import annotations

import argparse
import datetime
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

import yaml

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ("zh", "en")
CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
CJK_CHAR = re.compile(f"[{CJK}]")
PLACEHOLDER = re.compile(r"\{\{\s*phone\.([A-Za-z0-9_]+)\s*\}\}")
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*$")
HEADING_ID = re.compile(r"\{\s*#([A-Za-z0-9_-]+)[^}]*\}\s*$")
ADMONITION = re.compile(r"^(\s*)(?:!!!|\?\?\?\+?)\s*([\w-]+)(?:\s+\"(.*)\")?\s*$")
TASK_ITEM = re.compile(r"^\s*[-*+]\s+\[[ xX]\]\s+")
LINK = re.compile(r"(?<!!)\[([^\]]*)\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")
DOCUMENT_TITLE = re.compile(r"《([^》]+)》")
# Numbers a reader might dial: emergency numbers, 5-digit service lines,
# mobiles, landlines and 400 numbers. Article numbers and years never match:
# "第 110 条" and "Art. 110" are excluded by the lookbehind.
PHONE_LIKE = re.compile(
    r"(?<![\d.\-/#])(?<!第 )(?<!Art\. )(?<!Arts\. )"
    r"(?:11[09]|12[02]|[19]\d{4}|1[3-9]\d{9}|400-?\d{3}-?\d{4}|0\d{2,3}-\d{7,8})"
    r"(?![\d\-/])(?! 条)")
# Official document numbers keep their own form: 金规〔2024〕26号.
OFFICIAL_NUMBER = re.compile(r"〔\d{4}〕\d+号")

# Where a reviewer adds what a check rejects, and what it needs. Each message
# is in English and Chinese: a contributor may read either.
PHONE_ADVICE = ("write {{ phone.KEY }}; a new number goes in data/contacts.yml with its source "
                "(a primary document or a high/medium row of the fact sheet) · "
                "请写 {{ phone.KEY }}；新号码须连同来源（原始文件或事实表中 high/medium 的一行）加入 data/contacts.yml")
DOMAIN_ADVICE = ("link only to official sites; to add one, put it in data/allowed_domains.yml in a pull request "
                 "that cites a source showing the site is official · "
                 "只链接官方网站；新增网站须在 data/allowed_domains.yml 中加入，并在拉取请求中附上证明其为官方网站的来源")
PAYMENT_ADVICE = ("this guide never tells readers where to send money: remove it. Only if a reviewer agrees it must "
                  "appear, list it in data/payment_accounts.yml with its source · "
                  "本指南从不告诉读者把钱转到哪里：请删除。确需出现的，须经审核并连同来源列入 data/payment_accounts.yml")

# Payment accounts: scammers slip "repay here" accounts into pages like this
# one. Each pattern captures a label's separator ("sep": a colon, 是, is) and
# the account. A word after a bare label ("WeChat messages") is no account:
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


@dataclass(frozen=True)
class Problem:
    """One finding, located so an editor or CI annotation can jump to it."""

    path: str
    line: int
    message: str
    column: int = 0  # 1-based; 0 when the whole line is meant

    def __str__(self) -> str:
        where = f"{self.line}:{self.column}" if self.column else f"{self.line}"
        return f"{self.path}:{where}: {self.message}"


@dataclass
class Page:
    """A Markdown page split into front matter and body, with line numbers."""

    path: Path
    label: str
    lang: str
    slug: str
    lines: list[str]
    meta: dict = field(default_factory=dict)
    meta_error: str = ""
    body_start: int = 0  # index into lines of the first body line

    @classmethod
    def load(cls, path: Path, docs_dir: Path) -> "Page":
        relative = path.relative_to(docs_dir)
        lang = relative.parts[0]
        slug = relative.relative_to(lang).with_suffix("").as_posix()
        label = f"{docs_dir.name}/{relative.as_posix()}"
        lines = path.read_text(encoding="utf-8").splitlines()
        page = cls(path, label, lang, slug, lines)
        if lines and lines[0].strip() == "---":
            try:
                end = lines.index("---", 1)
            except ValueError:
                page.meta_error = "front matter has no closing ---"
                return page
            try:
                page.meta = yaml.safe_load("\n".join(lines[1:end])) or {}
            except yaml.YAMLError as error:
                page.meta_error = f"front matter is not valid YAML: {error}"
            page.body_start = end + 1
        return page

    def body(self) -> Iterable[tuple[int, str]]:
        """(line number, text) of body lines outside fenced code blocks."""
        fence = ""
        for index in range(self.body_start, len(self.lines)):
            text = self.lines[index]
            stripped = text.strip()
            marker = re.match(r"(`{3,}|~{3,})", stripped)
            if marker:
                if not fence:
                    fence = marker.group(1)
                    continue
                if stripped.startswith(fence):
                    fence = ""
                    continue
            if not fence:
                yield index + 1, text

    def headings(self) -> list[tuple[int, int, str, str]]:
        """(line, level, text, anchor id or '') for every heading in the body."""
        found = []
        for number, text in self.body():
            match = HEADING.match(text)
            if match:
                anchor = HEADING_ID.search(match.group(2))
                title = HEADING_ID.sub("", match.group(2)).strip()
                found.append((number, len(match.group(1)), title, anchor.group(1) if anchor else ""))
        return found


def load_pages(docs_dir: Path) -> list[Page]:
    return [Page.load(path, docs_dir)
            for lang in LANGUAGES
            for path in sorted((docs_dir / lang).rglob("*.md"))]


def load_yaml(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}


# --- checks on one page -----------------------------------------------------

def check_front_matter(page: Page, data: dict) -> list[Problem]:
    if page.meta_error:
        return [Problem(page.label, 1, page.meta_error)]
    problems = [Problem(page.label, 1, f"front matter lacks '{key}'")
                for key in ("title", "description", "reviewed") if not page.meta.get(key)]
    reviewed = page.meta.get("reviewed")
    if reviewed and not isinstance(reviewed, datetime.date):
        problems.append(Problem(page.label, 1, "reviewed must be a date like 2026-11-29"))
    elif reviewed and reviewed > datetime.date.today():
        problems.append(Problem(page.label, 1, f"reviewed date {reviewed} is in the future"))
    return problems


def check_structure(page: Page, data: dict) -> list[Problem]:
    """A summary admonition first, anchored sections, next steps last."""
    problems = []
    summary_title = data["structure"][page.lang]["summary"]
    next_title = data["structure"][page.lang]["next"]
    body = [(number, text) for number, text in page.body() if text.strip()]
    if not body or not body[0][1].startswith("# "):
        where = body[0][0] if body else 1
        problems.append(Problem(page.label, where, "the body must start with '# title'"))
    elif page.meta.get("title") and body[0][1][2:].strip() != str(page.meta["title"]).strip():
        problems.append(Problem(page.label, body[0][0], "'# title' differs from front matter title"))
    first_block = body[1] if len(body) > 1 else (1, "")
    admonition = ADMONITION.match(first_block[1])
    if not admonition or admonition.group(2) != "abstract" or admonition.group(3) != summary_title:
        problems.append(Problem(page.label, first_block[0],
                                f'the page must open with !!! abstract "{summary_title}"'))
    sections = [h for h in page.headings() if h[1] >= 2]
    for number, level, title, anchor in sections:
        if not anchor:
            problems.append(Problem(page.label, number, f"heading '{title}' needs an explicit {{#id}}"))
    h2 = [h for h in sections if h[1] == 2]
    if not h2 or h2[-1][3] != "next" or h2[-1][2] != next_title:
        where = h2[-1][0] if h2 else len(page.lines)
        problems.append(Problem(page.label, where,
                                f"the last section must be '## {next_title} {{#next}}'"))
    return problems


def check_phone_numbers(page: Page, data: dict) -> list[Problem]:
    """Numbers only through {{ phone.KEY }}, with keys from contacts.yml."""
    problems = []
    for number, text in page.body():
        for match in PLACEHOLDER.finditer(text):
            if match.group(1) not in data["contacts"]:
                problems.append(Problem(page.label, number, f"unknown phone key '{match.group(1)}'"))
        bare = PLACEHOLDER.sub("", strip_link_targets(text))
        for match in PHONE_LIKE.finditer(bare):
            problems.append(Problem(
                page.label, number, f"'{match.group(0)}' looks like a phone number: {PHONE_ADVICE}"))
    return problems


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


def check_payment_accounts(page: Page, data: dict) -> list[Problem]:
    """No bank card, Alipay, WeChat or other payment account unless reviewed."""
    listed = listed_accounts(data)
    problems = []
    for number, text in enumerate(page.lines, start=1):
        bare = OFFICIAL_NUMBER.sub("", PLACEHOLDER.sub("", text))
        for kind, account in payment_accounts(bare, listed):
            problems.append(Problem(page.label, number, f"'{account}' looks like {kind}: {PAYMENT_ADVICE}"))
    return problems


def check_damaged_phrases(page: Page, data: dict) -> list[Problem]:
    problems = []
    phrases = data["glossary"].get("damaged_phrases", [])
    outdated = data["glossary"].get("outdated", [])
    avoid = [term for entry in data["glossary"].get("terms", [])
             for term in entry.get(f"avoid_{page.lang}", [])]
    for number, text in enumerate(page.lines, start=1):
        for phrase in phrases:
            if phrase in text:
                problems.append(Problem(page.label, number,
                                        f"damaged phrase from the source article: '{phrase}'"))
        for term in avoid:
            if term in text:
                problems.append(Problem(page.label, number, f"avoid '{term}' (see data/glossary.yml)"))
        for rule in outdated:
            if re.search(rule["pattern"], text):
                problems.append(Problem(page.label, number, rule["why"]))
    return problems


def check_external_links(page: Page, data: dict) -> list[Problem]:
    allowed = set(data["domains"].get("allowed", []))
    problems = []
    for number, text in page.body():
        for url in re.findall(r"https?://[^\s)>\]\"']+", text):
            host = re.sub(r"^https?://", "", url).split("/")[0].split(":")[0].lower()
            if host not in allowed:
                problems.append(Problem(page.label, number,
                                        f"link to '{host}' is not in data/allowed_domains.yml: {DOMAIN_ADVICE}"))
    return problems


def check_chinese_typography(page: Page, data: dict) -> list[Problem]:
    """中文文案排版指北: spacing and full-width punctuation on Chinese pages."""
    if page.lang != "zh":
        return []
    problems = []
    rules = (
        (re.compile(f"[{CJK}][A-Za-z0-9]|[A-Za-z0-9][{CJK}]"),
         "put a space between Chinese and Latin letters or digits"),
        (re.compile(f"[{CJK}][,;:!?]|[{CJK}]\\((?!\\s)"),
         "use full-width punctuation after Chinese text"),
        (re.compile(r"(?<=\S) +[，。：；！？、）》」』]|[，。：；！？、（《「『] +(?=[^\s|])"),
         "no spaces around full-width punctuation"),
    )
    for number, text in page.body():
        prose = prose_only(text)
        for pattern, message in rules:
            match = pattern.search(prose)
            if match:
                problems.append(Problem(page.label, number, f"{message}: '…{match.group(0)}…'"))
    return problems


def check_english_prose(page: Page, data: dict) -> list[Problem]:
    """English pages: Chinese only inside brackets, after the English term."""
    if page.lang != "en":
        return []
    problems = []
    lines = [(1, f"{page.meta.get('title', '')} {page.meta.get('description', '')}")]
    for number, text in lines + list(page.body()):
        outside = prose_only(text)
        previous = None
        while previous != outside:
            previous = outside
            outside = re.sub(r"[(（][^()（）]*[)）]", "", outside)
        match = CJK_CHAR.search(outside)
        if match:
            start = max(match.start() - 10, 0)
            problems.append(Problem(page.label, number,
                                    f"untranslated Chinese outside brackets: '{outside[start:match.end() + 10]}'"))
    return problems


def enclosing_bracket_start(text: str, position: int) -> int:
    """Index of the ( or （ that encloses position, or -1."""
    depth = 0
    for index in range(position - 1, -1, -1):
        if text[index] in ")）":
            depth += 1
        elif text[index] in "(（":
            if depth == 0:
                return index
            depth -= 1
    return -1


def check_legal_terms_first_use(page: Page, data: dict) -> list[Problem]:
    """English pages give the Chinese of a legal term in brackets at first use."""
    if page.lang != "en":
        return []
    problems = []
    # Headings stay short; the bracket goes on the first use in the text.
    body = [(number, prose_only(text)) for number, text in page.body() if not HEADING.match(text)]
    for term in data["glossary"].get("terms", []):
        if not term.get("legal"):
            continue
        english = term["en"].split(" (")[0]
        plural = r"(?:y|ies)" if english.endswith("y") else r"s?"
        stem = english[:-1] if english.endswith("y") else english
        pattern = re.compile(r"\b" + re.escape(stem) + plural + r"\b", re.I)
        for number, text in body:
            match = pattern.search(text)
            if match:
                after = text[match.end():]
                closing = re.search(r"[)）]", after)
                inside_bracket = enclosing_bracket_start(text, match.start()) >= 0 and closing
                bracketed = (re.match(r"\s*[(（][^)）]*" + re.escape(term["zh"]), after)
                             or (inside_bracket and term["zh"] in after[:closing.start()]))
                if not bracketed:
                    problems.append(Problem(page.label, number,
                                            f"first use of '{english}' needs the Chinese in brackets: ({term['zh']})"))
                break
    return problems


def check_document_names(page: Page, data: dict) -> list[Problem]:
    """Each 《document》 is known; English pages name it the one agreed way."""
    documents = {entry["zh"]: entry for entry in data["documents"].get("documents", [])}
    problems = []
    for number, text in page.body():
        for match in DOCUMENT_TITLE.finditer(text):
            entry = documents.get(match.group(1))
            if entry is None:
                problems.append(Problem(page.label, number,
                                        f"《{match.group(1)}》 is not in data/documents.yml"))
                continue
            if page.lang != "en":
                continue
            before = text[:max(enclosing_bracket_start(text, match.start()), 0)].rstrip()
            names = [entry["en"]] + ([entry["short_en"]] if entry.get("short_en") else [])
            if not any(before.endswith(name) for name in names):
                problems.append(Problem(page.label, number,
                                        f"write '{entry['en']}' before (《{match.group(1)}》), as in data/documents.yml"))
    return problems


PAGE_CHECKS: list[Callable[[Page, dict], list[Problem]]] = [
    check_front_matter,
    check_structure,
    check_phone_numbers,
    check_payment_accounts,
    check_damaged_phrases,
    check_external_links,
    check_chinese_typography,
    check_english_prose,
    check_legal_terms_first_use,
    check_document_names,
]


# --- checks across pages ----------------------------------------------------

def check_translations_exist(pages: list[Page], data: dict) -> list[Problem]:
    by_lang = {lang: {p.slug: p for p in pages if p.lang == lang} for lang in LANGUAGES}
    problems = []
    for lang in LANGUAGES:
        for other in LANGUAGES:
            for slug, page in by_lang[lang].items():
                if other != lang and slug not in by_lang[other]:
                    problems.append(Problem(page.label, 1, f"no '{other}' translation: add docs/{other}/{slug}.md"))
    return problems


def check_documents_listed(pages: list[Page], data: dict) -> list[Problem]:
    """Every 《document》 named on a page is listed on that language's references page."""
    problems = []
    for lang in LANGUAGES:
        references = next((p for p in pages if p.lang == lang and p.slug == "references"), None)
        if references is None:
            continue
        listed = set(DOCUMENT_TITLE.findall("\n".join(references.lines)))
        for page in pages:
            if page.lang != lang:
                continue
            for number, text in page.body():
                for title in DOCUMENT_TITLE.findall(text):
                    if title not in listed:
                        problems.append(Problem(page.label, number,
                                                f"《{title}》 is not listed on {references.label}"))
    return problems


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
        left, right = per_section(source), per_section(target)
        for section in sorted(set(left) | set(right), key=lambda key: section_lines.get(key, 0)):
            if left.get(section, []) != right.get(section, []):
                return Problem(label, section_lines.get(section, 1),
                               f"{kind} differ from {source_label} in section #{section or 'top'}: "
                               f"{left.get(section, [])} there, {right.get(section, [])} here")
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


def check_translation_parity(pages: list[Page], data: dict) -> list[Problem]:
    """A translation keeps the page's shape and every fact a reader acts on."""
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


SITE_CHECKS: list[Callable[[list[Page], dict], list[Problem]]] = [
    check_translations_exist,
    check_documents_listed,
    check_translation_parity,
]


# --- helpers ----------------------------------------------------------------

def strip_link_targets(text: str) -> str:
    return LINK.sub(lambda m: m.group(1), text)


def prose_only(text: str) -> str:
    """The reader-visible words of a Markdown line, markup removed."""
    text = re.sub(r"`[^`]*`", "", text)
    text = OFFICIAL_NUMBER.sub("〔〕号", text)
    text = PLACEHOLDER.sub("0", text)
    text = strip_link_targets(text)
    text = re.sub(r"\{[:.#][^}]*\}|\{\s*[.#][^}]*\}", "", text)
    text = re.sub(r"https?://\S+", "", text)
    text = re.sub(r"<!--.*?-->", "", text)
    text = re.sub(r"^\s*(?:[-*+]\s+(?:\[[ xX]\]\s+)?|\d+\.\s+|#+\s+|>\s*)", "", text)
    text = re.sub(r"^\s*(?:!!!|\?\?\?\+?)\s*[\w-]+", "", text)
    text = text.replace("**", "").replace("__", "")
    return text


def load_data(data_dir: Path) -> dict:
    return {
        "contacts": load_yaml(data_dir / "contacts.yml"),
        "glossary": load_yaml(data_dir / "glossary.yml"),
        "domains": load_yaml(data_dir / "allowed_domains.yml"),
        "structure": load_yaml(data_dir / "structure.yml"),
        "documents": load_yaml(data_dir / "documents.yml"),
        "payment_accounts": load_yaml(data_dir / "payment_accounts.yml"),
        "published": load_published(data_dir / "published_urls.txt"),
    }


def load_published(path: Path) -> list[tuple[int, str]]:
    """(line, URL) for every URL in data/published_urls.txt."""
    return [(number, line.strip()) for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
            if line.strip() and not line.startswith("#")]


def published_pages(path: Path) -> list[str]:
    """Every published page as a path under the site root: "" is the Chinese
    home page, "en/" the English one."""
    return [url.removeprefix("./") for _, url in load_published(path)]


def run_checks(docs_dir: Path, data_dir: Path) -> list[Problem]:
    data = load_data(data_dir)
    pages = load_pages(docs_dir)
    problems = [problem for page in pages for check in PAGE_CHECKS for problem in check(page, data)]
    problems += [problem for check in SITE_CHECKS for problem in check(pages, data)]
    return problems


def report(problems: list[Problem]) -> None:
    annotate = os.environ.get("GITHUB_ACTIONS") == "true"
    for problem in problems:
        print(problem)
        if annotate:
            column = f",col={problem.column}" if problem.column else ""
            print(f"::error file={problem.path},line={problem.line}{column}::{problem.message}")


def finish(tool: str, problems: list[Problem]) -> int:
    """Print the problems and a count; the exit status for a checker's main()."""
    report(problems)
    print(f"{tool}: {len(problems)} problem(s)", file=sys.stderr)
    return 1 if problems else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=Path, default=ROOT / "docs")
    parser.add_argument("--data", type=Path, default=ROOT / "data")
    args = parser.parse_args()
    return finish("check_sources", run_checks(args.docs, args.data))


if __name__ == "__main__":
    sys.exit(main())
