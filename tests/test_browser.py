"""Search in Debian's Chromium, driven by Playwright: Chinese and English
queries find the right page, in the reader's language only. Browsers are
never downloaded here: we use /usr/bin/chromium, which scripts/setup.sh
installs. Every published page is opened, and checked for outside requests,
errors and the language switcher, in tests/test_pages.py."""
from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser

from page_visit import DESKTOP, open_for_search, search

pytestmark = pytest.mark.browser


def result_paths(browser: Browser, start: str, query: str) -> list[str]:
    page = open_for_search(browser, start, **DESKTOP)
    paths = [urlsplit(link).path for link in search(page, query)]
    page.close()
    return paths


@pytest.mark.parametrize("query, expected, present", [
    ("上门", "/home-visits/", True),
    ("支付令", "/stages/", True),
    ("征信", "/credit-and-law/", True),
    ("山羊乐队演唱会", "/home-visits/", False),  # proves the assertion can fail
])
def test_chinese_search_finds_expected_page(browser: Browser, site_url: str, query: str, expected: str, present: bool) -> None:
    paths = result_paths(browser, site_url, query)
    assert (expected in paths) is present, paths


def foreign_results(paths: list[str], lang: str) -> list[str]:
    """Result paths that belong to a language other than lang."""
    return [p for p in paths if p.startswith("/en/") != (lang == "en")]


# (start page, query, a page that must be among the results)
SEARCHES = [
    ("en/", "home visit", "/en/home-visits/"),
    ("en/", "payment order", "/en/stages/"),
    ("en/", "credit report", "/en/credit-and-law/"),
    ("en/", "complaint", "/en/complaints/"),
    ("en/", "credit repair", "/en/scams/"),
    ("en/stages/", "App", "/en/messages/"),
    ("", "上门", "/home-visits/"),
    ("", "投诉", "/complaints/"),
    ("stages/", "App", "/messages/"),
]


@pytest.mark.parametrize("start, query, expected", SEARCHES)
def test_search_finds_pages_in_the_reader_language_only(browser: Browser, site_url: str, start: str, query: str, expected: str) -> None:
    paths = result_paths(browser, site_url + start, query)
    lang = "en" if start.startswith("en/") else "zh"
    assert expected in paths, paths
    assert foreign_results(paths, lang) == []


def test_foreign_result_detector_flags_mixed_results() -> None:
    assert foreign_results(["/en/stages/", "/stages/"], "en") == ["/stages/"]
    assert foreign_results(["/en/stages/", "/stages/"], "zh") == ["/en/stages/"]
