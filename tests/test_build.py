"""The strict build passes on the real guide, and bad input stops it with an
error naming the file (and line, where one exists), never a partial site."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURES, run_mkdocs_build

BUILD_FIXTURES = FIXTURES / "build"
TARGET_PAGE = "docs/zh/prevention.md"


def test_strict_build_of_the_guide_succeeds(built_site: Path) -> None:
    assert (built_site / "index.html").is_file()
    assert (built_site / "en" / "index.html").is_file()


def appended_line(project: Path, fixture: str) -> int:
    """Append a fixture to the target page; return the line the fixture's text lands on."""
    page = project / TARGET_PAGE
    original = page.read_text(encoding="utf-8")
    page.write_text(original + (BUILD_FIXTURES / fixture).read_text(encoding="utf-8"), encoding="utf-8")
    return original.count("\n") + 2


# (fixture appended to docs/zh/prevention.md, words the error must contain)
BROKEN_LINKS = [
    ("broken-link.md", ["zh/prevention.md", "no-such-page.md"]),
    ("broken-anchor.md", ["zh/prevention.md", "no-such-section"]),
]


@pytest.mark.parametrize("fixture, words", BROKEN_LINKS)
def test_broken_link_fails_strict_build_naming_the_file(project_copy, tmp_path: Path, fixture: str, words: list[str]) -> None:
    project = project_copy()
    appended_line(project, fixture)
    result = run_mkdocs_build(project, tmp_path / "out")
    assert result.returncode != 0
    assert all(word in result.stderr for word in words), result.stderr


def test_unknown_phone_key_fails_naming_file_and_line(project_copy, tmp_path: Path) -> None:
    project = project_copy()
    line = appended_line(project, "unknown-phone.md")
    result = run_mkdocs_build(project, tmp_path / "out")
    assert result.returncode != 0
    assert f"{TARGET_PAGE}:{line}: unknown phone key 'lawyer'" in result.stderr, result.stderr


def test_page_without_front_matter_fails_naming_the_file(project_copy, tmp_path: Path) -> None:
    project = project_copy()
    (project / TARGET_PAGE).write_text((BUILD_FIXTURES / "no-front-matter.md").read_text(encoding="utf-8"), encoding="utf-8")
    result = run_mkdocs_build(project, tmp_path / "out")
    assert result.returncode != 0
    assert f"{TARGET_PAGE}:1: front matter lacks 'title'" in result.stderr, result.stderr


@pytest.mark.parametrize("fixture, words", [
    ("contacts-invalid.yml", ["data/contacts.yml:", "invalid YAML"]),
    ("contacts-no-source.yml", ["data/contacts.yml:1:", "contact 'police' lacks source"]),
])
def test_bad_contacts_file_fails_naming_file_and_line(project_copy, tmp_path: Path, fixture: str, words: list[str]) -> None:
    project = project_copy()
    (project / "data" / "contacts.yml").write_text((BUILD_FIXTURES / fixture).read_text(encoding="utf-8"), encoding="utf-8")
    result = run_mkdocs_build(project, tmp_path / "out")
    assert result.returncode != 0
    assert all(word in result.stderr for word in words), result.stderr


def test_missing_translation_fails_the_build(project_copy, tmp_path: Path) -> None:
    project = project_copy()
    (project / "docs" / "en" / "prevention.md").unlink()
    result = run_mkdocs_build(project, tmp_path / "out")
    assert result.returncode != 0
    assert "prevention.md" in result.stderr


def run_build_script(project: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, "scripts/build_site.py", "--output", "site"],
                          cwd=project, env=env, capture_output=True, text=True)


def test_failed_build_leaves_previous_site_untouched(project_copy) -> None:
    project = project_copy()
    previous = project / "site" / "index.html"
    previous.parent.mkdir()
    previous.write_text("previous build", encoding="utf-8")
    appended_line(project, "broken-link.md")

    result = run_build_script(project)

    assert result.returncode != 0
    assert previous.read_text(encoding="utf-8") == "previous build"
    assert sorted(p.name for p in project.iterdir() if p.name.startswith(".site")) == []


def test_successful_build_replaces_previous_site(project_copy) -> None:
    project = project_copy()
    stale = project / "site" / "stale.html"
    stale.parent.mkdir()
    stale.write_text("stale", encoding="utf-8")

    result = run_build_script(project)

    assert result.returncode == 0, result.stderr
    assert not stale.exists()
    assert (project / "site" / "index.html").is_file()
    assert (project / "site" / "en" / "index.html").is_file()
