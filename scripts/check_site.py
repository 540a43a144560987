"""Check the built site in site/ for what only shows after rendering.

Why: some mistakes only appear in HTML. Markdown that failed to render
(a literal ``!!!`` or ``[ ]``), a phone number that did not come from
data/contacts.yml, or a page, stylesheet or script that would make a
reader's phone contact a third-party host (Google Fonts is blocked in
mainland China, and every outside request leaks who reads this guide).

Usage: python scripts/check_site.py [--site site] [--data data]
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Callable
from urllib.parse import urlsplit

from bs4 import BeautifulSoup

sys.path.insert(0, str(Path(__file__).resolve().parent))
from markdown_pages import load_data  # noqa: E402
from problems import Problem, finish  # noqa: E402
from rules.payment_accounts import PAYMENT_ADVICE, listed_accounts, payment_accounts  # noqa: E402
from rules.phone_numbers import PHONE_ADVICE, PHONE_LIKE  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
RAW_MARKDOWN = ("!!!", "[ ]", "[x]", "{{", "}}", "{#", "](", "{: ", "{ .")
# Attributes that make the browser fetch something as the page loads.
FETCHING = {"script": "src", "img": "src", "iframe": "src", "source": "src",
            "video": "src", "audio": "src", "embed": "src", "object": "data",
            "track": "src", "input": "src"}
FETCHING_LINK_RELS = {"stylesheet", "preload", "prefetch", "preconnect",
                      "dns-prefetch", "icon", "manifest", "modulepreload",
                      "apple-touch-icon"}
CSS_REMOTE = re.compile(r"(?:@import\s+(?:url\()?|url\()\s*['\"]?(https?:)?//", re.I)
# Hosts that serve fonts, scripts, styles or tracking. A bundled script that
# names one could fetch from it; comments pointing at GitHub cannot.
JS_REMOTE = re.compile(r"https?://(?:fonts\.googleapis\.com|fonts\.gstatic\.com|[\w.-]*jsdelivr\.net|"
                       r"unpkg\.com|cdnjs\.cloudflare\.com|[\w.-]*googletagmanager\.com|"
                       r"[\w.-]*google-analytics\.com|hm\.baidu\.com|[\w.-]*bootcdn\.net|"
                       r"[\w.-]*staticfile\.org|ajax\.googleapis\.com)[^\s\"'`)]*", re.I)


def is_remote(url: str) -> bool:
    parts = urlsplit(url.strip())
    return bool(parts.netloc) or parts.scheme in ("http", "https")


def visible_text(soup: BeautifulSoup) -> str:
    for tag in soup(["script", "style", "code", "pre", "template"]):
        tag.decompose()
    return soup.get_text(" ")


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def check_html_file(path: Path, site: Path, data: dict) -> list[Problem]:
    label = path.relative_to(site).as_posix()
    html = path.read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    problems = []
    numbers = {str(entry["number"]) for entry in data["contacts"].values()}

    for tag_name, attribute in FETCHING.items():
        for tag in soup.find_all(tag_name):
            url = tag.get(attribute)
            if url and is_remote(url):
                problems.append(Problem(label, tag.sourceline or 1,
                                        f"<{tag_name}> loads from another host: {url}"))
    for tag in soup.find_all("link"):
        rels = set(tag.get("rel") or [])
        url = tag.get("href") or ""
        if rels & FETCHING_LINK_RELS and url and is_remote(url):
            problems.append(Problem(label, tag.sourceline or 1, f"<link rel={'/'.join(rels)}> loads from another host: {url}"))
    for tag in soup.find_all(style=True):
        if CSS_REMOTE.search(tag["style"]):
            problems.append(Problem(label, tag.sourceline or 1, "inline style loads from another host"))
    for tag in soup.find_all("style"):
        if CSS_REMOTE.search(tag.get_text()):
            problems.append(Problem(label, tag.sourceline or 1, "<style> loads from another host"))

    for tag in soup.find_all("a", href=True):
        if tag["href"].startswith("tel:"):
            number = tag["href"][4:]
            if number not in numbers:
                problems.append(Problem(label, tag.sourceline or 1,
                                        f"tel:{number} is not in data/contacts.yml: {PHONE_ADVICE}"))
    main = soup.find("article") or soup.find("main")
    if main is not None:
        text = visible_text(BeautifulSoup(str(main), "html.parser"))
        for marker in RAW_MARKDOWN:
            if marker in text:
                at = text.index(marker)
                problems.append(Problem(label, 1, f"unrendered Markdown '{marker}' near '{text[max(at - 20, 0):at + 20].strip()}'"))
        for match in PHONE_LIKE.finditer(text):
            if match.group(0) not in numbers:
                problems.append(Problem(label, 1, f"phone-like number {match.group(0)} is not in data/contacts.yml: "
                                                  f"{PHONE_ADVICE}"))
        for kind, account in payment_accounts(text, listed_accounts(data)):
            problems.append(Problem(label, 1, f"'{account}' looks like {kind}: {PAYMENT_ADVICE}"))
    # Material's repository widget makes the browser ask api.github.com for
    # stars and forks; mkdocs.yml sets an absolute edit_uri and no repo_url.
    for tag in soup.find_all(attrs={"data-md-component": "source"}):
        problems.append(Problem(label, tag.sourceline or 1,
                                "repository widget: its script fetches from api.github.com "
                                "(is repo_url set in mkdocs.yml? Use an absolute edit_uri instead)"))
    return problems


def check_assets(site: Path, data: dict) -> list[Problem]:
    """Stylesheets and scripts must not fetch from other hosts."""
    problems = []
    allowed = {entry["url"] for entry in data["domains"].get("theme_conditional_loaders", [])}
    for path in sorted(site.rglob("*.css")):
        for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
            if CSS_REMOTE.search(line):
                problems.append(Problem(path.relative_to(site).as_posix(), number, "stylesheet loads from another host"))
    for path in sorted(site.rglob("*.js")):
        text = path.read_text(encoding="utf-8", errors="replace")
        for match in JS_REMOTE.finditer(text):
            if match.group(0) not in allowed:
                line = text.count("\n", 0, match.start()) + 1
                problems.append(Problem(path.relative_to(site).as_posix(), line,
                                        f"script references another host: {match.group(0)}"))
    return problems


def check_no_mermaid(site: Path, data: dict) -> list[Problem]:
    """Material fetches Mermaid from a CDN when a page has a diagram: allow none."""
    return [Problem(path.relative_to(site).as_posix(), 1, "Mermaid diagram: Material loads it from a CDN")
            for path in html_pages(site) if 'class="mermaid"' in path.read_text(encoding="utf-8")]


def check_search_index(site: Path, data: dict) -> list[Problem]:
    """The Chinese search index must be segmented by jieba (\\u200b separators)."""
    index_path = site / "search" / "search_index.json"
    if not index_path.exists():
        return [Problem("search/search_index.json", 1, "missing search index")]
    index = json.loads(index_path.read_text(encoding="utf-8"))
    separator = index.get("config", {}).get("separator", "")
    problems = []
    if "\\u200b" not in separator and "\u200b" not in separator:
        problems.append(Problem("search/search_index.json", 1, "search separator lacks \\u200b"))
    chinese = [doc for doc in index.get("docs", []) if re.search("[\u4e00-\u9fff]", doc.get("text", ""))]
    if not chinese or not any("\u200b" in doc["text"] for doc in chinese):
        problems.append(Problem("search/search_index.json", 1, "Chinese text is not segmented (is jieba installed?)"))
    return problems


def redirect_key(url: str) -> str:
    """The redirect_maps key for a published URL: "en/old/" → "old.md"."""
    path = url.strip("/")
    if path.split("/")[0] == "en":
        path = path[len("en"):].strip("/")
    return f"{path or 'index'}.md"


def check_published_urls(site: Path, data: dict) -> list[Problem]:
    """Every URL in data/published_urls.txt still answers: a page or a redirect."""
    problems = []
    for line, url in data["published"]:
        target = site / url
        if not ((target / "index.html").is_file() or (target.is_file() and url.endswith(".html"))):
            problems.append(Problem(
                "data/published_urls.txt", line,
                f"published URL /{url.removeprefix('./')} is gone. A reader may have it bookmarked or printed: "
                f"add a redirect in mkdocs.yml under plugins → redirects → redirect_maps, "
                f"for example '{redirect_key(url)}': 'new-page.md' (one entry covers both languages) · "
                f"已发布的网址 /{url.removeprefix('./')} 不见了：请在 mkdocs.yml 的 redirects → redirect_maps 中加一条跳转，"
                f"例如 '{redirect_key(url)}': 'new-page.md'（一条即可覆盖两种语言）"))
    return problems


SITE_CHECKS: list[Callable[[Path, dict], list[Problem]]] = [
    check_published_urls,
    check_assets,
    check_no_mermaid,
    check_search_index,
]


def run_checks(site: Path, data_dir: Path) -> list[Problem]:
    data = load_data(data_dir)
    problems = [p for path in html_pages(site) for p in check_html_file(path, site, data)]
    problems += [p for check in SITE_CHECKS for p in check(site, data)]
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--data", type=Path, default=ROOT / "data")
    args = parser.parse_args()
    return finish("check_site", run_checks(args.site, args.data))


if __name__ == "__main__":
    sys.exit(main())
