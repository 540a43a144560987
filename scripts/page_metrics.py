"""Measure how each page reads on a phone, and say which reading rules it breaks.

Why: a frightened reader on a 360 x 740 phone must see the page's answer
without scrolling, and must not scroll through twenty screens of law to
find a phone script (issue 13). The budgets live in data/budgets.yml; the
test (tests/test_reading.py) and contributors use the same measurements and
the same rules (measure_pages, RULES), so "how long is my page now?" has
one answer.

Measured at the screen size in data/budgets.yml, normal text size, folded
blocks (??? details) closed, as a reader first sees the page:
- length in screens (page height / screen height);
- where the summary (the first !!! abstract box) ends, and its text size
  against the body text's;
- admonitions and folded blocks whose text is smaller than the body text;
- how many "clear ticks" controls the page shows, and whether it has a
  checklist;
- headings whose permalink mark wraps onto a line of its own (a blank-looking
  line under the heading).

Usage: python scripts/page_metrics.py [--site DIR] [--json]
Without --site it builds the site into a temporary folder first. It prints
figures and the rules each page breaks; it never fails on them.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
import local_server  # noqa: E402
from markdown_pages import published_pages  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent

# Runs in the page once it has loaded (our scripts have added their
# controls). Nothing is opened or scrolled: folded blocks stay closed.
MEASURE_JS = """() => {
  const article = document.querySelector("article.md-content__inner");
  const size = (element) => element ? parseFloat(getComputedStyle(element).fontSize) : 0;
  const textOf = (box) => box.querySelector(":scope > p:not(.admonition-title), :scope > ul, :scope > ol, :scope > div, :scope > table");
  const titleOf = (box) => {
    const title = box.querySelector(":scope > .admonition-title, :scope > summary");
    return (title ? title.textContent : box.className).trim().slice(0, 40);
  };
  const paragraph = article && article.querySelector(":scope > p");
  const bodyFontPx = size(paragraph) || size(article);
  const summary = article && article.querySelector(".admonition.abstract");
  const boxes = article ? [...article.querySelectorAll(".admonition, details")] : [];
  const smallBoxes = boxes
    .filter((box) => textOf(box) && size(textOf(box)) + 0.01 < bodyFontPx)
    .map((box) => ({title: titleOf(box), px: size(textOf(box))}));
  // A heading whose permalink mark sits on a line below its last word.
  const lastLineBottom = (heading, mark) => {
    const range = document.createRange();
    range.setStartBefore(heading.firstChild);
    range.setEndBefore(mark);
    const rects = [...range.getClientRects()].filter((rect) => rect.width > 0);
    return rects.length ? Math.max(...rects.map((rect) => rect.bottom)) : null;
  };
  const headingGaps = [];
  for (const heading of article ? article.querySelectorAll("h1, h2, h3, h4, h5, h6") : []) {
    const mark = heading.querySelector(".headerlink");
    const textBottom = mark && mark !== heading.firstChild ? lastLineBottom(heading, mark) : null;
    if (textBottom === null) continue;
    const box = mark.getClientRects()[0];
    if (box && (box.top + box.bottom) / 2 > textBottom) headingGaps.push(heading.id || heading.textContent.trim().slice(0, 40));
  }
  return {
    height: document.documentElement.scrollHeight,
    viewport: window.innerHeight,
    summaryBottom: summary ? summary.getBoundingClientRect().bottom + window.scrollY : null,
    summaryFontPx: summary ? size(textOf(summary) || summary) : 0,
    bodyFontPx: bodyFontPx,
    smallBoxes: smallBoxes,
    taskItems: article ? article.querySelectorAll(".task-list-item").length : 0,
    tickResets: document.querySelectorAll(".tick-reset__button").length,
    headingGaps: headingGaps,
  };
}"""


def language_of(path: str) -> str:
    """The page's language from its path under the site root."""
    return "en" if path == "en/" or path.startswith("en/") else "zh"


def measure_pages(browser: Any, site_url: str, paths: list[str], screen: dict[str, int]) -> list[dict[str, Any]]:
    """Open each page at the phone size in a fresh context of browser
    (a Playwright Browser) and return its measurements, one dict per page."""
    context = browser.new_context(viewport=screen, is_mobile=True, has_touch=True)
    page = context.new_page()
    results = []
    try:
        for path in paths:
            page.goto(site_url + path, wait_until="load")
            metrics = page.evaluate(MEASURE_JS)
            metrics["path"] = path or "./"
            metrics["lang"] = language_of(path)
            metrics["screens"] = metrics["height"] / metrics["viewport"]
            results.append(metrics)
    finally:
        context.close()
    return results


# --- the reading rules (issue 13): each returns what is wrong, [] if nothing --

def page_length(row: dict[str, Any], budgets: dict[str, Any]) -> list[str]:
    limit = budgets["page_screens"][row["lang"]]
    if row["screens"] > limit:
        return [f"{row['screens']:.1f} screens long; the budget is {limit}"]
    return []


def summary_first(row: dict[str, Any], budgets: dict[str, Any]) -> list[str]:
    if row["lang"] not in budgets.get("summary_first_screen", []):
        return []
    if row["summaryBottom"] is None:
        return ["no summary box (!!! abstract) on the page"]
    problems = []
    if row["summaryBottom"] > row["viewport"]:
        problems.append(f"the summary ends at {row['summaryBottom']:.0f} px, "
                        f"below the first screen ({row['viewport']} px)")
    if row["summaryFontPx"] + 0.01 < row["bodyFontPx"]:
        problems.append(f"the summary's text is {row['summaryFontPx']:.1f} px, "
                        f"smaller than the body text ({row['bodyFontPx']:.1f} px)")
    return problems


def text_size(row: dict[str, Any], budgets: dict[str, Any]) -> list[str]:
    return [f"'{box['title']}' has {box['px']:.1f} px text, smaller than the body text "
            f"({row['bodyFontPx']:.1f} px)" for box in row["smallBoxes"]]


def clear_ticks(row: dict[str, Any], budgets: dict[str, Any]) -> list[str]:
    expected = 1 if row["taskItems"] else 0
    if row["tickResets"] != expected:
        return [(f"{row['tickResets']} 'clear ticks' controls; a page with a checklist has one, "
                 "a page without none")]
    return []


def heading_lines(row: dict[str, Any], budgets: dict[str, Any]) -> list[str]:
    return [f"heading {heading!r}: its permalink mark wraps onto a line of its own"
            for heading in row["headingGaps"]]


RULES: dict[str, Callable[[dict[str, Any], dict[str, Any]], list[str]]] = {
    "page-length": page_length,
    "summary-first": summary_first,
    "text-size": text_size,
    "clear-ticks": clear_ticks,
    "heading-lines": heading_lines,
}


def broken_rules(rows: list[dict[str, Any]], budgets: dict[str, Any], rule: str) -> dict[str, list[str]]:
    """Pages that break one rule: path -> what is wrong."""
    found = {row["path"]: RULES[rule](row, budgets) for row in rows}
    return {path: problems for path, problems in found.items() if problems}


def load_budgets(root: Path = ROOT) -> dict[str, Any]:
    return yaml.safe_load((root / "data" / "budgets.yml").read_text(encoding="utf-8"))


def build_site(target: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(target)],
                            cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    if result.returncode:
        sys.exit(f"page_metrics: the build failed:\n{result.stderr}")


@contextmanager
def chromium_on_site(site: Path | None) -> Iterator[tuple[Any, str]]:
    """Yield (Chromium browser, site URL) for a built site served locally;
    without a site, build one into a temporary folder first."""
    from playwright.sync_api import sync_playwright
    with tempfile.TemporaryDirectory() as temporary:
        if site is None:
            site = Path(temporary) / "site"
            build_site(site)
        url, server = local_server.serve(site)
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=local_server.CHROMIUM,
                                                     args=local_server.CHROMIUM_ARGS)
                try:
                    yield browser, url
                finally:
                    browser.close()
        finally:
            server.shutdown()


def print_table(results: list[dict[str, Any]], budgets: dict[str, Any]) -> None:
    limits = budgets.get("page_screens", {})
    print(f"{'page':<24} {'screens':>7} {'limit':>5} {'summary ends':>12} {'summary px':>10} {'body px':>7}")
    for row in results:
        bottom = f"{row['summaryBottom']:.0f}" if row["summaryBottom"] is not None else "none"
        print(f"{row['path']:<24} {row['screens']:>7.1f} {limits.get(row['lang'], '-'):>5} {bottom:>12} "
              f"{row['summaryFontPx']:>10.1f} {row['bodyFontPx']:>7.1f}")
    for rule in RULES:
        broken = broken_rules(results, budgets, rule)
        print(f"\n{rule}: {len(broken)} of {len(results)} pages break it")
        for path, problems in broken.items():
            for problem in problems:
                print(f"  {path}: {problem}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="a built site (default: build one now)")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    args = parser.parse_args()
    budgets = load_budgets()
    with chromium_on_site(args.site) as (browser, url):
        results = measure_pages(browser, url, published_pages(ROOT / "data" / "published_urls.txt"),
                                budgets["screen"])
    if args.json:
        print(json.dumps(results, indent=1, ensure_ascii=False))
    else:
        print_table(results, budgets)
    return 0


if __name__ == "__main__":
    sys.exit(main())
