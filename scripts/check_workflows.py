"""Check the GitHub Actions workflows: actionlint, zizmor, reviewed pins, least privilege.

Why: a broken workflow fails only after it is merged, and a loose one is a
way in for an attacker: an action moved to another commit, a token that may
write in a test job, a secret printed to the log, a remote script piped into
a shell. Each workflow must pass
- actionlint (syntax, expressions);
- zizmor in offline mode (template injection, excessive permissions,
  persisted credentials, unpinned actions, dangerous triggers, and the rest
  of its regular audits), configured by .github/zizmor.yml;
and this project's own rules, which zizmor cannot judge offline:
- every action pinned to a commit and release that data/workflows.yml lists
  (a pin moved to a commit outside the release its comment names fails);
- write permissions only in the jobs data/workflows.yml names;
- no secret or token expanded inside a `run:` script (pass it through env:);
- no download piped or fed into a shell or interpreter;
- checkout with full history (fetch-depth: 0).

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
BIN = Path(sys.executable).parent
ACTIONLINT = BIN / "actionlint"
ZIZMOR = BIN / "zizmor"
ZIZMOR_CONFIG = ROOT / ".github" / "zizmor.yml"
REVIEWED = ROOT / "data" / "workflows.yml"
USES = re.compile(r"^\s*(?:-\s+)?uses:\s*([^@\s#]+)(?:@(\S+))?\s*(?:#\s*(\S+))?")
SECRET_IN_RUN = re.compile(r"\$\{\{[^}]*\b(?:secrets\.|github\.token|env\.[A-Z_]*(?:TOKEN|SECRET|KEY|PASSWORD))", re.I)
DOWNLOAD = r"(?:curl|wget|fetch|iwr|Invoke-WebRequest|Invoke-RestMethod|irm|http|aria2c|gh\s+api)\b"
SHELL = (r"(?:(?:sudo\s+(?:-\S+\s+)*)?(?:env\s+\S+=\S+\s+)*(?:(?:ba|z|da|k|c|tc|fi|a)?sh\b|python[0-9.]*\b|node\b|"
         r"perl\b|ruby\b|php\b|iex\b|Invoke-Expression\b|pwsh\b|powershell\b|source\b|\.\s))")
PIPE_TO_SHELL = re.compile(
    rf"{DOWNLOAD}[^|;&\n]*\|\s*(?:tee\s+\S+\s*\|\s*)?{SHELL}|"          # curl … | sh
    rf"(?:{SHELL})\s*(?:-\S+\s+)*<\s*\(\s*{DOWNLOAD}|"                   # bash <(curl …)
    rf"(?:{SHELL})\s+(?:-\S+\s+)*-c\s+[\"']?\$\(\s*{DOWNLOAD}|"          # sh -c "$(curl …)"
    rf"\beval\s+[\"']?\$\(\s*{DOWNLOAD}", re.I)                           # eval "$(curl …)"


def label_of(path: Path) -> str:
    try:
        return path.resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return path.as_posix()


def binary(path: Path, name: str) -> str | None:
    return str(path) if path.exists() else shutil.which(name)


def actionlint(path: Path, label: str, reviewed: dict) -> list[Problem]:
    """actionlint's findings. Shellcheck and pyflakes are off: a runner that has
    them would otherwise judge differently from a machine that has not."""
    found = binary(ACTIONLINT, "actionlint")
    if found is None:
        return [Problem(label, 1, "actionlint is not installed: run bash scripts/setup.sh test")]
    result = subprocess.run([found, "-shellcheck=", "-pyflakes=", "-format", "{{json .}}", str(path)],
                            capture_output=True, text=True)
    if result.returncode not in (0, 1):
        return [Problem(label, 1, f"actionlint failed: {result.stderr.strip()}")]
    return [Problem(label, error["line"], f"actionlint [{error['kind']}]: {error['message']}", error["column"])
            for error in json.loads(result.stdout or "[]")]


def zizmor(path: Path, label: str, reviewed: dict) -> list[Problem]:
    """zizmor's regular audits, offline (no GitHub API calls, same answer on every machine)."""
    found = binary(ZIZMOR, "zizmor")
    if found is None:
        return [Problem(label, 1, "zizmor is not installed (PyPI zizmor): run bash scripts/setup.sh test")]
    command = [found, "--offline", "--no-progress", "--format", "json", "--strict-collection"]
    if ZIZMOR_CONFIG.is_file():
        command += ["--config", str(ZIZMOR_CONFIG)]
    result = subprocess.run([*command, str(path)], capture_output=True, text=True)
    try:
        findings = json.loads(result.stdout or "[]")
    except json.JSONDecodeError:
        findings = None
    if findings is None or result.returncode not in (0, 10, 11, 12, 13, 14):
        # zizmor reads only workflows that match GitHub's schema; actionlint names the mistake.
        if "validation schema" in result.stderr or "no inputs collected" in result.stderr:
            return []
        return [Problem(label, 1, f"zizmor failed: {result.stderr.strip()[-300:]}")]
    problems = []
    for finding in findings:
        location = next((loc for loc in finding["locations"] if loc["symbolic"].get("kind") == "Primary"),
                        finding["locations"][0])
        point = location["concrete"]["location"]["start_point"]
        problems.append(Problem(label, point["row"] + 1,
                                f"zizmor [{finding['ident']}]: {finding['desc']} "
                                f"({finding['determinations']['severity'].lower()}; "
                                f"https://docs.zizmor.sh/audits/#{finding['ident']})", point["column"] + 1))
    return problems


def pins(path: Path, label: str, reviewed: dict) -> list[Problem]:
    """Each action at a commit and release that data/workflows.yml lists."""
    listed = reviewed.get("actions") or {}
    problems = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        used = USES.match(line)
        if not used or used.group(1).startswith("./"):
            continue
        action, ref, release = used.groups()
        pairs = listed.get(action) or []
        if not pairs:
            problems.append(Problem(label, number, f"'{action}' is not a reviewed action: add it to data/workflows.yml "
                                                   f"with the commit of the release it uses (a maintainer checks it)"))
            continue
        if not ref or not re.fullmatch(r"[0-9a-f]{40}", ref) or not release:
            problems.append(Problem(label, number, f"'{action}@{ref}' must be pinned to a full commit SHA with its "
                                                   f"release in a comment, like {action}@{pairs[0]['commit']} "
                                                   f"# {pairs[0]['release']}"))
            continue
        if not any(pair["commit"] == ref and pair["release"] == release for pair in pairs):
            known = ", ".join(f"{pair['commit'][:12]}… is {pair['release']}" for pair in pairs)
            problems.append(Problem(label, number, f"'{action}@{ref[:12]}… # {release}': that commit is not the "
                                                   f"reviewed commit of {release} ({known}); update data/workflows.yml "
                                                   f"only after checking the release's tag on GitHub"))
    return problems


def line_of(text: str, pattern: str, start: int = 0) -> int:
    match = re.compile(pattern, re.M).search(text, start)
    return text.count("\n", 0, match.start()) + 1 if match else 1


def writes(permissions: Any) -> list[str]:
    if permissions in ("write-all",):
        return ["write-all"]
    if isinstance(permissions, dict):
        return [f"{scope}: write" for scope, level in permissions.items() if level == "write"]
    return []


def job_writes(path: Path, label: str, reviewed: dict) -> list[Problem]:
    """A job may write only what data/workflows.yml grants it."""
    text = path.read_text(encoding="utf-8")
    workflow = yaml.safe_load(text) or {}
    granted = (reviewed.get("write_permissions") or {}).get(path.name) or {}
    problems = []
    for name, job in (workflow.get("jobs") or {}).items():
        if not isinstance(job, dict):
            continue
        allowed = {f"{scope}: {level}" for scope, level in (granted.get(name) or {}).items()}
        for scope in writes(job.get("permissions")):
            if scope not in allowed:
                problems.append(Problem(label, line_of(text, rf"^\s+{re.escape(name)}:\s*$"),
                                        f"job '{name}' gets '{scope}', which data/workflows.yml does not grant it: "
                                        f"only the job that publishes may write"))
    return problems


def run_steps(path: Path) -> list[tuple[int, str]]:
    """(line, script) of every run: step."""
    text = path.read_text(encoding="utf-8")
    workflow = yaml.safe_load(text) or {}
    found = []
    position = 0
    for job in (workflow.get("jobs") or {}).values():
        for step in (job.get("steps") or []) if isinstance(job, dict) else []:
            if isinstance(step, dict) and "run" in step:
                match = re.compile(r"^\s*(?:-\s+)?run:", re.M).search(text, position)
                line = text.count("\n", 0, match.start()) + 1 if match else 1
                position = match.end() if match else position
                found.append((line, str(step["run"])))
    return found


def secrets_in_run(path: Path, label: str, reviewed: dict) -> list[Problem]:
    """A secret expanded into a script lands in the log when the script echoes,
    fails or runs with -x: pass it through env: and use the variable."""
    problems = []
    for line, script in run_steps(path):
        for offset, text in enumerate(script.splitlines()):
            if SECRET_IN_RUN.search(text):
                problems.append(Problem(label, line + offset + (1 if "\n" in script else 0),
                                        "a secret or token is expanded inside a run: script; give it to the step "
                                        "through env: and never print it"))
    return problems


def downloaded_then_run(script: str) -> int | None:
    """Index of the line that runs a file an earlier command downloaded, or None."""
    saved = re.compile(rf"{DOWNLOAD}[^\n;&|]*?(?:\s-o\s*|\s--output[= ]|\s-O\s*|\s--output-document[= ]|>\s*)([^\s;&|]+)")
    for download in saved.finditer(script):
        name = download.group(1).strip("'\"")
        if name in ("-", "/dev/null"):
            continue
        base = re.escape(Path(name).name)
        run = re.compile(rf"(?:{SHELL})\s+(?:-\S+\s+)*\S*{base}\b|(?:^|[\s;&|(])\.?/\S*{base}\b|"
                         rf"chmod\s+\S*x\S*\s+\S*{base}\b|(?:^|[;&|(]\s*){re.escape(name)}(?:\s|$)", re.M)
        found = run.search(script, download.end())
        if found:
            return script.count("\n", 0, found.start())
    return None


def pipe_to_shell(path: Path, label: str, reviewed: dict) -> list[Problem]:
    """No step runs what it downloads: every tool comes from a locked file."""
    problems = []
    message = ("a download is piped or fed into a shell or interpreter, or saved and run: install from "
               "requirements.txt, package-lock.json or apt instead")
    for line, script in run_steps(path):
        joined = re.sub(r"\\\n\s*", " ", script)
        first = line + (1 if "\n" in script else 0)
        for offset, text in enumerate(joined.splitlines()):
            if PIPE_TO_SHELL.search(text):
                problems.append(Problem(label, first + offset, message))
        ran = downloaded_then_run(joined)
        if ran is not None:
            problems.append(Problem(label, first + ran, message))
    return problems


def full_history(path: Path, label: str, reviewed: dict) -> list[Problem]:
    text = path.read_text(encoding="utf-8")
    workflow = yaml.safe_load(text) or {}
    problems = []
    for job in (workflow.get("jobs") or {}).values():
        for step in (job.get("steps") or []) if isinstance(job, dict) else []:
            if isinstance(step, dict) and str(step.get("uses", "")).startswith("actions/checkout@"):
                if (step.get("with") or {}).get("fetch-depth") != 0:
                    problems.append(Problem(label, line_of(text, r"uses:\s*actions/checkout@"),
                                            "actions/checkout needs 'fetch-depth: 0': the checks compare with the "
                                            "merge base (scripts/published_urls_grow.py, scripts/data_diff.py)"))
    return problems


RULES = [actionlint, zizmor, pins, job_writes, secrets_in_run, pipe_to_shell, full_history]


def load_reviewed(path: Path = REVIEWED) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}


def run(paths: list[Path], reviewed: dict | None = None) -> list[Problem]:
    reviewed = load_reviewed() if reviewed is None else reviewed
    problems = []
    for path in paths:
        label = label_of(path)
        for rule in RULES:
            try:
                problems += rule(path, label, reviewed)
            except yaml.YAMLError as error:
                problems.append(Problem(label, 1, f"{rule.__name__}: not valid YAML: {error}"))
                break
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path,
                        default=sorted((ROOT / ".github" / "workflows").glob("*.yml")))
    args = parser.parse_args()
    return finish("check_workflows", run(args.paths))


if __name__ == "__main__":
    sys.exit(main())
