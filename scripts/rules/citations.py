"""Rule citations: every article a page cites is in the citation ledger, with what it rests on.

Why: an article number is a promise to the reader ("look it up, it says
this"). data/documents.yml lists, per document and version, the articles
the guide cites, each with the fact-sheet row or primary text it rests on.
A page that cites an article the ledger does not list, a listed article no
page cites any more, or an article of a superseded text (the 2017 Arbitration
Law) cited as if it were current, fails here, naming the file and line.

How a citation is read: 「《中华人民共和国民事诉讼法》第 227、228 条」,
「第 225—228 条」, 「第 253 条之一」; "Civil Procedure Law (《…》), Arts. 227
and 228", "Art. 253-1". An article belongs to the nearest 《document》 before
it in the same section (a heading or an admonition starts a new one). A
superseded version is meant when its marker (e.g. "2017") stands between
the previous citation and the article, as in 「2017 年《仲裁法》第 20 条」.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from markdown_pages import ADMONITION, DOCUMENT_TITLE, HEADING, Page
from problems import Problem

NAME = "citations"
LEDGER = "data/documents.yml"
CHINESE_SUFFIX = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
ZH_ARTICLES = re.compile(r"第\s*(?P<list>\d+(?:\s*[、，,—–]\s*\d+)*)\s*条(?:之(?P<suffix>[一二三四五六七八九]))?")
EN_NUMBER = r"\d+(?:-\d+)?(?:\(\d+\))*"
EN_ARTICLES = re.compile(r"\bArt(?:icle)?s?\.?\s+(?P<list>" + EN_NUMBER +
                         r"(?:\s*(?:,|and|–|—|to)\s*" + EN_NUMBER + r")*)")


@dataclass(frozen=True)
class Citation:
    document: str  # the full Chinese title (aliases resolved)
    version: str  # "" for the current text
    article: str  # "227", "253-1"
    line: int


def zh_articles(match: re.Match[str]) -> list[str]:
    numbers = expand(re.split(r"\s*([、，,—–])\s*", match.group("list")))
    if match.group("suffix"):
        numbers[-1] = f"{numbers[-1]}-{CHINESE_SUFFIX[match.group('suffix')]}"
    return numbers


def en_articles(match: re.Match[str]) -> list[str]:
    parts = re.split(r"\s*(,|and|–|—|to)\s*", match.group("list"))
    cleaned = []
    for part in parts:
        part = re.sub(r"\(\d+\)", "", part)  # Art. 20(2): paragraph 2 of Art. 20
        if "-" in part:
            head, tail = part.split("-", 1)
            # 253-1 is 第 253 条之一; 225-228 would be a range.
            part = f"{head}-{tail}" if int(tail) < int(head) else f"{head}—{tail}"
            if "—" in part:
                cleaned += [head, "—", tail]
                continue
        cleaned.append(part)
    return expand(cleaned)


def expand(tokens: list[str]) -> list[str]:
    """Numbers and separators → article ids, ranges (—, –, to) expanded."""
    articles: list[str] = []
    range_next = False
    for token in tokens:
        if token in ("—", "–", "to"):
            range_next = True
            continue
        if token in ("、", "，", ",", "and", ""):
            continue
        if range_next and articles and articles[-1].isdigit() and token.isdigit():
            articles += [str(n) for n in range(int(articles[-1]) + 1, int(token) + 1)]
        else:
            articles.append(token)
        range_next = False
    return articles


class Ledger:
    """data/documents.yml, read as the list of cited articles per document and version."""

    def __init__(self, documents: list[dict]) -> None:
        self.canonical: dict[str, str] = {}
        self.articles: dict[tuple[str, str], dict[str, str]] = {}
        self.markers: dict[str, dict[str, str]] = {}  # document → {marker: version}
        for entry in documents:
            self.canonical[entry["zh"]] = entry.get("alias_of", entry["zh"])
        for entry in documents:
            if "alias_of" in entry:
                continue
            if "cited" in entry:
                self.articles[(entry["zh"], "")] = {str(k): v for k, v in (entry["cited"] or {}).items()}
            for version in entry.get("versions", []):
                name = "" if version.get("current") else str(version["name"])
                self.articles[(entry["zh"], name)] = {str(k): v for k, v in (version.get("cited") or {}).items()}
                if name:
                    self.markers.setdefault(entry["zh"], {})[str(version.get("marker", name))] = name

    def listed(self, document: str, version: str, article: str) -> bool:
        return article in self.articles.get((document, version), {})

    def versions_listing(self, document: str, article: str) -> list[str]:
        return [version for (doc, version), cited in self.articles.items() if doc == document and article in cited]


def page_citations(page: Page, ledger: Ledger) -> tuple[list[Citation], list[Problem]]:
    citations: list[Citation] = []
    problems: list[Problem] = []
    article_pattern = ZH_ARTICLES if page.lang == "zh" else EN_ARTICLES
    reader = zh_articles if page.lang == "zh" else en_articles
    document, version = "", ""
    for number, text in page.body():
        if HEADING.match(text) or ADMONITION.match(text):
            document, version = "", ""
            continue
        titles = list(DOCUMENT_TITLE.finditer(text))
        previous_end = 0
        for match in sorted([*titles, *article_pattern.finditer(text)], key=lambda m: m.start()):
            if match.re is DOCUMENT_TITLE:
                document = ledger.canonical.get(match.group(1), match.group(1))
                version = ""
                # 「2017 年《仲裁法》」, "the 2017 text of the Arbitration Law (《…》)"
                window = text[previous_end:match.start()]
                for marker, name in ledger.markers.get(document, {}).items():
                    if marker in window:
                        version = name
                previous_end = match.end()
                continue
            previous_end = match.end()
            if not document:
                problems.append(Problem(page.label, number,
                                        f"'{match.group(0)}' cites an article with no 《document》 before it in this "
                                        f"section: name the document on the same line, e.g. 《民事诉讼法》第 227 条"))
                continue
            citations += [Citation(document, version, article, number) for article in reader(match)]
    return citations, problems


def ledger_line(text: str, document: str, article: str | None = None) -> int:
    """Where the document (or one of its articles) stands in the ledger file."""
    start = text.find(f"zh: {document}\n")
    if start < 0:
        return 1
    index = start
    if article is not None:
        found = re.search(rf"^\s+['\"]?{re.escape(article)}['\"]?:", text[start:], re.M)
        index = start + found.start() if found else start
    return text.count("\n", 0, index) + 1


def check_pages(pages: list[Page], data: dict) -> list[Problem]:
    documents = data["documents"].get("documents", [])
    ledger = Ledger(documents)
    ledger_path = data.get("paths", {}).get("documents")
    ledger_text = Path(ledger_path).read_text(encoding="utf-8") if ledger_path else ""
    problems: list[Problem] = []
    cited: set[tuple[str, str, str]] = set()
    for page in pages:
        citations, found = page_citations(page, ledger)
        problems += found
        for citation in citations:
            key = (citation.document, citation.version, citation.article)
            cited.add(key)
            if ledger.listed(*key):
                continue
            label = f"《{citation.document}》" + (f" ({citation.version})" if citation.version else "")
            others = ledger.versions_listing(citation.document, citation.article)
            if not citation.version and others:
                problems.append(Problem(page.label, citation.line,
                                        f"Art. {citation.article} of {label} is cited as current, but the ledger lists "
                                        f"it only for the superseded {', '.join(others)} text: write the version on the "
                                        f"line (e.g. 2017 年《仲裁法》) or cite the current article"))
            else:
                problems.append(Problem(page.label, citation.line,
                                        f"Art. {citation.article} of {label} is not in the citation ledger ({LEDGER}): "
                                        f"list it under the document with the fact-sheet row or primary text it rests on"))
    for (document, version), articles in ledger.articles.items():
        for article, source in articles.items():
            where = ledger_line(ledger_text, document, article)
            if not str(source or "").strip():
                problems.append(Problem(LEDGER, where, f"Art. {article} of 《{document}》 needs the fact-sheet row "
                                                       f"or primary text it rests on"))
            if (document, version, article) not in cited:
                problems.append(Problem(LEDGER, where, f"Art. {article} of 《{document}》"
                                                       f"{f' ({version})' if version else ''} is listed but no page "
                                                       f"cites it: remove it from the ledger"))
    return problems
