"""scripts/setup.sh: without root it lists missing system packages and
stops, instead of half-installing; with everything present it is a no-op."""
from __future__ import annotations

import os
import subprocess
from pathlib import Path

from conftest import ROOT


def fake_bin(tmp_path: Path, installed: bool) -> Path:
    """Shims for a non-root user on a machine where dpkg knows no package."""
    shims = tmp_path / "bin"
    shims.mkdir()
    (shims / "id").write_text("#!/bin/sh\necho 1000\n")
    status = "install ok installed" if installed else ""
    (shims / "dpkg-query").write_text(f"#!/bin/sh\nprintf '{status}'\n[ -n '{status}' ]\n")
    for shim in shims.iterdir():
        shim.chmod(0o755)
    return shims


def run_setup(tmp_path: Path, installed: bool, profile: str = "build") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PATH": f"{fake_bin(tmp_path, installed)}:{os.environ['PATH']}"}
    return subprocess.run(["bash", str(ROOT / "scripts" / "setup.sh"), profile],
                          env=env, capture_output=True, text=True, timeout=600)


def test_missing_packages_are_listed_and_setup_stops_without_root(tmp_path: Path) -> None:
    result = run_setup(tmp_path, installed=False)
    assert result.returncode == 1
    assert "fonts-noto-cjk" in result.stderr and "poppler-utils" in result.stderr
    assert "sudo apt-get install --no-install-recommends" in result.stderr


def test_setup_succeeds_when_everything_is_present(tmp_path: Path) -> None:
    result = run_setup(tmp_path, installed=True)
    assert result.returncode == 0, result.stderr
    assert "missing" not in result.stderr


def test_python_profile_needs_no_system_packages_beyond_python(tmp_path: Path) -> None:
    # scripts/lint.sh and scripts/preview.sh use it: no fonts, poppler or Chromium needed.
    result = run_setup(tmp_path, installed=False, profile="python")
    assert result.returncode == 0, result.stderr
    assert "missing" not in result.stderr
