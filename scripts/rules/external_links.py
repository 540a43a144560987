"""Rule external-links: outside links go only to official sites.

Why: a link is a recommendation. A reader sent to an advertiser, a "debt
optimisation" agency or a look-alike site can lose money or data, so every
outside domain must be listed, with a reason, in data/allowed_domains.yml.
"""
from __future__ import annotations

import re

from markdown_pages import Page
from problems import Problem

NAME = "external-links"
DOMAIN_ADVICE = ("link only to official sites; to add one, put it in data/allowed_domains.yml in a pull request "
                 "that cites a source showing the site is official · "
                 "只链接官方网站；新增网站须在 data/allowed_domains.yml 中加入，并在拉取请求中附上证明其为官方网站的来源")


def check(page: Page, data: dict) -> list[Problem]:
    allowed = set(data["domains"].get("allowed", []))
    problems = []
    for number, text in page.body():
        for url in re.findall(r"https?://[^\s)>\]\"']+", text):
            host = re.sub(r"^https?://", "", url).split("/")[0].split(":")[0].lower()
            if host not in allowed:
                problems.append(Problem(page.label, number,
                                        f"link to '{host}' is not in data/allowed_domains.yml: {DOMAIN_ADVICE}"))
    return problems
