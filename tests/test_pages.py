"""Every published page of both languages (data/published_urls.txt), opened
once per browser setup, with every per-page check run from that one visit.

On a phone (360 x 740, touch, light palette) with the browser's text size
at 200% (data/budgets.yml):
- first view: within the byte budget, gzipped, with nothing from search
  loaded before the reader starts a search (scripts/first_view.py);
- no request leaves the site's origin, and no error (console, uncaught
  exception, HTTP 400 and up);
- axe-core finds no violations in the light palette;
- no sideways scrolling, nothing cut off, tap targets at least 44 x 44 px,
  with the navigation drawer closed and open (tests/page_checks.js).

On a desktop (1280 x 900) in the dark palette:
- no request leaves the origin, and no error;
- axe-core finds no violations in the dark palette;
- the language switcher opens the same page in the other language.

Each check has a test below that makes it fail on a broken fixture
(tests/fixtures/browser/, tests/fixtures/budgets/). Each setup is a class,
so pytest-xdist (--dist loadscope) can run the two on different workers.
"""
from __future__ import annotations

import random
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser

import first_view
from conftest import FIXTURES, published_pages
from page_visit import (BUDGETS, DESKTOP, NO_MOTION, PHONE, adopt_style, axe_violations, layout_problems, open_drawer,
                        open_page)

pytestmark = pytest.mark.browser

PAGES = published_pages()
BUDGET_BYTES = BUDGETS["first_view_kb"] * 1024


def first_view_problems(view: first_view.FirstView) -> list[str]:
    problems = []
    if view.gzip_bytes > BUDGET_BYTES:
        problems.append(f"first view is {view.gzip_bytes:,} bytes gzipped, over {BUDGET_BYTES:,}")
    if view.gzip_bytes < 10_000:  # the page and the theme were not counted
        problems.append(f"first view counted only {view.gzip_bytes:,} bytes: {view.requests}")
    problems += [f"loads {url} before any search" for url in view.search_requests]
    return problems


def counterpart(path: str) -> str:
    """The same page in the other language."""
    return path[len("en/"):] if path.startswith("en/") else f"en/{path}"


class TestOnAPhoneWithLargeText:
    """360 x 740, touch, light palette, text at 200%."""

    @pytest.mark.parametrize("path", PAGES)
    def test_page(self, browser: Browser, built_site: Path, site_url: str, path: str) -> None:
        visit = open_page(browser, site_url, path, text_percent=BUDGETS["text_size_percent"],
                          color_scheme="light", **PHONE)
        page = visit.page
        view = first_view.count(built_site, site_url, visit.requests, visit.outside)
        problems = {
            "first view": first_view_problems(view),
            "outside requests": list(visit.outside),
            "palette": [] if page.evaluate("document.body.dataset.mdColorScheme") == "default" else ["not light"],
            "axe (light)": axe_violations(page),
        }
        adopt_style(page, NO_MOTION)
        # Material's root is 125% of the browser's text size: 20 px, here doubled.
        root_size = page.evaluate("getComputedStyle(document.documentElement).fontSize")
        problems["text size"] = [] if root_size == f"{20 * BUDGETS['text_size_percent'] / 100:g}px" else [root_size]
        problems["layout, drawer closed"] = layout_problems(page)
        open_drawer(page)
        problems["layout, drawer open"] = layout_problems(page)
        problems["errors"] = list(visit.errors)
        visit.context.close()
        assert {check: found for check, found in problems.items() if found} == {}


class TestOnADesktopInTheDarkPalette:
    """1280 x 900, dark palette."""

    @pytest.mark.parametrize("path", PAGES)
    def test_page(self, browser: Browser, site_url: str, path: str) -> None:
        visit = open_page(browser, site_url, path, color_scheme="dark", **DESKTOP)
        page = visit.page
        problems = {
            "palette": [] if page.evaluate("document.body.dataset.mdColorScheme") == "slate" else ["not dark"],
            "axe (dark)": axe_violations(page),
        }
        other = "zh" if path.startswith("en/") else "en"
        page.locator(".md-header .md-select button").first.hover()
        with page.expect_navigation(wait_until="load"):
            page.locator(f"a.md-select__link[hreflang='{other}']").first.click()
        landed = (urlsplit(page.url).path, page.evaluate("document.documentElement.lang"))
        if landed != ("/" + counterpart(path), other):
            problems["language switcher"] = [f"opened {landed}"]
        problems["outside requests"] = list(visit.outside)
        problems["errors"] = list(visit.errors)
        visit.context.close()
        assert {check: found for check, found in problems.items() if found} == {}


# --- each check fails on a broken fixture ------------------------------------------

BROKEN = FIXTURES / "budgets"


@pytest.fixture(scope="module")
def broken_url(serve) -> str:
    return serve(BROKEN)


def test_first_view_check_flags_a_heavy_page_that_loads_the_index(browser: Browser, serve, tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "search").mkdir(parents=True)
    for name in ("eager-index.html", "search/search_index.json"):
        (site / name).write_bytes((BROKEN / name).read_bytes())
    noise = random.Random(5).randbytes(BUDGET_BYTES)  # does not compress
    (site / "big.js").write_text(f"var noise = '{noise.hex()}';", encoding="ascii")
    base = serve(site)
    visit = open_page(browser, base, "eager-index.html", **PHONE)
    visit.context.close()
    problems = first_view_problems(first_view.count(site, base, visit.requests, visit.outside))
    assert any("over" in p for p in problems), problems
    assert any("search/search_index.json before any search" in p for p in problems), problems


def test_first_view_check_flags_a_view_that_counted_nothing() -> None:
    assert first_view_problems(first_view.FirstView(["http://127.0.0.1/"], [], 0, 0)) == [
        "first view counted only 0 bytes: ['http://127.0.0.1/']"]


def test_visit_records_outside_requests_and_errors(browser: Browser, serve) -> None:
    base = serve(FIXTURES / "browser")
    visit = open_page(browser, base, "external.html")
    outside = list(visit.outside)
    visit.page.goto(base + "errors.html", wait_until="networkidle")
    errors = " ".join(visit.errors)
    visit.context.close()
    assert "https://fonts.googleapis.com/css?family=Roboto" in outside
    assert "http://tracker.example/pixel.gif" in outside
    assert "FIXTURE console error" in errors and "FIXTURE uncaught" in errors
    assert f"404 {base}missing.png" in errors


def test_axe_check_flags_the_broken_fixture(browser: Browser, broken_url: str) -> None:
    visit = open_page(browser, broken_url, "a11y-broken.html")
    found = " ".join(axe_violations(visit.page))
    visit.context.close()
    for rule in ("label (critical)", "color-contrast (serious)", "aria-dialog-name (serious)"):
        assert rule in found, found


def test_layout_checks_flag_the_broken_fixture(browser: Browser, broken_url: str) -> None:
    visit = open_page(browser, broken_url, "layout-broken.html",
                      text_percent=BUDGETS["text_size_percent"], **PHONE)
    text = "\n".join(layout_problems(visit.page))
    visit.context.close()
    assert "page is 608 px wide in a 360 px viewport" in text, text  # 600 px + body margin
    assert 'p.clipped "A long sentence' in text and "clips its text" in text, text
    assert 'button.tiny "Close" is 24 x 24 px' in text, text
    assert 'a "Standalone link" is' in text, text  # a link alone in a paragraph counts
    assert "rules" not in text  # a link inside a sentence is exempt (WCAG 2.5.8)
    assert "hidden on purpose" not in text  # screen-reader-only text is not "cut off"


def test_counterpart_mapping_rejects_a_wrong_target() -> None:
    assert counterpart("stages/") == "en/stages/"
    assert counterpart("en/stages/") == "stages/"
    assert counterpart("en/stages/") != "en/stages/"
