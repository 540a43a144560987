"""The mirror job's dry run: scripts/publish_mirror.py, through Debian's
rclone, against moto's S3 server (PyPI) on 127.0.0.1, started here. The
files other than pages go up before any page, and a file the site no longer
has is removed only after both uploads; a second run sends nothing; without
secrets the job is skipped with a notice, half the secrets is an error, and
a folder that is not a built site is never published. The run's output is
kept in test-artifacts/mirror-dry-run.txt. The workflow publishes the Pages
artifact, not a build of its own, with read-only permissions.

rclone and moto are not optional: if either is missing these tests fail,
saying what to install.
"""
from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

import publish_mirror
from conftest import ROOT

SCRIPT = ROOT / "scripts" / "publish_mirror.py"
WORKFLOW = ROOT / ".github" / "workflows" / "mirror.yml"
ARTIFACTS = ROOT / "test-artifacts"
BUCKET = "guide"
# rclone logs one line per file: "2026/11/30 18:01:26 INFO  : en/index.html: Copied (new)".
FILE_LINE = re.compile(r"INFO\s+:\s+(?P<path>.+?): (?P<action>Copied|Deleted)")
# Files the bucket holds from an earlier publication that the site no longer has.
STALE = {"old-page/index.html": b"<p>an old page</p>", "assets/old.css": b"a { }"}


@pytest.fixture(scope="module")
def rclone() -> str:
    path = shutil.which("rclone")
    assert path, "rclone is not installed: apt-get install rclone (scripts/setup.sh test installs it)"
    return path


@pytest.fixture(scope="module")
def s3(rclone: str) -> Iterator[tuple[str, Any]]:
    """moto's S3 server on 127.0.0.1 (a free port), and a boto3 client for it."""
    try:
        import boto3
        from moto.moto_server.threaded_moto_server import ThreadedMotoServer
    except ImportError as error:
        pytest.fail(f"moto's server is not installed ({error}): it comes from PyPI as moto[server] 5.2.5")
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()  # returns once the server accepts connections
    host, port = server.get_host_and_port()
    endpoint = f"http://{host}:{port}"
    client = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1",
                          aws_access_key_id="test", aws_secret_access_key="test")
    yield endpoint, client
    server.stop()


def secrets(endpoint: str) -> dict[str, str]:
    return {"MIRROR_S3_BUCKET": BUCKET, "MIRROR_S3_ENDPOINT": endpoint, "MIRROR_S3_REGION": "us-east-1",
            "MIRROR_S3_ACCESS_KEY_ID": "test", "MIRROR_S3_SECRET_ACCESS_KEY": "test"}


def run_script(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """The script as the workflow runs it; its output and rclone's, in order."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("MIRROR_", "GITHUB_"))}
    return subprocess.run([sys.executable, str(SCRIPT), *args], env={**clean, **env},
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=300, check=False)


def bucket_files(client: Any) -> dict[str, str]:
    """Every object in the bucket: key → MD5 of its content."""
    files = {}
    for page in client.get_paginator("list_objects_v2").paginate(Bucket=BUCKET):
        for item in page.get("Contents", []):
            body = client.get_object(Bucket=BUCKET, Key=item["Key"])["Body"].read()
            files[item["Key"]] = hashlib.md5(body).hexdigest()
    return files


def site_files(site: Path) -> dict[str, str]:
    return {path.relative_to(site).as_posix(): hashlib.md5(path.read_bytes()).hexdigest()
            for path in sorted(site.rglob("*")) if path.is_file()}


def order_problems(output: str) -> list[str]:
    """What the log shows out of order: a page before a file that is not a
    page, or a removal before the last upload."""
    events = [(m.group("action"), m.group("path")) for m in FILE_LINE.finditer(output)]
    copied = [i for i, (action, _) in enumerate(events) if action == "Copied"]
    pages = [i for i in copied if events[i][1].endswith(".html")]
    others = [i for i in copied if not events[i][1].endswith(".html")]
    deleted = [i for i, (action, _) in enumerate(events) if action == "Deleted"]
    problems = []
    if pages and others and min(pages) < max(others):
        problems.append(f"page {events[min(pages)][1]} went up before {events[max(others)][1]}")
    if deleted and copied and min(deleted) < max(copied):
        problems.append(f"{events[min(deleted)][1]} was removed before {events[max(copied)][1]} went up")
    return problems


@pytest.fixture(scope="module")
def dry_run(s3: tuple[str, Any], built_site: Path) -> tuple[str, dict[str, str]]:
    """One publication of the real site to a bucket that holds stale files."""
    endpoint, client = s3
    client.create_bucket(Bucket=BUCKET)
    for key, body in STALE.items():
        client.put_object(Bucket=BUCKET, Key=key, Body=body)
    result = run_script(["--site", str(built_site)], secrets(endpoint))
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "mirror-dry-run.txt").write_text(result.stdout, encoding="utf-8")
    assert result.returncode == 0, result.stdout[-4000:]
    return result.stdout, bucket_files(client)


def test_the_bucket_ends_up_holding_exactly_the_site(dry_run: tuple[str, dict[str, str]], built_site: Path) -> None:
    _, bucket = dry_run
    assert bucket == site_files(built_site)


def test_files_go_up_before_pages_and_removals_come_last(dry_run: tuple[str, dict[str, str]]) -> None:
    output, _ = dry_run
    events = FILE_LINE.findall(output)
    assert {path for path, action in events if action == "Deleted"} == set(STALE)
    assert any(path.endswith(".html") for path, action in events if action == "Copied")
    assert order_problems(output) == []
    phases = [line for line in output.splitlines() if line.startswith("mirror: ")]
    assert [phase.split()[1] for phase in phases[:3]] == ["1/3", "2/3", "3/3"]


@pytest.mark.parametrize("log, problem", [
    ("INFO  : index.html: Copied (new)\nINFO  : assets/guide.css: Copied (new)\n",
     "page index.html went up before assets/guide.css"),
    ("INFO  : assets/guide.css: Copied (new)\nINFO  : old.html: Deleted\nINFO  : index.html: Copied (new)\n",
     "old.html was removed before index.html went up"),
])
def test_order_check_fails_on_a_log_out_of_order(log: str, problem: str) -> None:
    assert order_problems(log) == [problem]


def test_a_second_run_sends_nothing(dry_run: tuple[str, dict[str, str]], s3: tuple[str, Any], built_site: Path) -> None:
    endpoint, _ = s3
    result = run_script(["--site", str(built_site)], secrets(endpoint))
    assert result.returncode == 0, result.stdout[-4000:]
    assert FILE_LINE.findall(result.stdout) == []


def test_without_secrets_the_job_is_skipped_with_a_notice(tmp_path: Path) -> None:
    output = tmp_path / "github_output"
    result = run_script(["--check"], {"GITHUB_ACTIONS": "true", "GITHUB_OUTPUT": str(output)})
    assert result.returncode == 0
    assert result.stdout.startswith("::notice title=Mirror not configured::"), result.stdout
    assert output.read_text(encoding="utf-8") == "configured=false\n"
    assert run_script(["--site", str(tmp_path)], {}).returncode == 0  # nothing to do, nothing done


def test_with_secrets_the_check_says_configured(tmp_path: Path) -> None:
    output = tmp_path / "github_output"
    result = run_script(["--check"], {**secrets("https://s3.example.org"), "GITHUB_OUTPUT": str(output)})
    assert result.returncode == 0, result.stdout
    assert output.read_text(encoding="utf-8") == "configured=true\n"


@pytest.mark.parametrize("env, words", [
    ({"MIRROR_S3_BUCKET": "guide"},
     "set the repository secrets MIRROR_S3_ENDPOINT, MIRROR_S3_ACCESS_KEY_ID, MIRROR_S3_SECRET_ACCESS_KEY"),
    ({**secrets("http://s3.example.org")}, "MIRROR_S3_ENDPOINT must be an https:// address"),
])
def test_half_configured_or_plain_http_is_an_error(env: dict[str, str], words: str) -> None:
    result = run_script(["--check"], {**env, "GITHUB_ACTIONS": "true"})
    assert result.returncode == 1
    assert words in result.stdout and "::error title=Mirror::" in result.stdout


def test_a_folder_that_is_not_a_built_site_is_never_published(s3: tuple[str, Any], tmp_path: Path) -> None:
    endpoint, client = s3
    (tmp_path / "index.html").write_text("<p>half a site</p>", encoding="utf-8")
    before = bucket_files(client) if BUCKET in [b["Name"] for b in client.list_buckets()["Buckets"]] else {}
    result = run_script(["--site", str(tmp_path)], secrets(endpoint))
    assert result.returncode == 1
    assert "has no 404.html: not a built site, nothing published" in result.stdout
    after = bucket_files(client) if BUCKET in [b["Name"] for b in client.list_buckets()["Buckets"]] else {}
    assert after == before


def test_keys_reach_rclone_only_through_its_environment() -> None:
    mirror = {**secrets("https://s3.example.org"), "MIRROR_S3_SECRET_ACCESS_KEY": "s3cr3t"}
    env = publish_mirror.rclone_environment(mirror, {"PATH": "/bin", "AWS_CA_BUNDLE": "/x", "RCLONE_DRY_RUN": "1"},
                                            "/tmp/empty.conf")
    assert env["RCLONE_CONFIG_MIRROR_SECRET_ACCESS_KEY"] == "s3cr3t"
    assert "AWS_CA_BUNDLE" not in env and "RCLONE_DRY_RUN" not in env  # the machine's settings stay out
    arguments = [arg for _, args in publish_mirror.steps(Path("site"), "mirror:guide") for arg in args]
    assert "s3cr3t" not in " ".join(arguments + publish_mirror.COMMON)


# --- the workflow ---------------------------------------------------------------

def workflow() -> dict[str, Any]:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def test_the_job_runs_after_a_successful_pages_run_of_main_with_read_only_rights() -> None:
    flow = workflow()
    trigger = flow[True]["workflow_run"]  # YAML reads the key "on" as True
    assert (trigger["workflows"], trigger["types"], trigger["branches"]) == (["Pages"], ["completed"], ["main"])
    assert flow["permissions"] == {}
    job = flow["jobs"]["publish"]
    assert "conclusion == 'success'" in job["if"]
    assert "head_repository.full_name == github.repository" in job["if"]  # never a fork's code
    assert job["permissions"] == {"actions": "read"}


def test_the_job_publishes_the_pages_artifact_not_a_build_of_its_own() -> None:
    steps = workflow()["jobs"]["publish"]["steps"]
    commands = "\n".join(step.get("run", "") for step in steps)
    assert "gh run download" in commands and "--name github-pages" in commands
    assert not re.search(r"build\.sh|mkdocs|build_release", commands)
    assert "apt-get install" in commands and "rclone" in commands
    publish = steps[-1]
    assert "publish_mirror.py --site" in publish["run"]
    assert set(publish["env"]) >= {"MIRROR_S3_BUCKET", "MIRROR_S3_ENDPOINT", "MIRROR_S3_ACCESS_KEY_ID",
                                   "MIRROR_S3_SECRET_ACCESS_KEY"}
    assert all(value.startswith("${{ secrets.") for value in publish["env"].values())
    # Every step after the check runs only when the secrets are there.
    assert all(step.get("if") == "steps.mirror.outputs.configured == 'true'" for step in steps[2:])
