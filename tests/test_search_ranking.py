"""Search finds readers' own words (issue 13), in Chromium.

- Every query in data/reader_words.yml, typed into the site's search in its
  language, ranks its page first. All misses are reported at once, each
  with what ranked first instead, and an expected page that does not exist
  yet is named as such (court-papers, until the court helper's page lands).
- A Chinese query is cut into the index's words: 上门 searches 上门*, not 上*;
  an English word also finds its stem: threats finds threat
  (overrides/partials/search-words.html, "search-words").
- One-character words are not highlighted on the page a result opens
  ("search-highlight"); longer ones still are.
- Result snippets do not start with "。" (overrides/hooks/search_split.py).
- Text that arrives without a key press (pasted) starts a search, online
  and from the offline bundle's file:// pages ("search-paste").
- A page's front-matter boost (search: boost:) reaches the index and ranks it.

Each check also runs where it must fail: with its script taken out of the
page, or on a fixture (tests/fixtures/search/).
"""
from __future__ import annotations

import json
import re
import sys
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml
from build_release import language_env
from build_site import mkdocs_build
from conftest import FIXTURES, ROOT
from fixture_site import build_with_pages
from playwright.sync_api import Browser, Page, Route, expect

sys.path.insert(0, str(ROOT / "overrides" / "hooks"))
import search_split  # noqa: E402

pytestmark = pytest.mark.browser

SEARCH = FIXTURES / "search"
READER_WORDS = ROOT / "data" / "reader_words.yml"
LANGUAGES = {"zh": "", "en": "en/"}


# --- typing into Material's search ------------------------------------------------

def translations(page: Page) -> dict[str, str]:
    return page.evaluate("JSON.parse(document.getElementById('__config').textContent).translations")


def result_pattern(words: dict[str, str]) -> str:
    """A regular expression for the line above the results, once they are in."""
    counts = [re.escape(words[key]).replace("\\#", "#").replace("#", r"\d+")
              for key in ("search.result.none", "search.result.one", "search.result.other")]
    return "^(" + "|".join(counts) + ")$"


class SearchBox:
    """Material's search box on one page: type a query, wait for its results."""

    def __init__(self, page: Page) -> None:
        self.page = page
        words = translations(page)
        self.placeholder = words["search.result.placeholder"]
        self.results = result_pattern(words)
        self.box = page.locator("input.md-search__input")
        self.meta = page.locator(".md-search-result__meta")
        self.box.click()
        expect(self.meta).to_have_text(self.placeholder)  # the index is in

    def search(self, query: str) -> list[str]:
        """Result links, best first; each page's own link first in its group."""
        self.box.fill("")
        self.box.press("End")  # Material searches on keyup
        expect(self.meta).to_have_text(self.placeholder)
        self.box.fill(query)
        self.box.press("End")
        expect(self.meta).to_have_text(re.compile(self.results))
        return self.page.eval_on_selector_all(".md-search-result__link", "links => links.map(a => a.href)")

    def first_pages(self, query: str) -> list[str]:
        """The pages of the results, best first, as slugs."""
        pages = self.page.eval_on_selector_all(
            ".md-search-result__item > .md-search-result__link:first-child", "links => links.map(a => a.href)") \
            if self.search(query) else []
        return [slug_of(url) for url in pages]


def slug_of(url: str) -> str:
    """'http://host/en/family/?h=x' -> 'family'; a language's home page -> 'index'."""
    path = urlsplit(url).path.strip("/")
    path = path[3:] if path == "en" or path.startswith("en/") else path
    return path.removesuffix(".html").removesuffix("/index") or "index"


def test_slugs_drop_the_language_query_and_home() -> None:
    assert [slug_of(u) for u in ["http://h/en/family/?h=a#x", "http://h/family/", "http://h/en/", "http://h/"]] == [
        "family", "family", "index", "index"]


# --- the reader-words table --------------------------------------------------------

def load_reader_words(path: Path = READER_WORDS) -> dict[str, list[dict[str, str]]]:
    """The queries per language (keep_whole, the terms jieba keeps whole, is the build's)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {lang: data[lang] for lang in data if lang != "keep_whole"}


def existing_pages(lang: str, root: Path = ROOT) -> set[str]:
    return {page.stem for page in (root / "docs" / lang).glob("*.md")}


def ranking_misses(box: SearchBox, entries: list[dict[str, str]], pages: set[str]) -> list[str]:
    """Every query whose page does not rank first, with what did."""
    misses = []
    for entry in entries:
        ranked = box.first_pages(entry["query"])
        if ranked[:1] == [entry["page"]]:
            continue
        found = ", ".join(ranked[:3]) or "no results"
        missing = "" if entry["page"] in pages else f" (the page {entry['page']} does not exist yet)"
        misses.append(f"{entry['query']!r} should find {entry['page']}{missing}; first: {found}")
    return misses


def search_page(browser: Browser, url: str) -> tuple[Page, SearchBox]:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(url)
    return page, SearchBox(page)


def test_reader_words_has_enough_queries_in_each_language() -> None:
    words = load_reader_words()
    assert set(words) == set(LANGUAGES)
    for lang, entries in words.items():
        assert len(entries) >= 30, lang
        assert all(set(entry) == {"query", "page"} and entry["query"].strip() for entry in entries), lang


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_every_reader_word_ranks_its_page_first(browser: Browser, site_url: str, lang: str) -> None:
    page, box = search_page(browser, site_url + LANGUAGES[lang])
    misses = ranking_misses(box, load_reader_words()[lang], existing_pages(lang))
    page.close()
    if misses:
        pytest.fail(f"{len(misses)} of {len(load_reader_words()[lang])} reader words miss:\n" + "\n".join(misses))


@pytest.fixture(scope="module")
def fixture_url(tmp_path_factory: pytest.TempPathFactory, serve) -> str:
    """The guide with the search fixture pages (tests/fixtures/search/pages/)."""
    return serve(build_with_pages(tmp_path_factory.mktemp("search"), [SEARCH / "pages"]))


def test_ranking_check_reports_every_kind_of_miss(browser: Browser, fixture_url: str) -> None:
    page, box = search_page(browser, fixture_url)
    misses = ranking_misses(box, load_reader_words(SEARCH / "reader_words_wrong.yml")["zh"],
                            existing_pages("zh") | {"search-plain", "search-boosted"})
    page.close()
    assert [miss.split("; first: ")[0] for miss in misses] == [
        "'夹具提升词' should find search-plain",
        "'zqxwvj' should find search-plain",
        "'夹具' should find court-papers-fixture (the page court-papers-fixture does not exist yet)",
    ]
    assert misses[0].split("; first: ")[1].startswith("search-boosted, ")
    assert misses[1].endswith("; first: no results")


# --- boost from the front matter ---------------------------------------------------

@pytest.mark.parametrize("lang, query", [("zh", "夹具提升词"), ("en", "fixtureboostword")])
def test_front_matter_boost_ranks_a_page_first(browser: Browser, fixture_url: str, lang: str, query: str) -> None:
    # search-plain has the word three times, search-boosted once, with boost: 10.
    page, box = search_page(browser, fixture_url + LANGUAGES[lang])
    ranked = box.first_pages(query)
    page.close()
    assert ranked[0] == "search-boosted" and "search-plain" in ranked


# --- taking one of our search scripts out of the page ---------------------------------

def without_script(name: str) -> Callable[[Route], None]:
    """A route handler that serves pages without <script data-guide="name">."""
    pattern = re.compile(rf'<script data-guide="{name}">.*?</script>', re.DOTALL)

    def handle(route: Route) -> None:
        response = route.fetch()
        if "text/html" not in response.headers.get("content-type", ""):
            route.fulfill(response=response)
            return
        html, count = pattern.subn("", response.text())
        assert count == 1, f"no <script data-guide={name!r}> in {route.request.url}"
        route.fulfill(response=response, body=html)
    return handle


def open_page(browser: Browser, url: str, remove: str | None = None) -> Page:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    if remove:
        page.route("**/*", without_script(remove))
    page.goto(url)
    return page


def highlight_words(links: list[str]) -> set[str]:
    """The words each result link asks its page to highlight (?h=)."""
    return {word for link in links for value in parse_qs(urlsplit(link).query).get("h", []) for word in value.split()}


@pytest.mark.parametrize("remove, words", [(None, {"上门"}), ("search-words", {"上"})])
def test_chinese_query_is_cut_into_the_index_words(browser: Browser, site_url: str, remove: str | None, words: set[str]) -> None:
    page = open_page(browser, site_url, remove)
    links = SearchBox(page).search("上门")
    page.close()
    assert highlight_words(links) == words


@pytest.mark.parametrize("remove, ranked", [(None, ["search-plain"]), ("search-words", [])])
def test_english_word_finds_its_stem(browser: Browser, fixture_url: str, remove: str | None, ranked: list[str]) -> None:
    # The index holds "fixtur"; Material searched only "fixtures*".
    page = open_page(browser, fixture_url + "en/", remove)
    found = SearchBox(page).first_pages("fixtures")
    missing = page.locator(".md-search-result__terms").count()
    page.close()
    assert (found, missing) == (ranked, 0)


@pytest.mark.parametrize("remove, marked", [(None, {"上门"}), ("search-highlight", {"上"})])
def test_one_character_words_are_not_highlighted(browser: Browser, site_url: str, remove: str | None, marked: set[str]) -> None:
    page = open_page(browser, site_url + "home-visits/?h=上+上门", remove)
    marks = page.locator("mark[data-md-highlight]")
    expect(marks.first).to_be_attached()  # Material has highlighted what it kept
    texts = set(marks.all_text_contents())
    page.close()
    assert texts == marked


# --- snippets ----------------------------------------------------------------------------

# The text under each result's title (text nodes too: text outside any
# block is rendered as bare text).
SNIPPETS = """() => [...document.querySelectorAll(".md-search-result__article")].map(article =>
  [...article.childNodes].filter(node => !/^(H1|H2|DIV|NAV)$/.test(node.nodeName))
    .map(node => node.textContent).join("").replace(/[\\s\\u200b]+/g, ""))
  .filter(Boolean)"""


def snippets_starting_with_punctuation(snippets: list[str]) -> list[str]:
    return [snippet[:20] for snippet in snippets if snippet[0] in search_split.LEADING_PUNCTUATION]


def snippets_for(page: Page, query: str) -> list[str]:
    SearchBox(page).search(query)
    page.evaluate("() => document.querySelectorAll('details.md-search-result__more').forEach(d => d.open = true)")
    return page.evaluate(SNIPPETS)


# Raw text of the fixture's table section as Material's search plugin writes
# it, before overrides/hooks/search_split.py tidies it: the inline <code> in
# a table cell ends a block, and the next one starts with "。".
UNTIDY_TABLE_TEXT = ("号码\u200b \u200b说明\u200b \u200b拨打\u200b <code>12378</code>。\u200b然后\u200b等待\u200b"
                     "夹具\u200b回访\u200b \u200b夹具\u200b热线\u200b。")


def serve_untidy_index(route: Route) -> None:
    response = route.fetch()
    index = json.loads(response.text())
    for doc in index["docs"]:
        if doc["location"] == "search-snippet/#table":
            doc["text"] = UNTIDY_TABLE_TEXT
    route.fulfill(response=response, body=json.dumps(index, ensure_ascii=False))


@pytest.mark.parametrize("untidy", [False, True])
def test_snippets_do_not_start_with_punctuation(browser: Browser, fixture_url: str, untidy: bool) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    if untidy:
        page.route("**/search/search_index.json", serve_untidy_index)
    page.goto(fixture_url)
    snippets = snippets_for(page, "回访")
    page.close()
    assert any("夹具回访" in snippet for snippet in snippets), snippets
    assert bool(snippets_starting_with_punctuation(snippets)) is untidy


@pytest.mark.parametrize("lang, query", [("zh", "投诉"), ("zh", "电话"), ("zh", "期限"), ("en", "complaint"), ("en", "call")])
def test_real_snippets_do_not_start_with_punctuation(browser: Browser, site_url: str, lang: str, query: str) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(site_url + LANGUAGES[lang])
    snippets = snippets_for(page, query)
    page.close()
    assert snippets and snippets_starting_with_punctuation(snippets) == []


# --- pasted text starts a search -----------------------------------------------------

def paste_into_search(page: Page, query: str) -> int:
    """Insert query into the search box as a paste does (an input event, no
    key) and return how many keyup events the box then received: Material
    searches on keyup, so a paste starts a search only if something sends one.
    The paste script sends it while handling the input event, so the count is
    final when insert_text returns; nothing here waits on the clock."""
    SearchBox(page)  # open, with the index in
    page.evaluate("() => { window.__keyups = 0; document.querySelector('input.md-search__input')"
                  ".addEventListener('keyup', () => { window.__keyups += 1; }); }")
    page.keyboard.insert_text(query)
    return page.evaluate("() => window.__keyups")


@pytest.mark.parametrize("remove, found", [(None, True), ("search-paste", False)])
def test_pasted_text_starts_a_search_online(browser: Browser, site_url: str, remove: str | None, found: bool) -> None:
    page = open_page(browser, site_url, remove)
    keyups = paste_into_search(page, "征信")
    if found:
        expect(page.locator(".md-search-result__item").first).to_be_visible()
    page.close()
    assert (keyups > 0) is found


@pytest.fixture(scope="module")
def offline_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Chinese offline bundle's pages (Material's offline plugin), unzipped."""
    site = tmp_path_factory.mktemp("offline") / "site"
    result = mkdocs_build(ROOT / "mkdocs.yml", site, language_env("zh", ["zh", "en"]), quiet=True)
    assert result.returncode == 0, result.stderr
    return site


@pytest.mark.parametrize("start, query", [("index.html", "征信"), ("en/index.html", "complaint")])
def test_pasted_text_starts_a_search_offline(browser: Browser, offline_site: Path, start: str, query: str) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto((offline_site / start).as_uri())
    assert paste_into_search(page, query) > 0
    expect(page.locator(".md-search-result__item").first).to_be_visible()
    page.close()
    assert errors == []


def test_offline_page_keeps_longer_highlight_words(browser: Browser, offline_site: Path) -> None:
    page = browser.new_page()
    page.goto((offline_site / "home-visits.html").as_uri() + "?h=上+上门")
    kept = page.evaluate("new URLSearchParams(location.search).get('h')")
    page.close()
    assert kept == "上门"


def test_index_entries_keep_their_boost_after_the_split(fixture_url: str) -> None:
    with urllib.request.urlopen(fixture_url + "search/search_index.json") as response:
        index: dict[str, Any] = json.loads(response.read())
    boosts = {doc["location"]: doc.get("boost") for doc in index["docs"] if doc["location"].startswith("search-")}
    assert boosts["search-boosted/"] == 10 and boosts["search-plain/"] is None
