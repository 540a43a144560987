"""What a reader sees (scripts/reader_view.py) and how a browser reads a URL
(scripts/urls.py): the normalisation every number, account and link check
relies on. Each disguise a hostile pull request used must still be read as
the number or host it is, and the guide's own legitimate text (articles,
dates, document numbers, standards, phone placeholders) must stay clean."""
from __future__ import annotations

import pytest

from reader_view import long_numbers, luhn, markdown_view, phone_numbers, text_view
from urls import allowed_hosts, link_problem, markdown_urls, parse
from reader_view import View, visible

# (written on a page, the digits a reader would dial)
DISGUISED_NUMBERS = [
    ("请拨打 400 888 6262 投诉", "4008886262"),
    ("400.888.6262", "4008886262"),
    ("+86 400-888-6262", "864008886262"),
    ("0086 400 888 6262", "00864008886262"),
    ("**400** 888 **6262**", "4008886262"),
    ("40*0*-8**8**8-62_6_2", "4008886262"),
    ("400 888\n6262", "4008886262"),
    ("四零零八八八六二六二", "4008886262"),
    ("肆零零捌捌捌陆贰陆贰", "4008886262"),
    ("幺三八零零幺三八零零零", "13800138000"),
    ("４００８８８６２６２", "4008886262"),
    ("400&#8203;888&#x36;262", "4008886262"),
    ("400\u00ad888\u200b62\u202e62", "4008886262"),
    ("40<!-- x -->0888 6262", "4008886262"),
    ("4OO-888-6262", "4008886262"),
    ("four zero zero, eight eight eight, six two six two", "4008886262"),
    ("call 400 888 6262 24 hours a day", "4008886262"),
    ("客服 (021) 6888-1234", "02168881234"),
    ("138-0013-8000", "13800138000"),
    ("+852 2345 6789", "85223456789"),
    ("热线电话：8888 6262", "88886262"),
    ("[客服](index.md \"致电 95588\")", "95588"),
    ("![扫码 13912345678](a.png)", "13912345678"),
    ("<span title=\"客服 96888\">帮助</span>", "96888"),
]


@pytest.mark.parametrize("text, digits", DISGUISED_NUMBERS, ids=[t[:24] for t, _ in DISGUISED_NUMBERS])
def test_a_disguised_number_is_read_as_the_number_it_is(text: str, digits: str) -> None:
    assert [number.digits for number in phone_numbers(markdown_view(text))] == [digits]


# The guide's own text: nothing here is a number to dial.
LEGITIMATE = [
    "《中华人民共和国民法典》第 1033 条",
    "Civil Code, Art. 1033; Arts. 1032-1039",
    "第 110 条",
    "2023 年 5 月 18 日起施行",
    "18 May 2023",
    "2026-11-29",
    "《小额贷款公司监督管理暂行办法》（金规〔2024〕26号）",
    "GB/T 45251—2025《互联网金融 个人网络消费信贷 贷后催收风控指引》",
    "JR/T 0171—2020",
    "拨打 {{ phone.police }} 或 {{ phone.nfra }}",
    "逾期 90 天以上；年利率 24%；36,000 元；10000 元",
    "每天 8:00-22:00",
    "Arts. 188, 189, 192 and 193",
    "Art. 293-1",
    "version 1.2.3",
    "rec-20261121-2005.m4a",
    "一一核对，三五天内",
    "二〇二三年",
    "第 10 至 13 条",
]


@pytest.mark.parametrize("text", LEGITIMATE)
def test_the_guides_own_text_holds_no_phone_number(text: str) -> None:
    assert phone_numbers(markdown_view(text)) == []


def test_a_line_break_joins_a_number_but_a_blank_line_does_not() -> None:
    assert [n.digits for n in phone_numbers(markdown_view("400 888\n6262"))] == ["4008886262"]
    assert phone_numbers(markdown_view("400 888\n\n6262")) == []


def test_a_view_reports_the_source_line_of_a_number() -> None:
    view = markdown_view("---\ntitle: x\n---\n\n正文\n客服 **400**\n888 6262\n")
    [number] = phone_numbers(view)
    assert view.line(number.start) == 6


@pytest.mark.parametrize("digits, valid", [("4111111111111111", True), ("4111111111111112", False),
                                           ("6222021234567890", False), ("79927398713", True)])
def test_luhn(digits: str, valid: bool) -> None:
    assert luhn(digits) is valid


def test_long_numbers_join_dots_and_emphasis() -> None:
    assert [n.digits for n in long_numbers(text_view("卡号 6222.0212.**3456**.7890"))] == ["6222021234567890"]


# (URL as written, host a browser goes to, scheme)
URLS = [
    ("HTTPS://Pay-DXM.example/login", "pay-dxm.example", "https"),
    ("//pay-dxm.example/x", "pay-dxm.example", ""),
    ("///pay-dxm.example/x", "pay-dxm.example", ""),
    ("https:\\\\pay-dxm.example\\x", "pay-dxm.example", "https"),
    ("https://www.gov.cn@pay-dxm.example/", "pay-dxm.example", "https"),
    ("https://pay-dxm.example:8443/", "pay-dxm.example", "https"),
    ("https://www.gov.cn./", "www.gov.cn", "https"),
    ("https://www.gоv.cn/", "www.xn--gv-fmc.cn", "https"),
    ("https://度小满.中国/", "xn--yet13dg0w.xn--fiqs8s", "https"),
    ("ht\ttps://pay-dxm.example/", "pay-dxm.example", "https"),
    ("https:pay-dxm.example", "pay-dxm.example", "https"),
]


@pytest.mark.parametrize("written, host, scheme", URLS, ids=[u for u, _, _ in URLS])
def test_a_url_is_read_the_way_a_browser_reads_it(written: str, host: str, scheme: str) -> None:
    url = parse(written)
    assert (url.host, url.scheme, url.has_authority) == (host, scheme, True)


ALLOWED = allowed_hosts({"allowed": [{"domain": "www.gov.cn"}]})


@pytest.mark.parametrize("written, words", [
    ("https://www.gov.cn/zhengce/", ""),
    ("HTTPS://WWW.GOV.CN/", ""),
    ("stages.md#verify", ""),
    ("#next", ""),
    ("http://www.gov.cn/", "uses http://"),
    ("//www.gov.cn/", "has no scheme"),
    ("https://www.gov.cn:8080/", "names a port"),
    ("https://user@www.gov.cn/", "has a name before '@'"),
    ("https://www.gov.cn@pay-dxm.example/", "link to 'pay-dxm.example' is not in"),
    ("javascript:alert(1)", "is a javascript: link"),
    ("JaVaScRiPt:alert(1)", "is a javascript: link"),
    ("java\tscript:alert(1)", "is a javascript: link"),
    ("vbscript:x", "is a vbscript: link"),
    ("data:image/png;base64,AAAA", "is a data: link"),
    ("foo://details?id=x", "uses foo://"),
    ("intranet:thing", "unknown scheme"),
    ("mailto:help@pay-dxm.example", "e-mail address at 'pay-dxm.example'"),
])
def test_link_judgement(written: str, words: str) -> None:
    message = link_problem(parse(written), ALLOWED)
    assert (words in message) if words else message == ""


def test_bare_addresses_in_text_are_found_in_any_spelling() -> None:
    view = visible(View.of("登录 pay-dxm.com 或 pay-dxm。cn 或 pay-dxm[.]top 或 pay-dxm 点 vip；官网 www.gov.cn。"))
    hosts = [found.url.host for found in sorted(markdown_urls(view), key=lambda found: found.at)]
    assert hosts == ["pay-dxm.com", "pay-dxm.cn", "pay-dxm.top", "pay-dxm.vip", "www.gov.cn"]


@pytest.mark.parametrize("text", ["度小满 App 里核对。App 会提示", "e.g. this", "call-log.js", "mkdocs.yml",
                                  "index.md", "guide-zh.pdf", "U.S. law", "Art. 1033"])
def test_file_names_and_abbreviations_are_not_addresses(text: str) -> None:
    assert list(markdown_urls(visible(View.of(text)))) == []
