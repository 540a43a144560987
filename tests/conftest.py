"""Shared fixtures: one strict build of the real site per test process,
throwaway copies of the project for tests that feed it bad input, and the
browser.

The browser is pytest-playwright's `browser` fixture, launched with the
system Chromium (scripts/local_server.py: CHROMIUM, CHROMIUM_ARGS); nothing
is downloaded. Every context a test opens, through `browser.new_context`,
`browser.new_page` or pytest-playwright's `context`/`page`, is recorded:
when the test fails, its trace and a screenshot of each open page land in
test-artifacts/<test>/ (pytest.ini: --tracing, --screenshot, --output).

With pytest-xdist (scripts/test.sh) each worker is its own test session:
it builds the site at most once, and only if one of its tests needs it.
A module's (or class's) tests run on one worker (pytest.ini: --dist
loadscope), so a bigger build they share (the release, the tool fixtures)
is made once.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Any, Callable, Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
sys.path.insert(0, str(ROOT / "scripts"))

import local_server  # noqa: E402
from build_site import copy_project  # noqa: E402,F401  (tests import it from here)
from markdown_pages import published_pages as _published_pages  # noqa: E402

# Playwright waits for what a test expects (a selector, a load state) up to
# this long. It is a limit for a hung page, not a speed budget: a busy
# machine must not fail a test, so it is far above any normal wait.
PATIENCE_MS = 120_000
expect.set_options(timeout=PATIENCE_MS)


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
def site_url(built_site: Path, serve) -> str:
    """The real site, served on 127.0.0.1."""
    return serve(built_site)


def published_pages() -> list[str]:
    """Every published page of both languages, from data/published_urls.txt
    ("" is the Chinese home page, "en/" the English one)."""
    return _published_pages(ROOT / "data" / "published_urls.txt")


# --- the browser ---------------------------------------------------------------

@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """pytest-playwright launches Debian's Chromium (never a downloaded one)."""
    return {**browser_type_launch_args, "executable_path": local_server.CHROMIUM,
            "args": local_server.CHROMIUM_ARGS}


@pytest.fixture
def new_context(new_context: Callable[..., BrowserContext], browser: Browser) -> Iterator[Callable[..., BrowserContext]]:
    """pytest-playwright's new_context (contexts whose trace and screenshots
    are kept when the test fails), made patient, and made what the test's
    own browser.new_context and browser.new_page use too. A page from
    browser.new_page owns its context, as in Playwright: closing the page
    closes (and so records) the context."""
    plain_new_context = type(browser).new_context.__get__(browser)
    inside = False

    def recorded(**options: Any) -> BrowserContext:
        nonlocal inside
        if inside:  # pytest-playwright's new_context calls browser.new_context itself
            return plain_new_context(**options)
        inside = True
        try:
            context = new_context(**options)
        finally:
            inside = False
        context.set_default_timeout(PATIENCE_MS)
        return context

    def new_page(**options: Any) -> Page:
        context = recorded(**options)
        page = context.new_page()
        page.close = lambda **_: context.close()  # type: ignore[method-assign]
        return page

    browser.new_context = recorded  # type: ignore[method-assign]
    browser.new_page = new_page  # type: ignore[method-assign]
    try:
        yield recorded
    finally:
        del browser.new_context, browser.new_page


@pytest.fixture(autouse=True)
def _record_browser_contexts(request: pytest.FixtureRequest) -> None:
    """Every test that uses the browser gets the recording new_context above."""
    if "browser" in request.fixturenames:
        request.getfixturevalue("new_context")


@pytest.fixture(scope="session", autouse=True)
def delete_output_dir() -> None:
    """Replaces pytest-playwright's: with several workers, one worker would
    delete what another had already saved. pytest_configure empties the
    folder once, before any worker starts."""


# --- the run as a whole ----------------------------------------------------------

def pytest_configure(config: pytest.Config) -> None:
    """Empty the artifacts folder (--output) once, in the main process."""
    output = Path(config.getoption("--output")).resolve()  # as pytest-playwright reads it
    if output == ROOT or output in ROOT.parents:
        raise pytest.UsageError(f"--output {output}: the artifacts folder is emptied on every run; name a folder of its own")
    if not hasattr(config, "workerinput"):  # the main process, not an xdist worker
        shutil.rmtree(output, ignore_errors=True)


def pytest_sessionfinish(session: pytest.Session) -> None:
    if hasattr(session.config, "workeroutput"):  # an xdist worker reports to the main process
        session.config.workeroutput["page_visits"] = dict(local_server.page_visits)


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node: Any, error: Any) -> None:
    local_server.page_visits.update(getattr(node, "workeroutput", {}).get("page_visits", {}))


def pytest_terminal_summary(terminalreporter: Any) -> None:
    visits = local_server.page_visits
    if visits:
        published = {"/" + path: visits["/" + path] for path in published_pages()}
        terminalreporter.write_line(
            f"page visits: {sum(visits.values())} page loads of {len(visits)} paths from the test servers; "
            f"the {len(published)} published pages {sum(published.values())} times "
            f"(from {min(published.values())} to {max(published.values())} each)")
