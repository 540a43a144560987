"""The second wall, in Debian's Chromium: what a page can send, and the call
log's handling of what a reader stores.

- Using the call log sends nothing, not even later and not even when the
  page believes no automation is watching (navigator.webdriver false, the
  clock run an hour ahead); a leaky fixture script proves the test sees it.
- The Content-Security-Policy blocks an injected outside fetch, image and
  form, and the browser reports each violation; without the policy the same
  page would send them.
- The offline build keeps working from file:// under the policy: search,
  and the call log, which asks before it stores anything there.
- The ResizeObserver polyfill loads from the site, never from unpkg.com.
- The call log skips and reports a malformed stored entry, clears whatever
  is stored, keeps its message in view after "clear all", and exports no
  cell a spreadsheet would run as a formula.
No fixed sleeps: each test waits for a specific event or state.
"""
from __future__ import annotations

import csv
import io
import json
import shutil
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from conftest import FIXTURES, copy_project, run_mkdocs_build

pytestmark = pytest.mark.browser

LOG_KEY = "dxm-guide:call-log:v1"
# The page believes nobody is watching: navigator.webdriver reads false.
UNWATCHED = "Object.defineProperty(Navigator.prototype, 'webdriver', {get: () => false, configurable: true});"
# Every Content-Security-Policy violation the page reports, kept for the test.
VIOLATIONS = """window.__violations = [];
document.addEventListener("securitypolicyviolation", event => window.__violations.push(
    {directive: event.effectiveDirective, blocked: event.blockedURI}));"""
ENTRY = {"when": "2026-11-21T20:05", "number": "+86 000 0000 0000", "name": "李四", "said": "今天不还就上门"}


@contextmanager
def recording(browser: Browser, base: str, width: int = 360) -> Iterator[tuple[Page, list[str]]]:
    """A fresh profile; every request is recorded (and any to another origin aborted)."""
    context = browser.new_context(viewport={"width": width, "height": 740}, accept_downloads=True)
    page = context.new_page()
    requests: list[str] = []
    origin = "file://" if base.startswith("file:") else base

    def route(request_route) -> None:
        if request_route.request.url.startswith((origin, "data:", "blob:")):
            request_route.continue_()
        else:
            request_route.abort()

    context.route("**/*", route)
    page.on("request", lambda request: requests.append(request.url))
    try:
        yield page, requests
    finally:
        context.close()


def fill_and_save(page: Page, values: dict[str, str]) -> None:
    for name, value in values.items():
        page.fill(f".call-log__form [name={name}]", value)
    page.click(".call-log__form button[type=submit]")


def sent_after(requests: list[str], start: int, page: Page, base: str) -> list[str]:
    """Requests since `start`, once a sentinel request made now has arrived
    (anything the page started before it was recorded before it)."""
    with page.expect_request(lambda request: "sentinel" in request.url):
        page.evaluate("() => { const image = new Image(); image.src = 'sentinel.png?end'; }")
    # The tab's icon is fetched by the browser whenever it likes, not by the page.
    return [url for url in requests[start:] if "sentinel" not in url and not url.endswith("/favicon.png")
            and not url.startswith(("blob:", "data:"))]


def use_the_log_unwatched(browser: Browser, base: str, export: bool = True) -> list[str]:
    """Fill and save the log, export it, run the clock an hour ahead: what was sent."""
    with recording(browser, base) as (page, requests):
        page.add_init_script(UNWATCHED)
        page.clock.install()
        page.goto(base + "call-log/")
        page.wait_for_load_state("networkidle")
        start = len(requests)
        fill_and_save(page, ENTRY)
        expect(page.locator(".call-log__status")).to_contain_text("已保存")
        if export:
            with page.expect_download():
                page.click("[data-action=export]")
        page.clock.run_for("01:00:00")
        assert page.evaluate("navigator.webdriver") is False
        return sent_after(requests, start, page, base)


def test_using_the_call_log_sends_nothing_even_unwatched_and_an_hour_later(browser: Browser, site_url: str) -> None:
    assert use_the_log_unwatched(browser, site_url) == []


@pytest.fixture(scope="module")
def leaky_site(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site with call-log.js replaced by a script that sends the log
    to the site's own address, later, and only when unwatched."""
    site = tmp_path_factory.mktemp("leaky") / "site"
    shutil.copytree(built_site, site)
    shutil.copy(FIXTURES / "browser" / "leaky-call-log.js", site / "assets" / "call-log.js")
    return site


def test_the_no_request_check_catches_a_delayed_unwatched_beacon(browser: Browser, leaky_site: Path, serve) -> None:
    base = serve(leaky_site)
    sent = use_the_log_unwatched(browser, base, export=False)
    assert [url.removeprefix(base) for url in sent] == ["call-log/collect"]


# --- the Content-Security-Policy ----------------------------------------------------

@pytest.fixture(scope="module")
def injected_site(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site with a same-origin script injected into the home page
    (allowed by script-src 'self') that tries to send data to another host,
    and a copy of that page without the policy."""
    site = tmp_path_factory.mktemp("injected") / "site"
    shutil.copytree(built_site, site)
    shutil.copy(FIXTURES / "browser" / "injected.js", site / "assets" / "injected.js")
    home = (site / "index.html").read_text(encoding="utf-8")
    home = home.replace("</body>", '<script defer src="assets/injected.js"></script></body>')
    (site / "index.html").write_text(home, encoding="utf-8")
    without = "\n".join(line for line in home.splitlines() if "Content-Security-Policy" not in line)
    (site / "no-policy.html").write_text(without, encoding="utf-8")
    return site


def violations_on(browser: Browser, base: str, page_name: str) -> tuple[list[dict], dict[str, str], list[str]]:
    """(violations the page reported, outside URL → how its request ended, console lines)."""
    with recording(browser, base) as (page, requests):
        console: list[str] = []
        ended: dict[str, str] = {}
        page.on("console", lambda message: console.append(message.text))
        page.on("requestfailed", lambda request: ended.__setitem__(request.url.split("?")[0], request.failure or ""))
        page.add_init_script(VIOLATIONS)
        if page_name == "index.html":
            page.goto(base + page_name, wait_until="commit")
            page.wait_for_function("() => window.__violations.length >= 3")
            found = page.evaluate("window.__violations")
        else:
            with page.expect_request(lambda request: "outside.invalid/post" in request.url):
                page.goto(base + page_name, wait_until="commit")
            found = []
        for url in requests:
            if "outside.invalid" in url:
                ended.setdefault(url.split("?")[0], "sent")
        return found, {url: why for url, why in ended.items() if "outside.invalid" in url}, console


def test_the_policy_blocks_an_injected_fetch_image_and_form(browser: Browser, injected_site: Path, serve) -> None:
    base = serve(injected_site)
    found, outside, console = violations_on(browser, base, "index.html")
    assert {(v["directive"], v["blocked"].split("?")[0]) for v in found} >= {
        ("connect-src", "http://outside.invalid/collect"),
        ("img-src", "http://outside.invalid/pixel.gif"),
        ("form-action", "http://outside.invalid/post")}
    # The browser stopped each one itself, before anything was sent.
    assert set(outside.values()) <= {"csp", "net::ERR_BLOCKED_BY_CSP"}, outside
    assert any("Content Security Policy" in line for line in console)


def test_without_the_policy_the_same_page_would_send_them(browser: Browser, injected_site: Path, serve) -> None:
    _, outside, _ = violations_on(browser, serve(injected_site), "no-policy.html")
    # Sent, and stopped only by the test's own route (net::ERR_FAILED), not by a policy.
    assert set(outside) >= {"http://outside.invalid/collect", "http://outside.invalid/pixel.gif",
                            "http://outside.invalid/post"}, outside
    assert not {"csp", "net::ERR_BLOCKED_BY_CSP"} & set(outside.values()), outside


def test_real_pages_report_no_violation(browser: Browser, site_url: str) -> None:
    with recording(browser, site_url, width=1280) as (page, _):
        page.add_init_script(VIOLATIONS)
        for path in ("", "call-log/", "en/letters/", "en/call-log/"):
            page.goto(site_url + path)
            page.wait_for_load_state("networkidle")
            box = page.locator("input.md-search__input")
            box.click()
            box.fill("征信" if not path.startswith("en") else "complaint")
            box.press("End")
            expect(page.locator(".md-search-result__list a").first).to_be_attached()
            assert page.evaluate("window.__violations") == [], path


def test_the_polyfill_loads_from_the_site_when_a_browser_lacks_resize_observer(browser: Browser, site_url: str) -> None:
    with recording(browser, site_url) as (page, requests):
        page.add_init_script("delete window.ResizeObserver;")
        with page.expect_request(lambda request: "resize-observer-polyfill" in request.url) as polyfill:
            page.goto(site_url + "stages/")
        page.wait_for_load_state("networkidle")
        assert polyfill.value.url == site_url + "assets/javascripts/resize-observer-polyfill.js"
        assert page.evaluate("typeof ResizeObserver") == "function"
        assert [url for url in requests if not url.startswith(site_url)] == []


# --- the offline build, from file:// -------------------------------------------------

@pytest.fixture(scope="module")
def offline_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Chinese offline bundle's build (as scripts/build_release.py makes it)."""
    project = copy_project(tmp_path_factory.mktemp("offline") / "project")
    site = project.parent / "site"
    result = run_mkdocs_build(project, site, OFFLINE="true", SITE_URL="", ZH_DEFAULT="true", EN_DEFAULT="false")
    assert result.returncode == 0, result.stderr[-3000:]
    return site


def test_offline_search_works_under_the_policy(browser: Browser, offline_site: Path) -> None:
    base = offline_site.as_uri() + "/"
    with recording(browser, base, width=1280) as (page, requests):
        page.add_init_script(VIOLATIONS)
        page.goto(base + "index.html")
        assert 'http-equiv="Content-Security-Policy"' in (offline_site / "index.html").read_text(encoding="utf-8")
        box = page.locator("input.md-search__input")
        box.click()
        box.fill("征信")
        box.press("End")
        expect(page.locator(".md-search-result__list a").first).to_be_attached()
        assert page.evaluate("window.__violations") == []
        assert [url for url in requests if not url.startswith(("file:", "data:", "blob:"))] == []


@pytest.mark.parametrize("agree", [True, False])
def test_offline_log_asks_before_storing_anything(browser: Browser, offline_site: Path, agree: bool) -> None:
    base = offline_site.as_uri() + "/"
    with recording(browser, base) as (page, _):
        page.add_init_script(VIOLATIONS)
        page.goto(base + "call-log.html")
        expect(page.locator("[data-storage-note=offline]")).to_be_visible()
        expect(page.locator("[data-storage-note=online]")).to_be_hidden()
        questions: list[str] = []

        def answer(dialog) -> None:
            questions.append(dialog.message)
            dialog.accept() if agree else dialog.dismiss()

        page.once("dialog", answer)
        fill_and_save(page, ENTRY)
        expect(page.locator(".call-log__entry")).to_have_count(1)
        assert questions and "HTML" in questions[0]
        stored = page.evaluate(f"localStorage.getItem({LOG_KEY!r})")
        assert (stored is not None) is agree
        page.reload()
        expect(page.locator(".call-log__count")).to_be_attached()
        assert page.locator(".call-log__entry").count() == (1 if agree else 0)
        assert page.evaluate("window.__violations") == []


# --- the call log's own robustness ---------------------------------------------------------

def open_log_with(browser: Browser, site_url: str, stored: str | None):
    context = browser.new_context(viewport={"width": 360, "height": 740}, accept_downloads=True)
    page = context.new_page()
    page.goto(site_url + "call-log/")
    if stored is not None:
        page.evaluate("([key, value]) => localStorage.setItem(key, value)", [LOG_KEY, stored])
        page.reload()
    return context, page


GOOD = {"id": "a1", "created": 1, "values": {"when": "2026-11-20T09:15", "number": "visit", "name": "王五"}}


def test_a_malformed_entry_is_skipped_reported_and_cleared(browser: Browser, site_url: str) -> None:
    stored = json.dumps({"version": 1, "entries": [None, GOOD, "x", {"values": None}, {"id": "b"}]})
    context, page = open_log_with(browser, site_url, stored)
    expect(page.locator(".call-log__entry")).to_have_count(1)
    expect(page.locator(".call-log__problem")).to_contain_text("有 4 条保存的记录读不出来")
    with page.expect_download() as download:
        page.click("[data-action=export]")
    rows = list(csv.reader(io.StringIO(Path(download.value.path()).read_text(encoding="utf-8-sig"), newline="")))
    assert [row[2] for row in rows[1:]] == ["王五"]
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("[data-action=clear]")
    expect(page.locator(".call-log__status")).to_have_text("已删除全部记录。")
    assert page.evaluate(f"localStorage.getItem({LOG_KEY!r})") is None
    context.close()


def test_an_unreadable_log_is_kept_aside_and_clear_all_still_works(browser: Browser, site_url: str) -> None:
    context, page = open_log_with(browser, site_url, "{not json")
    expect(page.locator(".call-log__problem")).to_contain_text("读不出来")
    assert page.is_enabled("[data-action=clear]")
    fill_and_save(page, ENTRY)
    expect(page.locator(".call-log__entry")).to_have_count(1)
    assert page.evaluate(f"localStorage.getItem({LOG_KEY!r} + ':unreadable')") == "{not json"
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("[data-action=clear]")
    expect(page.locator(".call-log__status")).to_have_text("已删除全部记录。")
    assert page.evaluate("Object.keys(localStorage).filter(key => key.startsWith('dxm-guide:call-log'))") == []
    context.close()


def test_after_clear_all_the_message_stays_in_view(browser: Browser, site_url: str) -> None:
    entries = [{"id": f"e{i}", "created": i, "values": {"when": f"2026-11-{10 + i}T09:00", "said": "很长的记录。" * 20}}
               for i in range(8)]
    context, page = open_log_with(browser, site_url, json.dumps({"version": 1, "entries": entries}))
    expect(page.locator(".call-log__entry")).to_have_count(8)
    page.locator("[data-action=clear]").scroll_into_view_if_needed()
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("[data-action=clear]")
    status = page.locator(".call-log__status")
    expect(status).to_have_text("已删除全部记录。")
    expect(status).to_be_in_viewport()
    context.close()


# Values a spreadsheet would run as a formula once it skips what a reader cannot see.
FORMULAS = ["=1+1", "\u200b=HYPERLINK(\"x\")", "＝SUM(A1)", "\u202e+1", " @SUM(1)", "\t=cmd", "\r=cmd",
            "|calc", "-2+3", "\u3000＋1", "\ufeff=1", "\u00a0-1", "﹦1", "＠x"]


def test_no_exported_cell_starts_a_formula(browser: Browser, site_url: str) -> None:
    entries = [{"id": f"f{i}", "created": i, "values": {"when": f"2026-11-{10 + i}T09:00", "said": value}}
               for i, value in enumerate(FORMULAS)]
    context, page = open_log_with(browser, site_url, json.dumps({"version": 1, "entries": entries}))
    expect(page.locator(".call-log__entry")).to_have_count(len(FORMULAS))
    with page.expect_download() as download:
        page.click("[data-action=export]")
    # Bytes decoded as they are: read_text() would turn a cell's \r into \n.
    rows = list(csv.reader(io.StringIO(Path(download.value.path()).read_bytes().decode("utf-8-sig"), newline="")))
    said = [row[4] for row in rows[1:]]
    context.close()
    assert said == ["'" + value for value in FORMULAS]


def test_the_online_log_states_who_else_can_read_it(browser: Browser, site_url: str) -> None:
    context, page = open_log_with(browser, site_url, None)
    expect(page.locator("[data-storage-note=online]")).to_contain_text("GitHub Pages")
    expect(page.locator("[data-storage-note=offline]")).to_be_hidden()
    context.close()
