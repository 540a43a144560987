"""Accessibility in Chromium beyond what tests/test_pages.py checks on
every published page (axe-core in both palettes; sideways scrolling, cut-off
text and tap targets on a phone with the browser's text size at 200%):

- axe-core finds no violations after the reader switches the palette with
  the toggle, on the home pages;
- the keyboard alone reaches search, the navigation and the language
  switcher, and they work;
- printing leaves out the header, the navigation and the footer.

Each check has a fixture in tests/fixtures/budgets/ that makes it fail.
"""
from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page

from conftest import FIXTURES
from page_visit import DESKTOP, NO_MOTION, PHONE, adopt_style, axe_violations

pytestmark = pytest.mark.browser

BROKEN = FIXTURES / "budgets"


@pytest.fixture(scope="module")
def broken_url(serve) -> str:
    return serve(BROKEN)


# --- the palette toggle ---------------------------------------------------------

@pytest.mark.parametrize("path", ["", "en/"])
def test_axe_finds_no_violations_after_switching_palette_with_the_toggle(
        browser: Browser, site_url: str, path: str) -> None:
    context = browser.new_context(color_scheme="light", **PHONE)
    page = context.new_page()
    page.goto(site_url + path, wait_until="networkidle")
    adopt_style(page, NO_MOTION)  # the new colours apply at once, without a fade
    page.locator("form[data-md-component=palette] label:not([hidden])").click()
    page.wait_for_function("() => document.body.dataset.mdColorScheme === 'slate'")
    violations = axe_violations(page)
    context.close()
    assert violations == []


# --- keyboard only -------------------------------------------------------------

def other_language(path: str) -> str:
    return "zh" if path.startswith("en/") else "en"


def tab_to(page: Page, condition: str, presses: int = 80) -> bool:
    """Press Tab until document.activeElement (as `e`) meets condition."""
    for _ in range(presses):
        page.keyboard.press("Tab")
        if page.evaluate(f"(e => !!({condition}))(document.activeElement)"):
            return True
    return False


def reachable(page: Page, targets: dict[str, str], presses: int = 80) -> set[str]:
    """Which targets one pass of Tab presses reaches (conditions on `e`)."""
    found: set[str] = set()
    for _ in range(presses):
        page.keyboard.press("Tab")
        for name, condition in targets.items():
            if name not in found and page.evaluate(f"(e => !!({condition}))(document.activeElement)"):
                found.add(name)
        if found == set(targets):
            break
    return found


def targets(other: str) -> dict[str, str]:
    return {
        "search": "e.matches('input.md-search__input')",
        "navigation": "e.matches('.md-nav--primary a.md-nav__link[href]') && e.checkVisibility()",
        "language": f"e.matches('a.md-select__link[hreflang={other}]')",
    }


@pytest.mark.parametrize("path, query", [("", "征信"), ("en/stages/", "complaint")])
def test_keyboard_reaches_and_uses_search_navigation_and_language_on_a_desktop(
        browser: Browser, site_url: str, path: str, query: str) -> None:
    other = other_language(path)
    page = browser.new_page(**DESKTOP)
    page.goto(site_url + path, wait_until="networkidle")
    found = reachable(page, targets(other))
    page.goto(site_url + path, wait_until="networkidle")
    assert tab_to(page, targets(other)["search"])
    page.keyboard.type(query)
    page.wait_for_selector(".md-search-result__list a")
    page.keyboard.press("Escape")
    page.goto(site_url + path, wait_until="networkidle")
    assert tab_to(page, targets(other)["language"])
    with page.expect_navigation():
        page.keyboard.press("Enter")
    landed = page.evaluate("document.documentElement.lang")
    page.close()
    assert found == set(targets(other))
    assert landed == other


@pytest.mark.parametrize("path", ["", "en/"])
def test_keyboard_opens_the_menu_and_search_on_a_phone(browser: Browser, site_url: str, path: str) -> None:
    page = browser.new_page(**PHONE)
    page.goto(site_url + path, wait_until="networkidle")
    assert tab_to(page, "e.matches('label[for=__drawer]')")
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.getElementById('__drawer').checked")
    assert tab_to(page, targets("")["navigation"])
    target = page.evaluate("document.activeElement.href")
    page.keyboard.press("Enter")
    page.wait_for_url(target)
    assert tab_to(page, targets("")["search"])
    page.wait_for_function("() => document.getElementById('__search').checked")  # search opens on focus
    page.close()


def test_hidden_drawer_links_are_not_in_the_tab_order_on_a_phone(browser: Browser, site_url: str) -> None:
    page = browser.new_page(**PHONE)
    page.goto(site_url, wait_until="networkidle")
    reached_hidden = tab_to(page, "e.closest('.md-sidebar--primary')", presses=40)
    page.close()
    assert not reached_hidden


def test_keyboard_check_flags_the_broken_fixture(browser: Browser, broken_url: str) -> None:
    page = browser.new_page(**DESKTOP)
    page.goto(broken_url + "keyboard-broken.html")
    found = reachable(page, targets("zh"), presses=10)
    page.close()
    assert found == set()


# --- print -------------------------------------------------------------------

CHROME = [".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer"]


def printed_chrome(page: Page) -> list[str]:
    """Header, navigation and footer parts that still show when printing."""
    page.emulate_media(media="print")
    shown = page.evaluate("""selectors => selectors.filter(selector =>
        [...document.querySelectorAll(selector)].some(e => e.checkVisibility() && e.getBoundingClientRect().height > 0))""",
                          CHROME)
    if not page.evaluate("document.querySelector('article, .md-content__inner').checkVisibility()"):
        shown.append("(the article itself is hidden)")
    return shown


@pytest.mark.parametrize("path", ["", "en/", "stages/", "en/letters/"])
def test_print_leaves_out_header_navigation_and_footer(browser: Browser, site_url: str, path: str) -> None:
    page = browser.new_page(**DESKTOP)
    page.goto(site_url + path, wait_until="networkidle")
    shown = printed_chrome(page)
    page.close()
    assert shown == []


def test_print_check_flags_the_broken_fixture(browser: Browser, broken_url: str) -> None:
    page = browser.new_page(**DESKTOP)
    page.goto(broken_url + "print-broken.html")
    shown = printed_chrome(page)
    page.close()
    assert shown == [".md-header", ".md-sidebar--primary", ".md-footer"]
