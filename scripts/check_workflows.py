"""Check the GitHub Actions workflows: actionlint, pinned actions, least privilege.

Why: a broken workflow fails only after it is merged, and a loose one is a
way in for an attacker: an action moved under a tag, or a token that may
write to the repository in every job. Each workflow must pass actionlint,
name every action by a full commit SHA (with the release in a comment), grant
no write permission at the workflow level (only the job that needs it), and
check out full history (the pages' "last updated" dates come from git).

Usage: python scripts/check_workflows.py [files...]   (default: .github/workflows/*.yml)
"""
from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from problems import Problem, finish  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
ACTIONLINT = Path(sys.executable).parent / "actionlint"
PINNED = re.compile(r"^\s*(?:-\s+)?uses:\s*([^@\s]+)@([0-9a-f]{40})\s+#\s*v\d+(?:\.\d+)*\s*$")
USES = re.compile(r"^\s*(?:-\s+)?uses:\s*(\S+)")


def label_of(path: Path) -> str:
    try:
        return path.resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return path.as_posix()


def actionlint(path: Path, label: str) -> list[Problem]:
    """actionlint's findings. Shellcheck and pyflakes are off: a runner that has
    them would otherwise judge differently from a machine that has not."""
    binary = str(ACTIONLINT) if ACTIONLINT.exists() else shutil.which("actionlint")
    if binary is None:
        return [Problem(label, 1, "actionlint is not installed: run bash scripts/setup.sh test")]
    result = subprocess.run([binary, "-shellcheck=", "-pyflakes=", "-format", "{{json .}}", str(path)],
                            capture_output=True, text=True)
    if result.returncode not in (0, 1):
        return [Problem(label, 1, f"actionlint failed: {result.stderr.strip()}")]
    return [Problem(label, error["line"], f"actionlint [{error['kind']}]: {error['message']}", error["column"])
            for error in json.loads(result.stdout or "[]")]


def pins(path: Path, label: str) -> list[Problem]:
    problems = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        used = USES.match(line)
        if used and not used.group(1).startswith("./") and not PINNED.match(line):
            problems.append(Problem(label, number,
                                    f"'{used.group(1)}' must be pinned to a full commit SHA with its release "
                                    f"in a comment, like actions/checkout@<40 hex digits> # v7.0.1"))
    return problems


def line_of(text: str, pattern: str) -> int:
    match = re.search(pattern, text, re.M)
    return text.count("\n", 0, match.start()) + 1 if match else 1


def writes(permissions: Any) -> list[str]:
    if permissions in ("write-all",):
        return ["write-all"]
    if isinstance(permissions, dict):
        return [scope for scope, level in permissions.items() if level == "write"]
    return []


def permissions(path: Path, label: str) -> list[Problem]:
    text = path.read_text(encoding="utf-8")
    workflow = yaml.safe_load(text) or {}
    problems = []
    if "permissions" not in workflow:
        problems.append(Problem(label, 1, "set 'permissions:' at the top (read-only, or {}), "
                                          "and grant writes only in the job that needs them"))
    for scope in writes(workflow.get("permissions")):
        problems.append(Problem(label, line_of(text, r"^permissions:"),
                                f"'{scope}: write' for every job: move it into the one job that needs it"))
    return problems


def full_history(path: Path, label: str) -> list[Problem]:
    text = path.read_text(encoding="utf-8")
    workflow = yaml.safe_load(text) or {}
    problems = []
    for job in (workflow.get("jobs") or {}).values():
        for step in job.get("steps") or []:
            if str(step.get("uses", "")).startswith("actions/checkout@"):
                settings = step.get("with") or {}
                if settings.get("fetch-depth") != 0:
                    problems.append(Problem(label, line_of(text, r"uses:\s*actions/checkout@"),
                                            "actions/checkout needs 'fetch-depth: 0': pages show their last "
                                            "change from git history"))
                if settings.get("persist-credentials") is not False:
                    problems.append(Problem(label, line_of(text, r"uses:\s*actions/checkout@"),
                                            "actions/checkout needs 'persist-credentials: false': no later "
                                            "step needs the token on disk"))
    return problems


RULES = [actionlint, pins, permissions, full_history]


def run(paths: list[Path]) -> list[Problem]:
    return [problem for path in paths for rule in RULES for problem in rule(path, label_of(path))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path,
                        default=sorted((ROOT / ".github" / "workflows").glob("*.yml")))
    args = parser.parse_args()
    return finish("check_workflows", run(args.paths))


if __name__ == "__main__":
    sys.exit(main())
