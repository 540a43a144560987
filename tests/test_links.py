"""LinkChecker finds no broken link or #anchor in the built site, and does
find them in fixtures that have one of each."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT

LINKCHECKER = [sys.executable, str(ROOT / "scripts" / "linkcheck_local.py")]
CONFIG = ROOT / "tests" / "linkcheckerrc"


def run_linkchecker(url: str) -> subprocess.CompletedProcess[str]:
    # Outside links are off by default (no network in CI); LINKCHECK_EXTERNAL=1 turns them on.
    extern = ["--check-extern"] if os.environ.get("LINKCHECK_EXTERNAL") == "1" else []
    return subprocess.run([*LINKCHECKER, "--config", str(CONFIG), "--no-status", *extern, url],
                          capture_output=True, text=True, timeout=600)


def test_built_site_has_no_broken_links_or_anchors(built_site: Path, serve) -> None:
    result = run_linkchecker(serve(built_site))
    assert result.returncode == 0, result.stdout[-4000:]
    assert "dropping privileges" not in result.stderr  # plugins (anchors) would not load
    checked = int(result.stdout.split(" links in ")[0].rsplit("\n", 1)[-1].split()[-1])
    assert checked > 100, result.stdout[-500:]  # it really crawled the site


@pytest.mark.parametrize("fixture, words", [
    ("linkcheck-page", "missing-page/"),
    ("linkcheck-anchor", "Anchor `no-such-anchor' (decoded:"),
])
def test_linkchecker_fails_on_broken_fixture(serve, fixture: str, words: str) -> None:
    result = run_linkchecker(serve(FIXTURES / fixture))
    assert result.returncode == 1, result.stdout
    assert words in result.stdout, result.stdout
