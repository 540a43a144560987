"""Rule mirror-hosts: a page names no address but an official copy or an allowed site, and no http://.

Why: readers who cannot open github.io look for another copy, and a page
that says "镜像：guide-xx.cn" sends them there, whatever that copy says
about phone numbers or payments. Every host a page shows, as a link or as
plain text, must be an official copy of the guide (data/mirrors.yml) or an
official source (data/allowed_domains.yml), and no address may be http://,
which anyone on the way can read and change. The text is first normalised
to what a reader would type: full-width letters, a full stop 。 between
letters, invisible characters and case do not hide a host.
"""
from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlsplit

from markdown_pages import Page
from problems import Problem

NAME = "mirror-hosts"
INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u2060\ufeff]")
# 。 and ｡ are dots to a browser's address bar (IDNA) when between letters.
IDEOGRAPHIC_DOT = re.compile(r"(?<=[a-z0-9])[。｡](?=[a-z0-9])")
URL = re.compile(r"(?<![\w.+-])(?:(https?):)?//([^\s/?#)\]>\"'<`\\]+)")
# A host written out without a link, ending in a top-level domain readers meet.
BARE_HOST = re.compile(r"(?<![\w@.\-/])((?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+"
                       r"(?:cn|com|net|org|gov|edu|io|info|cc|co|me|top|xyz|vip|site|online|app|dev|hk|mo|tw))"
                       r"(?![\w-])")
HOST_ADVICE = ("a reader could take it for an official copy of this guide. Name only the copies in data/mirrors.yml "
               "and the sites in data/allowed_domains.yml; add one there in a pull request that cites a source · "
               "读者可能把它当成本指南的官方副本。"
               "只写 data/mirrors.yml 里的官方副本和 data/allowed_domains.yml 里的网站；"
               "新增须在拉取请求中附上来源")
HTTP_ADVICE = ("anyone on the way can read and change a page sent over http://: write https:// · "
               "http:// 的网页在传输途中可以被人读取和篡改：请写 https://")


def normalised(text: str) -> str:
    """The text as a reader would type it into an address bar."""
    text = INVISIBLE.sub("", unicodedata.normalize("NFKC", text)).lower()
    return IDEOGRAPHIC_DOT.sub(".", text)


def host_of(authority: str) -> str:
    """'user@Host.cn:443' → 'host.cn'."""
    return (urlsplit(f"//{authority}").hostname or "").rstrip(".")


def known_hosts(data: dict) -> set[str]:
    mirrors = data.get("mirrors") or {}
    urls = [(mirrors.get("primary") or {}).get("url", "")] + [m.get("url", "") for m in mirrors.get("mirrors") or []]
    listed = {urlsplit(str(url)).hostname or "" for url in urls}
    return (listed | set(data["domains"].get("allowed", []))) - {""}


def line_problems(text: str, allowed: set[str]) -> list[str]:
    messages = []
    text = normalised(text)
    hosts = []
    for scheme, authority in URL.findall(text):
        if scheme == "http":
            messages.append(f"'http://{authority}': {HTTP_ADVICE}")
        hosts.append(host_of(authority))
    hosts += BARE_HOST.findall(URL.sub(" ", text))
    for host in dict.fromkeys(hosts):
        if host and host not in allowed:
            messages.append(f"'{host}' is neither in data/mirrors.yml nor in data/allowed_domains.yml: {HOST_ADVICE}")
    return messages


def check(page: Page, data: dict) -> list[Problem]:
    allowed = known_hosts(data)
    return [Problem(page.label, number, message)
            for number, text in page.body() for message in line_problems(text, allowed)]
