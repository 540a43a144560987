"""The official addresses (data/mirrors.yml): every one https://, each with
who runs it, since when and a source; readers see them, with the content
date, on both home pages, both downloads pages and the PDF cover, with
"if this address does not open, try…" (or, while there is no mirror, a plain
statement that the primary is the only address); and a page may name no host
but an official copy or an allowed site (rule external-links)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

import build_pdf
import official_copies
from conftest import FIXTURES, ROOT
from markdown_pages import load_data, load_pages
from markdown_pages import Page
from rules import external_links

COPIES = official_copies.load()
DATE = official_copies.content_date(ROOT / "docs")
MIRROR_FIXTURES = FIXTURES / "mirrors"


def test_the_real_list_names_the_primary_with_its_operator_date_and_source() -> None:
    assert COPIES.primary.url == "https://duxiaoman-guide.github.io/duxiaoman-guide/"
    assert COPIES.primary.operator["zh"] and COPIES.primary.operator["en"]
    assert COPIES.primary.since and "pages.yml" in COPIES.primary.source


def test_the_primary_is_where_the_pages_workflow_publishes_the_repository_of_edit_uri() -> None:
    workflow = (ROOT / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8")
    site_url = re.search(r"SITE_URL: (.+)$", workflow, re.MULTILINE).group(1).strip()
    assert site_url == "https://${{ github.repository_owner }}.github.io/${{ github.event.repository.name }}/"
    edit_uri = re.search(r'edit_uri: !ENV \[EDIT_URI, "([^"]+)"\]', (ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    owner, repository = re.match(r"https://github\.com/([^/]+)/([^/]+)/", edit_uri.group(1)).groups()
    assert COPIES.primary.url == f"https://{owner}.github.io/{repository}/"


def test_content_date_is_the_newest_reviewed_date_of_any_page() -> None:
    dates = {str(page.meta["reviewed"]) for page in load_pages(ROOT / "docs")}
    assert DATE == max(dates)


@pytest.mark.parametrize("text, line, words", [
    (None, 12, "'http://mirror-two.example.org/' is not an https:// address"),
    ("primary:\n  url: https://Guide.example.org/\n", 2, "must be a plain lower-case name"),
    ("primary:\n  url: https://guide.example.org\n", 2, "must end with /"),
    ("primary:\n  url: https://guide.example.org/\n  operator: {zh: 甲}\n  since: 2027-01-01\n  source: pr\n",
     2, "operator needs a name in each of zh, en"),
    ("primary:\n  url: https://guide.example.org/\n  since: 2027-01-01\n", 2, "lacks operator, source"),
    ("primary: [\n", 2, "invalid YAML"),
])
def test_a_bad_mirrors_file_is_refused_naming_file_and_line(tmp_path: Path, text: str | None, line: int,
                                                             words: str) -> None:
    path = MIRROR_FIXTURES / "http-mirror.yml"
    if text is not None:
        path = tmp_path / "mirrors.yml"
        path.write_text(text, encoding="utf-8")
    with pytest.raises(official_copies.MirrorsError) as error:
        official_copies.load(path)
    assert str(error.value).startswith(f"{path}:{line}: "), error.value
    assert words in str(error.value)


def test_the_same_address_twice_is_refused(tmp_path: Path) -> None:
    text = (MIRROR_FIXTURES / "one-mirror.yml").read_text(encoding="utf-8")
    doubled = text.replace("mirrors:\n", "mirrors:\n  - url: https://duxiaoman-guide.github.io/duxiaoman-guide/\n"
                                         "    operator: {zh: 甲, en: A}\n    since: 2027-01-01\n    source: pr\n", 1)
    (tmp_path / "mirrors.yml").write_text(doubled, encoding="utf-8")
    with pytest.raises(official_copies.MirrorsError, match="is listed twice"):
        official_copies.load(tmp_path / "mirrors.yml")


@pytest.mark.parametrize("lang, words", [
    ("zh", ["本指南的官方主地址：", "内容日期：", "如果这个地址打不开：目前还没有镜像，这是唯一的官方地址。"]),
    ("en", ["This guide's primary address: ", "Content date: ",
            "there is no mirror yet; this is the only official address"]),
])
def test_with_only_the_primary_the_block_says_so_plainly(lang: str, words: list[str]) -> None:
    text = BeautifulSoup(official_copies.render(COPIES, lang, "2026-11-29"), "html.parser").get_text()
    assert all(word in text for word in words), text
    assert "https://duxiaoman-guide.github.io/duxiaoman-guide/" in text and "2026-11-29" in text


@pytest.mark.parametrize("lang, words", [
    ("zh", ["如果这个地址打不开，可以试试：", "https://guide.mirror.example.org/（由志愿者甲运行，2027-01-01 起）"]),
    ("en", ["If this address does not open, try:",
            "https://guide.mirror.example.org/ (run by volunteer A, since 2027-01-01)"]),
])
def test_each_mirror_is_listed_with_who_runs_it_and_since_when(lang: str, words: list[str]) -> None:
    block = official_copies.render(official_copies.load(MIRROR_FIXTURES / "one-mirror.yml"), lang, "2026-11-29")
    text = BeautifulSoup(block, "html.parser").get_text()
    assert all(word in text for word in words), text
    assert "没有镜像" not in text and "no mirror yet" not in text


@pytest.mark.parametrize("page", ["index.html", "en/index.html", "downloads/index.html", "en/downloads/index.html"])
def test_home_and_downloads_pages_name_the_primary_and_the_content_date(built_site: Path, page: str) -> None:
    soup = BeautifulSoup((built_site / page).read_text(encoding="utf-8"), "html.parser")
    block = soup.select_one(".official-copies")
    assert block is not None
    assert block.select_one(f'a[href="{COPIES.primary.url}"]') is not None
    assert block.select_one("time")["datetime"] == DATE


def test_on_home_pages_the_addresses_sit_in_the_footer_landmark(built_site: Path) -> None:
    soup = BeautifulSoup((built_site / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.select_one("footer.md-footer .guide-addresses .official-copies") is not None
    other = BeautifulSoup((built_site / "faq" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert other.select_one(".official-copies") is None


@pytest.mark.parametrize("page, address", [
    ("downloads/index.html", "https://duxiaoman-guide.github.io/duxiaoman-guide/downloads/"),
    ("en/downloads/index.html", "https://duxiaoman-guide.github.io/duxiaoman-guide/en/downloads/"),
])
def test_a_build_without_the_files_names_the_websites_downloads_page_and_shows_no_table(built_site: Path, page: str,
                                                                                         address: str) -> None:
    # The session build has no DOWNLOADS_MANIFEST, like the offline bundles.
    soup = BeautifulSoup((built_site / page).read_text(encoding="utf-8"), "html.parser")
    assert soup.select_one("table.downloads") is None
    note = soup.select_one("p.downloads-note")
    assert note.select_one(f'a[href="{address}"]') is not None


@pytest.mark.parametrize("lang, words", [("zh", "内容日期："), ("en", "Content date: ")])
def test_the_pdf_cover_names_the_primary_and_the_content_date(lang: str, words: str) -> None:
    labels = build_pdf.load_settings()["labels"][lang]
    cover = BeautifulSoup(build_pdf.cover(lang, "Title", "v1", labels), "html.parser")
    assert cover.select_one(f'section.cover a[href="{COPIES.primary.url}"]') is not None
    assert words + DATE in cover.get_text()


# --- official copies may be named, other hosts may not (rule external-links) ---

DATA = load_data(ROOT / "data")


def test_a_page_may_name_the_primary_and_an_allowed_site() -> None:
    pages = load_pages(FIXTURES / "rules" / "external-links")
    page = next(p for p in pages if p.slug == "unofficial-mirror")
    line = page.lines[20]
    assert "duxiaoman-guide.github.io" in line and "www.gov.cn" in line
    assert [p.line for p in external_links.check(page, DATA) if p.line == 21] == []


def page_naming(text: str) -> Page:
    lines = ["---", "title: t", "description: d", "reviewed: 2026-11-30", "---", "", text]
    return Page(Path("docs/zh/a.md"), "docs/zh/a.md", "zh", "a", lines, body_start=5)


def test_a_mirror_listed_in_the_data_may_be_named() -> None:
    listed = {**DATA, "mirrors": yaml.safe_load((MIRROR_FIXTURES / "one-mirror.yml").read_text(encoding="utf-8"))}
    page = page_naming("镜像：https://guide.mirror.example.org/")
    assert external_links.check(page, listed) == []
    assert external_links.check(page, DATA) != []
