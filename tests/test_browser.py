"""Real-browser checks in Debian's Chromium, driven by Playwright: pages
render without errors, no request leaves the site's origin, and Chinese
search finds the right page. Browsers are never downloaded here: we use
/usr/bin/chromium, which scripts/setup.sh installs."""
from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit
from typing import Iterator

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from conftest import FIXTURES

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
# Flags that keep Chromium itself from calling home (updates, sync, safe browsing).
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
PAGES = ["", "stages/", "messages/", "home-visits/", "violations/", "complaints/",
         "credit-and-law/", "scams/", "prevention/", "references/"]


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def site_url(built_site: Path, serve) -> str:
    return serve(built_site)


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
