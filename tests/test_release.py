"""The release: offline bundles and PDFs per language, and the downloads page.

One release build per session (scripts/build_release.py into a temporary
folder). Each check in scripts/check_downloads.py has a fixture that makes
it fail. The offline bundles are unzipped and driven from file:// in
Chromium: links, the language switcher and search must work, and no
request may leave file://.
"""
from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from conftest import FIXTURES, ROOT

import build_release
import check_downloads as cd
from build_pdf import load_settings

SETTINGS = load_settings()
LANGUAGES: list[str] = SETTINGS["languages"]


@pytest.fixture(scope="session")
def release_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("release") / "site"
    build_release.build_release(ROOT / "mkdocs.yml", site)
    return site


def pdf_path(site: Path, lang: str) -> Path:
    return site / "downloads" / SETTINGS["files"]["pdf"].format(lang=lang)


def test_release_passes_every_download_check(release_site: Path) -> None:
    assert [str(p) for p in cd.check_release(release_site)] == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_pdf_embeds_simplified_chinese_font_and_no_type3(release_site: Path, lang: str) -> None:
    fonts = cd.pdf_fonts(pdf_path(release_site, lang))
    assert any("CJK-SC" in f.name and f.embedded for f in fonts), fonts
    assert not [f for f in fonts if f.type.startswith("Type 3")]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_pdf_contains_every_phone_number(release_site: Path, lang: str) -> None:
    text = cd.pdf_text(pdf_path(release_site, lang))
    assert cd.missing_phrases(text, cd.phone_numbers(ROOT / "data")) == []


def test_font_check_rejects_type3_and_unembedded_fonts() -> None:
    problems = cd.font_problems(cd.pdf_fonts(FIXTURES / "pdf" / "type3-and-unembedded.pdf"),
                                SETTINGS["pdf_font"])
    assert any("no embedded Noto Sans CJK SC" in p for p in problems), problems
    assert any("Type 3" in p for p in problems), problems
    assert any("Helvetica is not embedded" in p for p in problems), problems


@pytest.fixture(scope="module")
def japanese_font_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """What fontconfig picks when the PDF does not ask for Simplified Chinese."""
    from weasyprint import HTML
    pdf = tmp_path_factory.mktemp("pdf") / "jp.pdf"
    HTML(string='<p lang="ja" style="font-family: \'Noto Sans CJK JP\'">逾期以后先核实。</p>').write_pdf(pdf)
    return pdf


def test_font_check_rejects_the_japanese_variant(japanese_font_pdf: Path) -> None:
    problems = cd.font_problems(cd.pdf_fonts(japanese_font_pdf), SETTINGS["pdf_font"])
    assert problems and "no embedded Noto Sans CJK SC" in problems[0], problems


@pytest.mark.parametrize("phrases, missing", [
    (["逾期以后先核实。"], []),
    (["逾期 以后\n先核实"], []),  # line breaks and spaces do not matter
    (["有人上门怎么办"], ["有人上门怎么办"]),
    (["96110"], ["96110"]),
])
def test_text_check_finds_missing_sentences(japanese_font_pdf: Path, phrases: list[str], missing: list[str]) -> None:
    assert cd.missing_phrases(cd.pdf_text(japanese_font_pdf), phrases) == missing


def test_page_count_check_rejects_a_one_page_pdf(japanese_font_pdf: Path) -> None:
    limits = SETTINGS["pdf_pages"]
    assert cd.pdf_pages(japanese_font_pdf) == 1
    assert cd.page_count_problem(1, limits["min"], limits["max"]) != []
    assert cd.page_count_problem(limits["min"], limits["min"], limits["max"]) == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_downloads_page_lists_existing_files_with_size_and_checksum(release_site: Path, lang: str) -> None:
    page = (release_site / "downloads" / "index.html" if lang == LANGUAGES[0]
            else release_site / lang / "downloads" / "index.html")
    html = page.read_text(encoding="utf-8")
    for other in LANGUAGES:
        for kind in ("pdf", "offline"):
            assert SETTINGS["files"][kind].format(lang=other) in html
    assert cd.downloads_table_problems(page, release_site) == []


def test_downloads_check_rejects_wrong_size_checksum_and_missing_file() -> None:
    site = FIXTURES / "downloads"
    problems = cd.downloads_table_problems(site / "index.html", site)
    assert any("page says 999 bytes" in p for p in problems), problems
    assert any("SHA-256 on the page does not match" in p for p in problems), problems
    assert any("guide-en.pdf: no such file" in p for p in problems), problems


def test_zip_check_rejects_cdn_shim_source_maps_and_missing_files(tmp_path: Path) -> None:
    archive = tmp_path / "bad.zip"
    build_release.zip_folder(FIXTURES / "offline-bad", archive, "bad", [])
    problems = cd.zip_problems(archive, SETTINGS["offline_exclude"])
    assert any("unpkg.com/iframe-worker/shim" in p for p in problems), problems
    assert any("bundle.js.map should have been left out" in p for p in problems), problems
    assert any(f"{cd.SHIM} is missing" in p for p in problems), problems


@pytest.mark.parametrize("lang", LANGUAGES)
def test_offline_zip_leaves_out_maps_and_unused_search_languages(release_site: Path, lang: str) -> None:
    archive = release_site / "downloads" / SETTINGS["files"]["offline"].format(lang=lang)
    names = zipfile.ZipFile(archive).namelist()
    assert not [n for n in names if n.endswith(".map") or "/lunr/" in n]
    assert any(n.endswith("search/search_index.js") for n in names)
    # Pages link the minified guide.<hash>.css and .js, not their sources
    # (overrides/hooks/asset_bundle.py).
    assets = sorted(n.split("/assets/", 1)[1] for n in names if "/assets/" in n and n.count("/") == 2)
    assert [n for n in assets if n.startswith("guide.")] != [] and "extra.css" not in assets
    assert not [n for n in assets if n in ("extra.css", "tools.css", "print.css", "language-switch.js",
                                           "checklists.js", "print.js")], assets


def test_failed_release_build_leaves_previous_output(project_copy, tmp_path: Path) -> None:
    project = project_copy()
    shutil.copy(FIXTURES / "build" / "unknown-phone.md", project / "docs" / "zh" / "stages.md")
    output = tmp_path / "out"
    (output / "downloads").mkdir(parents=True)
    (output / "downloads" / "guide-zh.pdf").write_text("previous", encoding="utf-8")
    with pytest.raises(build_release.BuildFailed, match=r"docs/zh/stages\.md:\d+"):
        build_release.build_release(project / "mkdocs.yml", output)
    assert (output / "downloads" / "guide-zh.pdf").read_text(encoding="utf-8") == "previous"
    assert [p.name for p in tmp_path.iterdir()] == ["out", "project"]


def test_offline_build_without_npm_packages_names_the_fix(project_copy, tmp_path: Path) -> None:
    project = project_copy()
    (project / "node_modules").unlink()  # copy_project links the installed ones
    with pytest.raises(build_release.BuildFailed, match="node_modules/iframe-worker/shim/index.js is missing"):
        build_release.build_release(project / "mkdocs.yml", tmp_path / "out")


# --- The offline bundles in a real browser, from file:// --------------------

@pytest.fixture(scope="module")
def bundles(release_site: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each language's zip, unzipped; returns lang -> the bundle's folder."""
    target = tmp_path_factory.mktemp("unzipped")
    folders = {}
    for lang in LANGUAGES:
        archive = release_site / "downloads" / SETTINGS["files"]["offline"].format(lang=lang)
        with zipfile.ZipFile(archive) as bundle:
            bundle.extractall(target)
        folders[lang] = target / archive.stem
    return folders


def requests_outside_file(requests: list[str]) -> list[str]:
    return [url for url in requests if not url.startswith(("file://", "data:", "blob:", "about:"))]


def test_outside_request_filter_flags_the_web_and_keeps_files() -> None:
    assert requests_outside_file(["file:///x/index.html", "https://unpkg.com/iframe-worker/shim",
                                  "data:image/svg+xml,", "http://127.0.0.1/x"]) == [
        "https://unpkg.com/iframe-worker/shim", "http://127.0.0.1/x"]


def recording_page(browser: Browser) -> tuple[Page, list[str], list[str]]:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    requests: list[str] = []
    errors: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    return page, requests, errors


def search_results(page: Page, query: str) -> list[str]:
    box = page.locator("input.md-search__input")
    box.click()
    box.fill(query)
    box.press("End")  # Material searches on keyup, which fill() does not send
    page.wait_for_selector(".md-search-result__list a")
    return page.eval_on_selector_all(".md-search-result__list a", "links => links.map(a => a.href)")


# (bundle, page, query): a Chinese word on Chinese pages, an English word on English ones.
OFFLINE_SEARCHES = [
    ("zh", "index.html", "征信"), ("zh", "en/index.html", "complaint"),
    ("en", "index.html", "complaint"), ("en", "zh/index.html", "征信"),
]


@pytest.mark.parametrize("lang, start, query", OFFLINE_SEARCHES)
def test_offline_search_works_from_file_urls(browser: Browser, bundles: dict[str, Path], lang: str, start: str, query: str) -> None:
    page, requests, errors = recording_page(browser)
    page.goto((bundles[lang] / start).as_uri())
    results = search_results(page, query)
    page.close()
    start_folder = (bundles[lang] / start).parent.as_uri()
    other_folders = tuple(f"{bundles[lang].as_uri()}/{code}/" for code in LANGUAGES)
    assert results and all(r.startswith(start_folder + "/") for r in results), results
    if "/" not in start:  # the root language's results stay out of the other languages' folders
        assert not [r for r in results if r.startswith(other_folders)], results
    assert requests_outside_file(requests) == []
    assert errors == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_offline_links_and_language_switch_stay_in_the_bundle(browser: Browser, bundles: dict[str, Path], lang: str) -> None:
    other = next(code for code in LANGUAGES if code != lang)
    page, requests, errors = recording_page(browser)
    page.goto((bundles[lang] / "index.html").as_uri())
    assert page.evaluate("document.documentElement.lang") == lang
    page.locator("a[href='messages.html'] >> visible=true").first.click()
    page.wait_for_load_state()
    assert page.url == (bundles[lang] / "messages.html").as_uri()
    page.locator(".md-header .md-select button").first.hover()
    page.locator(f"a.md-select__link[hreflang='{other}']").first.click()
    page.wait_for_load_state()
    landed, landed_lang = page.url, page.evaluate("document.documentElement.lang")
    page.locator("article a[href^='complaints.html'] >> visible=true").first.click()
    page.wait_for_load_state()
    followed = page.url.split("#")[0]
    page.close()
    assert (landed, landed_lang) == ((bundles[lang] / other / "messages.html").as_uri(), other)
    assert followed == (bundles[lang] / other / "complaints.html").as_uri()
    assert requests_outside_file(requests) == []
    assert errors == []


def test_file_url_recorder_catches_outside_requests(browser: Browser) -> None:
    page, requests, _ = recording_page(browser)
    page.route("http*://**/*", lambda route: route.abort())  # record, never send
    page.goto((FIXTURES / "browser" / "external.html").as_uri())
    page.close()
    assert "https://fonts.googleapis.com/css?family=Roboto" in requests_outside_file(requests)
