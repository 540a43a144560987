"""The reader tools in Debian's Chromium: the call and visit log, checklist
memory, copy buttons and printing.

Each tool is used the way a reader would (typing, clicking, reloading,
printing) on three copies of the guide: the real site served over HTTP,
and a build with the tool fixture pages and .html page URLs (as in the
offline bundle), served over HTTP and opened from file://. Every checker
below also runs on a fixture that breaks it (tests/fixtures/tools/), so a
passing test cannot be a checker that sees nothing.

Screenshots and PDFs go to test-artifacts/ (not in git) for people to look
at; tests/conftest.py empties the folder once per run. pytest-xdist keeps
a module's tests on one worker, so the fixture build is made once.
"""
from __future__ import annotations

import csv
import io
import re
import shutil
import subprocess
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

import pytest
from playwright.sync_api import Browser, Dialog, Page, Route

from conftest import FIXTURES, ROOT, copy_project, run_mkdocs_build

pytestmark = pytest.mark.browser

TOOL_FIXTURES = FIXTURES / "tools"
BROKEN = TOOL_FIXTURES / "broken"
ARTIFACTS = ROOT / "test-artifacts"
LOG_KEY = "dxm-guide:call-log:v1"
CONSENT_KEY = "dxm-guide:call-log:file-consent"


# --- the sites the tools run on ---------------------------------------------

@pytest.fixture(scope="session")
def bundle_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The guide plus the tool fixture pages, shaped like the offline bundle.

    Material's offline plugin does two things the tools meet: page URLs end
    in .html (use_directory_urls: false), and the search index is also
    written as search_index.js, which Material loads from file://. We do
    both here. The plugin as shipped also adds a script from unpkg.com,
    which an offline bundle has to ship locally instead, so it is not used."""
    project = copy_project(tmp_path_factory.mktemp("bundle") / "project")
    pages = sorted((TOOL_FIXTURES / "pages").glob("*.md"))
    for lang in ("zh", "en"):
        for page in pages:
            shutil.copy2(page, project / "docs" / lang / page.name)
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("\nstrict: true\n", "\nstrict: true\nuse_directory_urls: false\n", 1)
    fixture_nav = "  - Fixtures:\n" + "".join(f"      - {page.name}\n" for page in pages)
    config = config.replace("\nmarkdown_extensions:", fixture_nav + "\nmarkdown_extensions:", 1)
    assert "use_directory_urls: false" in config and "Fixtures:" in config
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    site = project.parent / "site"
    result = run_mkdocs_build(project, site)
    assert result.returncode == 0, f"fixture build failed:\n{result.stderr}"
    for index in site.rglob("search_index.json"):
        index.with_suffix(".js").write_text("var __index = " + index.read_text(encoding="utf-8"), encoding="utf-8")
    return site


@dataclass(frozen=True)
class Site:
    """Where a copy of the guide is opened, and how its page URLs look."""

    name: str
    base: str          # ends in /
    html_urls: bool    # offline bundle: stages.html instead of stages/
    has_fixtures: bool

    def url(self, slug: str, lang: str = "zh") -> str:
        prefix = "" if lang == "zh" else f"{lang}/"
        if self.html_urls:
            return f"{self.base}{prefix}{slug or 'index'}.html"
        return f"{self.base}{prefix}{slug + '/' if slug else ''}"

    @property
    def origin(self) -> str:
        return "file://" if self.base.startswith("file:") else self.base


@pytest.fixture(scope="session")
def real_site(site_url: str) -> Site:
    return Site("site", site_url, html_urls=False, has_fixtures=False)


@pytest.fixture(scope="session")
def bundle_http(bundle_site: Path, serve) -> Site:
    return Site("bundle-http", serve(bundle_site), html_urls=True, has_fixtures=True)


@pytest.fixture(scope="session")
def bundle_file(bundle_site: Path) -> Site:
    return Site("bundle-file", bundle_site.as_uri() + "/", html_urls=True, has_fixtures=True)


SITE_FIXTURES = {"site": "real_site", "bundle-http": "bundle_http", "bundle-file": "bundle_file"}


@pytest.fixture(params=["site", "bundle-file"])
def where(request: pytest.FixtureRequest) -> Site:
    """The real site over HTTP, and the offline-style build from file://."""
    return request.getfixturevalue(SITE_FIXTURES[request.param])


@dataclass
class Visit:
    page: Page
    outside: list[str]
    errors: list[str]


@contextmanager
def open_tools(browser: Browser, site: Site, *, width: int = 360, javascript: bool = True,
               clipboard: bool = False) -> Iterator[Visit]:
    """A fresh browser profile (empty localStorage) on a phone-sized screen.

    Every request that is not for the site itself is recorded and aborted,
    so nothing leaves this machine even when a test fails."""
    context = browser.new_context(viewport={"width": width, "height": 800},
                                  java_script_enabled=javascript, accept_downloads=True)
    if clipboard:
        context.grant_permissions(["clipboard-read", "clipboard-write"],
                                  origin=None if site.origin == "file://" else site.base.rstrip("/"))
    visit = Visit(context.new_page(), [], [])

    def allowed(url: str) -> bool:
        return url.startswith((site.origin, "data:", "blob:"))

    def route(route_request: Route) -> None:
        if allowed(route_request.request.url):
            route_request.continue_()
        else:
            route_request.abort()

    context.route("**/*", route)
    visit.page.on("request", lambda request: None if allowed(request.url) else visit.outside.append(request.url))
    visit.page.on("pageerror", lambda error: visit.errors.append(f"{error}\n{error.stack}"))
    try:
        yield visit
    finally:
        context.close()


def artifact(name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS / name


def pdf_page_png(pdf: Path, number: int, name: str) -> None:
    """Render one page of a PDF to test-artifacts/<name>.png, for people to look at."""
    subprocess.run(["pdftoppm", "-png", "-r", "50", "-f", str(number), "-l", str(number),
                    "-singlefile", str(pdf), str(artifact(name))], check=True)


# --- call and visit log ------------------------------------------------------

# Entered out of date order on purpose: the list and the CSV are oldest first.
LOG_ENTRIES = [
    {"when": "2026-11-21T20:05", "number": "+86 000 0000 0000", "name": "李四",
     "company": "某某信息咨询公司，代表出借方", "said": '说"今天不还就上门"，然后挂断',
     "threats": "=要让你全家知道", "third_parties": "打给了我母亲", "recording": "rec-20261121-2005.m4a"},
    {"when": "2026-11-20T09:15", "number": "visit", "name": "工号 A-17", "company": "",
     "said": "Two people at the door.\nThey left at 09:40.", "threats": "", "third_parties": "",
     "recording": ""},
]

COLUMNS = {
    "zh": ["日期和时间", "号码", "姓名或工号", "公司", "说了什么", "威胁或辱骂", "联系了哪些第三方", "录音文件名"],
    "en": ["Date and time", "Number", "Name or staff ID", "Company", "What was said",
           "Threats or insults", "Third parties contacted", "Recording file name"],
}

# The exact bytes a reader's spreadsheet gets, written out by hand: a UTF-8
# byte order mark, every cell quoted, quotes doubled, CRLF between rows, a
# newline kept inside its cell, and a ' before cells that start like a formula.
CSV_ROWS = (
    '"2026-11-20 09:15","visit","工号 A-17","","Two people at the door.\nThey left at 09:40.","","",""\r\n'
    '"2026-11-21 20:05","\'+86 000 0000 0000","李四","某某信息咨询公司，代表出借方",'
    '"说""今天不还就上门""，然后挂断","\'=要让你全家知道","打给了我母亲","rec-20261121-2005.m4a"\r\n'
)
EXPECTED_CSV = {lang: "\ufeff" + ",".join(f'"{c}"' for c in columns) + "\r\n" + CSV_ROWS
                for lang, columns in COLUMNS.items()}


def add_entry(page: Page, values: dict[str, str]) -> None:
    # From file:// the log asks before it first stores anything (any local
    # file could read it there); a reader who keeps a log says yes.
    if page.url.startswith("file:") and page.evaluate(
            f"!localStorage.getItem({LOG_KEY!r}) && !localStorage.getItem({CONSENT_KEY!r})"):
        page.once("dialog", lambda dialog: dialog.accept())
    for name, value in values.items():
        page.fill(f".call-log__form [name={name}]", value)
    before = page.locator(".call-log__entry").count()
    page.click(".call-log__form button[type=submit]")
    page.wait_for_function(f"() => document.querySelectorAll('.call-log__entry').length > {before}")


def listed_entries(page: Page) -> list[dict[str, str]]:
    """The entries as the page lists them: column name → text, oldest first."""
    return page.eval_on_selector_all(".call-log__entry dl", """lists => lists.map(list => {
        const entry = {};
        list.querySelectorAll("dt").forEach(term => { entry[term.textContent] = term.nextElementSibling.textContent; });
        return entry;
    })""")


def expected_listing(lang: str) -> list[dict[str, str]]:
    rows = sorted(LOG_ENTRIES, key=lambda entry: entry["when"])
    return [{column: (value.replace("T", " ") if name == "when" else value)
             for column, (name, value) in zip(COLUMNS[lang], row.items()) if value}
            for row in rows]


def test_log_entries_survive_a_reload(browser: Browser, where: Site) -> None:
    with open_tools(browser, where) as visit:
        visit.page.goto(where.url("call-log"))
        for entry in LOG_ENTRIES:
            add_entry(visit.page, entry)
        visit.page.reload()
        visit.page.wait_for_selector(".call-log__entry")
        assert listed_entries(visit.page) == expected_listing("zh")
        assert visit.errors == []


def test_log_check_sees_an_empty_log_in_a_fresh_browser(browser: Browser, where: Site) -> None:
    # The reload test reads the page, not a cache: a new profile lists nothing.
    with open_tools(browser, where) as visit:
        visit.page.goto(where.url("call-log"))
        assert listed_entries(visit.page) == []
        assert listed_entries(visit.page) != expected_listing("zh")


def test_log_is_shared_by_the_chinese_and_english_pages(browser: Browser, real_site: Site) -> None:
    with open_tools(browser, real_site) as visit:
        visit.page.goto(real_site.url("call-log"))
        for entry in LOG_ENTRIES:
            add_entry(visit.page, entry)
        visit.page.screenshot(path=artifact("call-log-zh-360.png"), full_page=True)
        visit.page.goto(real_site.url("call-log", "en"))
        visit.page.wait_for_selector(".call-log__entry")
        assert listed_entries(visit.page) == expected_listing("en")
        visit.page.screenshot(path=artifact("call-log-en-360.png"), full_page=True)


def export_csv(page: Page) -> tuple[str, bytes]:
    with page.expect_download() as download_info:
        page.click("[data-action=export]")
    download = download_info.value
    return download.suggested_filename, Path(download.path()).read_bytes()


@pytest.mark.parametrize("lang, file_name", [("zh", "通话与上门记录"), ("en", "call-and-visit-log")])
def test_csv_export_matches_the_entries(browser: Browser, where: Site, lang: str, file_name: str) -> None:
    with open_tools(browser, where) as visit:
        visit.page.goto(where.url("call-log", lang))
        for entry in LOG_ENTRIES:
            add_entry(visit.page, entry)
        name, data = export_csv(visit.page)
    assert re.fullmatch(re.escape(file_name) + r"-\d{4}-\d{2}-\d{2}\.csv", name), name
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.decode("utf-8") == EXPECTED_CSV[lang]
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert rows[0] == COLUMNS[lang]
    assert [row[0] for row in rows[1:]] == ["2026-11-20 09:15", "2026-11-21 20:05"]
    assert rows[1][4] == "Two people at the door.\nThey left at 09:40."


def test_csv_comparison_fails_on_a_changed_cell() -> None:
    changed = EXPECTED_CSV["zh"].replace("李四", "王五")
    assert changed != EXPECTED_CSV["zh"]
    assert list(csv.reader(io.StringIO(changed[1:], newline="")))[2][2] == "王五"


def test_clear_all_asks_first_and_then_empties_the_log(browser: Browser, where: Site) -> None:
    with open_tools(browser, where) as visit:
        page = visit.page
        page.goto(where.url("call-log"))
        for entry in LOG_ENTRIES:
            add_entry(page, entry)
        questions: list[str] = []

        def answer(accept: bool) -> Callable[[Dialog], None]:
            def handle(dialog: Dialog) -> None:
                questions.append(dialog.message)
                if accept:
                    dialog.accept()
                else:
                    dialog.dismiss()
            return handle

        page.once("dialog", answer(False))
        page.click("[data-action=clear]")
        assert len(listed_entries(page)) == 2
        page.once("dialog", answer(True))
        page.click("[data-action=clear]")
        assert listed_entries(page) == []
        assert page.evaluate(f"localStorage.getItem({LOG_KEY!r})") is None
        page.reload()
        assert listed_entries(page) == []
        assert page.is_disabled("[data-action=export]")
        assert len(questions) == 2 and "无法恢复" in questions[0]


def test_one_entry_can_be_deleted(browser: Browser, real_site: Site) -> None:
    with open_tools(browser, real_site) as visit:
        page = visit.page
        page.goto(real_site.url("call-log"))
        for entry in LOG_ENTRIES:
            add_entry(page, entry)
        page.once("dialog", lambda dialog: dialog.accept())
        page.get_by_role("button", name="删除 2026-11-20 09:15").click()
        page.reload()
        assert [entry["日期和时间"] for entry in listed_entries(page)] == ["2026-11-21 20:05"]


BLOCK_STORAGE = """Object.defineProperty(window, "localStorage", {
    get() { throw new DOMException("blocked", "SecurityError"); } });"""


def test_log_still_works_for_one_visit_when_storage_is_blocked(browser: Browser, real_site: Site) -> None:
    with open_tools(browser, real_site) as visit:
        page = visit.page
        page.add_init_script(BLOCK_STORAGE)
        page.goto(real_site.url("call-log"))
        assert "不允许保存" in page.inner_text(".call-log__status")
        add_entry(page, LOG_ENTRIES[1])
        name, data = export_csv(page)
        assert data.decode("utf-8-sig").count("\r\n") == 2
        # Material's own scripts also read localStorage and report the block;
        # none of the errors may come from ours (guide.js holds checklists.js
        # and print.js, overrides/hooks/asset_bundle.py).
        ours = ("call-log.js", "guide.js")
        assert [error for error in visit.errors if any(name in error for name in ours)] == []


@pytest.mark.parametrize("javascript, form_shown, note_shown", [(False, False, True), (True, True, False)])
def test_without_javascript_the_page_shows_the_sheet_and_a_note(
        browser: Browser, real_site: Site, javascript: bool, form_shown: bool, note_shown: bool) -> None:
    with open_tools(browser, real_site, javascript=javascript) as visit:
        page = visit.page
        page.goto(real_site.url("call-log"))
        assert page.is_visible(".call-log__form") is form_shown
        assert page.is_visible("[data-call-log-fallback]") is note_shown
        assert not page.is_visible("table.log-sheet")  # blank cells are for paper, not a phone
        page.emulate_media(media="print")
        assert page.is_visible("table.log-sheet")
        assert page.locator("table.log-sheet tbody tr").count() >= 8
        if not javascript:
            page.screenshot(path=artifact("call-log-no-javascript.png"), full_page=True)


# --- controls: labels, tap targets, narrow screens ---------------------------

UNLABELLED = """scope => [...document.querySelectorAll(scope + " input, " + scope + " textarea, " + scope + " select")]
    .filter(control => control.type !== "hidden")
    .filter(control => {
        const named = (control.getAttribute("aria-label") || "").trim()
            || [...(control.labels || [])].map(label => label.textContent.trim()).join("");
        return !named;
    })
    .map(control => control.id || control.name || control.outerHTML)"""

SMALL_TARGETS = """scope => [...document.querySelectorAll(
        scope + " button, " + scope + " input, " + scope + " textarea, " + scope + " label.task-list-control")]
    .filter(control => control.getClientRects().length && getComputedStyle(control).visibility !== "hidden")
    .filter(control => !(control.type === "checkbox" && control.closest("label")))
    .map(control => [control, control.getBoundingClientRect()])
    .filter(([, box]) => box.width < 44 || box.height < 44)
    .map(([control, box]) => (control.id || control.textContent.trim() || control.name) + " " + Math.round(box.width) + "x" + Math.round(box.height))"""

OVERFLOW = "document.documentElement.scrollWidth - document.documentElement.clientWidth"


def control_problems(page: Page, scope: str) -> dict[str, object]:
    return {"unlabelled": page.evaluate(UNLABELLED, scope),
            "too small": page.evaluate(SMALL_TARGETS, scope),
            "overflow px": page.evaluate(OVERFLOW)}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_log_controls_are_labelled_big_enough_and_fit_360px(browser: Browser, real_site: Site, lang: str) -> None:
    with open_tools(browser, real_site, width=360) as visit:
        page = visit.page
        page.goto(real_site.url("call-log", lang))
        add_entry(page, LOG_ENTRIES[0])
        assert page.locator(".call-log input, .call-log textarea, .call-log button").count() >= 12
        assert control_problems(page, ".call-log") == {"unlabelled": [], "too small": [], "overflow px": 0}


def test_control_checks_catch_the_broken_fixture(browser: Browser) -> None:
    page = browser.new_page(viewport={"width": 360, "height": 800})
    page.goto((BROKEN / "bad-controls.html").as_uri())
    problems = control_problems(page, ".call-log")
    page.close()
    assert problems["unlabelled"] == ["unlabelled", "nameless-box"]
    assert [entry.split()[0] for entry in problems["too small"]] == ["tiny", "nameless-box"]
    assert problems["overflow px"] > 0


# --- checklist memory --------------------------------------------------------

TICKS = ["打开手机录音或录像。", "把录音、录像和照片备份到另一个地方。"]


def ticked(page: Page) -> list[str]:
    return page.eval_on_selector_all(".task-list-control", """labels => labels
        .filter(label => label.querySelector("input").checked)
        .map(label => label.textContent.trim())""")


def tick(page: Page, text: str) -> None:
    page.locator("label.task-list-control", has_text=text).click()


def test_ticks_survive_a_reload_and_reset_clears_them(browser: Browser, where: Site) -> None:
    with open_tools(browser, where) as visit:
        page = visit.page
        page.goto(where.url("home-visits"))
        for text in TICKS:
            tick(page, text)
        page.reload()
        assert ticked(page) == TICKS
        page.locator("label.task-list-control", has_text=TICKS[0]).scroll_into_view_if_needed()
        page.screenshot(path=artifact(f"checklist-{where.name}.png"))
        page.goto(where.url("home-visits", "en"))
        assert ticked(page) == []  # ticks are per page and language
        page.goto(where.url("home-visits"))
        page.locator(".tick-reset__button").last.click()
        assert ticked(page) == []
        page.reload()
        assert ticked(page) == []
        assert page.evaluate("Object.keys(localStorage).filter(key => key.startsWith('dxm-guide:ticks:'))") == []
        assert visit.errors == []


def test_tick_check_sees_no_ticks_in_a_fresh_browser(browser: Browser, real_site: Site) -> None:
    with open_tools(browser, real_site) as visit:
        visit.page.goto(real_site.url("home-visits"))
        assert ticked(visit.page) == []
        tick(visit.page, TICKS[0])
        assert ticked(visit.page) == TICKS[:1]


@pytest.mark.parametrize("link, ticks", [("怎么做", False), (None, True)])
def test_a_link_inside_a_checklist_item_opens_without_ticking_it(browser: Browser, real_site: Site, link: str | None, ticks: bool) -> None:
    item = "向出借方投诉（怎么做）。"
    with open_tools(browser, real_site) as visit:
        page = visit.page
        page.goto(real_site.url("complaints"))
        label = page.locator("label.task-list-control", has_text=item)
        if link:
            label.get_by_role("link", name=link).click()
            page.wait_for_url("**#lender")
        else:
            label.click(position={"x": 5, "y": 5})
        assert (ticked(page)[:1] == [item]) is ticks, ticked(page)


def task_list_pages(site: Path) -> list[str]:
    return sorted(path.relative_to(site).parent.as_posix() for path in site.rglob("index.html")
                  if 'class="task-list-item"' in path.read_text(encoding="utf-8"))


def test_every_checkbox_is_enabled_named_by_its_item_and_has_a_reset(browser: Browser, built_site: Path, real_site: Site) -> None:
    pages = task_list_pages(built_site)
    assert "home-visits" in pages and "en/home-visits" in pages
    with open_tools(browser, real_site, width=360) as visit:
        page = visit.page
        for path in pages:
            page.goto(real_site.base + ("" if path == "." else path + "/"))
            boxes = page.locator(".task-list-control input")
            assert boxes.count() > 0, path
            assert page.locator(".task-list-control input:disabled").count() == 0, path
            assert control_problems(page, ".md-content") == {"unlabelled": [], "too small": [], "overflow px": 0}, path
            names = page.eval_on_selector_all(".task-list-control", "labels => labels.map(l => l.textContent.trim())")
            assert all(names), path
            reset = "Reset ticks on this page" if path.startswith("en") else "清除本页勾选"
            assert page.get_by_role("button", name=reset).count() >= 1, path
        assert visit.outside == []


# --- copy buttons --------------------------------------------------------------

def text_blocks(markdown: Path) -> list[str]:
    """The ```text blocks of a Markdown page, as a reader should get them
    (a template inside a folded block is indented like the block's body)."""
    blocks = []
    for indent, body in re.findall(r"^( *)```text\n(.*?)\n\1```$", markdown.read_text(encoding="utf-8"), re.S | re.M):
        blocks.append("\n".join(line[len(indent):] for line in body.split("\n")))
    return blocks


# (copy of the guide, page, Markdown source of its ```text blocks)
COPY_PAGES = [
    ("bundle-http", "copy-fixture", TOOL_FIXTURES / "pages" / "copy-fixture.md"),
    ("bundle-file", "copy-fixture", TOOL_FIXTURES / "pages" / "copy-fixture.md"),
    ("site", "complaints", ROOT / "docs" / "zh" / "complaints.md"),
    ("site", "letters", ROOT / "docs" / "zh" / "letters.md"),
]


@pytest.mark.parametrize("name, slug, source", COPY_PAGES, ids=[f"{n}-{s}" for n, s, _ in COPY_PAGES])
def test_copy_button_copies_the_template_text(browser: Browser, request: pytest.FixtureRequest,
                                              name: str, slug: str, source: Path) -> None:
    site = request.getfixturevalue(SITE_FIXTURES[name])
    blocks = text_blocks(source)
    assert blocks
    with open_tools(browser, site, clipboard=True) as visit:
        page = visit.page
        page.goto(site.url(slug))
        # Templates on the guide's pages sit in folded blocks: open them, as a reader would.
        closed = page.locator("details:not([open]) > summary")
        while closed.count():
            closed.first.click()
        buttons = page.locator(".md-code__button[data-md-type=copy]")
        assert buttons.count() == len(blocks)
        copied = []
        for index in range(len(blocks)):
            buttons.nth(index).click()
            copied.append(page.evaluate("navigator.clipboard.readText()"))
            if index == 0:
                page.screenshot(path=artifact(f"copy-button-{name}-{slug}.png"))
        assert visit.outside == [] and visit.errors == []
    assert copied == blocks


def test_copy_comparison_tells_two_blocks_apart() -> None:
    blocks = text_blocks(TOOL_FIXTURES / "pages" / "copy-fixture.md")
    assert len(blocks) == 2 and blocks[0] != blocks[1]
    assert [blocks[1], blocks[1]] != blocks  # a button copying the wrong block fails the test


# --- nothing leaves the device -------------------------------------------------

def use_every_tool(page: Page, site: Site) -> None:
    page.goto(site.url("call-log"))
    for entry in LOG_ENTRIES:
        add_entry(page, entry)
    export_csv(page)
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("[data-action=clear]")
    page.goto(site.url("home-visits"))
    tick(page, TICKS[0])
    page.locator(".tick-reset__button").first.click()
    if site.has_fixtures:
        page.goto(site.url("copy-fixture"))
        page.locator(".md-code__button[data-md-type=copy]").first.click()
        page.goto(site.url("print-fixture"))
        page.pdf()
    page.wait_for_load_state("networkidle")


@pytest.mark.parametrize("name", ["site", "bundle-http", "bundle-file"])
def test_no_request_leaves_the_origin_while_using_the_tools(browser: Browser, request: pytest.FixtureRequest, name: str) -> None:
    site = request.getfixturevalue(SITE_FIXTURES[name])
    with open_tools(browser, site, clipboard=True) as visit:
        use_every_tool(visit.page, site)
        assert visit.outside == []
        assert visit.errors == []


def test_outside_request_recorder_catches_the_leaky_fixture(browser: Browser) -> None:
    site = Site("broken", BROKEN.as_uri() + "/", html_urls=True, has_fixtures=False)
    with open_tools(browser, site) as visit:
        visit.page.goto(site.url("bad-controls"))
        with visit.page.expect_request("http://tracker.example/beacon"):
            visit.page.click("#leak")
        assert visit.outside == ["http://tracker.example/beacon"]


# --- printing ------------------------------------------------------------------

def pdf_info(pdf: bytes, tmp_path: Path) -> tuple[int, list[tuple[float, float]], list[str]]:
    """(pages, (width, height) in points per page, text per page), by poppler."""
    path = tmp_path / f"print-{len(list(tmp_path.glob('print-*.pdf')))}.pdf"
    path.write_bytes(pdf)
    info = subprocess.run(["pdfinfo", "-f", "1", "-l", "999", str(path)],
                          capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    sizes = [(float(w), float(h)) for w, h in re.findall(r"^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", info, re.M)]
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"],
                          capture_output=True, text=True, check=True).stdout
    return pages, sizes, text.split("\f")[:pages]


def print_pdf(page: Page) -> bytes:
    return page.pdf(prefer_css_page_size=True, format="A4")


ISOLATE = """([selector, index]) => {
    document.querySelectorAll("[data-print-keep]").forEach(e => e.removeAttribute("data-print-keep"));
    const target = document.querySelectorAll(selector)[index];
    for (let e = target.parentElement; e; e = e.parentElement) e.setAttribute("data-print-keep", "path");
    target.setAttribute("data-print-keep", "target");
}"""
# Printed alone: everything else hidden (with the theme's spacer before the
# article), and the card's own page breaks off, so only its length counts.
ONLY_KEPT = ("@media print { body :not([data-print-keep]):not([data-print-keep=target] *)"
             " { display: none !important; }"
             " [data-print-keep=path]::before, [data-print-keep=path]::after { display: none !important; }"
             " [data-print-keep=target] { break-before: auto !important; break-after: auto !important; } }")


def printed_pages_of_each(page: Page, selector: str, tmp_path: Path) -> list[int]:
    """How many printed pages each element matching selector takes, printed alone."""
    # Built by script: the page's Content-Security-Policy refuses inline <style>.
    page.evaluate("css => { const sheet = new CSSStyleSheet(); sheet.replaceSync(css);"
                  " document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet]; }", ONLY_KEPT)
    counts = []
    for index in range(page.locator(selector).count()):
        page.evaluate(ISOLATE, [selector, index])
        counts.append(pdf_info(print_pdf(page), tmp_path)[0])
    return counts


def test_print_card_fits_one_a4_page(browser: Browser, bundle_http: Site, tmp_path: Path) -> None:
    page = browser.new_page()
    page.goto(bundle_http.url("print-fixture"))
    assert printed_pages_of_each(page, ".print-card", tmp_path) == [1]
    page.close()


def test_card_check_reports_a_card_too_long_for_one_page(browser: Browser, bundle_http: Site, tmp_path: Path) -> None:
    page = browser.new_page()
    page.goto(bundle_http.url("print-card-long"))
    assert printed_pages_of_each(page, ".print-card", tmp_path) == [2]
    page.close()


def test_every_print_card_in_the_guide_fits_one_a4_page(browser: Browser, bundle_site: Path, bundle_http: Site, tmp_path: Path) -> None:
    # The fixture card is among them, so this never passes by finding none.
    pages = sorted(path.relative_to(bundle_site).as_posix() for path in bundle_site.rglob("*.html")
                   if 'class="print-card"' in path.read_text(encoding="utf-8")
                   and path.name != "print-card-long.html")
    assert "print-fixture.html" in pages
    page = browser.new_page()
    too_long = {}
    for path in pages:
        page.goto(bundle_http.base + path)
        counts = printed_pages_of_each(page, ".print-card", tmp_path)
        if any(count != 1 for count in counts):
            too_long[path] = counts
    page.close()
    assert too_long == {}


def card_alone_on_its_page(texts: list[str], first: str, last: str, others: list[str]) -> bool:
    """The card's first and last lines share one printed page, with nothing else on it."""
    pages = [text for text in texts if first in text]
    return len(pages) == 1 and last in pages[0] and not any(other in pages[0] for other in others)


@pytest.mark.parametrize("source, alone", [("print-fixture", True), ("plain-print", False)])
def test_print_card_gets_a_page_of_its_own(browser: Browser, bundle_http: Site, tmp_path: Path, source: str, alone: bool) -> None:
    page = browser.new_page()
    page.goto(bundle_http.url(source) if source != "plain-print" else (BROKEN / "plain-print.html").as_uri())
    pdf = print_pdf(page)
    page.close()
    pages, sizes, texts = pdf_info(pdf, tmp_path)
    assert card_alone_on_its_page(texts, "CARD-START", "CARD-END", ["PAGE-INTRO", "PAGE-OUTRO"]) is alone
    if alone:
        artifact("print-fixture.pdf").write_bytes(pdf)
        card_page = next(number for number, text in enumerate(texts, 1) if "CARD-START" in text)
        pdf_page_png(artifact("print-fixture.pdf"), card_page, "print-card-page")
    assert all(abs(width - 595) < 2 and abs(height - 842) < 2 for width, height in sizes)  # A4 portrait


def print_problems(text: str, must_show: list[str], must_hide: list[str]) -> list[str]:
    return ([f"missing: {words}" for words in must_show if words not in text]
            + [f"printed: {words}" for words in must_hide if words in text])


PRINT_EXPECTATIONS = {
    # page: (must appear in print, must not appear)
    "print-fixture": (["DETAILS-BODY", "the fixture law (https://www.gov.cn/fixture-law/)",
                       "itself: https://www.pbc.gov.cn/. An"],
                      ["规则与权利", "https://www.pbc.gov.cn/ (https", "home page (", "Copy button fixture"]),
    "plain-print": (["DETAILS-BODY", "the fixture law (https://www.gov.cn/fixture-law/)"],
                    ["HEADER-TEXT", "NAV-TEXT", "FOOTER-TEXT"]),
}


def test_printed_page_hides_chrome_opens_details_and_shows_outside_addresses(browser: Browser, bundle_http: Site, tmp_path: Path) -> None:
    page = browser.new_page()
    page.goto(bundle_http.url("print-fixture"))
    text = " ".join(pdf_info(print_pdf(page), tmp_path)[2])
    page.close()
    assert print_problems(re.sub(r"\s+", " ", text), *PRINT_EXPECTATIONS["print-fixture"]) == []


def test_print_check_reports_a_page_without_print_rules(browser: Browser, tmp_path: Path) -> None:
    page = browser.new_page()
    page.goto((BROKEN / "plain-print.html").as_uri())
    text = " ".join(pdf_info(print_pdf(page), tmp_path)[2])
    page.close()
    assert print_problems(re.sub(r"\s+", " ", text), *PRINT_EXPECTATIONS["plain-print"]) == [
        "missing: DETAILS-BODY", "missing: the fixture law (https://www.gov.cn/fixture-law/)",
        "printed: HEADER-TEXT", "printed: NAV-TEXT", "printed: FOOTER-TEXT"]


CHECKBOX_STYLE = """() => [...document.querySelectorAll(".task-list-indicator")].map(indicator => {
    const box = getComputedStyle(indicator, "::before");
    const problems = [];
    if (box.maskImage !== "none" && box.webkitMaskImage !== "none") problems.push("icon");
    if (box.borderTopStyle !== "solid") problems.push("no border");
    if (!/rgba\\(0, 0, 0, 0\\)|transparent/.test(box.backgroundColor)) problems.push("filled");
    return problems.join(",");
}).filter(Boolean)"""


@pytest.mark.parametrize("media, problems_found", [("print", False), ("screen", True)])
def test_checkboxes_print_as_empty_boxes(browser: Browser, bundle_http: Site, media: str, problems_found: bool) -> None:
    page = browser.new_page()
    page.goto(bundle_http.url("print-fixture"))
    tick(page, "FIXTURE-TICK first item")
    page.emulate_media(media=media)
    problems = page.evaluate(CHECKBOX_STYLE)
    assert page.locator(".task-list-indicator").count() == 2
    assert bool(problems) is problems_found, problems
    if media == "print":
        page.locator(".task-list").first.screenshot(path=artifact("checklist-print.png"))
    page.close()


def test_details_open_for_the_print_dialog_and_close_afterwards(browser: Browser, bundle_http: Site) -> None:
    # Material's script does this on the print events; print.css covers printing without them.
    page = browser.new_page()
    page.goto(bundle_http.url("print-fixture"))
    state = "document.querySelector('details').open"
    assert page.evaluate(state) is False
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert page.evaluate(state) is True
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert page.evaluate(state) is False
    page.close()


def test_log_sheet_prints_on_one_landscape_a4_page(browser: Browser, real_site: Site, tmp_path: Path) -> None:
    page = browser.new_page()
    page.goto(real_site.url("call-log"))
    assert printed_pages_of_each(page, ".print-sheet", tmp_path) == [1]
    page.close()
    page = browser.new_page()
    page.goto(real_site.url("call-log"))
    pdf = print_pdf(page)
    page.close()
    artifact("call-log-print.pdf").write_bytes(pdf)
    pages, sizes, texts = pdf_info(pdf, tmp_path)
    landscape = [index for index, (width, height) in enumerate(sizes) if width > height]
    assert len(landscape) == 1
    assert "录音文件名" in texts[landscape[0]].replace(" ", "")
    assert "保存这条记录" not in "".join(texts)  # the form's buttons are not printed
    pdf_page_png(artifact("call-log-print.pdf"), landscape[0] + 1, "call-log-sheet")


def test_the_log_script_loads_only_on_the_log_pages(built_site: Path) -> None:
    # Listed in the pages' front matter (scripts:), not in extra_javascript.
    loading = {path.relative_to(built_site).as_posix() for path in built_site.rglob("*.html")
               if "assets/call-log.js" in path.read_text(encoding="utf-8")}
    assert loading == {"call-log/index.html", "en/call-log/index.html"}


# --- the log's messages come from the pages ------------------------------------

def missing_messages(script: str, page: str) -> list[str]:
    """Messages call-log.js shows that a page does not define as data-msg-*."""
    used = sorted(set(re.findall(r'message\("([a-z-]+)"', script)))
    return [name for name in used if f' data-msg-{name}="' not in page]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_message_of_the_log_script_is_on_the_page(lang: str, built_site: Path) -> None:
    # The page's tool markup comes from overrides/partials/call-log.html and
    # data/call_log.yml (overrides/hooks/tools.py): read the built page.
    script = (ROOT / "docs" / "assets" / "call-log.js").read_text(encoding="utf-8")
    page = (built_site / ("" if lang == "zh" else "en") / "call-log" / "index.html").read_text(encoding="utf-8")
    assert len(re.findall(r'message\("', script)) >= 10
    assert missing_messages(script, page) == []


def test_message_check_reports_a_missing_message() -> None:
    script = 'say(message("saved")); say(message("cleared"));'
    assert missing_messages(script, '<div data-call-log data-msg-saved="Saved.">') == ["cleared"]
