"""Shared fixtures: one strict build of the real site per test session, and
throwaway copies of the project for tests that feed it bad input."""
from __future__ import annotations

import os
import subprocess
import sys
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Callable, Iterator

import pytest
from playwright.sync_api import Browser, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
sys.path.insert(0, str(ROOT / "scripts"))

from markdown_pages import published_pages as _published_pages  # noqa: E402
import local_server  # noqa: E402
from build_site import copy_project  # noqa: E402,F401  (tests import it from here)


def run_mkdocs_build(project: Path, site: Path, **env_vars: str) -> subprocess.CompletedProcess[str]:
    # EDIT_URI is a fork's setting; tests build with mkdocs.yml's default unless they pass one.
    env = {**{k: v for k, v in os.environ.items() if k != "EDIT_URI"}, "NO_MKDOCS_2_WARNING": "1", **env_vars}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=project, env=env, capture_output=True, text=True)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built once with --strict into a temporary folder."""
    site = tmp_path_factory.mktemp("built") / "site"
    result = run_mkdocs_build(ROOT, site)
    assert result.returncode == 0, f"strict build failed:\n{result.stderr}"
    return site


@pytest.fixture
def project_copy(tmp_path: Path) -> Callable[[], Path]:
    """Make a copy of the project that a test may break freely."""
    return lambda: copy_project(tmp_path / "project")


@pytest.fixture(scope="session")
def serve() -> Iterator[Callable[[Path], str]]:
    """Serve a folder on 127.0.0.1 and return its base URL."""
    servers: list[ThreadingHTTPServer] = []

    def start(folder: Path) -> str:
        url, server = local_server.serve(folder)
        servers.append(server)
        return url

    yield start
    for server in servers:
        server.shutdown()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's Chromium (never a downloaded one), shared by the browser tests.
    One per session: Playwright allows one sync driver at a time."""
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=local_server.CHROMIUM,
                                              args=local_server.CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def site_url(built_site: Path, serve) -> str:
    """The real site, served on 127.0.0.1."""
    return serve(built_site)


def published_pages() -> list[str]:
    """Every published page of both languages, from data/published_urls.txt
    ("" is the Chinese home page, "en/" the English one)."""
    return _published_pages(ROOT / "data" / "published_urls.txt")
