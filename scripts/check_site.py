"""Check the built site in site/ for what only shows after rendering.

Why: some mistakes only appear in HTML, and a hook or a template can add
what no page source shows. This reads every built page the way the
Markdown rules read sources (scripts/reader_view.py, scripts/urls.py):
- Markdown that failed to render (a literal ``!!!`` or ``[ ]``);
- a phone number that is not in data/contacts.yml, a tel: or sms: link to
  one, or a payment account, anywhere on the page (header, footer, code
  blocks and letter templates included);
- a link to a host outside data/allowed_domains.yml (the edit link's host
  and the site's own canonical address excepted), javascript: and other
  code-carrying links, event-handler attributes, frames and forms;
- any outside host anywhere in site/: pages, stylesheets, scripts, the
  search index, the sitemap (Google Fonts is blocked in mainland China, and
  every outside request leaks who reads this guide);
- a page without the Content-Security-Policy <meta> of data/csp.yml, or with
  an inline script the policy does not allow;
- a QR code in any image (scripts/check_images.py);
- every URL in data/published_urls.txt still answers.

Usage: python scripts/check_site.py [--site site] [--data data]
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Callable
from urllib.parse import unquote

from bs4 import BeautifulSoup

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "overrides" / "hooks"))
import check_images as images  # noqa: E402
import js_source  # noqa: E402
import csp  # noqa: E402  (overrides/hooks/csp.py: one definition of the policy and of an inline script)
from markdown_pages import load_data  # noqa: E402
from problems import Problem, finish  # noqa: E402
from published_urls_grow import redirect_key  # noqa: E402
from reader_view import html_text, line_at, phone_kind, phone_numbers, text_view  # noqa: E402
from rules.payment_accounts import PAYMENT_ADVICE, listed_accounts, payment_accounts  # noqa: E402
from rules.phone_numbers import PHONE_ADVICE  # noqa: E402
from urls import (APP_SCHEMES, PHONE_SCHEMES, SCRIPT_SCHEMES, URL_ATTRIBUTES, allowed_hosts, css_urls,  # noqa: E402
                  link_problem, official_copy_hosts, parse, shorten, text_urls)

ROOT = Path(__file__).resolve().parent.parent
RAW_MARKDOWN = ("!!!", "[ ]", "[x]", "{{", "}}", "{#", "](", "{: ", "{ .")
# Attributes that make the browser fetch something as the page loads.
FETCHING = {"script": "src", "img": "src", "iframe": "src", "source": "src",
            "video": "src", "audio": "src", "embed": "src", "object": "data",
            "track": "src", "input": "src"}
FETCHING_LINK_RELS = {"stylesheet", "preload", "prefetch", "preconnect",
                      "dns-prefetch", "icon", "manifest", "modulepreload",
                      "apple-touch-icon"}
# <link> relations that only name an address (never fetched by a browser).
NAMING_LINK_RELS = {"canonical", "alternate", "next", "prev", "edit", "license", "author"}
FORBIDDEN_TAGS = {"iframe", "frame", "frameset", "object", "embed", "applet", "portal", "base", "fencedframe"}
# XML namespace names: identifiers in SVG and sitemaps, never requested.
NAMESPACES = {"http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink", "http://www.w3.org/1999/xhtml",
              "http://www.w3.org/1998/Math/MathML", "http://www.w3.org/XML/1998/namespace",
              "http://www.w3.org/2000/xmlns/", "http://www.sitemaps.org/schemas/sitemap/0.9"}
TEXT_FILES = {".html", ".htm", ".js", ".mjs", ".css", ".json", ".xml", ".txt", ".svg", ".webmanifest", ".map"}
CSS_COMMENT = re.compile(r"/\*.*?\*/", re.S)
SVG_COMMENT = re.compile(r"<!--.*?-->", re.S)
ABSOLUTE_URL = re.compile(r"(?:\b[A-Za-z][A-Za-z0-9+.-]{1,31}:)?//[A-Za-z0-9\u00a1-\uffff][A-Za-z0-9\u00a1-\uffff.\-]*"
                          r"(?::\d+)?[^\s\"'`<>)\]]*|\b(?:https?|wss?|ftp):(?://)?\$\{[^}]*\}[^\s\"'`<>)]*", re.I)
CSS_ESCAPE = re.compile(r"\\([0-9a-fA-F]{1,6})\s?")
CSP_META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', re.I)


def is_remote(url: str) -> bool:
    return parse(url).has_authority


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def site_settings(data: dict) -> tuple[set[str], set[str]]:
    """(hosts a page may link to, the site's own hosts) from the data files and
    mkdocs.yml (edit_uri's host for "Edit this page", site_url's for canonical links).
    The official copies in data/mirrors.yml are the site's own too: pages name
    them so a reader can reach another copy (issue 16)."""
    site_config = data.get("site") or {}
    own = ({parse(str(site_config.get("site_url") or "")).host} | official_copy_hosts(data.get("mirrors") or {})) - {""}
    edit = {parse(str(site_config.get("edit_uri") or "")).host} - {""}
    return allowed_hosts(data["domains"]) | edit | own, own


def contact_numbers(data: dict) -> set[str]:
    return {str(entry["number"]) for entry in data["contacts"].values()}


def tel_problem(url: str, numbers: set[str]) -> str:
    parsed = parse(url)
    if parsed.scheme == "tel":
        number = re.sub(r"[^\d+]", "", unquote(parsed.cleaned[4:].split(";")[0]))
        if number in numbers:
            return ""
        return f"tel:{number} is not in data/contacts.yml: {PHONE_ADVICE}"
    return f"'{shorten(url)}' is a {parsed.scheme}: link; only tel: links to data/contacts.yml are written: {PHONE_ADVICE}"


def attribute_problems(tag, label: str, links: set[str], own: set[str], numbers: set[str]) -> list[Problem]:
    """Handlers, code-carrying URLs and outside hosts in one tag's attributes."""
    problems = []
    line = tag.sourceline or 1
    for name, value in tag.attrs.items():
        lowered = name.lower()
        values = value if isinstance(value, list) else [value]
        if lowered.startswith("on"):
            problems.append(Problem(label, line, f"<{tag.name} {name}=…>: event-handler attributes run code; "
                                                 f"no template or hook may write one"))
            continue
        if lowered.startswith("xmlns"):
            continue
        for text in values:
            text = str(text)
            urls: list[str] = []
            if lowered in URL_ATTRIBUTES:
                urls = [item.split()[0] for item in text.split(",") if item.strip()] if "srcset" in lowered else [text]
            elif lowered == "style":
                urls = list(css_urls(text))
            elif lowered == "content" and re.search(r"url\s*=", text, re.I):
                urls = [re.split(r"url\s*=\s*", text, flags=re.I)[1].strip("'\" ")]
            for url in urls:
                parsed = parse(url)
                if parsed.scheme in PHONE_SCHEMES:
                    message = tel_problem(url, numbers) if tag.name == "a" and lowered == "href" else \
                        f"{parsed.scheme}: link in <{tag.name} {name}>"
                elif parsed.scheme in APP_SCHEMES:
                    message = f"'{shorten(url)}' is a payment or app link ({parsed.scheme}:): {PAYMENT_ADVICE}"
                elif parsed.scheme == "data" and tag.name in ("img", "source") and lowered in ("src", "srcset") \
                        and parsed.cleaned.lower().startswith("data:image/"):
                    message = ""  # an image the build made; check_images decodes it
                elif parsed.scheme in SCRIPT_SCHEMES:
                    message = f"<{tag.name} {name}='{shorten(url, 40)}'>: a {parsed.scheme}: URL runs code or carries hidden content"
                elif tag.name == "a" and lowered == "href":
                    message = link_problem(parsed, links) if parsed.has_authority else ""
                elif tag.name == "link" and set(tag.get("rel") or []) <= NAMING_LINK_RELS and lowered == "href":
                    message = "" if not parsed.has_authority or parsed.host in own else \
                        f"<link rel={'/'.join(tag.get('rel') or [])}> names another host: {url}"
                elif parsed.has_authority:
                    kind = f"<link rel={'/'.join(tag.get('rel') or [])}>" if tag.name == "link" else f"<{tag.name}>"
                    message = f"{kind} loads from another host: {url}"
                else:
                    message = ""
                if message:
                    problems.append(Problem(label, line, message))
    return problems


def policy_problems(html: str, label: str, directives: dict[str, list[str]], extra_hashes: set[str]) -> list[Problem]:
    """The page carries data/csp.yml's policy before any script, and the policy
    allows exactly the inline scripts the page holds."""
    meta = CSP_META.search(html)
    if not meta:
        return [Problem(label, 1, "no Content-Security-Policy <meta>: every page needs the policy of data/csp.yml "
                                  "(overrides/hooks/csp.py writes it)")]
    problems = []
    first_script = re.search(r"<script\b", html, re.I)
    if first_script and first_script.start() < meta.start():
        problems.append(Problem(label, html.count("\n", 0, meta.start()) + 1,
                                "the Content-Security-Policy <meta> comes after a script: it must be first in <head>"))
    content = meta.group(1).replace("&quot;", '"').replace("&amp;", "&")
    given = {part.split()[0]: part.split()[1:] for part in content.split(";") if part.split()}
    for name, sources in directives.items():
        if name == "script-src":
            allowed = set(given.get(name, [])) - set(sources) - extra_hashes
            needed = {csp.script_hash(text) for text in csp.inline_scripts(html)}
            if set(given.get(name, [])) & set(sources) != set(sources):
                problems.append(Problem(label, 1, "Content-Security-Policy script-src differs from data/csp.yml"))
            for missing in needed - allowed:
                problems.append(Problem(label, 1, f"an inline script ({missing}) is not allowed by the page's "
                                                  f"Content-Security-Policy: the browser will refuse to run it"))
            for stale in allowed - needed:
                problems.append(Problem(label, 1, f"the Content-Security-Policy allows a script the page does not "
                                                  f"hold ({stale})"))
        elif given.get(name) != list(sources):
            problems.append(Problem(label, 1, f"Content-Security-Policy {name} is {given.get(name)}, "
                                              f"data/csp.yml says {sources}"))
    for name in set(given) - set(directives):
        problems.append(Problem(label, 1, f"Content-Security-Policy has {name}, which data/csp.yml does not"))
    return problems


def check_html_file(path: Path, site: Path, data: dict) -> list[Problem]:
    label = path.relative_to(site).as_posix()
    html = path.read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    problems = []
    numbers = contact_numbers(data)
    links, own = site_settings(data)

    for tag in soup.find_all(True):
        problems += attribute_problems(tag, label, links, own, numbers)
        if tag.name in FORBIDDEN_TAGS:
            problems.append(Problem(label, tag.sourceline or 1, f"<{tag.name}>: the site shows no frames or "
                                                                f"embedded objects"))
        if tag.name == "form" and (tag.get("action") is not None or tag.get("method") is not None
                                   or tag.get("target") is not None or tag.find(attrs={"formaction": True})):
            problems.append(Problem(label, tag.sourceline or 1, "<form> that submits somewhere: the site's forms "
                                                                "(search, palette, the call log) never send what a "
                                                                "reader types; the policy says form-action 'none'"))
    for tag in soup.find_all("style"):
        for url in css_urls(tag.get_text()):
            if is_remote(url):
                problems.append(Problem(label, tag.sourceline or 1, f"<style> loads from another host: {url}"))

    main = soup.find("article") or soup.find("main")
    if main is not None:
        article = BeautifulSoup(str(main), "html.parser")
        for tag in article(["script", "style", "code", "pre", "template"]):
            tag.decompose()
        text = article.get_text(" ")
        for marker in RAW_MARKDOWN:
            if marker in text:
                at = text.index(marker)
                problems.append(Problem(label, 1, f"unrendered Markdown '{marker}' near '{text[max(at - 20, 0):at + 20].strip()}'"))
    body = soup.find("body") or soup
    lines: list[tuple[int, int]] = []
    view = text_view(html_text(body, lines))
    for number in phone_numbers(view):
        if number.digits not in numbers:
            problems.append(Problem(label, line_at(lines, view.source_index(number.start)),
                                    f"phone-like number {number.text.strip()} is not in data/contacts.yml "
                                    f"({phone_kind(number.digits, number.plus) or 'a local number'}): {PHONE_ADVICE}"))
    for at, kind, account in payment_accounts(view, listed_accounts(data)):
        problems.append(Problem(label, line_at(lines, view.source_index(at)),
                                f"'{account}' looks like {kind}: {PAYMENT_ADVICE}"))
    # Material's repository widget makes the browser ask api.github.com for
    # stars and forks; mkdocs.yml sets an absolute edit_uri and no repo_url.
    for tag in soup.find_all(attrs={"data-md-component": "source"}):
        problems.append(Problem(label, tag.sourceline or 1,
                                "repository widget: its script fetches from api.github.com "
                                "(is repo_url set in mkdocs.yml? Use an absolute edit_uri instead)"))
    return problems


# --- outside hosts anywhere in site/ ---------------------------------------------------

def decode_css(text: str) -> str:
    return CSS_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)) if int(m.group(1), 16) < 0x110000 else "", text)


def outside_urls(text: str, kind: str) -> list[tuple[int, str]]:
    """(offset, URL) of every absolute URL a file of this kind refers to, with
    comments, XML namespaces and (in CSS) embedded SVG comments left out."""
    if kind in (".js", ".mjs"):
        return [(token.start + match.start(), match.group(0).rstrip(".,;"))
                for token in js_source.tokens(text) if token.kind in ("string", "template")
                for match in ABSOLUTE_URL.finditer(token.text)
                if match.group(0).rstrip("/") not in {n.rstrip("/") for n in NAMESPACES}]
    if kind == ".css":
        text = CSS_COMMENT.sub(lambda m: " " * len(m.group(0)), decode_css(text))
        text = SVG_COMMENT.sub(lambda m: " " * len(m.group(0)), text)
    elif kind in (".svg", ".xml"):
        text = SVG_COMMENT.sub(lambda m: " " * len(m.group(0)), text)
    found = []
    for match in ABSOLUTE_URL.finditer(text):
        url = match.group(0).rstrip(".,;")
        if url.split("#")[0].rstrip("/") in {n.rstrip("/") for n in NAMESPACES} or url in NAMESPACES:
            continue
        found.append((match.start(), url))
    return found


def check_assets(site: Path, data: dict) -> list[Problem]:
    """No outside host anywhere in site/: stylesheets and scripts name none,
    pages link only to allowed hosts, the search index and sitemap name none
    but those and the site's own. Source maps are not shipped."""
    links, own = site_settings(data)
    problems = []
    for path in sorted(p for p in site.rglob("*") if p.is_file() and p.suffix.lower() in TEXT_FILES):
        label = path.relative_to(site).as_posix()
        kind = path.suffix.lower()
        text = path.read_text(encoding="utf-8", errors="replace")
        if kind == ".map":
            problems.append(Problem(label, 1, "source map shipped: it carries the theme's sources and their URLs "
                                              "(data/theme_patches.yml drops them)"))
            continue
        if kind in (".html", ".htm"):
            problems += html_outside_hosts(text, label, links, own)
            continue
        for offset, url in outside_urls(text, kind):
            parsed = parse(url)
            line = text.count("\n", 0, offset) + 1
            if kind == ".css":
                problems.append(Problem(label, line, f"stylesheet loads from another host: {url}"))
            elif kind in (".js", ".mjs"):
                problems.append(Problem(label, line, f"script references another host: {url}"))
            elif parsed.host not in links | own:
                problems.append(Problem(label, line, f"names another host: {url}"))
    return problems


def html_outside_hosts(html: str, label: str, links: set[str], own: set[str]) -> list[Problem]:
    """Inline scripts and styles name no host; the page's text names only allowed ones."""
    problems = []
    for match in re.finditer(r"<script\b[^>]*>(.*?)</script>", html, re.S | re.I):
        for offset, url in outside_urls(match.group(1), ".js"):
            problems.append(Problem(label, html.count("\n", 0, match.start(1) + offset) + 1,
                                    f"inline script references another host: {url}"))
    for match in re.finditer(r"<style\b[^>]*>(.*?)</style>|\sstyle=\"([^\"]*)\"", html, re.S | re.I):
        css = match.group(1) or match.group(2) or ""
        for _, url in outside_urls(css, ".css"):
            problems.append(Problem(label, html.count("\n", 0, match.start()) + 1,
                                    f"inline style loads from another host: {url}"))
    soup = BeautifulSoup(html, "html.parser")
    body = soup.find("body")
    if body is not None:
        for tag in body(["script", "style"]):
            tag.decompose()
        for found in text_urls(body.get_text(" ")):
            if found.url.has_authority and found.url.host not in links | own:
                problems.append(Problem(label, 1, f"the page's text names another host: "
                                                  f"{found.url.shown_host or found.url.written}"))
    return problems


def check_no_mermaid(site: Path, data: dict) -> list[Problem]:
    """Material fetches Mermaid from a CDN when a page has a diagram: allow none."""
    return [Problem(path.relative_to(site).as_posix(), 1, "Mermaid diagram: Material loads it from a CDN")
            for path in html_pages(site) if 'class="mermaid"' in path.read_text(encoding="utf-8")]


def check_policy(site: Path, data: dict) -> list[Problem]:
    """Every page carries the Content-Security-Policy of data/csp.yml (overrides/hooks/csp.py)."""
    directives = csp.load_directives(ROOT / "data" / "csp.yml")
    shim = site / csp.SHIM
    extra = {csp.script_hash(csp.shim_frame_script(shim.read_text(encoding="utf-8")))} if shim.is_file() else set()
    return [problem for path in html_pages(site)
            for problem in policy_problems(path.read_text(encoding="utf-8"), path.relative_to(site).as_posix(),
                                           directives, extra)]


def check_qr_codes(site: Path, data: dict) -> list[Problem]:
    """No image in the site holds a QR code (scripts/check_images.py)."""
    return images.site_problems(site)


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
    check_policy,
    check_qr_codes,
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
