"""Rule unsafe-html: no script, form, frame or event handler in a page source.

Why: a page is prose. Raw HTML that runs code (<script>, an on* attribute
such as onclick or onerror), posts what a reader types to someone else
(<form>, form controls), or shows another site inside the guide (<iframe>,
<object>, <embed>) turns a trusted page into a trap, and is easy to hide in
a long pull request. Inline <svg> and <canvas> can draw a QR code no reviewer reads; images
are files listed in data/images.yml. Markdown's attr_list can do the same to an ordinary
link (``[官方](page.md){ onclick=... }`` or ``{ href=https://evil.example }``).
The reader tools that need markup (the call log) render it from reviewed
templates in overrides/, never from a page. Code blocks are shown as text
and are not checked here.
"""
from __future__ import annotations

import re

from markdown_pages import Page
from problems import Problem
from reader_view import ATTRIBUTE, COMMENT, TAG, View, unquote

NAME = "unsafe-html"
FORBIDDEN_TAGS = {"script", "noscript", "form", "input", "textarea", "select", "button", "iframe", "frame",
                  "frameset", "object", "embed", "applet", "base", "meta", "link", "style", "portal", "template",
                  "fencedframe", "isindex", "keygen", "svg", "canvas", "math", "video", "audio", "source", "track"}
# Attributes an attr_list may set: look and language, never behaviour or targets.
ATTR_LIST_ALLOWED = re.compile(r"^(?:lang|title|width|height|align|markdown|target|rel|scope|colspan|rowspan|"
                               r"data-[a-z0-9-]+|aria-[a-z]+)$")
ATTR_LIST = re.compile(r"\{:?([^{}\n]*=[^{}\n]*)\}")
HANDLER = re.compile(r"(?:^|[\s/\"'])(on[a-z]+)\s*=", re.I)
DANGEROUS_STYLE = re.compile(r"url\s*\(|expression\s*\(|javascript:|behavior\s*:|-moz-binding|@import", re.I)
ADVICE = ("pages hold prose and Markdown only; a reader tool's markup lives in a reviewed template in overrides/ "
          "(see overrides/partials/call-log.html) · 页面只写文字和 Markdown；工具的 HTML 放在经审核的 overrides/ 模板里")


def outside_code(page: Page) -> str:
    """The page with fenced code blocks blanked (line numbers kept)."""
    keep = {number for number, _ in page.body()} | set(range(1, page.body_start + 1))
    return "\n".join(text if number in keep else "" for number, text in enumerate(page.lines, start=1))


def attribute_problems(markup: str) -> list[str]:
    found = []
    for name in HANDLER.findall(markup):
        found.append(f"event handler attribute '{name}' runs code · 禁止 {name} 等事件属性")
    for name, value in ATTRIBUTE.findall(markup):
        lowered = name.lower()
        if lowered in ("srcdoc", "formaction", "http-equiv"):
            found.append(f"attribute '{name}' is not allowed in a page · 页面中不能使用 {name} 属性")
        elif lowered == "style" and DANGEROUS_STYLE.search(unquote(value)):
            found.append("a style attribute that loads or runs something · 禁止会加载内容或运行代码的 style 属性")
    return found


def check(page: Page, data: dict) -> list[Problem]:
    view = View.of(outside_code(page)).sub(COMMENT, "")
    problems = []
    for match in TAG.finditer(view.text):
        tag = match.group(0)
        name = re.match(r"</?([A-Za-z][\w:-]*)", tag).group(1).lower()
        line = view.line(match.start())
        if name in FORBIDDEN_TAGS and not tag.startswith("</"):
            problems.append(Problem(page.label, line, f"<{name}> in a page source: {ADVICE}"))
        for message in attribute_problems(tag):
            problems.append(Problem(page.label, line, f"<{name}>: {message}: {ADVICE}"))
    for match in ATTR_LIST.finditer(view.text):
        line = view.line(match.start())
        for name, _ in ATTRIBUTE.findall(match.group(1)):
            if not ATTR_LIST_ALLOWED.match(name.lower()):
                problems.append(Problem(page.label, line,
                                        f"attr_list sets '{name}': an attr_list may set classes, ids, lang, title and "
                                        f"data-* only, never a link target or a handler · attr_list 只能设置 class、id、"
                                        f"lang、title 和 data-*，不能设置 {name}: {ADVICE}"))
    return problems
