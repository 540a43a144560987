"""One build works at any address: the site, built for the primary address
(GitHub Pages, under /duxiaoman-guide/), served unchanged at a host's root
and under /a/b/, as a mirror may serve it.

Every link in it is relative or fragment-only (canonical links and the
sitemap may name the primary address); LinkChecker, with anchors, finds
nothing broken and nothing outside the prefix at either; in Chromium the
language switcher on both home pages, search in both languages and the
result it opens, the call log and the 404 page at any depth all stay inside
the prefix. A fixture with a link from the host's root, and one that climbs
out of the site, makes each check fail, naming the page and the link.
"""
from __future__ import annotations

import hashlib
import io
import json
import os
import posixpath
import re
import subprocess
import threading
from collections.abc import Iterator
from functools import partial
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Browser, Page, expect

import local_server
import official_copies
from build_pdf import load_settings
from conftest import FIXTURES, copy_project, run_mkdocs_build
from test_links import CONFIG, LINKCHECKER

PRIMARY = official_copies.load().primary.url
PREFIXES = ["/", "/a/b/"]
LINK_ATTRIBUTES = ("href", "src", "action", "poster")
REFRESH = re.compile(r"url=(\S+)", re.IGNORECASE)


# --- the site, and a server that serves it under a prefix --------------------

@pytest.fixture(scope="module")
def mirror_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site built for the primary address, with a redirect and the
    downloads table (small stand-in files), so every kind of page is there."""
    work = tmp_path_factory.mktemp("mirror")
    project = copy_project(work / "project")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "      redirect_maps: {}\n" in text
    config.write_text(text.replace("      redirect_maps: {}\n",
                                   "      redirect_maps:\n        old-page.md: scams.md\n"), encoding="utf-8")
    settings = load_settings()
    files: dict[str, bytes] = {}
    manifest = []
    for lang in settings["languages"]:
        for kind in ("offline", "pdf"):
            name, body = settings["files"][kind].format(lang=lang), f"{kind} {lang}".encode()
            files[name] = body
            manifest.append({"file": name, "lang": lang, "kind": kind,
                             "bytes": len(body), "sha256": hashlib.sha256(body).hexdigest()})
    (work / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    site = work / "site"
    result = run_mkdocs_build(project, site, SITE_URL=PRIMARY, DOWNLOADS_MANIFEST=str(work / "manifest.json"))
    assert result.returncode == 0, result.stderr
    for name, body in files.items():
        (site / "downloads" / name).write_bytes(body)
    return site


class PrefixHandler(local_server.QuietHandler):
    """Serves the folder under a prefix, as a host serves a site copied into a
    subfolder. A request outside the prefix is an escape: recorded, with the
    page it came from, and answered 404. A missing file inside the prefix gets
    the site's 404.html with status 404, as GitHub Pages and S3 websites do."""

    prefix = "/"
    escapes: list[str]  # set per server by serve_at

    def send_head(self) -> io.BufferedIOBase | None:  # type: ignore[override]
        requested = urlsplit(self.path).path
        if requested in ("/robots.txt", "/favicon.ico"):  # a crawler's or browser's question to the host, not a link
            self.send_error(404)
            return None
        if not requested.startswith(self.prefix):
            self.escapes.append(f"{self.path} (linked from {self.headers.get('Referer', 'no page')})")
            self.send_error(404, "outside the prefix")
            return None
        self.path = "/" + self.path[len(self.prefix):]
        local = Path(self.translate_path(self.path))
        if local.is_dir() and not requested.endswith("/"):
            self.send_response(301)
            self.send_header("Location", requested + "/")
            self.end_headers()
            return None
        if local.is_file() or (local / "index.html").is_file():
            return super().send_head()
        body = (Path(self.directory) / "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


def serve_at(folder: Path, prefix: str) -> tuple[str, list[str], local_server.QuietServer]:
    """Serve folder under prefix; return its URL, the escapes it records, the server."""
    escapes: list[str] = []
    handler = type("Handler", (PrefixHandler,), {"prefix": prefix, "escapes": escapes})
    server = local_server.QuietServer(("127.0.0.1", 0), partial(handler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}{prefix}", escapes, server


@pytest.fixture(scope="module", params=PREFIXES, ids=["at-root", "under-a-b"])
def served(request: pytest.FixtureRequest, mirror_site: Path) -> Iterator[tuple[str, list[str]]]:
    base, escapes, server = serve_at(mirror_site, request.param)
    yield base, escapes
    server.shutdown()


@pytest.fixture
def fresh(served: tuple[str, list[str]]) -> Iterator[str]:
    """The served site's URL; the test fails on any request that escaped the prefix."""
    base, escapes = served
    escapes.clear()
    yield base
    assert escapes == [], "requests left the prefix:\n" + "\n".join(escapes)


# --- every link relative -----------------------------------------------------

def escaping_links(site: Path) -> list[str]:
    """'page: link: why' for each link that starts at the host's root (or
    another host's, with //) or climbs out of the site's folder."""
    problems = []
    for page in sorted(site.rglob("*.html")):
        label = page.relative_to(site).as_posix()
        folder = page.parent.relative_to(site).as_posix()
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        links = [str(tag[name]) for tag in soup.find_all(True) for name in LINK_ATTRIBUTES if tag.has_attr(name)]
        links += [match.group(1) for tag in soup.find_all("meta", attrs={"http-equiv": "refresh"})
                  if (match := REFRESH.search(str(tag.get("content", ""))))]
        for link in links:
            parts = urlsplit(link)
            if parts.scheme or link.startswith("#") or not link:
                continue  # another site, tel:, mailto:, or this page
            if link.startswith("/"):
                problems.append(f"{label}: {link}: starts at the host's root, not in the site's folder")
            elif posixpath.normpath(posixpath.join(folder, parts.path)).startswith(".."):
                problems.append(f"{label}: {link}: climbs out of the site's folder")
    return problems


def test_every_link_in_the_site_is_relative_or_a_fragment(mirror_site: Path) -> None:
    assert escaping_links(mirror_site) == []


def test_the_check_reads_home_pages_redirects_downloads_and_the_404_page(mirror_site: Path) -> None:
    for page in ("index.html", "en/index.html", "old-page/index.html", "en/old-page/index.html",
                 "downloads/index.html", "404.html"):
        assert (mirror_site / page).is_file(), page
    table = (mirror_site / "downloads" / "index.html").read_text(encoding="utf-8")
    assert 'class="downloads"' in table and 'href="../downloads/guide-zh.pdf"' in table
    assert 'url=../scams/' in (mirror_site / "old-page" / "index.html").read_text(encoding="utf-8")


def test_only_canonical_links_and_the_sitemap_name_the_primary_address(mirror_site: Path) -> None:
    home = BeautifulSoup((mirror_site / "en" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert home.select_one("link[rel=canonical]")["href"] == PRIMARY + "en/"
    assert PRIMARY + "en/faq/" in (mirror_site / "sitemap.xml").read_text(encoding="utf-8")
    switcher = [a["href"] for a in home.select("a.md-select__link")]
    assert switcher == ["../", "./"]


def test_link_check_fails_on_a_link_from_the_host_root_naming_page_and_link() -> None:
    assert escaping_links(FIXTURES / "base-path") == [
        "index.html: /elsewhere/: starts at the host's root, not in the site's folder",
        "page/index.html: ../../outside/: climbs out of the site's folder",
    ]


# --- LinkChecker at both prefixes --------------------------------------------

def linkcheck(urls: list[str], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    """LinkChecker with anchors, every URL on the test server counted as internal,
    so a link that leaves the prefix is fetched and fails instead of being skipped."""
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(urls[0]))
    config = tmp_path / "linkcheckerrc"
    config.write_text(CONFIG.read_text(encoding="utf-8").replace(
        "[filtering]\n", f"[filtering]\ninternlinks=^{re.escape(origin)}/\n"), encoding="utf-8")
    # Outside links are off by default (no network in CI); LINKCHECK_EXTERNAL=1 turns them on.
    extern = ["--check-extern"] if os.environ.get("LINKCHECK_EXTERNAL") == "1" else []
    return subprocess.run([*LINKCHECKER, "--config", str(config), "--no-status", *extern, *urls],
                          capture_output=True, text=True, timeout=600, check=False)


def test_linkchecker_finds_nothing_broken_or_outside_the_prefix(fresh: str, tmp_path: Path) -> None:
    # Redirect pages and the 404 page are linked from nowhere: start there too.
    result = linkcheck([fresh, fresh + "old-page/", fresh + "en/old-page/", fresh + "404.html"], tmp_path)
    assert result.returncode == 0, result.stdout[-4000:]
    checked = int(re.search(r"(\d+) links? in", result.stdout).group(1))
    assert checked > 100, result.stdout[-500:]


def test_linkchecker_fails_on_the_fixture_naming_page_and_link(tmp_path: Path) -> None:
    base, escapes, server = serve_at(FIXTURES / "base-path", "/a/b/")
    try:
        result = linkcheck([base], tmp_path)
    finally:
        server.shutdown()
    assert result.returncode == 1, result.stdout
    assert f"Parent URL {base}, line" in result.stdout and "/elsewhere/" in result.stdout, result.stdout
    assert "outside/" in result.stdout, result.stdout
    assert any(escape.startswith("/elsewhere/") for escape in escapes), escapes


# --- in Chromium ---------------------------------------------------------------

def recording_page(browser: Browser, base: str) -> tuple[Page, list[str], list[str]]:
    """A page that records requests outside base and failed responses."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    outside: list[str] = []
    failed: list[str] = []
    page.on("request", lambda request: outside.append(request.url)
            if not request.url.startswith((base, "data:", "blob:")) else None)
    page.on("response", lambda response: failed.append(f"{response.status} {response.request.method} {response.url}")
            if response.status >= 400 else None)
    return page, outside, failed


@pytest.mark.browser
@pytest.mark.parametrize("start, other, lands", [("", "en", "en/"), ("en/", "zh", "")], ids=["zh-to-en", "en-to-zh"])
def test_language_switcher_on_each_home_page_stays_under_the_prefix(browser: Browser, fresh: str, start: str,
                                                                    other: str, lands: str) -> None:
    page, outside, failed = recording_page(browser, fresh)
    page.goto(fresh + start)
    page.locator(".md-header .md-select button").first.hover()
    page.locator(f"a.md-select__link[hreflang='{other}']").first.click()
    expect(page).to_have_url(fresh + lands)
    expect(page.locator("html")).to_have_attribute("lang", other)
    page.close()
    assert (outside, failed) == ([], [])


@pytest.mark.browser
@pytest.mark.parametrize("start, query", [("", "上门"), ("en/", "home visit")], ids=["zh", "en"])
def test_search_result_opens_a_page_under_the_prefix(browser: Browser, fresh: str, start: str, query: str) -> None:
    page, outside, failed = recording_page(browser, fresh)
    page.goto(fresh + start)
    box = page.locator("input.md-search__input")
    box.click()
    box.fill(query)
    box.press("End")  # Material searches on keyup, which fill() does not send
    result = page.locator(".md-search-result__list a").first
    expect(result).to_be_visible()
    target = result.evaluate("link => link.href")
    assert target.startswith(fresh + start), target
    result.click()
    expect(page).to_have_url(re.compile("^" + re.escape(target.split("#")[0])))
    expect(page.locator("article h1")).to_be_visible()
    page.close()
    assert (outside, failed) == ([], [])


@pytest.mark.browser
def test_call_log_loads_with_its_tool_under_the_prefix(browser: Browser, fresh: str) -> None:
    page, outside, failed = recording_page(browser, fresh)
    response = page.goto(fresh + "call-log/")
    assert response is not None and response.status == 200
    expect(page.locator("article form").first).to_be_visible()
    page.close()
    assert (outside, failed) == ([], [])


@pytest.mark.browser
def test_not_found_page_at_any_depth_finds_the_site_root(browser: Browser, fresh: str) -> None:
    page, outside, failed = recording_page(browser, fresh)
    missing = fresh + "no/such/page/"
    response = page.goto(missing)
    assert response is not None and response.status == 404
    home = page.locator("a.md-header__button.md-logo")
    expect(home).to_have_attribute("href", "./")
    assert home.evaluate("link => link.href") == fresh
    assert page.locator("a.md-select__link[hreflang='en']").first.evaluate("link => link.href") == fresh + "en/"
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
    assert page.evaluate("typeof document$") == "object"  # Material's script ran
    page.close()
    assert outside == []
    # Expected to miss: the page itself and the script's look for the root
    # (HEAD); nothing is fetched from beside the missing address.
    assert [f for f in failed if " HEAD " not in f] == [f"404 GET {missing}"]


@pytest.mark.browser
def test_escape_recorder_catches_the_fixture_link(browser: Browser) -> None:
    base, escapes, server = serve_at(FIXTURES / "base-path", "/a/b/")
    try:
        page, outside, _ = recording_page(browser, base)
        page.goto(base)
        page.click("#escape")
        expect(page).to_have_url(re.compile("/elsewhere/$"))
        page.close()
    finally:
        server.shutdown()
    assert outside and outside[-1].endswith("/elsewhere/")
    assert escapes and escapes[0].startswith("/elsewhere/ (linked from " + base)
