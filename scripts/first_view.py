"""Load a page once, cold, in Chromium and add up what it downloads.

Why: the first view on a cheap phone over slow mobile data is what the
byte budget (data/budgets.yml) is about. The tests check it on every page
and the benchmark prints it for the guide and the reference build, so both
count the same way: every request Chromium makes from opening the page
until the network has been idle for 500 ms (the search worker included),
in a fresh browser context (empty cache). Requests to other origins are
recorded and aborted, so nothing leaves this machine. Bytes are those of
the files served, raw and as local_server sends them (gzip for text).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

from local_server import COMPRESSIBLE, gzipped

if TYPE_CHECKING:
    from playwright.sync_api import Browser

# What Material loads for search; the guide loads it only once a search starts.
SEARCH_FILES = re.compile(r"/search/search_index\.(json|js)$|/workers/search\.[^/]*\.js$")


@dataclass
class FirstView:
    requests: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)
    raw_bytes: int = 0
    gzip_bytes: int = 0

    @property
    def search_requests(self) -> list[str]:
        return [url for url in self.requests if SEARCH_FILES.search(urlsplit(url).path)]


def served_file(site: Path, url: str) -> Path | None:
    path = site / unquote(urlsplit(url).path).lstrip("/")
    if path.is_dir():
        path = path / "index.html"
    return path if path.is_file() else None


def count(site: Path, base: str, requests: list[str], outside: list[str]) -> FirstView:
    """The first view made of these requests: bytes of the files served."""
    view = FirstView(list(requests), list(outside))
    for url in view.requests:
        file = served_file(site, url) if url.startswith(base) else None
        if file:
            content = file.read_bytes()
            view.raw_bytes += len(content)
            view.gzip_bytes += len(gzipped(content)) if file.suffix in COMPRESSIBLE else len(content)
    return view


def measure(browser: "Browser", site: Path, base: str, path: str,
            viewport: dict[str, int] | None = None) -> FirstView:
    """Open base + path in a new context; count requests and bytes."""
    context = browser.new_context(viewport=viewport or {"width": 360, "height": 740},
                                  is_mobile=True, has_touch=True)
    page = context.new_page()
    requests: list[str] = []
    outside: list[str] = []

    def route(route_request) -> None:
        url = route_request.request.url
        if url.startswith(base) or url.startswith(("data:", "blob:")):
            route_request.continue_()
        else:
            outside.append(url)
            route_request.abort()

    context.route("**/*", route)
    context.on("request", lambda request: requests.append(request.url))
    try:
        page.goto(base + path, wait_until="networkidle", timeout=0)
    finally:
        context.close()
    return count(site, base, requests, outside)
