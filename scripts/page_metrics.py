"""Measure how each page reads on a phone: length in screens, and whether the
summary sits on the first screen at full text size.

Why: a frightened reader on a 360 x 740 phone must see the page's answer
without scrolling, and must not scroll through twenty screens of law to
find a phone script (issue 13). The budgets live in data/budgets.yml; the
test (tests/test_reading.py) and contributors use the same measurements,
so "how long is my page now?" has one answer.

Usage: python scripts/page_metrics.py [--site DIR] [--json]
Without --site it builds the site into a temporary folder first.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
import local_server  # noqa: E402
from markdown_pages import published_pages  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent

# Runs in the page. Folded blocks (??? details) stay closed, as a reader
# first sees them. The summary is the first admonition in the article.
MEASURE_JS = """() => {
  const article = document.querySelector("article.md-content__inner");
  const summary = article && article.querySelector(".admonition, details");
  const paragraph = article && article.querySelector(":scope > p");
  const size = (element) => element ? parseFloat(getComputedStyle(element).fontSize) : 0;
  const summaryText = summary && (summary.querySelector("p:not(.admonition-title)") || summary);
  const height = document.documentElement.scrollHeight;
  return {
    height: height,
    viewport: window.innerHeight,
    summaryBottom: summary ? summary.getBoundingClientRect().bottom + window.scrollY : null,
    summaryFontPx: size(summaryText),
    bodyFontPx: size(paragraph) || size(article),
  };
}"""


def measure(site_url: str, paths: list[str], screen: dict[str, int]) -> list[dict[str, Any]]:
    """Open each page at the phone size and return its measurements."""
    from playwright.sync_api import sync_playwright
    results = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=local_server.CHROMIUM,
                                             args=local_server.CHROMIUM_ARGS)
        context = browser.new_context(viewport=screen, is_mobile=True, has_touch=True)
        page = context.new_page()
        for path in paths:
            page.goto(site_url + path, wait_until="load")
            metrics = page.evaluate(MEASURE_JS)
            metrics["path"] = path or "./"
            metrics["screens"] = round(metrics["height"] / metrics["viewport"], 1)
            results.append(metrics)
        browser.close()
    return results


def build_site(target: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(target)],
                            cwd=ROOT, env=env, capture_output=True, text=True)
    if result.returncode:
        sys.exit(f"page_metrics: the build failed:\n{result.stderr}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="a built site (default: build one now)")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    args = parser.parse_args()
    budgets = yaml.safe_load((ROOT / "data" / "budgets.yml").read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as temporary:
        site = args.site or Path(temporary) / "site"
        if not args.site:
            build_site(site)
        url, server = local_server.serve(site)
        try:
            results = measure(url, published_pages(ROOT / "data" / "published_urls.txt"), budgets["screen"])
        finally:
            server.shutdown()
    if args.json:
        print(json.dumps(results, indent=1))
        return 0
    limits = budgets.get("page_screens", {})
    print(f"{'page':<24} {'screens':>7} {'limit':>5} {'summary ends':>12} {'summary px':>10} {'body px':>7}")
    for row in results:
        lang = "en" if row["path"].startswith("en/") else "zh"
        bottom = f"{row['summaryBottom']:.0f}" if row["summaryBottom"] is not None else "none"
        print(f"{row['path']:<24} {row['screens']:>7} {limits.get(lang, '-'):>5} {bottom:>12} "
              f"{row['summaryFontPx']:>10.1f} {row['bodyFontPx']:>7.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
