"""The test suite keeps its own promises: nothing in it waits for a fixed
time or asserts on a timing (those belong to scripts/benchmark.py), a
failed browser test leaves a trace and a screenshot in test-artifacts/, and
ruff finds nothing in the project's Python. Each has a fixture in
tests/fixtures/suite/ that breaks it."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT

SUITE_FIXTURES = FIXTURES / "suite"

# A fixed wait, or a clock read to assert on a duration. Written so that
# this file does not match itself.
FORBIDDEN = {
    "fixed wait": re.compile(r"\b(?:time\.)?sleep\(|wait_for_timeout\(|set" r"Timeout\("),
    "clock read": re.compile(r"\bmonotonic\(|perf_counter\(|\btime\.time\(|performance\.now\("),
    "Lighthouse timing": re.compile(r"first-contentful-paint|largest-contentful-paint|lighthouse\.timings\("),
    # A short browser timeout turns a slow machine into a failure; the
    # patience set in conftest.py (a hang limit) is the only one.
    "browser timeout": re.compile(r"(?:expect\(|\.to_(?:be|have)_\w+\(|wait_for_\w+\(|\.goto\().*\btime" r"out=\s*\d"),
}


def timing_problems(path: Path) -> list[str]:
    problems = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        problems += [f"{path.name}:{number}: {kind}" for kind, pattern in FORBIDDEN.items() if pattern.search(line)]
    return problems


def test_no_test_waits_a_fixed_time_or_asserts_on_a_timing() -> None:
    files = [path for path in (ROOT / "tests").glob("*.*") if path.suffix in (".py", ".js") and path.name != Path(__file__).name]
    assert len(files) > 10
    assert [problem for path in files for problem in timing_problems(path)] == []


def test_timing_check_flags_the_broken_fixture() -> None:
    assert timing_problems(SUITE_FIXTURES / "fixed_waits.py") == [
        "fixed_waits.py:7: clock read", "fixed_waits.py:8: fixed wait", "fixed_waits.py:9: fixed wait",
        "fixed_waits.py:10: browser timeout", "fixed_waits.py:11: clock read"]


def ruff(*paths: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(Path(sys.executable).parent / "ruff"), "check", "--output-format=concise", *map(str, paths)],
                          cwd=ROOT, capture_output=True, text=True)


def test_ruff_finds_nothing_in_the_projects_python() -> None:
    result = ruff(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_flags_the_broken_fixture() -> None:
    result = ruff(SUITE_FIXTURES / "unused_import.py")
    assert result.returncode == 1
    assert "unused_import.py:3:8: F401" in result.stdout and "unused_import.py:7:12: F821" in result.stdout


@pytest.mark.browser
def test_a_failed_browser_test_leaves_a_trace_and_a_screenshot(tmp_path: Path) -> None:
    # Another pytest process, with this suite's conftest and settings, runs
    # browser tests that fail on purpose; its artifacts go to tmp_path.
    artifacts = tmp_path / "artifacts"
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "conftest", "-c", str(ROOT / "pytest.ini"), "--rootdir", str(tmp_path),
         "-p", "no:cacheprovider", "-q", "--output", str(artifacts), str(SUITE_FIXTURES / "failing_browser.py")],
        cwd=tmp_path, capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT / "tests")})
    assert "2 failed, 1 passed" in result.stdout, result.stdout + result.stderr
    kept = sorted(path.relative_to(artifacts).as_posix() for path in artifacts.rglob("*") if path.is_file())
    assert kept == [f"{folder}-chromium/{name}"
                    for folder in ("test-fails-after-closing-its-page",
                                   "test-fails-with-its-context-open")
                    for name in ("test-failed-1.png", "trace.zip")], kept
