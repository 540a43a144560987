"""Real-browser checks in Debian's Chromium, driven by Playwright: pages
render without errors, no request leaves the site's origin, and Chinese
search finds the right page. Browsers are never downloaded here: we use
/usr/bin/chromium, which scripts/setup.sh installs."""
from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page

from conftest import FIXTURES, published_pages

pytestmark = pytest.mark.browser

# Every published Chinese page; English pages are the same under en/.
PAGES = [path for path in published_pages() if not path.startswith("en/")]


def visit(browser: Browser, url: str, origin: str) -> tuple[list[str], list[str]]:
    """Load url; return (requests to other origins, console errors).

    Requests to other origins are recorded and aborted, so a failing test
    still sends nothing off this machine."""
    context = browser.new_context()
    page = context.new_page()
    outside: list[str] = []
    errors: list[str] = []

    def route(route_request) -> None:
        request_url = route_request.request.url
        if request_url.startswith(origin) or request_url.startswith(("data:", "blob:")):
            route_request.continue_()
        else:
            outside.append(request_url)
            route_request.abort()

    page.route("**/*", route)
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("response", lambda response: errors.append(f"{response.status} {response.url}")
            if response.status >= 400 else None)
    page.goto(url, wait_until="networkidle")
    context.close()
    return outside, errors


@pytest.mark.parametrize("path", [p for p in PAGES] + [f"en/{p}" for p in PAGES])
def test_page_loads_without_outside_requests_or_errors(browser: Browser, site_url: str, path: str) -> None:
    outside, errors = visit(browser, site_url + path, site_url)
    assert outside == []
    assert errors == []


def test_outside_request_detector_catches_fixture(browser: Browser, serve) -> None:
    base = serve(FIXTURES / "browser")
    outside, _ = visit(browser, base + "external.html", base)
    assert "https://fonts.googleapis.com/css?family=Roboto" in outside
    assert "http://tracker.example/pixel.gif" in outside


def search(page: Page, query: str) -> list[str]:
    """Type a query into Material's search box; return the result links."""
    box = page.locator("input.md-search__input")
    box.click()
    box.fill(query)
    box.press("End")  # Material searches on keyup, which fill() does not send
    page.wait_for_function(
        "() => document.querySelector('.md-search-result__meta') && "
        "!/^\\s*$/.test(document.querySelector('.md-search-result__meta').textContent)")
    page.wait_for_timeout(300)
    return page.eval_on_selector_all(".md-search-result__list a", "links => links.map(a => a.href)")


@pytest.mark.parametrize("query, expected, present", [
    ("上门", "home-visits/", True),
    ("支付令", "stages/", True),
    ("征信", "credit-and-law/", True),
    ("山羊乐队演唱会", "home-visits/", False),  # proves the assertion can fail
])
def test_chinese_search_finds_expected_page(browser: Browser, site_url: str, query: str, expected: str, present: bool) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(site_url, wait_until="networkidle")
    links = search(page, query)
    page.close()
    assert any(urlsplit(link).path == "/" + expected for link in links) is present, links


def counterpart(path: str) -> str:
    """The same page in the other language."""
    return path[len("en/"):] if path.startswith("en/") else f"en/{path}"


@pytest.mark.parametrize("path", PAGES + [f"en/{p}" for p in PAGES])
def test_language_switcher_opens_the_same_page_in_the_other_language(browser: Browser, site_url: str, path: str) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(site_url + path)
    other = "zh" if path.startswith("en/") else "en"
    page.locator(".md-header .md-select button").first.hover()
    page.locator(f"a.md-select__link[hreflang='{other}']").first.click()
    page.wait_for_load_state()
    landed = urlsplit(page.url).path
    lang = page.evaluate("document.documentElement.lang")
    page.close()
    assert (landed, lang) == ("/" + counterpart(path), other)


def test_counterpart_mapping_rejects_a_wrong_target() -> None:
    assert counterpart("stages/") == "en/stages/"
    assert counterpart("en/stages/") == "stages/"
    assert counterpart("en/stages/") != "en/stages/"


def result_paths(browser: Browser, start: str, query: str) -> list[str]:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(start, wait_until="networkidle")
    paths = [urlsplit(link).path for link in search(page, query)]
    page.close()
    return paths


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
