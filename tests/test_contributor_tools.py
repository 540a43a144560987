"""The contributor commands in README.md and CONTRIBUTING.md work: the live
preview serves both languages, the pre-commit hooks run this project's own
scripts (nothing downloaded), and the quick checks fail on broken input."""
from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import threading
import urllib.request
from pathlib import Path

import pytest
import yaml

from conftest import FIXTURES, ROOT


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# Hang limits only, far beyond any real run: a stalled preview fails the test
# instead of holding CI until the job's own limit. Nothing is timed.
HANG_LIMIT_S = 600


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=HANG_LIMIT_S) as response:
        return response.read().decode("utf-8")


def test_preview_serves_both_languages_with_live_reload() -> None:
    port = free_port()
    process = subprocess.Popen(["bash", str(ROOT / "scripts" / "preview.sh")], cwd=ROOT,
                               env={**os.environ, "PORT": str(port)}, start_new_session=True,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    output = []
    hang_guard = threading.Timer(HANG_LIMIT_S, os.killpg, (process.pid, signal.SIGTERM))
    hang_guard.start()
    try:
        # mkdocs serve says "Serving on http://..." once the site is built and
        # the server listens: wait for that line, not for a time.
        for line in process.stdout:
            output.append(line)
            if f"Serving on http://127.0.0.1:{port}/" in line:
                break
        assert process.poll() is None, "".join(output)
        home, english = fetch(f"http://127.0.0.1:{port}/"), fetch(f"http://127.0.0.1:{port}/en/stages/")
    finally:
        hang_guard.cancel()
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=HANG_LIMIT_S)
    assert '<html lang="zh"' in home and "度小满逾期与催收应对指南" in home
    assert '<html lang="en"' in english and "Du Xiaoman overdue loans and debt collection" in english
    assert "livereload" in english


HOOKS = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))["repos"]


def test_pre_commit_hooks_are_local_and_download_nothing() -> None:
    assert [repo["repo"] for repo in HOOKS] == ["local"]
    hooks = HOOKS[0]["hooks"]
    assert {hook["id"] for hook in hooks} == {"lint", "check-sources", "check-data", "check-scripts", "check-images",
                                              "check-workflows"}
    assert all(hook["language"] == "system" for hook in hooks)
    for hook in hooks:
        command = hook["entry"].split()
        assert command[0] == "bash" and (ROOT / command[1]).is_file(), hook["entry"]


def test_pre_commit_lint_hook_fixes_then_checks() -> None:
    lint = next(hook for hook in HOOKS[0]["hooks"] if hook["id"] == "lint")
    assert lint["entry"] == "bash scripts/lint.sh --fix"


@pytest.mark.parametrize("hook_id", ["check-sources", "check-data", "check-scripts", "check-images", "check-workflows"])
def test_pre_commit_check_hooks_pass_on_the_project(hook_id: str) -> None:
    hook = next(hook for hook in HOOKS[0]["hooks"] if hook["id"] == hook_id)
    result = subprocess.run(hook["entry"].split(), cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("args, where", [
    (["sources", "--docs", str(FIXTURES / "rules" / "phone-numbers")], "phone-numbers/zh/typed-phone.md:15:"),
    (["workflows", str(FIXTURES / "workflows" / "invalid.yml")], "tests/fixtures/workflows/invalid.yml:12:3:"),
])
def test_quick_checks_fail_on_broken_input_naming_file_and_line(args: list[str], where: str) -> None:
    result = subprocess.run(["bash", "scripts/check.sh", *args], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 1
    assert where in result.stdout


def test_quick_check_needs_a_known_name() -> None:
    result = subprocess.run(["bash", "scripts/check.sh", "everything"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 2 and "usage:" in result.stderr


def readme_commands(path: Path) -> set[str]:
    return set(re.findall(r"bash scripts/[a-z_]+\.sh(?: --fix)?", path.read_text(encoding="utf-8")))


@pytest.mark.parametrize("document", ["README.md", "CONTRIBUTING.md"])
def test_documented_commands_exist(document: str) -> None:
    commands = readme_commands(ROOT / document)
    assert {"bash scripts/preview.sh", "bash scripts/lint.sh --fix", "bash scripts/test.sh"} <= commands
    assert all((ROOT / command.split()[1]).is_file() for command in commands)
