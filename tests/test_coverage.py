"""Every section of the source article is covered by a page anchor, in
both languages, so restructuring never silently drops a topic."""
from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

# (source article section, page, anchor id on that page)
SOURCE_SECTIONS = [
    ("一、1 短信提醒", "stages", "sms"),
    ("一、2 电话", "stages", "calls"),
    ("一、3 上门", "stages", "visits"),
    ("一、4 法律途径", "stages", "legal"),
    ("二、1 核实信息的真实性", "messages", "verify"),
    ("二、2 与催收方直接沟通", "messages", "talk"),
    ("二、3 与平台客服联系", "messages", "customer-service"),
    ("二、4 制定还款计划", "messages", "plan"),
    ("二、5 维护合法权益", "messages", "rights"),
    ("三、1 确认身份", "home-visits", "identity"),
    ("三、2 友好沟通", "home-visits", "through-the-door"),
    ("三、3 避免冲突", "home-visits", "no-conflict"),
    ("三、4 寻求法律援助", "home-visits", "police"),
    ("四、1 合理规划预算", "prevention", "budget"),
    ("四、2 设置还款提醒", "prevention", "reminders"),
    ("四、3 主动沟通", "prevention", "talk-early"),
    ("四、4 学习金融知识", "prevention", "contract"),
    ("五、结语", "index", "first-steps"),
]


def anchors(site: Path, prefix: str, page: str) -> set[str]:
    path = site / prefix / ("index.html" if page == "index" else f"{page}/index.html")
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    return {tag["id"] for tag in soup.select("article [id]")}


@pytest.mark.parametrize("prefix", ["", "en"])
@pytest.mark.parametrize("section, page, anchor", SOURCE_SECTIONS)
def test_source_section_has_a_page_anchor(built_site: Path, prefix: str, section: str, page: str, anchor: str) -> None:
    assert anchor in anchors(built_site, prefix, page), f"{section}: #{anchor} missing on {prefix}/{page}"


def test_coverage_lookup_fails_for_a_missing_anchor(built_site: Path) -> None:
    assert "no-such-section" not in anchors(built_site, "", "stages")
