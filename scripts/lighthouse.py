"""Run Lighthouse (npm, package-lock.json) on a URL and read its scores.

Why: the tests check the scores that do not depend on timing
(accessibility, best practices, SEO) of a few pages against
data/budgets.yml, and the benchmark prints every score and the timings;
both start Lighthouse the same way, with Debian's Chromium and the flags
that keep it from calling home (local_server.CHROMIUM_ARGS).

Usage: python scripts/lighthouse.py URL   (prints scores and timings)
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from local_server import CHROMIUM, CHROMIUM_ARGS

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
# The categories whose scores do not depend on the machine's speed or load.
STEADY_CATEGORIES = ("accessibility", "best-practices", "seo")
TIMINGS = ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time",
           "cumulative-layout-shift", "speed-index")


def run(url: str, categories: tuple[str, ...] = CATEGORIES, timeout: int | None = None) -> dict[str, Any]:
    """Lighthouse's JSON report for url (mobile preset, simulated throttling)."""
    if not LIGHTHOUSE.is_file():
        raise RuntimeError(f"{LIGHTHOUSE} is missing; run 'bash scripts/setup.sh test' (npm ci)")
    flags = " ".join(["--headless=new", *CHROMIUM_ARGS])
    command = [str(LIGHTHOUSE), url, "--output=json", "--output-path=stdout", "--quiet",
               f"--only-categories={','.join(categories)}", f"--chrome-flags={flags}",
               # A busy machine loads slowly; that must not stop the run.
               "--max-wait-for-load=120000"]
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=timeout)
    if result.returncode != 0:
        raise RuntimeError(f"lighthouse {url} failed:\n{result.stderr[-2000:]}")
    report = json.loads(result.stdout)
    if report.get("runtimeError"):
        raise RuntimeError(f"lighthouse {url}: {report['runtimeError']}")
    return report


def scores(report: dict[str, Any]) -> dict[str, float | None]:
    return {name: report["categories"][name]["score"] for name in CATEGORIES if name in report["categories"]}


def timings(report: dict[str, Any]) -> dict[str, float]:
    """Milliseconds (layout shift: unitless) of the main timings."""
    return {name: report["audits"][name]["numericValue"] for name in TIMINGS}


def failing_audits(report: dict[str, Any], category: str) -> list[str]:
    """The audits that cost points in a category, for error messages."""
    audits = report["audits"]
    return [f"{ref['id']} ({audits[ref['id']]['score']})"
            for ref in report["categories"][category]["auditRefs"]
            if ref["weight"] > 0 and audits[ref["id"]]["score"] is not None
            and audits[ref["id"]]["score"] < 1]


def budget_problems(report: dict[str, Any], minimums: dict[str, float]) -> list[str]:
    """One line per category scoring below its minimum, naming the audits."""
    problems = []
    for category, minimum in minimums.items():
        score = scores(report).get(category)
        if score is None or score < minimum:
            problems.append(f"{category} {score} < {minimum}: "
                            + ", ".join(failing_audits(report, category)))
    return problems


def main() -> int:
    report = run(sys.argv[1])
    print(json.dumps({"scores": scores(report), "timings": timings(report)}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
