"""Rule external-links: outside links go only to official sites, over https.

Why: a link is a recommendation. A reader sent to an advertiser, a "debt
optimisation" agency or a look-alike site can lose money or data, so every
outside domain must be listed, with its source, in data/allowed_domains.yml
(or be an official copy of the guide in data/mirrors.yml).
Every URL in the page is parsed the way a browser parses it (scripts/urls.py)
before its host is matched: Markdown links, images and references,
autolinks, raw HTML and attr_list attributes, CSS, and addresses written
as plain text (www.example.com, pay-dxm.cn, pay-dxm。cn). Refused: an
unlisted host (in any letter case, behind userinfo or a port, written with
backslashes, protocol-relative, or as a look-alike IDN), http:// to a listed
host, and javascript:, vbscript:, data: and other code-carrying schemes.
Phone links belong to phone-numbers, payment links to payment-accounts.
"""
from __future__ import annotations

from markdown_pages import Page
from problems import Problem
from reader_view import View, visible
from urls import DOMAIN_ADVICE, allowed_hosts, link_problem, markdown_urls, official_copy_hosts  # noqa: F401  (DOMAIN_ADVICE: tests)

NAME = "external-links"


def check(page: Page, data: dict) -> list[Problem]:
    allowed = allowed_hosts(data["domains"]) | official_copy_hosts(data.get("mirrors") or {})
    view = visible(View.of(page.text))
    problems = []
    for found in markdown_urls(view):
        message = link_problem(found.url, allowed)
        if message:
            problems.append(Problem(page.label, view.line(found.at), f"{found.where}: {message}"))
    return problems
