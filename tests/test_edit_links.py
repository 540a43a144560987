"""Every page links to its own source file ("编辑此页 / Edit this page") and
shows when that file last changed in git. A copy outside git shows the build
date instead of failing, and a fork points the links at itself (REPO_URL).
No page carries Material's repository widget, whose script asks api.github.com."""
from __future__ import annotations

import datetime
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, copy_project, run_mkdocs_build

sys.path.insert(0, str(ROOT / "hooks"))

import edit_links  # noqa: E402

REPOSITORY = "https://github.com/duxiaoman-guide/duxiaoman-guide"
FORK = "https://github.com/someone/guide-fork"
TIMEZONE = ZoneInfo("Asia/Shanghai")  # mkdocs.yml: git-revision-date-localized timezone


def soup(page: Path) -> BeautifulSoup:
    return BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")


def edit_link(page: Path) -> str:
    link = soup(page).select_one("a[rel=edit]")
    return link["href"] if link else ""


def content_pages(site: Path) -> list[Path]:
    return [p for p in sorted(site.rglob("index.html"))
            if p.relative_to(site).parts[0] not in ("assets", "search")]


def source_of(site: Path, page: Path) -> str:
    """docs/<lang>/<slug>.md for a built page: /x/ → zh/x.md, /en/x/ → en/x.md."""
    parts = page.parent.relative_to(site).parts
    lang, rest = ("en", parts[1:]) if parts[:1] == ("en",) else ("zh", parts)
    return f"docs/{lang}/{'/'.join(rest) or 'index'}.md"


@pytest.mark.parametrize("url, source", [
    ("", "docs/zh/index.md"),
    ("en/", "docs/en/index.md"),
    ("stages/", "docs/zh/stages.md"),
    ("en/stages/", "docs/en/stages.md"),
])
def test_edit_link_opens_the_source_file_of_the_page_language(built_site: Path, url: str, source: str) -> None:
    assert edit_link(built_site / url / "index.html") == f"{REPOSITORY}/edit/main/{source}"


def test_every_page_edits_its_own_source_file(built_site: Path) -> None:
    pages = content_pages(built_site)
    assert len(pages) >= 20
    wrong = {page.relative_to(built_site).as_posix(): edit_link(page) for page in pages
             if edit_link(page) != f"{REPOSITORY}/edit/main/{source_of(built_site, page)}"}
    assert wrong == {}


def test_source_mapping_tells_the_languages_apart(built_site: Path) -> None:
    assert source_of(built_site, built_site / "en" / "stages" / "index.html") == "docs/en/stages.md"
    assert source_of(built_site, built_site / "stages" / "index.html") == "docs/zh/stages.md"


def test_edit_button_is_labelled_in_the_page_language(built_site: Path) -> None:
    labels = [soup(built_site / url / "index.html").select_one("a[rel=edit]")["title"] for url in ("stages", "en/stages")]
    assert labels == ["编辑此页", "Edit this page"]


def test_no_page_has_the_repository_widget(built_site: Path) -> None:
    # With repo_url set, Material's header shows the repository, and its script
    # fetches stars and forks from api.github.com: hooks/edit_links.py prevents it.
    assert [p for p in content_pages(built_site) if soup(p).select("[data-md-component=source], .md-source")] == []


@pytest.mark.parametrize("repo_url, edit_uri, expected", [
    (REPOSITORY, "edit/main/docs/", f"{REPOSITORY}/edit/main/docs/"),
    (REPOSITORY + "/", "edit/main/docs/", f"{REPOSITORY}/edit/main/docs/"),
    (REPOSITORY, "https://example.org/edit/", "https://example.org/edit/"),
])
def test_edit_links_hook_moves_repo_url_into_edit_uri(repo_url: str, edit_uri: str, expected: str) -> None:
    config = SimpleNamespace(repo_url=repo_url, edit_uri=edit_uri)
    edit_links.on_config(config)
    assert (config.repo_url, config.edit_uri) == (None, expected)
    edit_links.on_config(config)  # the next language's build sees the result again
    assert (config.repo_url, config.edit_uri) == (None, expected)


def last_updated(page: Path) -> tuple[str, str]:
    """(shown date, title with the time) of the page's last-updated fact."""
    span = soup(page).select_one(".md-source-file .git-revision-date-localized-plugin")
    assert span is not None, f"no last-updated date on {page}"
    return span.get_text(strip=True), span["title"]


def shown_date(moment: datetime.datetime, lang: str) -> str:
    return f"{moment.year}年{moment.month}月{moment.day}日" if lang == "zh" else f"{moment:%B} {moment.day}, {moment.year}"


@pytest.mark.parametrize("url, source, lang", [
    ("stages/", "docs/zh/stages.md", "zh"),
    ("en/stages/", "docs/en/stages.md", "en"),
    ("", "docs/zh/index.md", "zh"),
])
def test_last_updated_is_the_last_commit_of_the_source_file(built_site: Path, url: str, source: str, lang: str) -> None:
    # --follow, as the plugin runs it: it also walks past a merge that only
    # combined both sides' edits, to the commit that last changed the text.
    stamp = subprocess.run(["git", "log", "-1", "--follow", "--format=%at", "--", source], cwd=ROOT,
                           capture_output=True, text=True, check=True).stdout.strip()
    committed = datetime.datetime.fromtimestamp(int(stamp), TIMEZONE)
    date, title = last_updated(built_site / url / "index.html")
    assert date == shown_date(committed, lang)
    assert committed.strftime("%H:%M:%S") in title  # the commit's time, not the build's


@pytest.fixture(scope="module")
def fork_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project copied outside git and built as a fork would build it."""
    project = copy_project(tmp_path_factory.mktemp("fork") / "project")
    assert not (project / ".git").exists()
    result = run_mkdocs_build(project, project / "site", REPO_URL=FORK)
    assert result.returncode == 0, result.stderr
    return project / "site"


def test_outside_git_the_build_date_is_shown(fork_site: Path) -> None:
    today = datetime.datetime.now(TIMEZONE)
    built = datetime.datetime.fromtimestamp((fork_site / "stages" / "index.html").stat().st_mtime, TIMEZONE)
    assert last_updated(fork_site / "stages" / "index.html")[0] in {shown_date(built, "zh"), shown_date(today, "zh")}
    assert last_updated(fork_site / "en" / "stages" / "index.html")[0] in {shown_date(built, "en"), shown_date(today, "en")}


def test_a_fork_points_edit_links_at_itself_through_repo_url(fork_site: Path) -> None:
    assert edit_link(fork_site / "en" / "stages" / "index.html") == f"{FORK}/edit/main/docs/en/stages.md"
    assert edit_link(fork_site / "stages" / "index.html") == f"{FORK}/edit/main/docs/zh/stages.md"
