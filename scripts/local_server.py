"""Serve a built site on 127.0.0.1, and start Chromium without it calling home.

Why: the tests and the benchmark both load the site in a real browser from a
local server; one place keeps the server quiet and the browser's flags that
stop Chromium from contacting update, sync and safe-browsing hosts (this
machine has no network, and a reader's privacy test must see only our own
requests).
"""
from __future__ import annotations

import os
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

# Debian's Chromium; elsewhere point CHROMIUM at any Chromium or Chrome binary.
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass

    def end_headers(self) -> None:
        # LinkChecker keeps below 10 requests a second unless the server
        # opts in with this header; ours is local, so let it run at speed.
        self.send_header("LinkChecker", "local test server")
        super().end_headers()


def serve(folder: Path) -> tuple[str, ThreadingHTTPServer]:
    """Serve folder in a background thread; return its base URL and the server."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(QuietHandler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/", server
