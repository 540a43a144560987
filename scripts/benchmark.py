"""Measure the guide against a stock mkdocs-material build of the same pages.

Why: readers are on cheap phones and slow mobile data, and volunteers
rebuild the site often. Wall-clock figures differ from machine to machine,
so this script never fails on a budget (the deterministic budgets are tests:
tests/test_pages.py, tests/test_performance.py, tests/test_accessibility.py;
the Lighthouse performance score, FCP and LCP are measured only here, beside
the target in data/budgets.yml); it builds the guide
and a reference in the same run, on the same machine, and prints:

1. per page, both languages, guide / reference: requests, requests to other
   origins (blocked here and counted; this machine has no internet), first
   view bytes raw and gzipped (scripts/first_view.py), Lighthouse category
   scores and FCP/LCP (mobile preset), and the gzip ratio guide/reference;
2. build time (wall and CPU) of the guide and the reference; the guide
   twice: its first build with no caches, as on a fresh machine, and a
   later one (compiled templates and Chinese word cuts reused);
3. build time for 20, 200 and 1,000 generated pages per language (copies of
   the real pages in a temporary project), guide and reference, to show
   how build cost grows;
4. live preview: how long `mkdocs serve` takes to rebuild after one page
   is edited (three edits, median), in full and with --dirty, in a copy
   that is a git checkout, as a contributor's is;
5. the full release (scripts/build_release.py: site, offline bundles, PDFs).

The reference is "stock": the same Markdown (phone placeholders filled in,
since that is our hook), the same nav and Markdown extensions, and
otherwise a default mkdocs-material configuration (Google font included),
with mkdocs-static-i18n's folder layout so both languages build.

Usage: python scripts/benchmark.py [--lighthouse all|home|none] [--sizes 20 200 1000]
       [--skip-serve] [--skip-release]
"""
from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Callable

import yaml

import first_view
import lighthouse
from build_site import copy_project
from local_server import CHROMIUM, CHROMIUM_ARGS, serve
from markdown_pages import published_pages

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "overrides" / "hooks"))
import contacts  # noqa: E402

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
BUDGETS = yaml.safe_load((ROOT / "data" / "budgets.yml").read_text(encoding="utf-8"))


# --- building -----------------------------------------------------------------

def timed_output(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> tuple[float, float, str]:
    """Run command; return (wall seconds, CPU seconds of the child, its stdout)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, env={**ENV, **(env or {})}, capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed in {cwd}:\n{result.stderr[-3000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, result.stdout


def timed(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> tuple[float, float]:
    """Run command; return (wall seconds, CPU seconds of the child)."""
    wall, cpu, _ = timed_output(command, cwd, env)
    return wall, cpu


def mkdocs_build(project: Path, site: Path, strict: bool = True,
                 env: dict[str, str] | None = None) -> tuple[float, float]:
    command = [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(site)]
    return timed(command + (["--strict"] if strict else []), project, env)


def empty_caches(folder: Path) -> dict[str, str]:
    """Environment for a build that finds none of the caches earlier builds left:
    Jinja's compiled templates and jieba's dictionary live in the temporary
    folder, our Chinese word cuts in SEARCH_SEGMENTS (overrides/hooks/search_segments.py)."""
    (folder / "tmp").mkdir(parents=True)
    return {"TMPDIR": str(folder / "tmp"), "SEARCH_SEGMENTS": str(folder / "segments.json")}


def config_section(config: str, key: str) -> str:
    """A top-level block of mkdocs.yml, as text, from `key:` to the next key."""
    match = re.search(rf"^{key}:\n(?:(?:[ #].*)?\n)*", config, re.M)
    if not match:
        raise ValueError(f"mkdocs.yml has no top-level {key}")
    return match.group(0)


def stock_project(target: Path) -> Path:
    """The same pages with a default mkdocs-material configuration."""
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    phones = contacts.load_contacts()
    for source in sorted((ROOT / "docs").rglob("*.md")):
        relative = source.relative_to(ROOT / "docs")
        text = contacts.render_phones(source.read_text(encoding="utf-8"), phones,
                                      relative.parts[0], str(relative))
        (target / "docs" / relative).parent.mkdir(parents=True, exist_ok=True)
        (target / "docs" / relative).write_text(text, encoding="utf-8")
    site_name = re.search(r"^site_name: (.*)$", config, re.M).group(1)
    (target / "mkdocs.yml").write_text(
        f"site_name: {site_name}\n"
        "site_url: http://127.0.0.1:8000/\n"
        "theme:\n  name: material\n  language: zh\n"
        "plugins:\n  - search\n  - i18n:\n      docs_structure: folder\n      languages:\n"
        "        - {locale: zh, name: 简体中文, default: true}\n"
        "        - {locale: en, name: English}\n"
        + config_section(config, "nav") + config_section(config, "markdown_extensions"),
        encoding="utf-8")
    return target


# --- pages: requests, bytes, Lighthouse ---------------------------------------

def measure_pages(sites: dict[str, Path], pages: list[str], lighthouse_pages: list[str]) -> dict[str, dict[str, dict[str, Any]]]:
    """results[page][site name] = figures for one page of one build."""
    from playwright.sync_api import sync_playwright

    results: dict[str, dict[str, dict[str, Any]]] = {page: {} for page in pages}
    servers = {name: serve(site) for name, site in sites.items()}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for page in pages:
                for name, site in sites.items():
                    view = first_view.measure(browser, site, servers[name][0], page)
                    results[page][name] = {"requests": len(view.requests), "outside": len(view.outside),
                                           "raw": view.raw_bytes, "gzip": view.gzip_bytes}
            browser.close()
        for page in lighthouse_pages:
            for name in sites:
                report = lighthouse.run(servers[name][0] + page)
                results[page][name].update(scores=lighthouse.scores(report),
                                           timings=lighthouse.timings(report))
                print(f"benchmark: lighthouse {name} /{page} done", file=sys.stderr)
    finally:
        for _, server in servers.values():
            server.shutdown()
    return results


def kb(value: int) -> str:
    return f"{value / 1024:.1f}"


def pair(guide: Any, reference: Any) -> str:
    return f"{guide} / {reference}"


def score_text(figures: dict[str, Any], category: str) -> str:
    score = figures.get("scores", {}).get(category)
    return "–" if score is None else f"{score:.2f}"


def seconds(figures: dict[str, Any], timing: str) -> str:
    value = figures.get("timings", {}).get(timing)
    return "–" if value is None else f"{value / 1000:.2f}"


def page_table(results: dict[str, dict[str, dict[str, Any]]]) -> list[str]:
    lines = ["| page | requests | outside | raw KB | gzip KB | gzip ratio | perf | a11y | best pr. | SEO | FCP s | LCP s |",
             "|---|---|---|---|---|---:|---|---|---|---|---|---|"]
    ratios = []
    for page, by_site in results.items():
        guide, reference = by_site["guide"], by_site["reference"]
        ratio = guide["gzip"] / reference["gzip"] if reference["gzip"] else float("nan")
        ratios.append(ratio)
        cells = [f"/{page}", pair(guide["requests"], reference["requests"]),
                 pair(guide["outside"], reference["outside"]),
                 pair(kb(guide["raw"]), kb(reference["raw"])),
                 pair(kb(guide["gzip"]), kb(reference["gzip"])), f"{ratio:.2f}"]
        cells += [pair(score_text(guide, c), score_text(reference, c)) for c in lighthouse.CATEGORIES]
        cells += [pair(seconds(guide, t), seconds(reference, t))
                  for t in ("first-contentful-paint", "largest-contentful-paint")]
        lines.append("| " + " | ".join(cells) + " |")
    lines.append(f"| median ratio | | | | | {statistics.median(ratios):.2f} | | | | | | |")
    target = BUDGETS["lighthouse_performance_target"]
    below = [f"/{page} ({by_site['guide']['scores']['performance']:.2f})" for page, by_site in results.items()
             if (by_site["guide"].get("scores", {}).get("performance") or target) < target]
    lines.append(f"\nGuide pages below the performance target {target} (data/budgets.yml): "
                 + (", ".join(below) or "none"))
    return lines


# --- build scaling, live rebuild, release ---------------------------------------

FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.S)


def generate_pages(project: Path, count: int) -> None:
    """count pages per language, copied round-robin from the real pages and
    listed in the nav, so the build does all the work a real page costs."""
    sources = sorted(p.name for p in (project / "docs" / "zh").glob("*.md") if p.name != "index.md")
    names = [f"gen-{number:04d}.md" for number in range(1, count + 1)]
    for lang in ("zh", "en"):
        for number, name in enumerate(names):
            text = (project / "docs" / lang / sources[number % len(sources)]).read_text(encoding="utf-8")
            title = rf"title: \1 ({number + 1})"
            text = FRONT_MATTER.sub(lambda m, title=title: "---\n" + re.sub(r"^title: (.*)$", title, m.group(1), flags=re.M)
                                    + "\n---\n", text, count=1)
            (project / "docs" / lang / name).write_text(text, encoding="utf-8")
    config_path = project / "mkdocs.yml"
    config = config_path.read_text(encoding="utf-8")
    nav = "  - 生成:\n" + "".join(f"      - {name}\n" for name in names)
    config_path.write_text(config.replace("\nnav:\n", "\nnav:\n" + nav, 1), encoding="utf-8")


def scaling(work: Path, sizes: list[int]) -> list[str]:
    lines = ["| pages per language | pages built | guide wall s | reference wall s | guide / reference "
             "| guide CPU s | guide s per 100 pages |", "|---:|---:|---:|---:|---:|---:|---:|"]
    real = len(list((ROOT / "docs" / "zh").glob("*.md")))
    for size in sizes:
        walls = {}
        for name, make in (("guide", copy_project), ("reference", stock_project)):
            project = make(work / f"scale-{size}-{name}")
            generate_pages(project, size)
            walls[name] = mkdocs_build(project, work / f"scale-{size}-{name}-site", strict=False)
            shutil.rmtree(project)
            shutil.rmtree(work / f"scale-{size}-{name}-site")
        (wall, cpu), (reference, _) = walls["guide"], walls["reference"]
        total = 2 * (size + real)
        lines.append(f"| {size} (+{real} real) | {total} | {wall:.1f} | {reference:.1f} | {wall / reference:.2f} "
                     f"| {cpu:.1f} | {100 * wall / total:.2f} |")
        print(f"benchmark: {size} pages per language built", file=sys.stderr)
    return lines


def serve_rebuild(project: Path, dirty: bool, edits: int = 3) -> list[tuple[float, str]]:
    """Start `mkdocs serve`, then edit one page `edits` times, each time
    timing until the rebuild is done.

    Returns, per edit, (seconds from the edit to MkDocs' "Documentation built"
    line, the build time MkDocs itself reports). The first includes MkDocs'
    file polling (every 0.5 s), as a contributor's save does."""
    with socket.socket() as probe:  # a free port
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"]
    process = subprocess.Popen(command + (["--dirty"] if dirty else []), cwd=project, env=ENV,
                               stderr=subprocess.PIPE, text=True, start_new_session=True)
    results = []
    try:
        wait_for_line(process, "Serving on")
        page = project / "docs" / "zh" / "stages.md"
        for number in range(edits):
            time.sleep(1)  # let the watcher settle between edits
            edited = time.perf_counter()
            page.write_text(page.read_text(encoding="utf-8") + f"\n本行为基准测试所加（{number}）。\n",
                            encoding="utf-8")
            line = wait_for_line(process, "Documentation built in")
            results.append((time.perf_counter() - edited, line.split("Documentation built in")[1].strip()))
        return results
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=30)


def wait_for_line(process: subprocess.Popen[str], words: str, timeout: float = 300) -> str:
    deadline = time.monotonic() + timeout
    assert process.stderr is not None
    seen: list[str] = []
    while time.monotonic() < deadline:
        line = process.stderr.readline()
        seen.append(line)
        if not line and process.poll() is not None:
            raise RuntimeError(f"mkdocs serve stopped before '{words}':\n{''.join(seen[-20:])}")
        if words in line:
            return line
    raise RuntimeError(f"no '{words}' from mkdocs serve within {timeout} s")


def git_checkout(project: Path) -> None:
    """Make the copy a git repository with one commit, as a contributor's clone
    is, so a preview there costs what it costs in a real clone."""
    git = ["git", "-c", "user.name=benchmark", "-c", "user.email=benchmark@localhost"]
    for arguments in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "benchmark"]):
        subprocess.run(git + arguments, cwd=project, check=True, capture_output=True)


def live_rebuild(work: Path) -> list[str]:
    lines = ["| live preview (mkdocs serve), one page edited 3 times | edit → rebuilt, s (median; each) "
             "| MkDocs reports, s (median) |", "|---|---:|---:|"]
    for dirty in (False, True):
        project = copy_project(work / f"serve-{dirty}")
        if dirty:  # MkDocs warns that a dirty build is one, which strict mode stops on
            config = project / "mkdocs.yml"
            config.write_text(config.read_text(encoding="utf-8").replace("\nstrict: true\n", "\nstrict: false\n"),
                              encoding="utf-8")
        git_checkout(project)
        results = serve_rebuild(project, dirty)
        elapsed = [seconds for seconds, _ in results]
        reported = [float(text.split()[0]) for _, text in results]
        each = ", ".join(f"{seconds:.2f}" for seconds in elapsed)
        lines.append(f"| {'--dirty' if dirty else 'full rebuild'} | {statistics.median(elapsed):.2f} ({each}) "
                     f"| {statistics.median(reported):.2f} |")
        shutil.rmtree(project)
    return lines


def release(work: Path) -> list[str]:
    command = [sys.executable, str(ROOT / "scripts" / "build_release.py"), "--output", str(work / "release")]
    wall, cpu, stdout = timed_output(command, ROOT)
    lines = ["| release step (scripts/build_release.py) | seconds |", "|---|---:|"]
    lines += [f"| {m.group(1).strip()} | {m.group(2)} |"
              for m in re.finditer(r"^build: (.+?)\s+([\d.]+) s$", stdout, re.M)]
    lines.append(f"| whole command, wall (CPU {cpu:.1f} s) | {wall:.1f} |")
    return lines


def section(title: str, make: Callable[[], list[str]]) -> None:
    print(f"\n### {title}\n")
    print("\n".join(make()), flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lighthouse", choices=("all", "home", "none"), default="all",
                        help="pages to run Lighthouse on (default: all)")
    parser.add_argument("--sizes", type=int, nargs="*", default=[20, 200, 1000],
                        help="generated pages per language for the build-time table")
    parser.add_argument("--skip-serve", action="store_true", help="skip the live-preview rebuild timing")
    parser.add_argument("--skip-release", action="store_true", help="skip the full release timing")
    args = parser.parse_args()

    pages = published_pages(ROOT / "data" / "published_urls.txt")
    chosen = {"all": pages, "home": ["", "en/"], "none": []}[args.lighthouse]
    print(f"Machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at the start. "
          "Figures are guide / reference.")
    with tempfile.TemporaryDirectory(prefix="benchmark-") as temporary:
        work = Path(temporary)
        sites = {"guide": work / "guide-site", "reference": work / "reference-site"}
        first_time = mkdocs_build(ROOT, work / "first-build-site", env=empty_caches(work / "caches"))
        guide_time = mkdocs_build(ROOT, sites["guide"])
        reference_time = mkdocs_build(stock_project(work / "reference"), sites["reference"], strict=False)
        section("Pages (first view: cold cache, until the network is idle; Lighthouse mobile preset)",
                lambda: page_table(measure_pages(sites, pages, chosen)))
        section("Build at the guide's size (both languages)", lambda: [
            "| build | wall s | CPU s |", "|---|---:|---:|",
            f"| guide (mkdocs build --strict), first build: no caches (fresh machine) "
            f"| {first_time[0]:.2f} | {first_time[1]:.2f} |",
            f"| guide (mkdocs build --strict), every later build | {guide_time[0]:.2f} | {guide_time[1]:.2f} |",
            f"| reference | {reference_time[0]:.2f} | {reference_time[1]:.2f} |"])
        if args.sizes:
            section("Build time as the guide grows", lambda: scaling(work, args.sizes))
        if not args.skip_serve:
            section("Live preview", lambda: live_rebuild(work))
        if not args.skip_release:
            section("Full release", lambda: release(work))
    return 0


if __name__ == "__main__":
    sys.exit(main())
