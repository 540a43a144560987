"""Serve a built site on 127.0.0.1, and start Chromium without it calling home.

Why: the tests and the benchmark both load the site in a real browser from a
local server; one place keeps the server quiet and the browser's flags that
stop Chromium from contacting update, sync and safe-browsing hosts (this
machine has no network, and a reader's privacy test must see only our own
requests). Text files are sent gzipped when the client accepts it, as any
real host does, so byte budgets and Lighthouse see what a reader downloads.
"""
from __future__ import annotations

import gzip
import io
import os
import sys
import threading
from collections import Counter
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

# Debian's Chromium; elsewhere point CHROMIUM at any Chromium or Chrome binary.
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
# What the server compresses; images and archives are compressed already.
COMPRESSIBLE = {".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".map"}

# Pages a browser opened from any server in this process (requests it sent
# with Sec-Fetch-Dest: document: page loads, reloads, followed links), by
# path. The test suite reports the total; the aim is each page once per
# browser setup.
page_visits: Counter[str] = Counter()


def gzipped(data: bytes) -> bytes:
    """The body the server sends for data when the client accepts gzip."""
    return gzip.compress(data, compresslevel=6, mtime=0)


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass

    def end_headers(self) -> None:
        # LinkChecker keeps below 10 requests a second unless the server
        # opts in with this header; ours is local, so let it run at speed.
        self.send_header("LinkChecker", "local test server")
        super().end_headers()

    def send_head(self) -> io.BufferedIOBase | None:  # type: ignore[override]
        """Send a text file gzipped if the client accepts it; else as usual."""
        if self.headers.get("Sec-Fetch-Dest") == "document":
            page_visits[self.path.split("?")[0]] += 1
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        if ("gzip" not in self.headers.get("Accept-Encoding", "")
                or path.suffix not in COMPRESSIBLE or not path.is_file()):
            return super().send_head()
        body = gzipped(path.read_bytes())
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return io.BytesIO(body)


class QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        # A browser that leaves a page before a file has arrived closes the
        # connection: not worth a traceback in the test output.
        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)  # type: ignore[arg-type]


def serve(folder: Path) -> tuple[str, ThreadingHTTPServer]:
    """Serve folder in a background thread; return its base URL and the server."""
    server = QuietServer(("127.0.0.1", 0), partial(QuietHandler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/", server
