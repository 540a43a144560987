"""Rule page-scripts: a page may load only a script that mkdocs.yml allows.

Why: a page lists the scripts only it needs in its front matter
(``scripts: [assets/call-log.js]``) and overrides/main.html adds them to that
page. A pull request that adds a new file under docs/assets/ and names it in
a page's front matter would ship code that no reviewer of the theme sees, so
every such script must be in ``extra.page_scripts`` in mkdocs.yml (a file
CODEOWNERS protects). The template skips any other script too.
"""
from __future__ import annotations

from markdown_pages import Page
from problems import Problem

NAME = "page-scripts"
ADVICE = ("a page script must be listed in mkdocs.yml under extra.page_scripts, which maintainers review "
          "(CODEOWNERS) · 页面脚本必须列在 mkdocs.yml 的 extra.page_scripts 里，并经维护者审核")


def allowed_scripts(data: dict) -> set[str]:
    return set(((data.get("site") or {}).get("extra") or {}).get("page_scripts") or [])


def check(page: Page, data: dict) -> list[Problem]:
    scripts = page.meta.get("scripts") if isinstance(page.meta, dict) else None
    if scripts is None:
        return []
    line = next((number for number, text in enumerate(page.lines, start=1) if text.startswith("scripts:")), 1)
    if not isinstance(scripts, list) or not all(isinstance(script, str) for script in scripts):
        return [Problem(page.label, line, f"scripts: must be a list of paths like assets/call-log.js: {ADVICE}")]
    allowed = allowed_scripts(data)
    return [Problem(page.label, line, f"script '{script}' is not allowed: {ADVICE}")
            for script in scripts if script not in allowed]
