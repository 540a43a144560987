"""How browser tests open a page and what they check in it, shared by
tests/test_pages.py (every published page) and the tests that prove each
check fails on a broken fixture.

A visit opens one page in a fresh browser context (empty cache) and
records, from the first request on: every request, the requests to other
origins (aborted, so nothing leaves this machine even when a test fails),
and errors (console errors, uncaught exceptions, responses of 400 and up).
It waits for events, never for a fixed time: the load, the network going
idle, a selector, a condition in the page.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml
from playwright.sync_api import Browser, BrowserContext, Page, Route

from conftest import ROOT

BUDGETS = yaml.safe_load((ROOT / "data" / "budgets.yml").read_text(encoding="utf-8"))
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
PAGE_CHECKS = ROOT / "tests" / "page_checks.js"

# The two browser setups every published page is opened in.
PHONE = {"viewport": BUDGETS["screen"], "is_mobile": True, "has_touch": True}
DESKTOP = {"viewport": {"width": 1280, "height": 900}}

# Transitions off, so what a check measures is where things end up.
NO_MOTION = "*, *::before, *::after { transition: none !important; animation: none !important; }"


@dataclass
class Visit:
    context: BrowserContext
    page: Page
    requests: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def open_context(browser: Browser, origin: str, *, text_percent: int = 100, **options: Any) -> Visit:
    """A fresh context and page that record requests and errors. Requests
    outside origin (other than data: and blob:) are recorded and aborted.
    text_percent sets Chromium's own text size (Page.setFontSizes), the
    setting a reader changes, which scales everything sized in rem or em."""
    context = browser.new_context(**options)
    visit = Visit(context, context.new_page())

    def route(route_request: Route) -> None:
        url = route_request.request.url
        if url.startswith((origin, "data:", "blob:")):
            route_request.continue_()
        else:
            visit.outside.append(url)
            route_request.abort()

    def response_error(response: Any) -> None:
        if response.status >= 400:
            visit.errors.append(f"{response.status} {response.url}")

    context.route("**/*", route)
    context.on("request", lambda request: visit.requests.append(request.url))
    visit.page.on("console", lambda message: visit.errors.append(message.text) if message.type == "error" else None)
    visit.page.on("pageerror", lambda error: visit.errors.append(str(error)))
    visit.page.on("response", response_error)
    if text_percent != 100:
        # Chromium's defaults are 16 px (text) and 13 px (monospace).
        context.new_cdp_session(visit.page).send("Page.setFontSizes", {"fontSizes": {
            "standard": 16 * text_percent // 100, "fixed": 13 * text_percent // 100}})
    return visit


def open_page(browser: Browser, base: str, path: str, **options: Any) -> Visit:
    """Open base + path and wait until the network is idle (the first view)."""
    visit = open_context(browser, base, **options)
    visit.page.goto(base + path, wait_until="networkidle")
    return visit


def adopt_style(page: Page, css: str) -> None:
    """Add a stylesheet from a test. The page's Content-Security-Policy refuses
    inline <style> elements, not stylesheets built by script."""
    page.evaluate("css => { const sheet = new CSSStyleSheet(); sheet.replaceSync(css);"
                  " document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet]; }", css)


# --- checks that run inside a page ---------------------------------------------------

def axe_violations(page: Page) -> list[str]:
    """axe-core's violations of any impact, one line each."""
    # Evaluated, not added as a <script>: the page's Content-Security-Policy
    # (overrides/hooks/csp.py) refuses inline scripts it did not write.
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [f"{v['id']} ({v['impact']}): {[node['target'] for node in v['nodes'][:3]]}"
            for v in result["violations"]]


def layout_problems(page: Page) -> list[str]:
    """Sideways scrolling, cut-off text and small tap targets (tests/page_checks.js)."""
    page.evaluate(PAGE_CHECKS.read_text(encoding="utf-8"))
    return page.evaluate(
        f"[].concat(__pageChecks.horizontalScroll(), __pageChecks.cutOff(), "
        f"__pageChecks.smallTargets({BUDGETS['tap_target_px']}))")


def open_drawer(page: Page) -> None:
    page.locator("label.md-header__button[for=__drawer]").click()
    page.wait_for_function("() => document.getElementById('__drawer').checked")


# --- search ------------------------------------------------------------------------

# Counts the queries Material sends to its search worker and the answers it
# gets back (Material's message types: 2 a query, 3 its results). The worker
# answers in order, so when a query has been asked since the box got its
# text and every query has its answer, the list shows the results for that
# text: Material renders them while handling the answer, in the same task.
# (Material's counter alone is not enough: the answer to the empty query
# sent on focus can come after the reader has typed, and reads "no results"
# for a moment.) The query the worker receives is not the text typed:
# overrides/partials/search-words.html cuts it into the index's words.
WATCH_SEARCH = """(() => {
    const Native = window.Worker;
    if (!Native) return;
    const answers = window.__searchAnswers = {asked: 0, answered: 0, last: null};
    window.Worker = class extends Native {
        constructor(...args) {
            super(...args);
            this.addEventListener("message", event => { if (event.data && event.data.type === 3) answers.answered += 1; });
        }
        postMessage(message, ...rest) {
            if (message && message.type === 2) { answers.asked += 1; answers.last = message.data; }
            return super.postMessage(message, ...rest);
        }
    };
})();"""

SEARCH_ANSWERED = """before => {
    const answers = window.__searchAnswers;
    // The last query asked carries the typed text (the empty query sent on
    // focus may be asked after the box was read, but it is never the last).
    return answers.asked > before && answers.answered === answers.asked && String(answers.last || "").trim() !== "";
}"""


def open_for_search(browser: Browser, url: str, **options: Any) -> Page:
    """A page at url whose search can be waited for (search() below)."""
    page = browser.new_page(**options)
    page.add_init_script(WATCH_SEARCH)
    page.goto(url, wait_until="networkidle")
    return page


def search(page: Page, query: str) -> list[str]:
    """Type a query into Material's search box, wait for its answer and
    return the result links. The page must come from open_for_search()."""
    box = page.locator("input.md-search__input")
    box.click()
    before = page.evaluate("() => window.__searchAnswers.asked")
    box.fill(query)
    box.press("End")  # Material searches on keyup, which fill() does not send
    page.wait_for_function(SEARCH_ANSWERED, arg=before)
    return page.eval_on_selector_all(".md-search-result__list a", "links => links.map(a => a.href)")
