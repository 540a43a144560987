"""scripts/setup.sh and the lock: without root it lists missing system
packages and stops, instead of half-installing; with everything present it
is a no-op; preview and lint install a fraction of what the tests need; the
lock file matches pyproject.toml and pins every file by its hash."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

import locked_uv
from conftest import ROOT

LOCK = tomllib.loads((ROOT / "uv.lock").read_text(encoding="utf-8"))


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


@pytest.mark.parametrize("profile", ["preview", "lint"])
def test_preview_and_lint_need_no_system_packages_beyond_python(tmp_path: Path, profile: str) -> None:
    # No fonts, poppler, Pango, Node.js or Chromium for a contributor who only previews or lints.
    result = run_setup(tmp_path, installed=False, profile=profile)
    assert result.returncode == 0, result.stderr
    assert "missing" not in result.stderr


def test_an_unknown_profile_is_refused(tmp_path: Path) -> None:
    result = run_setup(tmp_path, installed=True, profile="everything")
    assert result.returncode == 2 and "usage:" in result.stderr


def installed_by(group: str, lock: dict = LOCK) -> set[str]:
    """Every package a dependency group of pyproject.toml installs, from the lock."""
    packages = {package["name"]: package for package in lock["package"]}
    root = next(package for package in lock["package"] if package["source"].get("virtual") == ".")
    wanted = [(dependency["name"], dependency.get("extra", [])) for dependency in root["dev-dependencies"][group]]
    found: set[str] = set()
    while wanted:
        name, extras = wanted.pop()
        if name in found and not extras:
            continue
        found.add(name)
        package = packages[name]
        dependencies = list(package.get("dependencies", []))
        for extra in extras:
            dependencies += package.get("optional-dependencies", {}).get(extra, [])
        wanted += [(d["name"], d.get("extra", [])) for d in dependencies if d["name"] not in found or d.get("extra")]
    return found


def test_preview_and_lint_install_a_fraction_of_the_test_tools() -> None:
    test = installed_by("test")
    assert {"moto", "playwright", "pytest", "weasyprint", "mkdocs", "ruff"} <= test
    for group in ("preview", "lint"):
        assert installed_by(group) < test
        assert len(installed_by(group)) < len(test) / 3, (group, len(installed_by(group)), len(test))
    assert "weasyprint" not in installed_by("preview") and "mkdocs" not in installed_by("lint")


def test_group_closure_follows_extras() -> None:
    lock = {"package": [
        {"name": "guide", "source": {"virtual": "."}, "dev-dependencies": {"g": [{"name": "a", "extra": ["x"]}]}},
        {"name": "a", "source": {}, "optional-dependencies": {"x": [{"name": "b"}]}},
        {"name": "b", "source": {}}]}
    assert installed_by("g", lock) == {"a", "b"}


def test_every_locked_file_has_a_hash() -> None:
    files = [file for package in LOCK["package"] for file in [*package.get("wheels", []), package.get("sdist")] if file]
    assert len(files) > 100
    assert all(file["hash"].startswith("sha256:") for file in files)


def test_uv_itself_is_installed_with_the_hashes_of_the_lock() -> None:
    requirement = locked_uv.uv_requirement(LOCK)
    uv = next(package for package in LOCK["package"] if package["name"] == "uv")
    assert requirement.startswith(f"uv=={uv['version']} --hash=sha256:")
    assert requirement.count("--hash=") == len(uv["wheels"]) + ("sdist" in uv)
    with pytest.raises(SystemExit, match="no 'uv' package"):
        locked_uv.uv_requirement({"package": [p for p in LOCK["package"] if p["name"] != "uv"]})


def uv_lock_check(project: Path) -> subprocess.CompletedProcess[str]:
    uv = Path(sys.executable).parent / "uv"
    return subprocess.run([str(uv), "lock", "--check", "--offline"], cwd=project, capture_output=True, text=True,
                          env={**os.environ, "UV_PYTHON_DOWNLOADS": "never"})


def test_the_lock_matches_pyproject(tmp_path: Path) -> None:
    for name in ("pyproject.toml", "uv.lock"):
        shutil.copy2(ROOT / name, tmp_path / name)
    assert uv_lock_check(tmp_path).returncode == 0
    pyproject = (tmp_path / "pyproject.toml").read_text(encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text(pyproject.replace('"jieba==0.42.1"', '"jieba==0.42.0"'), encoding="utf-8")
    result = uv_lock_check(tmp_path)
    assert result.returncode != 0, result.stderr
