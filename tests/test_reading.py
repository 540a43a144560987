"""Reading on a phone (issue 13): every page of both languages, measured in
Chromium at 360 x 740 with folded blocks closed, by the code contributors
run as scripts/page_metrics.py (measure_pages, RULES).

- the summary box (!!! abstract) ends inside the first screen (Chinese) and
  its text is at least body size; no admonition's text is smaller;
- a page is at most data/budgets.yml page_screens long;
- one "clear ticks" control on a page with a checklist, none elsewhere;
- no heading is followed by a line holding only its permalink mark;
- an unticked checkbox does not look ticked, in both palettes;
- the back-to-top button does not cover the text;
- the downloads file table folds on a phone like the other tables;
- inside WeChat (user agent with MicroMessenger) the downloads page and the
  call log's export say how to open the page in the phone's browser.

Each rule passes on a synthetic page built through the real theme
(tests/fixtures/reading/pages/reading-pass.md) and fails on a fixture
(tests/fixtures/reading/pages/ and static/). A failure names each page and
by how much it misses.
"""
from __future__ import annotations

from typing import Any

import page_metrics
import pytest
from conftest import FIXTURES, published_pages
from fixture_site import build_with_pages
from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.browser

BUDGETS = page_metrics.load_budgets()
SCREEN = BUDGETS["screen"]
READING = FIXTURES / "reading"
FIXTURE_PAGES = ["reading-pass/", "reading-long/", "reading-late/", "reading-small/", "reading-none/"]


@pytest.fixture(scope="module")
def real_rows(browser: Browser, site_url: str) -> list[dict[str, Any]]:
    """Every published page of both languages, measured once."""
    return page_metrics.measure_pages(browser, site_url, published_pages(), SCREEN)


@pytest.fixture(scope="module")
def fixture_url(tmp_path_factory: pytest.TempPathFactory, serve) -> str:
    """The guide built with the reading fixture pages and, as a release
    builds it, a downloads table (from a fixture manifest); served."""
    return serve(build_with_pages(tmp_path_factory.mktemp("reading"), [READING / "pages"],
                                  DOWNLOADS_MANIFEST=str(READING / "manifest.json")))


@pytest.fixture(scope="module")
def fixture_rows(browser: Browser, fixture_url: str) -> dict[str, dict[str, Any]]:
    """The fixture pages in both languages, measured; keyed by path."""
    paths = FIXTURE_PAGES + [f"en/{path}" for path in FIXTURE_PAGES]
    return {row["path"]: row for row in page_metrics.measure_pages(browser, fixture_url, paths, SCREEN)}


@pytest.fixture(scope="module")
def static_rows(browser: Browser, serve) -> dict[str, dict[str, Any]]:
    """Hand-written pages that break a rule the theme no longer can."""
    url = serve(READING / "static")
    names = ["two-resets.html", "heading-mark-wraps.html"]
    return {row["path"]: row for row in page_metrics.measure_pages(browser, url, names, SCREEN)}


def rule_problems(row: dict[str, Any], rule: str) -> list[str]:
    return page_metrics.RULES[rule](row, BUDGETS)


# --- the rules on every real page ---------------------------------------------

@pytest.mark.parametrize("rule", list(page_metrics.RULES))
def test_every_page_keeps_the_reading_rule(real_rows: list[dict[str, Any]], rule: str) -> None:
    assert len(real_rows) == len(published_pages()) >= 30
    broken = page_metrics.broken_rules(real_rows, BUDGETS, rule)
    if broken:
        pytest.fail(f"{len(broken)} of {len(real_rows)} pages break {rule}:\n" + "\n".join(
            f"  {path}: {problem}" for path, problems in broken.items() for problem in problems))


# --- each rule passes on a good synthetic page and fails on a fixture ------------

@pytest.mark.parametrize("path", ["reading-pass/", "en/reading-pass/"])
def test_synthetic_page_keeps_every_rule(fixture_rows: dict[str, dict[str, Any]], path: str) -> None:
    row = fixture_rows[path]
    assert {rule: rule_problems(row, rule) for rule in page_metrics.RULES} == {rule: [] for rule in page_metrics.RULES}
    # It has two checklists, one of them nested, and one control; its folded
    # block would make it far longer than the budget if it counted.
    assert (row["taskItems"], row["tickResets"]) == (4, 1)
    assert row["screens"] < 3


@pytest.mark.parametrize("path, rule, words", [
    ("reading-long/", "page-length", "screens long; the budget is 6"),
    ("en/reading-long/", "page-length", "screens long; the budget is 8"),
    ("reading-late/", "summary-first", "below the first screen (740 px)"),
    ("reading-small/", "summary-first", "smaller than the body text"),
    ("reading-small/", "text-size", "'先看这里' has 12.8 px text"),
    ("reading-none/", "summary-first", "no summary box"),
])
def test_reading_rule_fails_on_its_fixture(fixture_rows: dict[str, dict[str, Any]], path: str, rule: str, words: str) -> None:
    problems = rule_problems(fixture_rows[path], rule)
    assert len(problems) == 1 and words in problems[0], problems


def test_summary_rule_is_for_chinese_pages_only(fixture_rows: dict[str, dict[str, Any]]) -> None:
    # The issue sets the first-screen rule for Chinese; English summaries are
    # longer (data/budgets.yml summary_first_screen).
    assert rule_problems(fixture_rows["en/reading-late/"], "summary-first") == []


@pytest.mark.parametrize("name, rule, words", [
    ("two-resets.html", "clear-ticks", "2 'clear ticks' controls"),
    ("heading-mark-wraps.html", "heading-lines", "heading 'full-line'"),
])
def test_reading_rule_fails_on_a_hand_written_page(static_rows: dict[str, dict[str, Any]], name: str, rule: str, words: str) -> None:
    problems = rule_problems(static_rows[name], rule)
    assert len(problems) == 1 and words in problems[0], problems


# --- checkboxes: an unticked item looks unticked, in both palettes -----------------

# The look of each checkbox's drawn box (Material draws it in ::before).
CHECKBOX_LOOK = """() => [...document.querySelectorAll(".task-list-indicator")].map(indicator => {
  const box = getComputedStyle(indicator, "::before");
  const mask = [box.maskImage, box.webkitMaskImage].some(value => value && value !== "none");
  const border = box.borderTopStyle !== "none" && parseFloat(box.borderTopWidth) > 0
    && !/rgba\\(.*, 0\\)$/.test(box.borderTopColor);
  return {ticked: indicator.previousElementSibling.checked, tick: mask, box: border};
})"""


def checkbox_problems(looks: list[dict[str, bool]]) -> list[str]:
    problems = []
    for look in looks:
        if not look["ticked"] and look["tick"]:
            problems.append("an unticked item shows a tick")
        if not look["ticked"] and not look["box"]:
            problems.append("an unticked item has no visible box")
        if look["ticked"] and not look["tick"]:
            problems.append("a ticked item shows no tick")
    return problems


def checkbox_looks(page: Page) -> list[dict[str, bool]]:
    return page.evaluate(CHECKBOX_LOOK)


@pytest.mark.parametrize("scheme, palette", [("light", "default"), ("dark", "slate")])
def test_unticked_items_look_unticked_in_both_palettes(browser: Browser, fixture_url: str, scheme: str, palette: str) -> None:
    context = browser.new_context(viewport=SCREEN, color_scheme=scheme)
    page = context.new_page()
    page.goto(fixture_url + "reading-pass/")
    assert page.evaluate("document.body.dataset.mdColorScheme") == palette
    page.locator("label.task-list-control", has_text="第一件事").click()
    looks = checkbox_looks(page)
    context.close()
    assert [look["ticked"] for look in looks] == [True, False, False, False]
    assert checkbox_problems(looks) == []


def test_checkbox_check_fails_on_materials_own_look(browser: Browser, serve) -> None:
    page = browser.new_page()
    page.goto(serve(READING / "static") + "checkbox-material.html")
    looks = checkbox_looks(page)
    page.close()
    assert checkbox_problems(looks) == ["an unticked item shows a tick", "an unticked item has no visible box"]


# --- the back-to-top button does not cover the text --------------------------------

# Text elements of the article that the back-to-top button overlaps on screen.
COVERED_TEXT = """() => {
  const button = document.querySelector(".md-top");
  if (!button || !button.checkVisibility({opacityProperty: true, visibilityProperty: true})) return [];
  const b = button.getBoundingClientRect();
  return [...document.querySelectorAll("article :is(p, li, h1, h2, h3, h4, td, th, summary, pre)")]
    .filter(element => element.checkVisibility() && element.textContent.trim())
    .filter(element => {
      const r = element.getBoundingClientRect();
      return r.left < b.right && b.left < r.right && r.top < b.bottom && b.top < r.bottom;
    })
    .map(element => element.textContent.trim().slice(0, 40));
}"""


def covered_after_scrolling_up(page: Page, url: str) -> list[str]:
    """Scroll three screens down and one up (Material shows its button when
    the reader scrolls up), then list the text the button covers."""
    page.goto(url)
    page.evaluate("window.scrollTo(0, 3 * window.innerHeight)")
    page.evaluate("window.scrollBy(0, -window.innerHeight)")
    page.wait_for_function("() => !document.querySelector('.md-top').hidden")
    return page.evaluate(COVERED_TEXT)


@pytest.mark.parametrize("path", ["violations/", "en/violations/"])
def test_no_back_to_top_button_covers_the_text(browser: Browser, site_url: str, path: str) -> None:
    # navigation.top is off (mkdocs.yml): the sticky header is the way back up,
    # and nothing floats over the words a reader is reading.
    # Should it come back, the failure also lists the text it covers.
    context = browser.new_context(viewport=SCREEN)
    page = context.new_page()
    page.goto(site_url + path)
    buttons = page.locator(".md-top").count()
    covered = covered_after_scrolling_up(page, site_url + path) if buttons else []
    context.close()
    assert (buttons, covered) == (0, [])


def test_back_to_top_check_fails_on_a_floating_button(browser: Browser, serve) -> None:
    context = browser.new_context(viewport=SCREEN)
    page = context.new_page()
    covered = covered_after_scrolling_up(page, serve(READING / "static") + "back-to-top-floats.html")
    context.close()
    assert covered and covered[0].startswith("Line of text")


# --- the downloads table folds on a phone ------------------------------------------------

TABLE_FOLDING = """() => {
  const table = document.querySelector("table.downloads");
  const problems = [];
  if (!table) return ["no downloads table"];
  const rows = [...table.querySelectorAll("tbody tr")];
  if (rows.some(row => getComputedStyle(row).display !== "block")) problems.push("rows are not folded into blocks");
  if ([...table.querySelectorAll("td")].some(cell => !cell.dataset.label)) problems.push("a cell has no column heading");
  if (document.documentElement.scrollWidth > window.innerWidth) problems.push("the page scrolls sideways");
  return problems;
}"""


@pytest.mark.parametrize("lang, width, problems", [
    ("zh", 360, []),
    ("en", 360, []),
    ("zh", 1280, ["rows are not folded into blocks"]),  # a wide screen keeps the table: the check can fail
])
def test_downloads_table_folds_on_a_phone(browser: Browser, fixture_url: str, lang: str, width: int, problems: list[str]) -> None:
    context = browser.new_context(viewport={"width": width, "height": 740})
    page = context.new_page()
    page.goto(fixture_url + ("" if lang == "zh" else "en/") + "downloads/")
    found = page.evaluate(TABLE_FOLDING)
    context.close()
    assert found == problems


# --- WeChat: how to open the page in the phone's browser ----------------------------------

WECHAT = ("Mozilla/5.0 (Linux; Android 12; Phone) AppleWebKit/537.36 (KHTML, like Gecko) "
          "Chrome/116.0 Mobile Safari/537.36 XWEB/1160083 MMWEBSDK/20231202 MicroMessenger/8.0.47.2560")
BROWSER = "Mozilla/5.0 (Linux; Android 12; Phone) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/116.0 Mobile Safari/537.36"

# The visible hints, each with the element right next to it.
WECHAT_HINTS = """() => [...document.querySelectorAll(".wechat-hint")]
  .filter(hint => hint.checkVisibility())
  .map(hint => ({
    text: hint.textContent,
    beforeDownloads: !!hint.nextElementSibling && hint.nextElementSibling.matches("table.downloads"),
    afterExport: !!hint.previousElementSibling && !!hint.previousElementSibling.querySelector("[data-action=export]"),
  }))"""


def wechat_hints(browser: Browser, url: str, user_agent: str) -> tuple[list[dict[str, str]], dict[str, str]]:
    """The hints a page shows to this browser, and the page's own labels."""
    context = browser.new_context(viewport=SCREEN, user_agent=user_agent)
    page = context.new_page()
    page.goto(url)
    page.wait_for_load_state("domcontentloaded")
    hints = page.evaluate(WECHAT_HINTS)
    labels = page.evaluate("JSON.parse(document.getElementById('__guide-labels').textContent)")
    context.close()
    return hints, labels


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_wechat_shows_how_to_download_in_the_browser(browser: Browser, fixture_url: str, lang: str) -> None:
    hints, labels = wechat_hints(browser, fixture_url + ("" if lang == "zh" else "en/") + "downloads/", WECHAT)
    assert [hint["text"] for hint in hints] == [labels["wechat_download"]]
    assert hints[0]["beforeDownloads"]
    assert ("微信" if lang == "zh" else "WeChat") in labels["wechat_download"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_wechat_shows_how_to_export_in_the_browser(browser: Browser, site_url: str, lang: str) -> None:
    hints, labels = wechat_hints(browser, site_url + ("" if lang == "zh" else "en/") + "call-log/", WECHAT)
    assert [hint["text"] for hint in hints] == [labels["wechat_export"]]
    assert hints[0]["afterExport"]


@pytest.mark.parametrize("path", ["downloads/", "en/call-log/", "call-log/"])
def test_other_browsers_see_no_wechat_hint(browser: Browser, fixture_url: str, path: str) -> None:
    assert wechat_hints(browser, fixture_url + path, BROWSER)[0] == []
