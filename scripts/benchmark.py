"""Measure build time and page weight, side by side with a reference build.

Why: readers are on cheap phones and slow networks, and volunteers rebuild
the site often. Wall-clock numbers differ from machine to machine, so this
never asserts a budget; it builds the working tree and a reference (a git
revision, by default HEAD) in the same run, on the same machine, and prints
both so a pull request can show what it changed.

For each tree it reports: the median wall-clock time of `mkdocs build`, the
size of the built site, and for the home page of each language: the
requests Chromium makes to load it (until the network is idle), and the
bytes transferred, raw and gzipped.

Usage: python scripts/benchmark.py [--reference REV] [--runs 3] [--pages / en/]
"""
from __future__ import annotations

import argparse
import gzip
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import unquote, urlsplit

from local_server import CHROMIUM, CHROMIUM_ARGS, serve

ROOT = Path(__file__).resolve().parent.parent


def build(tree: Path, site: Path) -> float:
    """Build tree into site; return wall-clock seconds."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
                   cwd=tree, env=env, check=True, capture_output=True)
    return time.perf_counter() - start


def folder_bytes(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


def served_file(site: Path, url: str) -> Path | None:
    path = site / unquote(urlsplit(url).path).lstrip("/")
    if path.is_dir():
        path = path / "index.html"
    return path if path.is_file() else None


def page_weight(site: Path, page: str) -> dict[str, int]:
    """Load one page in Chromium; count requests and bytes (raw, gzipped)."""
    from playwright.sync_api import sync_playwright

    url, server = serve(site)
    base = url.rstrip("/")
    urls: list[str] = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            tab = browser.new_page()
            tab.on("request", lambda request: urls.append(request.url))
            tab.goto(base + page, wait_until="networkidle")
            browser.close()
    finally:
        server.shutdown()
    files = [served_file(site, url) for url in urls if url.startswith(base)]
    contents = [path.read_bytes() for path in files if path]
    return {
        "requests": len(urls),
        "outside requests": sum(1 for url in urls if not url.startswith(base)),
        "bytes": sum(len(content) for content in contents),
        "gzipped bytes": sum(len(gzip.compress(content, 6)) for content in contents),
    }


def measure(tree: Path, runs: int, pages: list[str], work: Path) -> dict[str, float]:
    times = []
    site = work / "site"
    for _ in range(runs):
        times.append(build(tree, site))
    results: dict[str, float] = {"build seconds (median)": round(statistics.median(times), 2),
                                 "site bytes": folder_bytes(site)}
    for page in pages:
        for key, value in page_weight(site, page).items():
            results[f"{page} {key}"] = value
    return results


def checkout(revision: str, into: Path) -> Path:
    subprocess.run(["git", "worktree", "add", "--detach", str(into), revision],
                   cwd=ROOT, check=True, capture_output=True)
    return into


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reference", default="HEAD", help="git revision to compare with (default HEAD)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--pages", nargs="+", default=["/", "/en/"])
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="benchmark-") as temporary:
        work = Path(temporary)
        reference_tree = checkout(args.reference, work / "reference-tree")
        try:
            (work / "current").mkdir()
            (work / "reference").mkdir()
            current = measure(ROOT, args.runs, args.pages, work / "current")
            reference = measure(reference_tree, args.runs, args.pages, work / "reference")
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(reference_tree)],
                           cwd=ROOT, capture_output=True)

    print(f"| measure | working tree | reference ({args.reference}) | change |")
    print("|---|---:|---:|---:|")
    for key in current:
        old, new = reference.get(key, 0), current[key]
        change = f"{(new - old) / old:+.1%}" if old else "n/a"
        print(f"| {key} | {new} | {old} | {change} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
