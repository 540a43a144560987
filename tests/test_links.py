"""LinkChecker, with our configuration, finds a broken link and a broken
#anchor in fixtures that have one of each.

The real site is link-checked in tests/test_base_paths.py, at the host's
root and under a folder, starting from the redirect and 404 pages too."""
from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import FIXTURES, ROOT

LINKCHECKER = [sys.executable, str(ROOT / "scripts" / "linkcheck_local.py")]
CONFIG = ROOT / "tests" / "linkcheckerrc"


def run_linkchecker(url: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*LINKCHECKER, "--config", str(CONFIG), "--no-status", url],
                          capture_output=True, text=True, timeout=600)


@pytest.mark.parametrize("fixture, words", [
    ("linkcheck-page", "missing-page/"),
    ("linkcheck-anchor", "Anchor `no-such-anchor' (decoded:"),
])
def test_linkchecker_fails_on_broken_fixture(serve, fixture: str, words: str) -> None:
    result = run_linkchecker(serve(FIXTURES / fixture))
    assert result.returncode == 1, result.stdout
    assert words in result.stdout, result.stdout
