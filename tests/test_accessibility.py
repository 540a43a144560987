"""Accessibility budgets from data/budgets.yml, in Chromium, on every
published page of both languages:

- axe-core (npm, injected by Playwright) finds no violations of any impact,
  in the light palette on a phone screen and in the dark palette on a
  desktop screen (both palettes follow prefers-color-scheme; the toggle is
  checked on the home pages too);
- on a 360 x 740 screen with the browser's text size at 200%: no sideways
  scrolling, nothing cut off, tap targets at least 44 x 44 px, with the
  navigation drawer closed and open (definitions in tests/page_checks.js);
- the keyboard alone reaches search, the navigation and the language
  switcher, and they work;
- printing leaves out the header, the navigation and the footer.

Text size: Chromium's own font-size setting (the one a reader changes in
the browser's settings), set to 200% through the DevTools protocol
(Page.setFontSizes). It scales everything sized in rem or em, as the
setting does, which is stricter than injecting CSS into one element.
Each check has a fixture in tests/fixtures/budgets/ that makes it fail.
"""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from playwright.sync_api import Browser, BrowserContext, Page

from conftest import FIXTURES, ROOT, published_pages

pytestmark = pytest.mark.browser

BUDGETS = yaml.safe_load((ROOT / "data" / "budgets.yml").read_text(encoding="utf-8"))
PAGES = published_pages()
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
PAGE_CHECKS = ROOT / "tests" / "page_checks.js"
BROKEN = FIXTURES / "budgets"
PHONE = {"viewport": BUDGETS["screen"], "is_mobile": True, "has_touch": True}
DESKTOP = {"viewport": {"width": 1280, "height": 900}}


@pytest.fixture(scope="module")
def broken_url(serve) -> str:
    return serve(BROKEN)


# --- axe-core ----------------------------------------------------------------

def axe_violations(page: Page) -> list[str]:
    # Evaluated, not added as a <script>: the page's Content-Security-Policy
    # (overrides/hooks/csp.py) refuses inline scripts it did not write.
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [f"{v['id']} ({v['impact']}): {[node['target'] for node in v['nodes'][:3]]}"
            for v in result["violations"]]


# Light on a phone, dark on a desktop: every page is checked in both
# palettes and both layouts with two runs.
SCHEMES = {"light": ("default", PHONE), "dark": ("slate", DESKTOP)}


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("path", PAGES)
def test_axe_finds_no_violations(browser: Browser, site_url: str, path: str, scheme: str) -> None:
    palette, screen = SCHEMES[scheme]
    context = browser.new_context(color_scheme=scheme, **screen)
    page = context.new_page()
    page.goto(site_url + path, wait_until="networkidle")
    shown_palette = page.evaluate("document.body.dataset.mdColorScheme")
    violations = axe_violations(page)
    context.close()
    assert shown_palette == palette
    assert violations == []


@pytest.mark.parametrize("path", ["", "en/"])
def test_axe_finds_no_violations_after_switching_palette_with_the_toggle(
        browser: Browser, site_url: str, path: str) -> None:
    context = browser.new_context(color_scheme="light", **PHONE)
    page = context.new_page()
    page.goto(site_url + path, wait_until="networkidle")
    page.locator("form[data-md-component=palette] label:not([hidden])").click()
    page.wait_for_function("() => document.body.dataset.mdColorScheme === 'slate'")
    page.wait_for_timeout(300)  # colours fade in over .25s
    violations = axe_violations(page)
    context.close()
    assert violations == []


def test_axe_check_flags_the_broken_fixture(browser: Browser, broken_url: str) -> None:
    page = browser.new_page()
    page.goto(broken_url + "a11y-broken.html")
    found = " ".join(axe_violations(page))
    page.close()
    for rule in ("label (critical)", "color-contrast (serious)", "aria-dialog-name (serious)"):
        assert rule in found, found


# --- phone screen, text at 200% ---------------------------------------------

def large_text_context(browser: Browser) -> tuple[BrowserContext, Page]:
    context = browser.new_context(**PHONE)
    page = context.new_page()
    percent = BUDGETS["text_size_percent"]
    # Chromium's defaults are 16 px (text) and 13 px (monospace).
    context.new_cdp_session(page).send("Page.setFontSizes", {"fontSizes": {
        "standard": 16 * percent // 100, "fixed": 13 * percent // 100}})
    return context, page


def layout_problems(page: Page) -> list[str]:
    page.evaluate(PAGE_CHECKS.read_text(encoding="utf-8"))
    return page.evaluate(
        f"[].concat(__pageChecks.horizontalScroll(), __pageChecks.cutOff(), "
        f"__pageChecks.smallTargets({BUDGETS['tap_target_px']}))")


# A stylesheet added from a test: the page's Content-Security-Policy refuses
# inline <style> elements, not stylesheets built by script.
ADOPT_STYLE = ("css => { const sheet = new CSSStyleSheet(); sheet.replaceSync(css);"
               " document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet]; }")
NO_MOTION = "*, *::before, *::after { transition: none !important; animation: none !important; }"


@pytest.mark.parametrize("path", PAGES)
def test_phone_with_large_text_needs_no_sideways_scrolling_and_has_big_targets(
        browser: Browser, site_url: str, path: str) -> None:
    context, page = large_text_context(browser)
    page.goto(site_url + path, wait_until="networkidle")
    page.evaluate(ADOPT_STYLE, NO_MOTION)
    root_size = page.evaluate("getComputedStyle(document.documentElement).fontSize")
    closed = layout_problems(page)
    page.locator("label.md-header__button[for=__drawer]").click()
    page.wait_for_function("() => document.getElementById('__drawer').checked")
    drawer = layout_problems(page)
    context.close()
    # Material's root is 125% of the browser's text size: 20 px, here doubled.
    assert root_size == f"{20 * BUDGETS['text_size_percent'] / 100:g}px"
    assert closed == []
    assert drawer == []


def test_layout_checks_flag_the_broken_fixture(browser: Browser, broken_url: str) -> None:
    context, page = large_text_context(browser)
    page.goto(broken_url + "layout-broken.html")
    problems = layout_problems(page)
    context.close()
    text = "\n".join(problems)
    assert "page is 608 px wide in a 360 px viewport" in text, text  # 600 px + body margin
    assert 'p.clipped "A long sentence' in text and "clips its text" in text, text
    assert 'button.tiny "Close" is 24 x 24 px' in text, text
    assert 'a "Standalone link" is' in text, text  # a link alone in a paragraph counts
    assert "rules" not in text  # a link inside a sentence is exempt (WCAG 2.5.8)
    assert "hidden on purpose" not in text  # screen-reader-only text is not "cut off"


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
    page.wait_for_selector(".md-search-result__list a", timeout=30_000)
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
