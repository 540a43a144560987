"""Budgets from data/budgets.yml beyond the first view of every page (which
tests/test_pages.py checks): search loads its own language's index once the
reader starts a search; the local server sends gzip like a real host; and
Lighthouse's accessibility, best-practices and SEO scores hold on each
language's home page and heaviest page. The performance score and timings
depend on the machine's load: they are the benchmark's job
(scripts/benchmark.py), never a test's."""
from __future__ import annotations

import gzip
import urllib.request
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import Browser

import first_view
import lighthouse
from conftest import FIXTURES, ROOT, published_pages
from local_server import gzipped

pytestmark = pytest.mark.browser

BUDGETS = yaml.safe_load((ROOT / "data" / "budgets.yml").read_text(encoding="utf-8"))
PAGES = published_pages()


# (start page, query, the index that must load, a result that must appear)
SEARCH_STARTS = [
    ("", "征信", "/search/search_index.json", "/credit-and-law/"),
    ("en/stages/", "complaint", "/en/search/search_index.json", "/en/complaints/"),
]


@pytest.mark.parametrize("start, query, index, result", SEARCH_STARTS)
def test_search_index_loads_when_the_reader_starts_a_search(
        browser: Browser, site_url: str, start: str, query: str, index: str, result: str) -> None:
    page = browser.new_page(viewport={"width": 360, "height": 740})
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(site_url + start, wait_until="networkidle")
    before = [url for url in requests if first_view.SEARCH_FILES.search(url)]
    page.keyboard.press("/")  # Material's shortcut: focus the search box
    page.keyboard.type(query)
    page.wait_for_selector(f".md-search-result__list a[href*='{result}']")
    after = [url.removeprefix(site_url[:-1]) for url in requests if first_view.SEARCH_FILES.search(url)]
    page.close()
    assert before == []
    assert index in after and any("/workers/search." in url for url in after), after


@pytest.mark.parametrize("accept, encoding", [("gzip, deflate", "gzip"), ("", None)])
def test_local_server_sends_gzip_only_when_accepted(built_site: Path, site_url: str,
                                                    accept: str, encoding: str | None) -> None:
    request = urllib.request.Request(site_url + "en/", headers={"Accept-Encoding": accept})
    with urllib.request.urlopen(request) as response:
        body, header = response.read(), response.headers.get("Content-Encoding")
        assert response.headers.get("LinkChecker")  # the rate opt-in stays
    html = (built_site / "en" / "index.html").read_bytes()
    assert header == encoding
    assert (gzip.decompress(body) if encoding else body) == html
    assert len(gzipped(html)) < len(html) / 2


# --- Lighthouse on each language's home page and heaviest page -------------

def language_pages(lang: str) -> list[str]:
    return [p for p in PAGES if p.startswith("en/") == (lang == "en")]


def heaviest_page(site: Path, pages: list[str]) -> str:
    """The page with the largest HTML: every page shares the same theme
    files, so the HTML decides which first view is heaviest."""
    return max(pages, key=lambda p: len(gzipped((site / p / "index.html").read_bytes())))


def test_heaviest_page_is_picked_by_its_html(tmp_path: Path) -> None:
    for page, size in (("", 10), ("faq/", 3000), ("letters/", 900)):
        (tmp_path / page).mkdir(exist_ok=True)
        (tmp_path / page / "index.html").write_bytes(bytes(range(256)) * size)
    assert heaviest_page(tmp_path, ["", "faq/", "letters/"]) == "faq/"


@pytest.mark.parametrize("which, lang", [("home", "zh"), ("home", "en"), ("heaviest", "zh"), ("heaviest", "en")])
def test_lighthouse_scores_meet_the_budget(built_site: Path, site_url: str, which: str, lang: str) -> None:
    home = {"zh": "", "en": "en/"}[lang]
    path = heaviest_page(built_site, language_pages(lang)) if which == "heaviest" else home
    report = lighthouse.run(site_url + path, categories=lighthouse.STEADY_CATEGORIES)
    assert lighthouse.budget_problems(report, BUDGETS["lighthouse"]) == [], path


def test_lighthouse_budget_leaves_timings_to_the_benchmark() -> None:
    assert set(BUDGETS["lighthouse"]) == set(lighthouse.STEADY_CATEGORIES)
    assert "performance" not in lighthouse.STEADY_CATEGORIES


def test_lighthouse_check_names_the_failing_categories_and_audits() -> None:
    import json
    report = json.loads((FIXTURES / "budgets" / "lighthouse-broken.json").read_text(encoding="utf-8"))
    problems = lighthouse.budget_problems(report, BUDGETS["lighthouse"])
    assert any(p.startswith("accessibility") and "label" in p for p in problems), problems
    assert any(p.startswith("seo") and "meta-description" in p for p in problems), problems
