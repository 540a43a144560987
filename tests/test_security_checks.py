"""The checks that keep a scam number, account, link, image or script out of
the guide pass on the real project and fail on their fixtures:
- data files: review fields, and no number, account or link hidden in them
  (scripts/check_data.py; the build stops on the same messages);
- images: listed with a source, and no QR code (scripts/check_images.py);
- our JavaScript: no address, no network API outside data/script_apis.yml
  (scripts/check_scripts.py);
- the built HTML read like the sources, every outside host in site/, the
  Content-Security-Policy on every page (scripts/check_site.py);
- published URLs only grow, and a reviewer sees every data change
  (scripts/published_urls_grow.py, scripts/data_diff.py, in temporary git
  repositories);
- CODEOWNERS and Dependabot cover what they must.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

import check_data
import check_images
import check_scripts
import check_site as cs
import data_diff
import published_urls_grow
import qr_code
from conftest import FIXTURES, ROOT, run_mkdocs_build

DATA = cs.load_data(ROOT / "data")


def messages(problems: list) -> str:
    return "\n".join(map(str, problems)) or "no problems"


# --- the guide's own legitimate text stays clean ------------------------------------

def test_legitimate_fixture_pages_pass_every_safety_rule() -> None:
    import check_sources
    from markdown_pages import load_pages
    from rules import external_links, page_scripts, payment_accounts, phone_numbers, unsafe_html
    pages = load_pages(FIXTURES / "clean")
    assert len(pages) == 2
    problems = [p for rule in (phone_numbers, payment_accounts, external_links, unsafe_html, page_scripts)
                for p in check_sources.run_rule(rule, pages, DATA)]
    assert problems == [], messages(problems)


# --- data files ----------------------------------------------------------------

def test_the_real_data_files_pass() -> None:
    problems = check_data.run_checks(ROOT / "data")
    assert problems == [], messages(problems)


UNREVIEWED = FIXTURES / "data" / "unreviewed"
# (file, line, words) the fixture must produce
DATA_PROBLEMS = [
    ("contacts.yml", 8, "contact 'nfra' lacks source"),
    ("contacts.yml", 18, "contact 'helper': reviewed date 2099-01-01 is in the future"),
    ("contacts.yml", 17, "contact 'helper': confidence must be one of high, medium, low, unverified"),
    ("allowed_domains.yml", 3, "domain 'pay-dxm.example' must be a mapping with domain, why, source, reviewed, confidence"),
    ("allowed_domains.yml", 4, "domain 'www.gov.cn' lacks confidence"),
    ("payment_accounts.yml", 3, "account '6222 0212 3456 7890 123' lacks source, reviewed, confidence"),
    ("call_log.yml", 3, "'4008886262' looks like a phone number (a 400/800 number) that is not in data/contacts.yml"),
    ("call_log.yml", 3, "'helper_2024' looks like a WeChat account"),
    ("call_log.yml", 3, "link to 'pay-dxm.com' is not in data/allowed_domains.yml"),
]


@pytest.fixture(scope="module")
def unreviewed_problems() -> list:
    return check_data.run_checks(UNREVIEWED)


@pytest.mark.parametrize("file, line, words", DATA_PROBLEMS, ids=[w[:40] for _, _, w in DATA_PROBLEMS])
def test_unreviewed_data_fails_naming_file_and_line(unreviewed_problems: list, file: str, line: int, words: str) -> None:
    label = f"tests/fixtures/data/unreviewed/{file}"
    assert any(p.path == label and p.line == line and words in p.message for p in unreviewed_problems), \
        messages(unreviewed_problems)


def test_a_domain_without_source_stops_the_build(project_copy, tmp_path: Path) -> None:
    project = project_copy()
    domains = project / "data" / "allowed_domains.yml"
    domains.write_text(domains.read_text(encoding="utf-8") + "  - domain: pay-dxm.example\n    why: official\n",
                       encoding="utf-8")
    result = run_mkdocs_build(project, tmp_path / "out")
    assert result.returncode != 0
    assert "data/allowed_domains.yml:" in result.stderr
    assert "domain 'pay-dxm.example' lacks source, reviewed, confidence" in result.stderr, result.stderr[-2000:]


# --- images ------------------------------------------------------------------------

def test_the_real_images_pass() -> None:
    problems = check_images.source_problems(ROOT / "docs", ROOT / "data")
    assert problems == [], messages(problems)


IMAGE_FIXTURE = FIXTURES / "images"


@pytest.mark.parametrize("words", [
    "image 'assets/images/pay-here.png' is not in data/images.yml",
    "image 'assets/images/pay-here.png' holds a QR code or barcode ('HTTPS://PAY.EXAMPLE/DXM')",
    "image 'assets/images/scan-me.svg' holds a QR code or barcode ('HTTPS://PAY.EXAMPLE/DXM')",
    "lists 'assets/images/gone.png', which is not under docs/",
])
def test_image_check_fails_on_its_fixture(words: str) -> None:
    problems = check_images.source_problems(IMAGE_FIXTURE / "docs", IMAGE_FIXTURE / "data")
    assert any(words in p.message for p in problems), messages(problems)


@pytest.mark.parametrize("image, suffix", [
    (qr_code.png(), ".png"),
    (qr_code.png(dark="white", light="#203040"), ".png"),  # light on dark
    (qr_code.svg().encode(), ".svg"),
])
def test_a_qr_code_is_read_in_every_form(image: bytes, suffix: str) -> None:
    assert check_images.barcodes(image, suffix) == [qr_code.TEXT]


def test_an_ordinary_picture_holds_no_code() -> None:
    from io import BytesIO

    from PIL import Image, ImageDraw
    picture = Image.new("RGB", (200, 120), "white")
    ImageDraw.Draw(picture).ellipse([20, 20, 180, 100], fill="teal")
    data = BytesIO()
    picture.save(data, format="PNG")
    assert check_images.barcodes(data.getvalue()) == []


# --- our JavaScript ----------------------------------------------------------------

def test_our_scripts_pass_the_scan() -> None:
    paths = check_scripts.default_sources()
    assert any(p.name == "call-log.js" for p in paths) and any(p.name == "main.html" for p in paths)
    problems = check_scripts.run(paths, check_scripts.allowed_uses(ROOT / "data" / "script_apis.yml"))
    assert problems == [], messages(problems)


LEAKY = FIXTURES / "scripts" / "leaky.js"
# (line, words): each way the fixture sends the log away is named
SCRIPT_PROBLEMS = [
    (5, "uses automation check"), (6, "uses fetch"), (7, "uses sendBeacon"), (8, "uses new Image"),
    (8, "uses .src ="), (9, "absolute URL 'https:'"), (10, "uses computed global"),
    (11, "a string spells letters as escapes"), (12, "uses WebSocket"), (12, "absolute URL 'wss://pay-dxm.example/s'"),
    (13, "uses XMLHttpRequest"), (14, "uses import()"), (15, "uses location change"),
    (16, 'uses createElement("iframe")'), (17, "uses setAttribute(url)"), (18, "uses eval"),
    (19, "uses string timer"), (20, "uses atob"), (21, "absolute URL 'https://pay-dxm.example/docs' in a comment"),
]


@pytest.fixture(scope="module")
def leaky_problems() -> list:
    return check_scripts.run([LEAKY, FIXTURES / "scripts" / "leaky-template.html"], {})


@pytest.mark.parametrize("line, words", SCRIPT_PROBLEMS, ids=[w for _, w in SCRIPT_PROBLEMS])
def test_script_scan_names_each_leak(leaky_problems: list, line: int, words: str) -> None:
    assert any(p.path == "tests/fixtures/scripts/leaky.js" and p.line == line and words in p.message
               for p in leaky_problems), messages(leaky_problems)


def test_script_scan_reads_inline_scripts_in_templates(leaky_problems: list) -> None:
    found = [p.message for p in leaky_problems if p.path.endswith("leaky-template.html") and p.line == 6]
    assert any("uses EventSource" in m for m in found) and any("'//pay-dxm.example" in m for m in found), found


def test_a_listed_use_is_allowed_only_as_often_as_listed() -> None:
    allowed = {("tests/fixtures/scripts/leaky.js", "fetch"): 1, ("tests/fixtures/scripts/leaky.js", ".src ="): 0}
    problems = check_scripts.run([LEAKY], allowed)
    assert not any("uses fetch" in p.message for p in problems)
    assert any("uses .src =" in p.message for p in problems)


# --- the built site -------------------------------------------------------------------

SITE_FIXTURE = FIXTURES / "site"
# (fixture page, line, words)
HTML_PROBLEMS = [
    ("hidden-number.html", 4, "phone-like number 4008886262 is not in data/contacts.yml (a 400/800 number)"),
    ("hidden-number.html", 6, "phone-like number 13800138000 is not in data/contacts.yml"),
    ("hidden-number.html", 7, "phone-like number 021-6888 1234 is not in data/contacts.yml (a landline number)"),
    ("hidden-number.html", 8, "'6222 0212 3456 7890 123' looks like a bank card number"),
    ("unsafe-markup.html", 10, "<a onclick=…>: event-handler attributes run code"),
    ("unsafe-markup.html", 11, "<a href='javascript:alert(1)'>: a javascript: URL runs code"),
    ("unsafe-markup.html", 12, "'sms:10690000' is a sms: link"),
    ("unsafe-markup.html", 12, "'alipays://platformapi/startapp' is a payment or app link"),
    ("unsafe-markup.html", 13, "link to 'pay-dxm.example' is not in data/allowed_domains.yml"),
    ("unsafe-markup.html", 14, "<iframe>: the site shows no frames"),
    ("unsafe-markup.html", 15, "<form> that submits somewhere"),
]


@pytest.mark.parametrize("page, line, words", HTML_PROBLEMS, ids=[f"{p}-{w[:30]}" for p, _, w in HTML_PROBLEMS])
def test_site_check_reads_built_pages_like_sources(page: str, line: int, words: str) -> None:
    problems = cs.check_html_file(SITE_FIXTURE / page, SITE_FIXTURE, DATA)
    assert any(p.line == line and words in p.message for p in problems), messages(problems)


def test_no_outside_host_anywhere_in_the_built_site(built_site: Path) -> None:
    text = "\n".join(path.read_text(encoding="utf-8", errors="replace") for path in built_site.rglob("*")
                     if path.is_file() and path.suffix in (".js", ".css", ".json", ".xml"))
    for host in ("unpkg.com", "api.github.com", "bit.ly", "jsdelivr", "googleapis"):
        assert host not in text, host
    assert not list(built_site.rglob("*.map"))
    assert (built_site / "assets" / "javascripts" / "resize-observer-polyfill.js").is_file()
    problems = cs.check_assets(built_site, DATA) + cs.check_policy(built_site, DATA)
    assert problems == [], messages(problems)


def test_every_built_page_carries_the_policy_first_in_head(built_site: Path) -> None:
    pages = cs.html_pages(built_site)
    assert len(pages) > 30
    for path in pages:
        html = path.read_text(encoding="utf-8")
        meta = html.find('<meta http-equiv="Content-Security-Policy"')
        assert 0 <= meta < html.find("<script"), path


def test_the_dormant_loader_exception_is_gone() -> None:
    domains = yaml.safe_load((ROOT / "data" / "allowed_domains.yml").read_text(encoding="utf-8"))
    assert set(domains) == {"allowed"}


# --- published URLs only grow, and reviewers see data changes ------------------------------

def git(repo: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid"}
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True, env=env).stdout


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    """A git repository with a main branch holding the project's data and
    mkdocs.yml, and a work branch checked out."""
    repo = tmp_path / "repo"
    (repo / "data").mkdir(parents=True)
    for name in ("published_urls.txt", "contacts.yml", "allowed_domains.yml", "payment_accounts.yml", "images.yml"):
        (repo / "data" / name).write_text((ROOT / "data" / name).read_text(encoding="utf-8"), encoding="utf-8")
    (repo / "mkdocs.yml").write_text((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), encoding="utf-8")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "base")
    git(repo, "checkout", "-qb", "work")
    return repo


def drop_line(path: Path, line: str) -> None:
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(text for text in lines if text.strip() != line), encoding="utf-8")


def test_a_removed_published_url_without_redirect_fails(repository: Path) -> None:
    listed = repository / "data" / "published_urls.txt"
    number = listed.read_text(encoding="utf-8").splitlines().index("en/home-visits/") + 1
    drop_line(listed, "en/home-visits/")
    git(repository, "commit", "-qam", "remove a page")
    problems = published_urls_grow.removed_without_redirect(repository, "main")
    assert [(p.path, p.line) for p in problems] == [("data/published_urls.txt", number)]
    assert "published URL /en/home-visits/ was removed" in problems[0].message
    assert "'home-visits.md': 'new-page.md'" in problems[0].message


def test_a_removed_published_url_with_a_redirect_passes(repository: Path) -> None:
    drop_line(repository / "data" / "published_urls.txt", "home-visits/")
    drop_line(repository / "data" / "published_urls.txt", "en/home-visits/")
    config = repository / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "redirect_maps: {}", "redirect_maps:\n        home-visits.md: stages.md"), encoding="utf-8")
    assert published_urls_grow.removed_without_redirect(repository, "main") == []


def test_published_check_needs_a_base_it_can_find(repository: Path) -> None:
    with pytest.raises(LookupError):
        published_urls_grow.removed_without_redirect(repository, "no-such-branch")


def test_a_changed_number_with_its_old_review_date_fails_and_is_shown(repository: Path) -> None:
    contacts = repository / "data" / "contacts.yml"
    contacts.write_text(contacts.read_text(encoding="utf-8").replace('number: "12378"', 'number: "12379"'),
                        encoding="utf-8")
    text, problems = data_diff.report(repository, "main")
    assert "contact 'nfra': number '12378' → '12379'" in text
    assert '-  number: "12378"' in text and '+  number: "12379"' in text
    assert [p.message.split(" but ")[0] for p in problems] == ["contact 'nfra' changed (number)"]
    contacts.write_text(contacts.read_text(encoding="utf-8").replace(
        'number: "12379"', 'number: "12379"\n  # reviewed again').replace(
        "confidence: medium\n  reviewed: 2026-11-29", "confidence: medium\n  reviewed: 2026-11-30", 1),
        encoding="utf-8")
    assert data_diff.report(repository, "main")[1] == []


def test_a_new_domain_is_shown_to_the_reviewer(repository: Path) -> None:
    domains = repository / "data" / "allowed_domains.yml"
    domains.write_text(domains.read_text(encoding="utf-8") + "  - domain: pay-dxm.example\n", encoding="utf-8")
    text, _ = data_diff.report(repository, "main")
    assert "=== data/allowed_domains.yml changed" in text and "domain 'pay-dxm.example': ADDED" in text


def test_a_changed_check_is_named_for_the_reviewer(repository: Path) -> None:
    (repository / "scripts").mkdir()
    (repository / "scripts" / "check_site.py").write_text("print('ok')\n", encoding="utf-8")
    git(repository, "add", ".")
    text, _ = data_diff.report(repository, "main")
    assert "=== checks, tests and build files changed" in text and "scripts/check_site.py" in text


def test_ci_runs_the_growth_check_and_the_data_diff() -> None:
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "ci.yml").read_text(encoding="utf-8"))
    runs = "\n".join(step.get("run", "") for job in workflow["jobs"].values() for step in job["steps"])
    assert "scripts/published_urls_grow.py" in runs and "scripts/data_diff.py" in runs


# --- who must approve -----------------------------------------------------------------

def test_codeowners_cover_what_a_machine_cannot_judge() -> None:
    owned = {line.split()[0] for line in (ROOT / ".github" / "CODEOWNERS").read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")}
    assert {"/data/", "/scripts/", "/tests/", "/overrides/", "/.github/", "/mkdocs.yml", "/docs/assets/"} <= owned
    contributing = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert "CODEOWNERS" in contributing and 'id="review"' in contributing


def test_dependabot_keeps_actions_pip_and_npm_current_and_passes_zizmor() -> None:
    config = yaml.safe_load((ROOT / ".github" / "dependabot.yml").read_text(encoding="utf-8"))
    assert {update["package-ecosystem"] for update in config["updates"]} == {"github-actions", "pip", "npm"}
    import check_workflows
    result = subprocess.run([str(check_workflows.ZIZMOR), "--offline", "--format", "json",
                             str(ROOT / ".github" / "dependabot.yml")], capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout.strip() == "[]", result.stdout + result.stderr


@pytest.mark.parametrize("tool", ["check_data.py", "check_images.py", "check_scripts.py"])
def test_each_checker_exits_non_zero_on_its_fixture(tool: str) -> None:
    arguments = {"check_data.py": ["--data", str(UNREVIEWED)],
                 "check_images.py": ["--docs", str(IMAGE_FIXTURE / "docs"), "--data", str(IMAGE_FIXTURE / "data")],
                 "check_scripts.py": [str(LEAKY)]}[tool]
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / tool), *arguments], capture_output=True, text=True)
    assert result.returncode == 1 and result.stdout.strip(), result.stderr
