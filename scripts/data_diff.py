"""Show a reviewer exactly what a pull request changes in the reviewed data files.

Why: whether a phone number, a domain or an account is genuine is a
question a machine cannot answer; a maintainer must (CODEOWNERS). This
prints, for each reviewed file the branch changes, a plain summary per entry
("contact 'nfra': number 12378 → 12379") and the unified diff against the
merge base, so the change cannot hide in a long pull request; then it
names every changed file among the checks, tests and build (a pull
request that weakens a check shows up there). On GitHub
Actions it also writes them to the job summary. It fails when an entry was
added or changed but its `reviewed` date was not renewed: a changed number
keeping last year's review date is the shape of a quiet substitution.

Usage: python scripts/data_diff.py [--base REF] [--repo .]
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from check_data import REVIEWED, Reviewed  # noqa: E402
from problems import Problem, finish  # noqa: E402
from published_urls_grow import cannot_compare, default_base, git, merge_base  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
# Reviewed entries (check_data.REVIEWED) and the other files that decide what
# readers see or run: shown in full when they change.
# The checks and the build: a change here can weaken a check; listed by name.
MACHINERY = ["scripts", "tests", "overrides", ".github", ".ci", "mkdocs.yml", "docs/assets", "package.json",
             "package-lock.json", "requirements.in", "requirements.txt", "pytest.ini"]
WATCHED = [f"data/{spec.file}" for spec in REVIEWED] + [
    "data/workflows.yml", "data/script_apis.yml", "data/csp.yml", "data/theme_patches.yml", "data/call_log.yml",
    ".github/CODEOWNERS"]


def entries(text: str, spec: Reviewed) -> dict[str, dict[str, Any]]:
    data = yaml.safe_load(text) or {}
    if not spec.list_key:
        return {str(key): value for key, value in data.items() if isinstance(value, dict)}
    return {str(item.get(spec.id_field)): item for item in data.get(spec.list_key) or [] if isinstance(item, dict)}


def entry_changes(before: str, after: str, spec: Reviewed, label: str) -> tuple[list[str], list[Problem]]:
    """(one line per changed entry, problems for changes without a new reviewed date)."""
    old, new = entries(before, spec), entries(after, spec)
    lines: list[str] = []
    problems: list[Problem] = []
    for name in sorted(set(old) | set(new)):
        if name not in new:
            lines.append(f"{spec.kind} '{name}': REMOVED")
            continue
        if name not in old:
            lines.append(f"{spec.kind} '{name}': ADDED " + ", ".join(f"{k}: {shown(v)}" for k, v in new[name].items()))
            continue
        changed = {key for key in set(old[name]) | set(new[name]) if old[name].get(key) != new[name].get(key)}
        if not changed:
            continue
        lines.append(f"{spec.kind} '{name}': " + "; ".join(
            f"{key} {shown(old[name].get(key))} → {shown(new[name].get(key))}" for key in sorted(changed)))
        if changed - {"reviewed", "confidence", "why", "note"} and "reviewed" not in changed:
            problems.append(Problem(label, line_of(after, name), f"{spec.kind} '{name}' changed "
                                    f"({', '.join(sorted(changed))}) but kept reviewed: {old[name].get('reviewed')}; "
                                    f"a changed entry needs a new reviewed date and its source · "
                                    f"修改过的条目必须更新核对日期并写明来源"))
    return lines, problems


def shown(value: Any) -> str:
    return f"'{value}'" if isinstance(value, str) else str(value)


def line_of(text: str, needle: str) -> int:
    index = text.find(needle)
    return text.count("\n", 0, index) + 1 if index >= 0 else 1


def report(repo: Path, base: str) -> tuple[str, list[Problem]]:
    commit = merge_base(repo, base)
    if commit is None:
        raise LookupError(f"no merge base with {base}")
    out: list[str] = []
    problems: list[Problem] = []
    specs = {f"data/{spec.file}": spec for spec in REVIEWED}
    for label in WATCHED:
        path = repo / label
        shown = git(repo, "show", f"{commit}:{label}")
        before = shown.stdout if shown.returncode == 0 else ""
        after = path.read_text(encoding="utf-8") if path.is_file() else ""
        if before == after:
            continue
        out.append(f"=== {label} changed (a maintainer must approve: CODEOWNERS) ===")
        if label in specs:
            try:
                lines, found = entry_changes(before, after, specs[label], label)
            except yaml.YAMLError as error:
                lines, found = [f"(not valid YAML: {error})"], []
            out += lines
            problems += found
        diff = git(repo, "diff", "--no-color", "--unified=2", commit, "--", label)
        untracked = "" if diff.stdout else "".join(f"+{line}\n" for line in after.splitlines())
        out.append(diff.stdout.rstrip() or untracked.rstrip())
        out.append("")
    changed = git(repo, "diff", "--name-only", commit, "--", *MACHINERY).stdout.split()
    if changed:
        out.append("=== checks, tests and build files changed (a maintainer must approve: CODEOWNERS) ===")
        out += changed
    return "\n".join(out), problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default=default_base())
    parser.add_argument("--repo", type=Path, default=ROOT)
    args = parser.parse_args()
    try:
        text, problems = report(args.repo, args.base)
    except LookupError as error:
        return cannot_compare("data_diff", "data/", error)
    print(text or f"No reviewed data file changed since {args.base}.")
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary and text:
        with open(summary, "a", encoding="utf-8") as handle:
            handle.write(f"## Reviewed data files changed\n\n```diff\n{text}\n```\n")
    return finish("data_diff", problems)


if __name__ == "__main__":
    sys.exit(main())
