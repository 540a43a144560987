"""Every page ends with one line: who writes the guide, that it is not legal
advice, the date its content was last reviewed (the only date on a page),
and "Found a mistake? Edit this page", which opens the page's own source
file. No pencil beside the title, no "Made with Material" line, no git date.
A fork points the links at itself (EDIT_URI). No page carries Material's
repository widget, whose script asks api.github.com."""
from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import FIXTURES, copy_project, run_mkdocs_build

REPOSITORY = "https://github.com/duxiaoman-guide/duxiaoman-guide"
FORK = "https://github.com/someone/guide-fork"


def soup(page: Path) -> BeautifulSoup:
    return BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")


def edit_link(page: Path) -> str:
    link = soup(page).select_one("a[rel=edit]")
    return link["href"] if link else ""


def content_pages(site: Path) -> list[Path]:
    return [p for p in sorted(site.rglob("index.html"))
            if p.relative_to(site).parts[0] not in ("assets", "search")
            and soup(p).select_one("footer.page-reviewed")]


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


def footer_problems(page: Path) -> list[str]:
    """What is wrong with a page's ending: the edit link must be the last
    thing in the article, in the footer line, and appear nowhere else."""
    html = soup(page)
    article = html.select_one("article")
    problems = []
    edits = html.select("a[rel=edit]")
    footer = article.select_one("footer.page-reviewed") if article else None
    if len(edits) != 1 or footer is None or edits[0] not in footer.find_all("a"):
        problems.append("the edit link must appear once, in the footer line at the end of the page")
    if footer is not None and footer.find_next_sibling() is not None:
        problems.append(f"something follows the footer line: <{footer.find_next_sibling().name}>")
    if html.select(".md-content__button"):
        problems.append("an edit or view button sits beside the title")
    if html.select(".md-source-file"):
        problems.append("a second date (Material's source-file facts) is shown")
    if "Made with" in html.get_text():
        problems.append("the footer says 'Made with Material for MkDocs'")
    return problems


@pytest.mark.parametrize("url, words", [
    ("stages/", ["本指南由志愿者编写，不是法律意见。", "内容核对日期：", "发现错误？修改本页"]),
    ("en/stages/", ["A guide written by volunteers. Not legal advice.", "Content last reviewed:",
                    "Found a mistake? Edit this page"]),
])
def test_every_page_ends_with_one_footer_line_in_its_language(built_site: Path, url: str, words: list[str]) -> None:
    footer = soup(built_site / url / "index.html").select_one("footer.page-reviewed").get_text(" ", strip=True)
    assert all(word in footer for word in words), footer
    assert [p.relative_to(built_site).as_posix() for p in content_pages(built_site) if footer_problems(p)] == []


def test_footer_check_fails_on_a_page_with_the_title_pencil_and_generator(tmp_path: Path) -> None:
    page = FIXTURES / "site" / "footer-broken.html"
    assert footer_problems(page) == [
        "the edit link must appear once, in the footer line at the end of the page",
        "an edit or view button sits beside the title",
        "a second date (Material's source-file facts) is shown",
        "the footer says 'Made with Material for MkDocs'",
    ]


def test_no_page_has_the_repository_widget(built_site: Path) -> None:
    # With repo_url set, Material's header shows the repository, and its script
    # fetches stars and forks from api.github.com; mkdocs.yml sets edit_uri only.
    assert [p for p in content_pages(built_site) if soup(p).select("[data-md-component=source], .md-source")] == []


@pytest.fixture(scope="module")
def fork_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project copied outside git and built as a fork would build it."""
    project = copy_project(tmp_path_factory.mktemp("fork") / "project")
    assert not (project / ".git").exists()
    result = run_mkdocs_build(project, project / "site", EDIT_URI=f"{FORK}/edit/main/docs/")
    assert result.returncode == 0, result.stderr
    return project / "site"


def test_a_fork_points_edit_links_at_itself_through_edit_uri(fork_site: Path) -> None:
    assert edit_link(fork_site / "en" / "stages" / "index.html") == f"{FORK}/edit/main/docs/en/stages.md"
    assert edit_link(fork_site / "stages" / "index.html") == f"{FORK}/edit/main/docs/zh/stages.md"
