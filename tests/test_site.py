"""The checks on the built HTML pass on the real site and fail on fixtures:
no outside hosts, no stray phone numbers, no unrendered Markdown, a
segmented Chinese search index, and every published URL still present."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import check_site as cs
from conftest import FIXTURES, ROOT

DATA = cs.load_data(ROOT / "data")
SITE_FIXTURE = FIXTURES / "site"


def test_built_site_passes_every_html_check(built_site: Path) -> None:
    problems = cs.run_checks(built_site, ROOT / "data")
    assert not problems, "\n".join(map(str, problems))


def test_html_check_reads_every_page(built_site: Path) -> None:
    # A check over zero files would pass vacuously: make sure it sees both languages.
    pages = cs.html_pages(built_site)
    assert any(p.parent.name == "home-visits" and p.parent.parent == built_site for p in pages)
    assert any(p.parent.name == "home-visits" and p.parent.parent.name == "en" for p in pages)


# (fixture page, words one problem must contain)
BROKEN_HTML = [
    ("external-font.html", "<link rel=stylesheet> loads from another host: https://fonts.googleapis.com"),
    ("external-script.html", "<script> loads from another host: https://cdn.jsdelivr.net"),
    ("raw-markdown.html", "unrendered Markdown '!!!'"),
    ("raw-markdown.html", "unrendered Markdown '[ ]'"),
    ("unlisted-phone.html", "tel:95588 is not in data/contacts.yml"),
    ("unlisted-phone.html", "phone-like number 96666 is not in data/contacts.yml"),
    ("unlisted-account.html", "'6222 0212 3456 7890 123' looks like a bank card number"),
    ("unlisted-account.html", "'zhangsan_pay' looks like a WeChat account"),
    ("unlisted-account.html", "data/payment_accounts.yml with its source"),
    ("repo-widget.html", "repository widget: its script fetches from api.github.com"),
]


@pytest.mark.parametrize("fixture, words", BROKEN_HTML, ids=[f"{f}-{w[:24]}" for f, w in BROKEN_HTML])
def test_html_check_reports_broken_fixture(fixture: str, words: str) -> None:
    problems = cs.check_html_file(SITE_FIXTURE / fixture, SITE_FIXTURE, DATA)
    assert any(words in p.message for p in problems), "\n".join(map(str, problems)) or "no problems"


# (site-wide check, file it must name, words)
BROKEN_SITE = [
    (cs.check_assets, "assets/remote.css", "stylesheet loads from another host"),
    (cs.check_assets, "assets/tracker.js", "script references another host: https://www.googletagmanager.com"),
    (cs.check_no_mermaid, "mermaid.html", "Mermaid diagram"),
    (cs.check_search_index, "search/search_index.json", "search separator lacks"),
    (cs.check_search_index, "search/search_index.json", "Chinese text is not segmented"),
    # what a hostile change could slip into the built site (issue 14)
    (cs.check_assets, "assets/leak.js", "script references another host: https://collect.example/log"),
    (cs.check_assets, "assets/leak.js", "script references another host: https://${location.hostname}.collect.example/"),
    (cs.check_assets, "unsafe-markup.html", "the page's text names another host: pay-dxm.com"),
    (cs.check_policy, "unsafe-markup.html", "an inline script ('sha256-"),
    (cs.check_policy, "unsafe-markup.html", "Content-Security-Policy form-action is None, data/csp.yml says [\"'none'\"]"),
    (cs.check_policy, "external-font.html", "no Content-Security-Policy <meta>"),
    (cs.check_qr_codes, "qr-data-url.html", "a data: image holds a QR code or barcode ('HTTPS://PAY.EXAMPLE/DXM')"),
]


@pytest.mark.parametrize("check, path, words", BROKEN_SITE, ids=[f"{c.__name__}-{w[:24]}" for c, _, w in BROKEN_SITE])
def test_site_check_reports_broken_fixture(check, path: str, words: str) -> None:
    problems = check(SITE_FIXTURE, DATA)
    assert any(p.path == path and words in p.message for p in problems), "\n".join(map(str, problems)) or "no problems"


def test_no_web_fonts_and_no_instant_navigation_in_config() -> None:
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert re.search(r"^\s+font: false\s*$", config, re.M)
    assert not re.search(r"^\s*-\s*navigation\.instant\b", config, re.M)


def search_tokens(text: str, separator: str) -> set[str]:
    return {token for token in re.split(separator, text) if token}


def test_chinese_query_finds_home_visit_page_in_index(built_site: Path) -> None:
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    separator = index["config"]["separator"].replace("\\u200b", "\u200b")
    pages_with_token = {doc["location"].split("#")[0] for doc in index["docs"]
                        if "上门" in search_tokens(doc["title"] + " " + doc["text"], separator)}
    assert "home-visits/" in pages_with_token


PUBLISHED = [url for _, url in DATA["published"]]


def test_every_published_url_still_answers(built_site: Path) -> None:
    # A URL once published may be bookmarked or printed: removing it needs a redirect (tests/test_redirects.py).
    assert len(PUBLISHED) >= 20
    problems = cs.check_published_urls(built_site, DATA)
    assert not problems, "\n".join(map(str, problems))


def test_every_built_page_is_listed_as_published(built_site: Path) -> None:
    built = {p.parent.relative_to(built_site).as_posix() + "/" for p in built_site.rglob("index.html")
             if p.parent.relative_to(built_site).parts[:1] not in (("assets",), ("search",))}
    assert built - set(PUBLISHED) == set(), "add new pages to data/published_urls.txt"


def html_lang(path: Path) -> str:
    match = re.search(r'<html lang="([^"]+)"', path.read_text(encoding="utf-8"))
    return match.group(1) if match else ""


def test_every_page_declares_its_language(built_site: Path) -> None:
    wrong = []
    for path in cs.html_pages(built_site):
        relative = path.relative_to(built_site).parts
        expected = "en" if relative[0] == "en" else "zh"
        if html_lang(path) != expected:
            wrong.append(f"{'/'.join(relative)}: {html_lang(path)!r}")
    assert wrong == []


def test_english_pages_have_english_chrome(built_site: Path) -> None:
    html = (built_site / "en" / "stages" / "index.html").read_text(encoding="utf-8")
    title = re.search(r"<title>(.*?)</title>", html).group(1)
    assert title.endswith("Du Xiaoman overdue loans and debt collection: a guide")
    assert "Content last reviewed:" in html and "内容核对日期" not in html
    assert "What to do" in html  # translated navigation section


def test_each_language_has_its_own_search_index(built_site: Path) -> None:
    zh = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    en = json.loads((built_site / "en" / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert zh["docs"] and en["docs"]
    assert not [d["location"] for d in zh["docs"] if d["location"].startswith("en/")]
    assert not [d["location"] for d in en["docs"] if re.search("[\u4e00-\u9fff]", d["title"])]
    assert {d["location"].split("#")[0] for d in en["docs"]} == {d["location"].split("#")[0] for d in zh["docs"]}


def test_lang_reader_fails_on_a_page_without_lang() -> None:
    assert html_lang(SITE_FIXTURE / "raw-markdown.html") == "zh"
    assert html_lang(FIXTURES / "linkcheck-page" / "index.html") != "en"


def chinese_outside_article(path: Path) -> list[str]:
    """Chinese words in an English page's header, navigation and footer.

    The other language's own name in the language selector is expected."""
    from bs4 import BeautifulSoup
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    for tag in soup(["article", "script", "style"]):
        tag.decompose()
    for tag in soup.select("a.md-select__link[hreflang='zh']"):
        tag.decompose()
    return re.findall("[\u4e00-\u9fff]+", soup.get_text(" "))


def test_english_pages_have_no_chinese_outside_the_content(built_site: Path) -> None:
    found = {path.relative_to(built_site).as_posix(): chinese_outside_article(path)
             for path in cs.html_pages(built_site / "en")}
    assert {page: words for page, words in found.items() if words} == {}


def test_chinese_chrome_detector_flags_fixture() -> None:
    assert chinese_outside_article(SITE_FIXTURE / "en-chinese-chrome.html") == ["首页"]


def test_site_checker_exits_non_zero_on_a_broken_site(capsys, monkeypatch) -> None:
    monkeypatch.setattr("sys.argv", ["check_site.py", "--site", str(SITE_FIXTURE)])
    assert cs.main() == 1
    assert "external-font.html:4: <link rel=stylesheet> loads from another host" in capsys.readouterr().out


def test_chinese_terms_on_english_pages_are_marked_as_chinese(built_site: Path) -> None:
    english = (built_site / "en" / "stages" / "index.html").read_text(encoding="utf-8")
    chinese = (built_site / "stages" / "index.html").read_text(encoding="utf-8")
    assert '<span lang="zh">支付令</span>' in english
    assert '<span lang="zh">' not in chinese


def test_every_page_loads_the_guides_own_css_and_js_as_one_minified_fingerprinted_file_each(built_site: Path) -> None:
    """overrides/hooks/asset_bundle.py: one request each instead of one per
    source file, named after its content, and the sources are not shipped."""
    from mkdocs.utils.yaml import yaml_load

    from conftest import published_pages
    config = yaml_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    for page in published_pages():
        html = (built_site / page / "index.html").read_text(encoding="utf-8")
        stylesheets = re.findall(r'<link rel="stylesheet" href="[^"]*?assets/([^"/]+)"', html)
        scripts = re.findall(r'<script defer src="[^"]*?assets/([^"/]+)"', html)
        assert len(stylesheets) == 1 and re.fullmatch(r"guide\.[0-9a-f]{10}\.css", stylesheets[0]), page
        assert re.fullmatch(r"guide\.[0-9a-f]{10}\.js", scripts[0]), page  # then only the page's own (front matter scripts:)
    css, = (built_site / "assets").glob("guide.*.css")
    assert css.name == stylesheets[0]
    bundle = css.read_text(encoding="utf-8")
    assert "\n\n" not in bundle and "/*" not in bundle  # minified
    assert ".call-log__entry" in bundle and "@media print" in bundle  # tools.css and print.css are in it
    shipped = {path.relative_to(built_site).as_posix() for path in built_site.rglob("*")}
    for source in config["extra_css"] + config["extra_javascript"]:
        assert not any(path.endswith(source) for path in shipped), source
