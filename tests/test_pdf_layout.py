"""The PDFs' page layout (issue 13): each printable card of the cards page
is alone on one page, as when the page is printed from a browser, and the
running header is one line on every page, in both languages.

Each language is built as the release builds it (an offline build, then
scripts/build_pdf.py) and read back with poppler's pdftotext. Both checks
also run on small PDFs made from tests/fixtures/pdf/, where they must fail.
"""
from __future__ import annotations

import html

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from build_pdf import build_pdf, load_settings
from build_release import language_env
from build_site import mkdocs_build
from conftest import FIXTURES, ROOT

SETTINGS = load_settings()
LANGUAGES: list[str] = SETTINGS["languages"]
# Text whose top is above this line (points from the top of the page) is the
# running header. The top margin in scripts/pdf.css is 16 mm; a big chapter
# title's glyphs reach a little above the margin, the header's stay above 12 mm.
HEADER_BOTTOM_PT = 12 / 25.4 * 72
# List markers WeasyPrint draws as text; the HTML has no such characters.
BULLETS = {"•", "◦", "▪"}


@pytest.fixture(scope="module", params=LANGUAGES)
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(offline site, PDF) for one language."""
    lang = request.param
    work = tmp_path_factory.mktemp(f"pdf-{lang}")
    result = mkdocs_build(ROOT / "mkdocs.yml", work / "site", language_env(lang, LANGUAGES), quiet=True)
    assert result.returncode == 0, result.stderr
    build_pdf(work / "site", lang, work / f"guide-{lang}.pdf", "test")
    return work / "site", work / f"guide-{lang}.pdf"


# --- reading the PDF ---------------------------------------------------------------

@dataclass
class Word:
    page: int
    top: float
    text: str


def pdf_words(pdf: Path) -> list[Word]:
    """Every word of the PDF with its page (from 1) and top edge in points."""
    xhtml = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    words = []
    for number, page in enumerate(xhtml.split("<page ")[1:], start=1):
        for top, text in re.findall(r'<word [^>]*yMin="([\d.]+)"[^>]*>([^<]*)</word>', page):
            words.append(Word(number, float(top), html.unescape(text)))  # pdftotext writes &quot; for "
    return words


def squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


def page_texts(words: list[Word]) -> dict[int, str]:
    """Each page's body text (no running header, no list bullets), whitespace removed."""
    texts: dict[int, list[str]] = {}
    for word in words:
        if word.top >= HEADER_BOTTOM_PT and word.text not in BULLETS:
            texts.setdefault(word.page, []).append(word.text)
    return {page: squeezed("".join(parts)) for page, parts in texts.items()}


# --- running header -------------------------------------------------------------------

def header_problems(words: list[Word]) -> list[str]:
    """Pages whose running header takes more than one line."""
    tops: dict[int, set[float]] = {}
    for word in words:
        if word.top < HEADER_BOTTOM_PT:
            tops.setdefault(word.page, set()).add(round(word.top, 1))
    return [f"page {page}: the running header takes {len(lines)} lines"
            for page, lines in sorted(tops.items()) if len(lines) > 1]


def test_running_header_is_one_line_on_every_page(built: tuple[Path, Path]) -> None:
    words = pdf_words(built[1])
    assert sum(1 for word in words if word.top < HEADER_BOTTOM_PT) > 100  # there is a header to check
    assert header_problems(words) == []


# --- printable cards ------------------------------------------------------------------

@dataclass
class Card:
    first: str    # the card's first words
    last: str     # its last words
    before: str   # the last words before it
    after: str    # the first words after it


def block_text(element: Tag | None) -> str:
    return squeezed(element.get_text(" ", strip=True)) if element is not None else ""


def cards_of(page_html: str) -> list[Card]:
    """The print cards of a page, with the text around each, whitespace removed."""
    soup = BeautifulSoup(page_html, "html.parser")
    for unwanted in soup.select("a.headerlink"):
        unwanted.decompose()
    cards = []
    for card in soup.select("article .print-card"):
        text = block_text(card)
        before = card.find_previous_sibling(lambda tag: isinstance(tag, Tag) and block_text(tag))
        after = card.find_next_sibling(lambda tag: isinstance(tag, Tag) and block_text(tag))
        cards.append(Card(text[:12], text[-12:], block_text(before)[-12:], block_text(after)[:12]))
    return cards


def card_problems(texts: dict[int, str], cards: list[Card]) -> list[str]:
    """Cards that do not stand alone on one page."""
    problems = []
    for number, card in enumerate(cards, start=1):
        pages = [page for page, text in texts.items() if card.first in text]
        if len(pages) != 1:
            problems.append(f"card {number}: its first words are on {len(pages)} pages")
            continue
        text = texts[pages[0]]
        if not text.startswith(card.first):
            problems.append(f"card {number}: does not start its page {pages[0]}")
        if card.last not in text:
            problems.append(f"card {number}: runs on past page {pages[0]}")
        if card.before and card.before in text:
            problems.append(f"card {number}: shares page {pages[0]} with the text before it")
        if card.after and card.after in text:
            problems.append(f"card {number}: shares page {pages[0]} with the text after it")
    return problems


def test_each_card_has_a_page_of_its_own(built: tuple[Path, Path]) -> None:
    site, pdf = built
    cards = cards_of((site / "cards.html").read_text(encoding="utf-8"))
    assert len(cards) >= 2
    assert card_problems(page_texts(pdf_words(pdf)), cards) == []


# --- the checks fail where they must ----------------------------------------------------

def fixture_pdf(name: str, target: Path) -> Path:
    """A small PDF from tests/fixtures/pdf/<name>.html, laid out with pdf.css."""
    from weasyprint import CSS, HTML
    pdf = target / f"{name}.pdf"
    HTML(filename=str(FIXTURES / "pdf" / f"{name}.html")).write_pdf(
        pdf, stylesheets=[CSS(filename=str(ROOT / "scripts" / "pdf.css"))])
    return pdf


def test_header_check_fails_on_a_header_that_wraps(tmp_path: Path) -> None:
    problems = header_problems(pdf_words(fixture_pdf("header-wraps", tmp_path)))
    assert problems == ["page 1: the running header takes 2 lines"]


def test_card_check_fails_on_cards_that_share_pages(tmp_path: Path) -> None:
    html = (FIXTURES / "pdf" / "cards-share-page.html").read_text(encoding="utf-8")
    texts = page_texts(pdf_words(fixture_pdf("cards-share-page", tmp_path)))
    assert card_problems(texts, cards_of(html)) == [
        "card 1: does not start its page 1",
        "card 1: shares page 1 with the text before it",
        "card 1: shares page 1 with the text after it",
        "card 2: does not start its page 1",
        "card 2: runs on past page 1",
        "card 2: shares page 1 with the text before it",
    ]
